// The first layer fits (issue 15): on the demo shop (5 purposes), at 1280×800 and 390×844, in light and dark,
// in English and French, and for each layout, the banner covers at most 35 % of the viewport; every purpose
// title is visible without scrolling and comes before the buttons; a title opens to its explanation in one
// activation; the three choices and "Continue without accepting" are in view. Prints the measured heights.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { DEMO, DIST, openPage } from './harness.mjs';

const opts = { timeout: 30_000 };
const DEMO_CONFIG = JSON.parse(readFileSync(join(DEMO, 'consent.json'), 'utf8'));
const SIZES = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } };
const LAYOUTS = [{ layout: 'bar' }, { layout: 'bar', position: 'top' }, { layout: 'box' }, { layout: 'modal' }];
const NAMES = {
  en: ['Accept all', 'Reject all', 'Customize', 'Continue without accepting'],
  fr: ['Tout accepter', 'Tout refuser', 'Personnaliser', 'Continuer sans accepter'],
};

/** Open the demo shop with the demo config changed by `extra`, at `viewport`, and wait for the banner. */
export async function openDemo(t, { viewport, colorScheme = 'light', lang = 'en', extra = {} }) {
  const opened = await openPage(t, { viewport, colorScheme, root: 'demo' });
  await opened.page.route('**/consent.json', (route) => route.fulfill({ json: { ...DEMO_CONFIG, ...extra } }));
  await opened.go(lang === 'fr' ? '/' : '/en.html');
  await opened.page.waitForFunction(() => {
    const b = document.getElementById('candor')?.shadowRoot?.querySelector('.banner');
    return b && b.getBoundingClientRect().height > 0;
  });
  return opened;
}

/** What a visitor sees of the first layer, measured in the page. */
export function measure(page, names) {
  return page.evaluate((names) => {
    const root = document.getElementById('candor').shadowRoot;
    const banner = root.querySelector('.banner');
    const info = banner.querySelector('.info');
    const box = banner.getBoundingClientRect();
    const clip = info.getBoundingClientRect();
    /** Fully inside the viewport and the text's visible part, and on top where it is. */
    const seen = (el, within) => {
      const r = el.getBoundingClientRect();
      const inside =
        r.width > 0 &&
        r.top >= Math.max(0, within.top) - 0.5 &&
        r.bottom <= Math.min(innerHeight, within.bottom) + 0.5 &&
        r.left >= 0 &&
        r.right <= innerWidth + 0.5;
      // A link that wraps: aim at its first line.
      const first = el.getClientRects()[0] || r;
      const hit = inside && root.elementFromPoint(first.left + Math.min(8, first.width / 2), first.top + first.height / 2);
      return inside && !!hit && (hit === el || el.contains(hit));
    };
    const buttons = [...banner.querySelectorAll('button')];
    const accept = buttons.find((b) => b.textContent.trim() === names[0]);
    const titles = [...banner.querySelectorAll('.brief button')].map((s) => ({
      title: s.textContent.trim(),
      visible: seen(s, clip),
      beforeButtons: !!(s.compareDocumentPosition(accept) & Node.DOCUMENT_POSITION_FOLLOWING),
    }));
    return {
      height: Math.round(box.height),
      share: box.height / innerHeight,
      scrolls: info.scrollHeight > info.clientHeight + 1,
      cue: banner.hasAttribute('data-more') && getComputedStyle(banner.querySelector('.cue')).display !== 'none',
      titles,
      buttons: Object.fromEntries(
        names.map((n) => {
          const b = buttons.find((x) => x.textContent.trim() === n);
          return [n, !!b && seen(b, { top: 0, bottom: innerHeight })];
        }),
      ),
      policy: !!banner.querySelector('.info a[href]') && seen(banner.querySelector('.info a[href]'), clip),
    };
  }, names);
}

const heights = [];

/**
 * What every measured first layer must give (demo shop, 5 purposes): at most 35 % of the viewport's height, every
 * purpose title visible and before the buttons, every button in view, and a cue exactly when the text scrolls.
 * Records the height under `label`; returns the measure.
 */
function fits(m, label, viewportHeight) {
  heights.push(`${label}: ${m.height} px (${Math.round(m.share * 100)} %)`);
  assert.ok(m.share <= 0.35, `banner ${m.height} px = ${Math.round(m.share * 100)} % of ${viewportHeight} px`);
  assert.equal(m.titles.length, 5, 'every purpose has a title in the banner');
  for (const s of m.titles) {
    assert.ok(s.visible, `"${s.title}" visible without scrolling`);
    assert.ok(s.beforeButtons, `"${s.title}" comes before the buttons`);
  }
  for (const [name, visible] of Object.entries(m.buttons)) assert.ok(visible, `${name} in view`);
  assert.equal(m.cue, m.scrolls, `a cue shows exactly when the text scrolls (${JSON.stringify(m)})`);
  return m;
}
for (const extra of LAYOUTS) {
  for (const [size, viewport] of Object.entries(SIZES)) {
    for (const colorScheme of ['light', 'dark']) {
      for (const lang of ['en', 'fr']) {
        const label = `${extra.layout}${extra.position ? '-' + extra.position : ''}, ${size} ${viewport.width}×${viewport.height}, ${colorScheme}, ${lang}`;
        test(`first layer fits: ${label}`, opts, async (t) => {
          const { page, log } = await openDemo(t, { viewport, colorScheme, lang, extra });
          const m = fits(await measure(page, NAMES[lang]), label, viewport.height);
          if (!m.scrolls) assert.ok(m.policy, 'the policy link is in view');
          assert.deepEqual(log.pageErrors, []);
        });
      }
    }
  }
}

test('a purpose title opens to its explanation in one activation; where the text then scrolls, a cue says so', opts, async (t) => {
  const { page } = await openDemo(t, { viewport: SIZES.phone });
  const summary = page.locator('#candor .brief button', { hasText: 'Targeted advertising' });
  const explanation = page.locator('#candor .info div', { hasText: 'Measuring our campaigns' });
  assert.equal(await explanation.isVisible(), false, 'closed at first');
  assert.equal(await summary.getAttribute('aria-expanded'), 'false');
  await summary.click();
  await explanation.waitFor({ state: 'visible' });
  assert.equal(await summary.getAttribute('aria-expanded'), 'true');
  assert.ok(await page.locator('#candor .info div p', { hasText: 'Meta Platforms Ireland Ltd' }).isVisible(), 'its recipients too');
  const m = await measure(page, NAMES.en);
  assert.equal(m.cue, m.scrolls, 'the scroll cue matches the overflow');
  for (const [name, visible] of Object.entries(m.buttons)) assert.ok(visible, `${name} still in view`);
});

test('a small phone (320×568): the text scrolls behind a visible cue, the choices stay in view', opts, async (t) => {
  const { page } = await openDemo(t, { viewport: { width: 320, height: 568 } });
  const m = await measure(page, NAMES.en);
  for (const [name, visible] of Object.entries(m.buttons)) assert.ok(visible, `${name} in view`);
  if (m.scrolls) {
    assert.ok(m.cue, 'the cue shows while there is more below');
    await page.evaluate(() => {
      const info = document.getElementById('candor').shadowRoot.querySelector('.info');
      info.scrollTop = info.scrollHeight;
    });
    await page.waitForFunction(() => !document.getElementById('candor').shadowRoot.querySelector('.banner').hasAttribute('data-more'));
  }
});

// The 22 other built-in languages, in the bar at the phone size, where long translations (German, Greek…)
// push hardest: each visitor reads the texts of dist/candor-<language>.js, the config's own texts as written.
const OTHER_LANGUAGES = [
  ...readFileSync(new URL('../../src/languages.ts', import.meta.url), 'utf8')
    .match(/LANGUAGES = \[([^\]]*)\]/)[1]
    .matchAll(/'([^']+)'/g),
]
  .map((m) => m[1])
  .filter((l) => !NAMES[l]);
for (const lang of OTHER_LANGUAGES) {
  test(`first layer fits: bar, phone 390×844, light, ${lang}`, opts, async (t) => {
    const window = {};
    vm.runInNewContext(readFileSync(join(DIST, `candor-${lang}.js`), 'utf8'), { window });
    const T = window[`candor-${lang}`][0];
    const extra = { language: lang, languages: [...DEMO_CONFIG.languages, lang] };
    const { page, log } = await openDemo(t, { viewport: SIZES.phone, extra });
    assert.equal(await page.evaluate(() => window.candor.get().language), lang);
    fits(await measure(page, [T.acceptAll, T.rejectAll, T.customize, T.continueWithout]), `bar, phone 390×844, light, ${lang}`, SIZES.phone.height);
    assert.deepEqual(log.pageErrors, []);
  });
}

test('banner heights (printed)', () => {
  console.log('Banner heights on the demo shop:\n  ' + heights.join('\n  '));
});

for (const [scheme, os, background] of [
  ['dark', 'light', 'rgb(28, 31, 36)'],
  ['light', 'dark', 'rgb(255, 255, 255)'],
  ['auto', 'dark', 'rgb(28, 31, 36)'],
]) {
  test(`theme.scheme "${scheme}" with the system in ${os} mode: the banner background is ${background}`, opts, async (t) => {
    const { page } = await openDemo(t, { viewport: SIZES.desktop, colorScheme: os, extra: { theme: { scheme } } });
    const bg = await page.evaluate(() => getComputedStyle(document.getElementById('candor').shadowRoot.querySelector('.banner')).backgroundColor);
    assert.equal(bg, background);
  });
}
