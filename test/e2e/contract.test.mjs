// Clauses of docs/contract.md checked in the browser where no other file does: §1 `data-base`, §5 and §3 isolation, §3 script order and image placeholders, §4 events, §7 cookieDomain.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { STRICT_CSP, TEXT, openPage, settle, waitBanner } from './harness.mjs';

const opts = { timeout: 30_000 };

for (const base of ['/candor/', '/candor'])
  test(`§1: candor.js served from another directory loads its chunks from data-base="${base}"`, opts, async (t) => {
    const { page, go, log } = await openPage(t);
    // /candor-tampered/ serves dist/ with a candor-ui.js whose bytes differ: were the chunks taken from next to
    // candor.js, the browser would refuse the interface and no banner would show.
    await page.route('**/data-base.html', (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><html lang="en"><head><title>data-base</title>
<script src="/candor-tampered/candor.js" data-base="${base}" data-config="/consent.json"></script></head>
<body><main><h1>data-base</h1></main></body></html>`,
      }),
    );
    await go('/data-base.html');
    await waitBanner(page);
    const chunks = log.requests.filter((p) => /\/candor-ui\.js$/.test(p));
    assert.deepEqual(chunks, ['/candor/candor-ui.js'], 'the interface chunk comes from data-base');
    assert.deepEqual(log.failedRequests, []);
    assert.equal(await page.getByRole('button', { name: TEXT.en.acceptAll, exact: true }).count(), 1);
  });

/** Hostile page CSS: rules that match Candor's host elements themselves, with inherited properties. */
const HOSTILE = `* { color: red; font-family: serif; font-size: 40px; font-style: italic; font-weight: 100; letter-spacing: 5px;
  word-spacing: 9px; line-height: 5; text-transform: uppercase; text-align: right; text-shadow: 1px 1px red; cursor: wait; }
  div, p, a, button { color: lime; background-color: black; text-decoration-line: line-through; visibility: visible; }
  body * { font-size: 8px; }`;

/** Computed styles of Candor's text, links and buttons (the banner's, or `selector`'s in a placeholder) that page CSS could change. */
const looks = (page, placeholder = false) =>
  page.evaluate((placeholder) => {
    const root = document.querySelector(placeholder ? '[data-candor-placeholder]' : '#candor').shadowRoot;
    const region = placeholder ? root.querySelector('[role="group"]') : root.querySelector('[role="region"]');
    const props = [
      'color',
      'background-color',
      'font-family',
      'font-size',
      'font-weight',
      'font-style',
      'letter-spacing',
      'word-spacing',
      'line-height',
      'text-transform',
      'text-align',
      'text-decoration-line',
      'text-shadow',
      'visibility',
      'display',
      'cursor',
    ];
    const of = (el) => el && Object.fromEntries(props.map((p) => [p, getComputedStyle(el).getPropertyValue(p)]));
    return {
      region: of(region),
      text: of(region.querySelector('p')),
      link: of(region.querySelector('a[href]')),
      buttons: [...region.querySelectorAll('button')].map((b) => ({ name: b.textContent.trim(), ...of(b) })),
    };
  }, placeholder);

test('§5: the page’s CSS does not leak into the banner (element and universal selectors, inherited properties)', opts, async (t) => {
  const { page, go } = await openPage(t);
  await go('/');
  await waitBanner(page);
  const before = await looks(page);
  await page.addStyleTag({ content: HOSTILE });
  assert.deepEqual(await looks(page), before);
});

test('§3: the page’s CSS does not leak into an embed placeholder either', opts, async (t) => {
  const { page, go } = await openPage(t);
  await go('/int-embeds.html');
  await page.locator('[data-candor-placeholder]').first().getByRole('button', { name: 'Allow and load', exact: true }).waitFor();
  const before = await looks(page, true);
  await page.addStyleTag({ content: HOSTILE });
  assert.deepEqual(await looks(page, true), before);
});

test('§4: a change listener that decides again leaves no later listener, on window either, with the grant it undid', opts, async (t) => {
  const { page, go } = await openPage(t);
  await go('/');
  await waitBanner(page);
  const seen = await page.evaluate(async () => {
    await window.candor.ready;
    const seen = { on: [], window: [] };
    // A site rule that refuses what it is told was granted (say, for a minor); the listeners after it load tags on a grant.
    window.candor.on('change', (s) => s.purposes.analytics && window.candor.rejectAll());
    window.candor.on('change', (s) => seen.on.push(s.purposes.analytics));
    addEventListener('candor:change', (e) => e.detail.purposes.marketing && window.candor.set({ marketing: false }));
    addEventListener('candor:change', (e) => seen.window.push(e.detail.purposes.marketing));
    window.candor.acceptAll();
    window.candor.set({ marketing: true });
    return seen;
  });
  assert.deepEqual(seen, { on: [false, false, false], window: [false, false] });
});

test('§4: a ready listener that decides again leaves no later listener, on window either, with the grant it undid', opts, async (t) => {
  const { page, go } = await openPage(t);
  await go('/');
  await waitBanner(page);
  await page.evaluate(() => window.candor.acceptAll());
  // The returning visit: a site rule run at ready refuses a grant it does not allow; the listeners after it load tags.
  await page.addInitScript(() => {
    window.seen = [];
    addEventListener('candor:ready', (e) => e.detail.purposes.marketing && window.candor.set({ marketing: false }));
    addEventListener('candor:ready', (e) => window.seen.push(e.detail.purposes.marketing));
  });
  await page.reload();
  await page.waitForFunction(() => window.seen?.length);
  assert.deepEqual(await page.evaluate(() => [window.seen, window.candor.has('marketing'), window.candor.has('analytics')]), [[false], false, true]);
});

test('§3: a gated `nomodule` script (never loaded, so no load event) does not hold back the scripts after it', opts, async (t) => {
  const { page, go } = await openPage(t);
  // The module / nomodule pair, gated: the legacy copy is never fetched, so it fires neither `load` nor `error`.
  await page.route('**/nomodule.html', (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html lang="en"><head><title>nomodule</title>
<script src="/candor/candor.js" data-config="/consent.json"></script></head>
<body><main><h1>nomodule</h1></main>
<script type="text/plain" data-purpose="analytics" src="/int-ran.js?id=legacy" nomodule></script>
<script type="text/plain" data-purpose="analytics" data-type="module">(window.ran = window.ran || []).push('module')</script>
<script type="text/plain" data-purpose="analytics">(window.ran = window.ran || []).push('after')</script>
</body></html>`,
    }),
  );
  await go('/nomodule.html');
  await page.evaluate(() => window.candor.set({ analytics: true }));
  await page.waitForFunction(() => window.ran?.length == 2);
  assert.deepEqual(await page.evaluate(() => window.ran), ['module', 'after']);
});

test('§3: an image’s placeholder has the size page CSS gives the image, alt text and all (not the alt text’s)', opts, async (t) => {
  const { page, go } = await openPage(t);
  // Without a source, an <img> with alt text is laid out as that text (an inline box the CSS size does not apply to); once
  // loaded it takes its CSS size. int-pixel.svg is 300 × 200: each rule below gives another size, so the image's own does not
  // count. Under the strict policy: measuring it must not need a style attribute string.
  await page.route('**/img-sizes.css', (route) =>
    route.fulfill({
      contentType: 'text/css',
      body: 'main { width: 800px } .slot { width: 320px; height: 100px } .wide { width: 100%; max-width: 400px; height: 150px } .half { width: 50%; aspect-ratio: 4 }',
    }),
  );
  await page.route('**/img-sizes.html', (route) =>
    route.fulfill({
      contentType: 'text/html',
      headers: { 'Content-Security-Policy': STRICT_CSP },
      body: `<!doctype html><html lang="en"><head><title>img sizes</title><link rel="stylesheet" href="/img-sizes.css">
<script src="/candor/candor.js" data-config="/consent.json"></script></head>
<body><main><h1>Images</h1>
<img id="slot" class="slot" alt="Partner banner" data-purpose="marketing" data-src="/int-pixel.svg">
<img id="wide" class="wide" alt="Lookbook" width="600" height="300" data-purpose="marketing" data-src="/int-pixel.svg?wide">
<img id="half" class="half" alt="Offer" data-purpose="marketing" data-src="/int-pixel.svg?half">
<img id="attrs" alt="Attributes only" width="160" height="90" data-purpose="marketing" data-src="/int-pixel.svg?attrs">
</main></body></html>`,
    }),
  );
  await go('/img-sizes.html');
  const ids = ['slot', 'wide', 'half', 'attrs'];
  const size = (selector) =>
    page.locator(selector).evaluate((el) => {
      const r = el.getBoundingClientRect();
      return [Math.round(r.width), Math.round(r.height)];
    });
  for (const id of ids) await page.locator(`[data-candor-placeholder]:has(+ #${id})`).waitFor();
  const held = {};
  for (const id of ids) held[id] = await size(`[data-candor-placeholder]:has(+ #${id})`);
  assert.deepEqual(
    await page.evaluate(
      (ids) => ids.map((id) => [document.getElementById(id).checkVisibility(), document.getElementById(id).getAttribute('style')]),
      ids,
    ),
    ids.map(() => [false, null]),
    'each image hidden behind its placeholder, its markup as it was (no style attribute left)',
  );
  await page.evaluate(() => window.candor.set({ marketing: true }));
  await page.waitForFunction((ids) => ids.every((id) => document.getElementById(id).complete && !document.getElementById(id).hidden), ids);
  const loaded = {};
  for (const id of ids) loaded[id] = await size(`#${id}`);
  assert.deepEqual(loaded, { slot: [320, 100], wide: [400, 150], half: [400, 100], attrs: [160, 90] }, 'test setup: the sizes the images take');
  assert.deepEqual(held, loaded, 'each placeholder had the size its image took once loaded');
  assert.deepEqual(await page.evaluate(() => window.__csp), [], 'no CSP violation');
});

test('§7: with cookieDomain naming another domain (the site run locally), the choice is kept in a host-only cookie', opts, async (t) => {
  const { page, go, context, server } = await openPage(t);
  const config = JSON.parse(await (await fetch(server.url('/consent.json'))).text());
  // The documentation's own example value, on 127.0.0.1: the browser refuses Domain=example.com here.
  await page.route('**/cookie-domain-elsewhere.html', (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html lang="en"><head><title>cookieDomain elsewhere</title>
<script type="application/json" id="candor-config">${JSON.stringify({ ...config, cookieDomain: 'example.com' })}</script>
<script src="/candor/candor.js"></script></head><body><main><h1>Local copy</h1></main></body></html>`,
    }),
  );
  await go('/cookie-domain-elsewhere.html');
  await waitBanner(page);
  await page.getByRole('button', { name: TEXT.en.rejectAll, exact: true }).click();
  await page.waitForFunction(() => window.candor.get().decided);
  assert.deepEqual(
    (await context.cookies()).filter((c) => c.name === 'candor').map((c) => [c.domain, c.path, c.sameSite]),
    [['127.0.0.1', '/', 'Lax']],
  );
  await page.reload();
  await settle(page);
  assert.deepEqual(await page.evaluate(() => [window.candor.get().decided, window.candor.has('analytics')]), [true, false], 'the refusal stands');
  assert.equal(await page.getByRole('region', { name: TEXT.en.bannerLabel, exact: true }).count(), 0, 'no banner again');
});
