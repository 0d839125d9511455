// Nothing but a decision grants (docs/compliance.md A3): a visitor who scrolls, clicks and types in the page,
// opens a purpose's explanation, switches a purpose on in the preference center and leaves it with Escape, follows
// links and comes back has granted nothing, and no consent record exists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  TITLES,
  assertNothingOptional,
  button,
  candorCookie,
  customize,
  dialog,
  openPage,
  outbox,
  ready,
  settle,
  state,
  switchFor,
  waitBanner,
} from './harness.mjs';

const opts = { timeout: 30_000 };

/** What would show that something was granted or recorded: the cookie, the state, a receipt waiting or sent. */
async function assertUndecided(page, receipts, where) {
  await assertNothingOptional(page, where);
  assert.equal(await candorCookie(page), undefined, `no candor cookie ${where}`);
  assert.equal((await state(page)).decided, false, `undecided ${where}`);
  assert.equal(await page.evaluate(() => localStorage.getItem('candor-pending')), null, `no receipt waiting ${where}`);
  assert.deepEqual((await outbox(page)) || [], [], `no receipt in the outbox ${where}`);
  assert.deepEqual(await page.evaluate(() => window.candor.receipts()), [], `no record on this device ${where}`);
  assert.deepEqual(receipts, [], `no receipt sent ${where}`);
}

test(
  'scrolling, clicking and typing in the page, reading a purpose, leaving the preference center with Escape and navigating grant nothing',
  opts,
  async (t) => {
    const { page, go, log } = await openPage(t);
    const receipts = [];
    page.on('request', (r) => r.method() === 'POST' && receipts.push(new URL(r.url()).pathname));
    await go('/');
    let region = await waitBanner(page);

    // Scrolling, with the wheel and the keyboard.
    await page.mouse.move(640, 200);
    await page.mouse.wheel(0, 2000);
    await page.waitForFunction(() => scrollY > 0);
    await page.keyboard.press('End');
    await page.keyboard.press('Home');
    await page.waitForFunction(() => scrollY === 0);

    // Clicking and typing in the page, around the banner; Escape and Enter with the focus in the page.
    await page.getByRole('heading', { name: 'Maison Lumière', exact: true }).click();
    await page.getByRole('button', { name: 'Add Seine trench to cart' }).click();
    await page.getByLabel('Email address').fill('visitor@example.com');
    await page.keyboard.press('Enter'); // submits the newsletter form: a navigation to this page
    await page.waitForFunction(() => location.search.includes('email='));
    await ready(page);
    await page.keyboard.press('Escape');
    await page.getByRole('link', { name: 'Women' }).click();
    await page.waitForFunction(() => location.hash === '#women');
    region = await waitBanner(page);

    // Reading a purpose's explanation on the first layer, open and closed again.
    const title = button(region, TITLES.analytics);
    await title.click();
    assert.equal(await title.getAttribute('aria-expanded'), 'true', 'the explanation opened');
    await title.click();
    assert.equal(await title.getAttribute('aria-expanded'), 'false', 'and closed');

    // Switching purposes on in the preference center, then leaving it with Escape: nothing is saved.
    const d = await customize(page);
    for (const id of ['analytics', 'marketing']) {
      await switchFor(d, id).click();
      assert.equal(await switchFor(d, id).getAttribute('aria-checked'), 'true', `${id} switched on in the dialog`);
    }
    await page.keyboard.press('Escape');
    await dialog(page).waitFor({ state: 'hidden' });
    await assertUndecided(page, receipts, 'after the preference center was left with Escape');
    await waitBanner(page);

    // Opening it again shows the purposes off: the switches were not kept.
    const again = await customize(page);
    for (const id of ['analytics', 'marketing']) assert.equal(await switchFor(again, id).getAttribute('aria-checked'), 'false', `${id} off again`);
    await page.keyboard.press('Escape');
    await dialog(page).waitFor({ state: 'hidden' });

    // Another page view, then back: the banner asks again, nothing granted on either.
    const before = await page.evaluate(() => location.href);
    await go('/?second=1');
    await waitBanner(page);
    await assertUndecided(page, receipts, 'on the next page view');
    await page.goBack();
    await page.waitForFunction((href) => location.href === href, before);
    await waitBanner(page);
    await settle(page);
    await assertUndecided(page, receipts, 'after going back');
    assert.deepEqual(log.pageErrors, []);
  },
);
