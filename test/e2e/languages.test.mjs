// Every built-in language (src/languages.ts, issue #14): a German, a Polish and a Greek page show the banner and
// the preference center in their language (screenshots in test/e2e/screenshots/), a returning visitor's
// floating button and embed placeholder speak it without the interface chunk, regional tags fall back to their
// language, and the longest translation of each button keeps the buttons equal and the banner within 320 px.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SCREENSHOTS, button, floatingButton, openPage, settle, state } from './harness.mjs';
import { longest, texts } from './translations.mjs';

const opts = { timeout: 30_000 };
const TITLE = { de: 'Reichweitenmessung', pl: 'Pomiar oglądalności', el: 'Μέτρηση επισκεψιμότητας' };

const banner = (page, T) => page.getByRole('region', { name: T.bannerLabel, exact: true });
const dialog = (page, T) => page.getByRole('dialog', { name: T.dialogTitle, exact: true });

for (const lang of ['de', 'pl', 'el']) {
  test(`<html lang="${lang}">: banner and preference center in ${lang}, then the floating button and placeholder`, opts, async (t) => {
    const T = texts(lang);
    mkdirSync(SCREENSHOTS, { recursive: true });
    const { page, go, log } = await openPage(t);
    await go(`/i18n.html?lang=${lang}`);
    const region = banner(page, T);
    await region.waitFor({ state: 'visible' });
    assert.equal((await state(page)).language, lang);
    for (const name of [T.acceptAll, T.rejectAll, T.customize]) await button(region, name).waitFor();
    assert.match(await region.innerText(), new RegExp(TITLE[lang]), 'purpose titles in the language');
    assert.match(await region.innerText(), new RegExp(T.policy), 'the policy link in the language');
    await settle(page, 200);
    await page.screenshot({ path: join(SCREENSHOTS, `banner-desktop-${lang}.png`) });

    await button(region, T.customize).click();
    const d = dialog(page, T);
    await d.waitFor({ state: 'visible' });
    await button(d, T.save).waitFor();
    await d.getByRole('switch', { name: TITLE[lang], exact: true }).waitFor();
    assert.match(await d.innerText(), new RegExp(T['category.health']), 'data-category labels in the language');
    await settle(page, 200);
    await page.screenshot({ path: join(SCREENSHOTS, `preferences-desktop-${lang}.png`) });
    for (const f of ['banner', 'preferences']) assert.ok(statSync(join(SCREENSHOTS, `${f}-desktop-${lang}.png`)).size > 5000);

    await button(d, T.rejectAll).click();
    await d.waitFor({ state: 'hidden' });
    await floatingButton(page).waitFor({ state: 'visible' });
    assert.equal(await floatingButton(page).getAttribute('aria-label'), T.floatingButton);

    // A returning visitor: candor.js draws the button and the placeholder itself, from the language chunk alone.
    log.requests.length = 0;
    await page.reload();
    await floatingButton(page).waitFor({ state: 'visible' });
    assert.equal(await floatingButton(page).getAttribute('aria-label'), T.floatingButton);
    await page.getByRole('button', { name: T.allowAndLoad, exact: true }).waitFor();
    assert.ok(await page.getByText(T.blocked.replace('{purpose}', TITLE[lang])).count(), 'the placeholder says why, in the language');
    assert.ok(log.requests.includes(`/candor/candor-${lang}.js`), 'its texts come from its own chunk');
    assert.ok(log.requests.includes('/candor/candor-languages.js'), 'with its hash from candor-languages.js (candor.js carries en and fr only)');
    assert.ok(log.requests.includes('/candor/candor-embeds.js'), 'the placeholder code comes on the first blocked embed');
    assert.ok(!log.requests.includes('/candor/candor-ui.js'), 'no interface chunk for a returning visitor');
    assert.deepEqual(log.pageErrors, []);
  });
}

test('regional tags fall back to their language; the browser’s languages count when the page’s is not offered', opts, async (t) => {
  const { page, go, log } = await openPage(t, { locale: 'pl-PL' });
  await go('/i18n.html?lang=de-AT');
  await banner(page, texts('de')).waitFor({ state: 'visible' });
  assert.equal((await state(page)).language, 'de');
  await go('/i18n.html?lang=ja');
  await banner(page, texts('pl')).waitFor({ state: 'visible' });
  assert.equal((await state(page)).language, 'pl');
  // One language chunk per visitor: never another language's.
  assert.deepEqual(
    log.requests.filter((r) => /candor-[a-z]{2}\.js$/.test(r) && !/candor-(de|pl|ui)\.js$/.test(r)),
    [],
  );
});

test('a tampered language chunk never runs: candor.js checks candor-de.js against the hash candor-languages.js carries', opts, async (t) => {
  const { page, go, log } = await openPage(t);
  await go('/tampered-de.html?lang=de');
  await page.waitForFunction(() => [...document.scripts].some((s) => s.src.endsWith('/candor-tampered-de/candor-de.js')));
  await page.waitForFunction(() => window.candor.get().language == 'de');
  // The interface cannot speak German without its texts: no banner, and nothing granted.
  await page.waitForFunction(() => [...document.scripts].some((s) => s.src.endsWith('/candor-tampered-de/candor-ui.js')));
  assert.ok(log.requests.includes('/candor-tampered-de/candor-languages.js'), 'the hash came from candor-languages.js');
  assert.ok(log.requests.includes('/candor-tampered-de/candor-de.js'), 'the tampered chunk was served');
  assert.equal(await page.evaluate(() => window['candor-de']), undefined, 'the tampered chunk did not run');
  assert.equal((await state(page)).decided, false);
  const { purposes } = await state(page);
  assert.deepEqual(
    Object.keys(purposes).filter((id) => purposes[id]),
    ['necessary'],
    'nothing optional granted',
  );
  assert.equal(await page.locator('#video').getAttribute('src'), null, 'the gated embed did not load');
});

test('the default languages (en, fr): their hashes are in candor.js, no candor-languages.js', opts, async (t) => {
  const { page, go, log } = await openPage(t);
  await go('/i18n.html?lang=fr');
  await banner(page, texts('fr')).waitFor({ state: 'visible' });
  assert.ok(log.requests.includes('/candor/candor-fr.js'));
  assert.ok(!log.requests.includes('/candor/candor-languages.js'));
});

test('the longest translation of each button: equal widths (within 10 %) and no horizontal scroll at 320 px', opts, async (t) => {
  const langs = longest();
  for (const lang of langs) {
    const T = texts(lang);
    for (const viewport of [
      { width: 1280, height: 800 },
      { width: 320, height: 568 },
    ]) {
      const { page, go } = await openPage(t, { viewport });
      await go(`/i18n.html?lang=${lang}`);
      const region = banner(page, T);
      await region.waitFor({ state: 'visible' });
      const m = await page.evaluate(
        (names) => {
          const root = document.getElementById('candor').shadowRoot;
          const region = root.querySelector('[role=region]');
          const out = { scrollWidth: document.documentElement.scrollWidth, innerWidth, overflow: region.scrollWidth - region.clientWidth };
          for (const name of names) {
            const el = [...region.querySelectorAll('button')].find((b) => b.textContent.trim() === name);
            const r = el.getBoundingClientRect();
            out[name] = {
              width: r.width,
              height: r.height,
              onScreen: r.left >= 0 && r.right <= innerWidth + 0.5 && r.top >= 0 && r.bottom <= innerHeight + 0.5,
            };
          }
          return out;
        },
        [T.acceptAll, T.rejectAll, T.customize],
      );
      const [a, r] = [m[T.acceptAll], m[T.rejectAll]];
      const where = `${lang} at ${viewport.width} px: ${JSON.stringify(m)}`;
      assert.ok(Math.max(a.width, r.width) / Math.min(a.width, r.width) <= 1.1, `Accept / Reject widths within 10 % (${where})`);
      assert.ok(Math.abs(a.height - r.height) < 1, `same height (${where})`);
      assert.ok(m.scrollWidth <= m.innerWidth && m.overflow <= 0, `no horizontal scroll (${where})`);
      assert.ok(a.onScreen && r.onScreen, `Accept and Reject on screen without scrolling (${where})`);

      if (viewport.width == 320) {
        await button(region, T.customize).click();
        const d = dialog(page, T);
        await d.waitFor({ state: 'visible' });
        const p = await page.evaluate(() => {
          const dlg = document.getElementById('candor').shadowRoot.querySelector('[role=dialog]');
          const box = dlg.getBoundingClientRect();
          return {
            scrollWidth: document.documentElement.scrollWidth,
            innerWidth,
            overflow: dlg.scrollWidth - dlg.clientWidth,
            left: box.left,
            right: box.right,
          };
        });
        assert.ok(
          p.scrollWidth <= p.innerWidth && p.overflow <= 0 && p.left >= 0 && p.right <= p.innerWidth + 0.5,
          `the preference center fits 320 px in ${lang} (${JSON.stringify(p)})`,
        );
        if (lang == langs[0]) await page.screenshot({ path: join(SCREENSHOTS, `preferences-320-${lang}.png`) });
      }
    }
  }
});
