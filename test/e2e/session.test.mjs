// One full, valid visitor session: no uncaught page error, no console error, no failed request, no CSP
// report (docs/contract.md §7 "Candor never throws into the page") — and the receipts it leaves (docs/contract.md §7, docs/compliance.md D18).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ACCEPT_ALL_RAN,
  TEXT,
  TITLES,
  assertNoBanner,
  button,
  customize,
  dialog,
  floatingButton,
  openPage,
  ran,
  settle,
  switchFor,
  waitBanner,
  waitNoBanner,
  waitRan,
} from './harness.mjs';

const T = TEXT.en;

test('a full session (customize, reload, reopen, reject, reset, accept, partial withdrawal) logs no error and keeps valid receipts', {
  timeout: 60_000,
}, async (t) => {
  const { page, go, reload, log } = await openPage(t);
  await go('/');

  // 1. First visit → Customize → analytics only → Save.
  let d = await customize(page);
  await d
    .getByRole('button', { name: /^Details$/ })
    .first()
    .click();
  await switchFor(d, 'analytics').click();
  await button(d, T.save).click();
  await d.waitFor({ state: 'hidden' });
  await waitRan(page, 1);

  // 2. Next page view: applied silently.
  await reload();
  await assertNoBanner(page);
  await waitRan(page, 1);

  // 3. Floating button → Reject all (a withdrawal: the reload offer shows).
  await floatingButton(page).click();
  d = dialog(page);
  await d.waitFor({ state: 'visible' });
  await button(d, T.rejectAll).click();
  await d.waitFor({ state: 'hidden' });
  await page.getByText(T.reloadOffer).first().waitFor({ state: 'visible' });

  // 4. Next page view: nothing optional.
  await reload();
  await assertNoBanner(page);
  await settle(page);
  assert.deepEqual(await ran(page), []);

  // 5. candor.reset() → banner again → Accept all. (reset() after a grant would leave the reload offer over
  // the banner: see "after a withdrawal, a banner shown again by reset() is not covered" in flows.test.mjs.)
  await page.evaluate(() => window.candor.reset());
  const region = await waitBanner(page);
  await button(region, T.acceptAll).click();
  await waitNoBanner(page);
  await waitRan(page, ACCEPT_ALL_RAN.length);

  // 6. Next page view: applied silently.
  await reload();
  await assertNoBanner(page);
  await waitRan(page, ACCEPT_ALL_RAN.length);

  // 7. data-candor-open → analytics off → Save (a partial withdrawal).
  await page.locator('#privacy-link').click();
  await d.waitFor({ state: 'visible' });
  await switchFor(d, 'analytics').click();
  await button(d, T.save).click();
  await d.waitFor({ state: 'hidden' });
  await page.getByText(T.reloadOffer).first().waitFor({ state: 'visible' });

  const receipts = await page.evaluate(() => window.candor.receipts());
  assert.deepEqual(
    receipts.map((r) => `${r.event}/${r.method}`),
    ['updated/save', 'given/accept-all', 'withdrawn/api', 'withdrawn/reject-all', 'given/save'],
    'one receipt per decision, newest first',
  );
  const subjects = new Set(receipts.map((r) => r.subject));
  assert.equal(subjects.size, 1, 'one pseudonymous subject per device');
  for (const r of receipts) {
    assert.match(r.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, 'UUID v4 id');
    assert.ok(!Number.isNaN(Date.parse(r.time)) && r.time.endsWith('Z'), `UTC ISO-8601 time (${r.time})`);
    assert.equal(r.version, '2026-11');
    assert.equal(r.language, 'en');
    assert.equal(r.gpc, false);
    assert.match(r.noticeHash, /^[0-9a-f]{64}$/, 'SHA-256 notice hash (hex)');
    assert.deepEqual(
      Object.keys(r.purposes)
        .filter((id) => id in TITLES)
        .sort(),
      Object.keys(TITLES).sort(),
      'every optional purpose recorded',
    );
  }
  assert.equal(receipts[0].purposes.analytics, false, 'the last save turned analytics off');
  assert.equal(receipts[0].purposes.marketing, true, 'and kept marketing');
  assert.equal(receipts[2].purposes.analytics, false, 'reset() records the withdrawal with every purpose off');
  assert.equal(receipts[4].purposes.analytics, true);
  assert.equal(receipts[4].purposes.marketing, false);

  assert.deepEqual(log.pageErrors, [], 'no uncaught exception or unhandled rejection');
  assert.deepEqual(log.consoleErrors, [], 'no console error');
  assert.deepEqual(log.failedRequests, [], 'no failed request');
  assert.deepEqual(await page.evaluate(() => window.__csp), [], 'no CSP report');
});
