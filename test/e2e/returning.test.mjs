// A returning visitor with the config in a file (`data-config`) is decided from the config's last trusted text
// kept on the device, before the file's response (docs/architecture.md "A returning visitor"; src/core/config-cache.ts).
// The file's response is held by the test until the page shows what it must (or fails after a timeout), so
// every order asserted here is observed, never timed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ACCEPT_ALL_RAN,
  BUMPED_VERSION,
  PAGES,
  TEXT,
  button,
  candorCookie,
  openPage,
  ran,
  settle,
  state,
  waitBanner,
  waitNoBanner,
  waitRan,
} from './harness.mjs';

const T = TEXT.en;
const opts = { timeout: 30_000 };
const CACHED = 'candor-cached';

/** First visit of `/`: answer the banner with `choice`, wait until the config is kept on the device. */
async function firstVisit(t, choice) {
  const session = await openPage(t);
  const { page } = session;
  await session.go('/');
  await button(await waitBanner(page), choice).click();
  await waitNoBanner(page);
  if (choice == T.acceptAll) await waitRan(page, ACCEPT_ALL_RAN.length);
  await page.waitForFunction((key) => localStorage.getItem(key)?.includes('\n{'), CACHED);
  return session;
}

/** Hold every request of /consent.json: `arrived` resolves with the held route once the page asked for it. */
async function holdConfig(page) {
  let resolve;
  const arrived = new Promise((r) => {
    resolve = r;
  });
  await page.route(/\/consent\.json$/, (route) => resolve(route));
  return { arrived };
}

test('a returning visitor: the consented gated script runs before the config response is released', opts, async (t) => {
  const { page } = await firstVisit(t, T.acceptAll);
  const held = await holdConfig(page);
  const navigation = page.goto(page.url());
  const route = await held.arrived;
  // The response is still held: the page must run the consented scripts anyway, or this fails after 5 s.
  await page.waitForFunction((n) => (window.ran || []).length >= n, ACCEPT_ALL_RAN.length, { timeout: 5000 });
  assert.deepEqual((await ran(page)).sort(), [...ACCEPT_ALL_RAN].sort());
  assert.equal(await page.evaluate(() => window.candor.has('analytics')), true);
  assert.equal(await page.evaluate(() => window.candor.has('health-offers')), false, 'a sensitive purpose Accept all left off stays off');
  const early = await state(page);
  assert.equal(early.decided, true);
  // Consent Mode was updated from the cached decision too.
  assert.ok(
    await page.evaluate(() =>
      (window.dataLayer || []).some((e) => e[0] === 'consent' && e[1] === 'update' && e[2] && e[2].analytics_storage === 'granted'),
    ),
  );
  await route.continue();
  await navigation;
  await settle(page);
  assert.equal(await page.locator('#candor [role=region]').count(), 0, 'no banner');
  assert.deepEqual((await ran(page)).sort(), [...ACCEPT_ALL_RAN].sort(), 'each gated script ran once');
});

test('a returning visitor: a new version in the fresh config re-asks; what ran under the old consent is reported', opts, async (t) => {
  const { page } = await firstVisit(t, T.acceptAll);
  const held = await holdConfig(page);
  const navigation = page.goto(page.url());
  const route = await held.arrived;
  await page.waitForFunction((n) => (window.ran || []).length >= n, ACCEPT_ALL_RAN.length, { timeout: 5000 });
  const response = await route.fetch();
  const config = await response.json();
  await route.fulfill({ response, json: { ...config, version: BUMPED_VERSION } });
  await navigation;
  const region = await waitBanner(page);
  const after = await state(page);
  assert.equal(after.decided, false);
  assert.equal(after.purposes.analytics, false, 'nothing optional stays granted under the new version');
  assert.equal(await page.evaluate(() => window.candor.withdrawn), true, 'what already ran is reported');
  await button(region, T.rejectAll).click();
  await waitNoBanner(page);
  assert.match(
    decodeURIComponent((await candorCookie(page)).value),
    new RegExp(`~${BUMPED_VERSION}$`),
    'the choice is stored under the version shown',
  );
  assert.match(await page.evaluate((key) => localStorage.getItem(key), CACHED), new RegExp(`"version":"${BUMPED_VERSION}"`));
});

test('a tampered cached config grants nothing: the page waits for the file', opts, async (t) => {
  const { page } = await firstVisit(t, T.rejectAll);
  // Hostile storage: the cached text edited so every purpose is required (granted without asking).
  await page.evaluate((key) => {
    const value = localStorage.getItem(key);
    const cut = value.indexOf('\n') + 1;
    const config = JSON.parse(value.slice(cut));
    for (const p of config.purposes) p.required = true;
    localStorage.setItem(key, value.slice(0, cut) + JSON.stringify(config));
  }, CACHED);
  const held = await holdConfig(page);
  // The page loads completely (the config request does not hold the load event) while the response is held.
  const navigation = page.goto(page.url());
  const route = await held.arrived;
  await navigation;
  await page.waitForFunction(() => document.readyState === 'complete' && window.candor);
  assert.equal(await page.evaluate(() => window.candor.get().decided), false);
  assert.equal(await page.evaluate(() => window.candor.has('analytics')), false);
  assert.deepEqual(await ran(page), []);
  await route.continue();
  await page.evaluate(() => window.candor.ready);
  await settle(page);
  assert.equal((await state(page)).decided, true, 'decided from the fresh file');
  assert.deepEqual(await ran(page), [], 'the refusal stands');
  const cached = await page.evaluate((key) => localStorage.getItem(key), CACHED);
  assert.equal(cached.slice(cached.indexOf('\n') + 1), readFileSync(join(PAGES, 'consent.json'), 'utf8'), 'the fresh text replaced the tampered one');
});
