// Strict Content-Security-Policy (docs/contract.md §5 "Isolation and look", docs/compliance.md H30, H31): Candor must render
// styled and activate gated scripts without a single violation, under `script-src 'self'; style-src 'self'`
// and under a nonce-based policy.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ACCEPT_ALL_RAN,
  STRICT_CSP,
  TEXT,
  button,
  dialog,
  floatingButton,
  openPage,
  ran,
  ready,
  settle,
  waitBanner,
  waitNoBanner,
  waitRan,
} from './harness.mjs';

const T = TEXT.en;
const opts = { timeout: 30_000 };

/** Every violation seen so far: `securitypolicyviolation` events (from init) and console reports. */
async function violations(page, log) {
  const events = await page.evaluate(() => window.__csp || []);
  return [...events.map((v) => `${v.directive} blocked ${v.blocked} ${v.sample || ''} (${v.source || ''})`), ...log.cspConsole];
}

/** Compare Candor's Accept all button with an unstyled page button: it must have its own styles. */
async function looksStyled(page) {
  return page.evaluate((accept) => {
    const root = document.getElementById('candor').shadowRoot;
    const btn = [...root.querySelectorAll('button')].find((b) => b.textContent.trim() === accept);
    const plain = document.querySelector('main button');
    const pick = (el) => {
      const s = getComputedStyle(el);
      return [s.backgroundColor, s.color, s.paddingLeft, s.borderRadius, s.fontSize, s.minHeight].join(' | ');
    };
    const linked = [...root.querySelectorAll('link[rel=stylesheet]')].filter((l) => l.sheet).length;
    const region = root.querySelector('[role=region]');
    return {
      sheets: root.adoptedStyleSheets.length + linked,
      candor: pick(btn),
      plain: pick(plain),
      regionBackground: getComputedStyle(region).backgroundColor,
    };
  }, T.acceptAll);
}

test(`strict CSP (${STRICT_CSP}): styled banner and dialog, gated scripts run after consent, zero violations`, opts, async (t) => {
  const { page, server, reload, log } = await openPage(t);
  const response = await page.goto(server.url('/?csp=strict'));
  assert.equal(response.headers()['content-security-policy'], STRICT_CSP, 'the page really is served with the strict policy');
  await ready(page);
  const region = await waitBanner(page);
  await settle(page);
  assert.deepEqual(await ran(page), [], 'nothing optional before consent');

  const look = await looksStyled(page);
  assert.ok(look.sheets >= 1, 'the shadow root has a stylesheet (constructable or linked from dist)');
  assert.notEqual(look.candor, look.plain, `Accept all is styled by Candor, not the browser default (${look.candor})`);
  assert.notEqual(look.regionBackground, 'rgba(0, 0, 0, 0)', 'the banner has its own background');

  // The preference center too (its styles, its focus handling) must work under the policy.
  await button(region, T.customize).click();
  const d = dialog(page);
  await d.waitFor({ state: 'visible' });
  await button(d, T.acceptAll).click();
  await d.waitFor({ state: 'hidden' });
  await waitNoBanner(page);
  await waitRan(page, ACCEPT_ALL_RAN.length);
  await settle(page);
  assert.deepEqual(await ran(page), ACCEPT_ALL_RAN, "gated external scripts run after consent under script-src 'self'");

  await floatingButton(page).waitFor({ state: 'visible' });
  await reload();
  await waitRan(page, ACCEPT_ALL_RAN.length);
  await floatingButton(page).click();
  await dialog(page).waitFor({ state: 'visible' });
  await page.keyboard.press('Escape');
  await dialog(page).waitFor({ state: 'hidden' });

  assert.deepEqual(await violations(page, log), [], 'zero securitypolicyviolation events');
  assert.deepEqual(log.pageErrors, []);
});

test('nonce-based CSP: Candor and the activated scripts carry the nonce and run', opts, async (t) => {
  const { page, server, log } = await openPage(t);
  const response = await page.goto(server.url('/nonce.html?csp=nonce'));
  const nonce = response.headers()['x-test-nonce'];
  assert.ok(nonce && response.headers()['content-security-policy'].includes(`'nonce-${nonce}'`), 'served with a nonce policy');
  await ready(page);
  const region = await waitBanner(page); // the interface chunk needed the nonce too
  await settle(page);
  assert.deepEqual(await ran(page), []);

  // The preference center's chunk needs the nonce too.
  await button(region, T.customize).click();
  await dialog(page).waitFor({ state: 'visible' });
  await page.keyboard.press('Escape');
  await dialog(page).waitFor({ state: 'hidden' });

  await button(region, T.acceptAll).click();
  await waitNoBanner(page);
  await waitRan(page, 3);
  await settle(page);
  assert.deepEqual(await ran(page), ['analytics', 'marketing-inline', 'personalization'], 'external and inline gated scripts ran, in order');

  const scripts = await page.evaluate(() =>
    [...document.scripts]
      .filter((s) => s.type !== 'text/plain' && s.type !== 'application/json')
      .map((s) => ({ src: s.src.replace(location.origin, ''), inline: !s.src && s.text.trim().slice(0, 40), nonce: s.nonce })),
  );
  const activated = scripts.filter((s) => /analytics|personalization/.test(s.src) || /marketing-inline/.test(s.inline || ''));
  assert.equal(activated.length, 3, `three activated scripts in the document: ${JSON.stringify(scripts)}`);
  assert.ok(
    scripts.some((s) => s.src === '/candor/candor-prefs.js'),
    'the preference center was loaded as a chunk',
  );
  for (const s of scripts) assert.equal(s.nonce, nonce, `${s.src || s.inline} carries the nonce (docs/compliance.md H31)`);
  assert.deepEqual(await violations(page, log), [], 'zero violations under the nonce policy');
  assert.deepEqual(log.pageErrors, []);
});
