// A decision that lapses while its pages stay open (docs/contract.md §7): one `expired` receipt for the two tabs that
// saw it, each tab asks again, a preference center open in one stays (its switches off) and the banner comes when it
// closes; a page the visitor comes back to after a sleep its timer did not count lapses then. Time is Playwright's fake clock in
// every page of the context: `fastForward` jumps it and fires the timers then due once (a laptop's lid closed and
// opened), `setSystemTime` moves it without firing any.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  TEXT,
  banner,
  button,
  candorCookie,
  dialog,
  floatingButton,
  openPage,
  ready,
  receiptKept,
  switchFor,
  waitBanner,
  waitNoBanner,
} from './harness.mjs';

const T = TEXT.en;
const opts = { timeout: 30_000 };
const DAY = 864e5;
const events = (page) => page.evaluate(async () => (await window.candor.receipts()).map((r) => `${r.event}/${r.method}`));

/** A visitor who accepted all on `/` (reaskAfterDays 182), with a second tab of the site open. */
async function accepted(t) {
  const { page, context, go, log } = await openPage(t);
  await page.clock.install();
  await go('/');
  await button(await waitBanner(page), T.acceptAll).click();
  await waitNoBanner(page);
  await receiptKept(page);
  const other = await context.newPage();
  other.setDefaultTimeout(5000);
  await other.goto(page.url());
  await ready(other);
  await floatingButton(other).waitFor({ state: 'visible' });
  return { page, other, log };
}

test(
  'a decision that lapses with two tabs open: one `expired` receipt, both tabs ask again, an open preference center stays until closed',
  opts,
  async (t) => {
    const { page, other, log } = await accepted(t);
    await floatingButton(page).click();
    const d = dialog(page);
    await d.waitFor({ state: 'visible' });
    assert.equal(await switchFor(d, 'analytics').getAttribute('aria-checked'), 'true');

    await page.clock.fastForward(182 * DAY);
    await waitBanner(other);
    await page.waitForFunction(() => window.candor.has('analytics') === false);
    assert.equal(await other.evaluate(() => window.candor.has('analytics')), false);
    // The tab with its preference center open keeps it, with the lapsed state; no banner under it yet.
    await switchFor(d, 'analytics').and(page.locator('[aria-checked=false]')).waitFor();
    assert.equal(await banner(page).count(), 0);
    assert.equal(await candorCookie(page), undefined, 'the lapsed decision deleted');

    await receiptKept(page);
    await receiptKept(other);
    assert.deepEqual(await events(page), ['expired/expiry', 'given/accept-all'], 'one receipt of the lapse for the two tabs');

    await button(d, T.close).click();
    await waitBanner(page);
    assert.deepEqual(log.pageErrors, []);
  },
);

test('a page the visitor comes back to after a sleep its timer did not count lapses then, recorded once', opts, async (t) => {
  const { page, other } = await accepted(t);
  await other.close();
  // Its clock moves on; no timer fires (a machine asleep).
  await page.clock.setSystemTime((await page.evaluate(() => Date.now())) + 183 * DAY);
  assert.equal(await page.evaluate(() => window.candor.has('analytics')), true);
  // The visitor comes back to its window (the event the browser sends then).
  await page.evaluate(() => window.dispatchEvent(new Event('focus')));
  await waitBanner(page);
  assert.equal(await page.evaluate(() => window.candor.has('analytics')), false);
  await receiptKept(page);
  assert.deepEqual(await events(page), ['expired/expiry', 'given/accept-all']);
});
