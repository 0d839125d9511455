// Cleanup that outlives a tracker (issue #11, items 9 and 10; docs/integrations.md#cleanup-on-refusal-and-withdrawal):
// an analytics library still in memory after a withdrawal writes its cookies and keys back (test/e2e/pages/
// js/tracker.js rewrites them every 50 ms). Candor deletes them again on every later page load — loading
// candor-core.js only when something declared is there — and when the page of the withdrawal is left;
// `__Secure-` / `__Host-` / `Secure` cookies included (Chromium treats http://127.0.0.1 as a secure context
// for cookies, so the `Secure` rules apply here as on https). Page: pages/int-tracker/, config int-tracker.json.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TEXT, button, openPage, waitBanner, waitNoBanner } from './harness.mjs';

const opts = { timeout: 30_000 };
/** Every cookie and key tracker.js writes (all declared by the analytics purpose of int-tracker.json). */
const TRACES = [
  'cookie:_pk_id.tracker /',
  'cookie:_pk_ses.dir /int-tracker',
  'cookie:__Secure-_pk_id.s /',
  'cookie:__Host-_pk_id.h /',
  'cookie:_pk_ses.secure /',
  'local:matomo_tracker',
  'session:matomo_tracker_session',
].sort();

/** The tracker's traces on the device: cookies as the browser holds them (every path), keys of both storages. */
async function traces(page) {
  const cookies = (await page.context().cookies()).filter((c) => /_pk_/.test(c.name)).map((c) => `cookie:${c.name} ${c.path}`);
  const keys = await page.evaluate(() => [
    ...Object.keys(localStorage)
      .filter((k) => k.startsWith('matomo_'))
      .map((k) => 'local:' + k),
    ...Object.keys(sessionStorage)
      .filter((k) => k.startsWith('matomo_'))
      .map((k) => 'session:' + k),
  ]);
  return [...cookies, ...keys].sort();
}
/** Wait (in the page) until the tracker's traces are all there, or all gone. */
const tracesThere = (page, there) =>
  page.waitForFunction((there) => {
    const n =
      ['_pk_id.tracker=', '_pk_ses.dir=', '__Secure-_pk_id.s=', '__Host-_pk_id.h=', '_pk_ses.secure='].filter((c) => document.cookie.includes(c))
        .length +
      !!localStorage.getItem('matomo_tracker') +
      !!sessionStorage.getItem('matomo_tracker_session');
    return there ? n == 7 : n == 0;
  }, there);
/** The receipt of the last decision was kept (so a reload has no pending receipt to load candor-core.js for). */
const receiptKept = (page) => page.waitForFunction(() => !localStorage.getItem('candor-pending'));
/** Whether this page view asked for candor-core.js (the loader appends its script element synchronously). */
const coreRequested = (page) => page.evaluate(() => !!document.querySelector('script[src$="/candor-core.js"]'));

/** Accept all; the tracker runs and writes; then withdraw by the API; the tracker writes everything back. */
async function acceptThenWithdraw(page) {
  await button(await waitBanner(page), TEXT.en.acceptAll).click();
  await waitNoBanner(page);
  await tracesThere(page, true);
  assert.deepEqual(await traces(page), TRACES, 'the tracker wrote its cookies and keys (test setup)');
  const writes = await page.evaluate(() => window.writes);
  await page.evaluate(() => window.candor.rejectAll());
  // The tracker is still in memory: it writes again after the cleanup of the decision.
  await page.waitForFunction((n) => window.writes > n + 1, writes);
  await tracesThere(page, true);
  await receiptKept(page);
}

test('a tracker still in memory after a withdrawal: what it wrote back is gone on the next page load and stays gone', opts, async (t) => {
  const { page, go, reload, log } = await openPage(t);
  // The tracker also writes as the page is left, after Candor's cleanup of that moment.
  await go('/int-tracker/?unload=1');
  await acceptThenWithdraw(page);

  // Next page load: the refusal stands and declared traces are there, so the cleanup is loaded and runs.
  log.requests.length = 0;
  await reload();
  await tracesThere(page, false);
  assert.deepEqual(await traces(page), [], 'every declared cookie (__Secure-, __Host-, Secure, other path) and key deleted');
  assert.deepEqual(await page.evaluate(() => window.ran || []), [], 'the refused tracker did not run again');
  assert.ok(log.requests.includes('/candor/candor-core.js'), 'candor-core.js loaded to clean up: ' + log.requests.join(', '));

  // And the page load after that: nothing declared is there, so candor-core.js is not even requested.
  log.requests.length = 0;
  await reload();
  assert.equal(await coreRequested(page), false, 'no cleanup (nor anything else of candor-core.js) needed');
  assert.ok(!log.requests.includes('/candor/candor-core.js'), `requests: ${log.requests.join(', ')}`);
  assert.deepEqual(await traces(page), [], 'the traces stay gone');
});

test('leaving the page of a withdrawal deletes what the tracker wrote back since', opts, async (t) => {
  const { page, go } = await openPage(t);
  await go('/int-tracker/');
  await acceptThenWithdraw(page);
  // The next page has no Candor: only the cleanup as the withdrawal's page is hidden can have deleted them.
  await page.getByRole('link', { name: 'Privacy policy' }).click();
  await page.waitForURL('**/privacy.html');
  assert.deepEqual(await traces(page), []);
});

test("a tracker that writes as the page is left, listening since it ran: the withdrawal's page deletes that too", opts, async (t) => {
  const { page, go } = await openPage(t);
  await go('/int-tracker/?unload=early');
  await acceptThenWithdraw(page);
  // Candor listens for the page being hidden from the withdrawal on, after the tracker: its cleanup comes last.
  await page.getByRole('link', { name: 'Privacy policy' }).click();
  await page.waitForURL('**/privacy.html');
  assert.deepEqual(await traces(page), []);
});

test('a page load with no decision, or with every declared purpose granted, does not request candor-core.js', opts, async (t) => {
  const { page, go, reload } = await openPage(t);
  await go('/int-tracker/');
  await waitBanner(page);
  assert.equal(await coreRequested(page), false, 'first visit, nothing declared on the device');
  await button(await waitBanner(page), TEXT.en.acceptAll).click();
  await tracesThere(page, true);
  await receiptKept(page);
  await reload();
  await tracesThere(page, true);
  assert.equal(await coreRequested(page), false, 'analytics granted: its traces stay, nothing to clean');
});
