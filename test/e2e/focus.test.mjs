// Focus after a decision made by keyboard (WCAG 2.4.3, issue 15): the floating button if shown, else the element
// that had focus before the banner, else the top of the main content — never <body>. One test per kind of
// decision (Accept all, Reject all, Continue without accepting, Save in the preference center), with and
// without the floating button; the modal layout frees the page after a refusal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PAGES, TEXT, describeFocus, dialog, floatingButton, focused, openPage, tabUntil, waitNoBanner } from './harness.mjs';

const T = TEXT.en;
const opts = { timeout: 30_000 };
const CONFIG = JSON.parse(readFileSync(join(PAGES, 'consent.json'), 'utf8'));

/**
 * The focus once the floating button is drawn: it is drawn after the first decision, and the button takes the focus
 * when it arrives if the focus has not moved since (src/core/lazy-button.ts).
 */
async function focusedWithButton(page) {
  await floatingButton(page).waitFor({ state: 'visible' });
  return focused(page);
}

/** The test page with its config changed by `extra`; waits until the banner is drawn. */
async function open(t, extra = {}) {
  const opened = await openPage(t);
  await opened.page.route('**/consent.json', (route) => route.fulfill({ json: { ...CONFIG, closeButton: true, ...extra } }));
  await opened.go('/');
  await opened.page.locator('#candor .banner').waitFor({ state: 'visible' });
  return opened;
}

/** Tab to the banner (or dialog) control named `name` and press Enter on it. */
async function press(page, name, where = 'inBanner') {
  await tabUntil(page, (f) => f[where] && f.name === name, { max: 80 });
  await page.keyboard.press('Enter');
}

const DECISIONS = [T.acceptAll, T.rejectAll, 'Continue without accepting'];

for (const name of DECISIONS) {
  test(`keyboard ${name} in the banner: focus lands on the floating button`, opts, async (t) => {
    const { page, log } = await open(t);
    await press(page, name);
    await waitNoBanner(page);
    const f = await focusedWithButton(page);
    assert.notEqual(f.tag, 'body', 'focus is not on <body>');
    assert.ok(f.inFloating, `focus on the floating button, found ${describeFocus(f)}`);
    assert.deepEqual(log.pageErrors, []);
  });

  test(`keyboard ${name} with floatingButton: false: focus lands on the top of the main content`, opts, async (t) => {
    const { page } = await open(t, { floatingButton: false, withdrawHint: 'the “Privacy settings” link in the footer' });
    await press(page, name);
    await waitNoBanner(page);
    const f = await focused(page);
    assert.notEqual(f.tag, 'body', 'focus is not on <body>');
    assert.equal(f.id, 'main', `focus on <main>, found ${describeFocus(f)}`);
  });
}

test('keyboard: focus before the banner is where it returns after the decision (no floating button)', opts, async (t) => {
  const { page } = await open(t, { floatingButton: false, withdrawHint: 'the “Privacy settings” link in the footer' });
  // The visitor was on the page's privacy link when the banner came back (candor.reset()).
  await press(page, T.rejectAll);
  await waitNoBanner(page);
  await page.evaluate(() => document.getElementById('privacy-link').focus());
  await page.evaluate(() => window.candor.reset());
  await page.locator('#candor .banner').waitFor({ state: 'visible' });
  await press(page, T.acceptAll);
  await waitNoBanner(page);
  const f = await focused(page);
  assert.equal(f.id, 'privacy-link', `focus back on the element focused before the banner, found ${describeFocus(f)}`);
});

for (const floatingButton of [true, false]) {
  test(`keyboard Save in the preference center (floatingButton: ${floatingButton}): focus is not lost`, opts, async (t) => {
    const { page } = await open(t, { floatingButton, withdrawHint: 'the “Privacy settings” link in the footer' });
    await press(page, T.customize);
    const d = dialog(page);
    await d.waitFor({ state: 'visible' });
    await press(page, T.save, 'inDialog');
    await d.waitFor({ state: 'hidden' });
    await waitNoBanner(page);
    const f = floatingButton ? await focusedWithButton(page) : await focused(page);
    assert.notEqual(f.tag, 'body', 'focus is not on <body>');
    if (floatingButton) assert.ok(f.inFloating, `focus on the floating button, found ${describeFocus(f)}`);
    else assert.equal(f.id, 'main', `focus on <main>, found ${describeFocus(f)}`);
  });
}

test('modal layout: the page waits (inert) while the banner is shown, and nothing stays inert after Reject all', opts, async (t) => {
  const { page } = await open(t, { layout: 'modal' });
  const inert = () => page.evaluate(() => [...document.body.children].filter((el) => el.inert).length);
  assert.ok((await inert()) > 0, 'the page behind is inert');
  assert.ok((await focused(page)).inCandor, 'focus moved into the modal banner');
  // Role dialog (aria-modal) in this layout.
  await press(page, T.rejectAll, 'inDialog');
  await page.locator('#candor .banner').waitFor({ state: 'detached' });
  assert.equal(await inert(), 0, 'nothing inert after the refusal');
  assert.equal(await page.locator('#candor [role=dialog]').count(), 0);
  const f = await focusedWithButton(page);
  assert.ok(f.inFloating, `focus on the floating button, found ${describeFocus(f)}`);
});

test('floatingLabel: the floating button shows "Privacy settings" as visible text; its accessible name stays', opts, async (t) => {
  const { page } = await open(t, { floatingLabel: true });
  await press(page, T.rejectAll);
  await waitNoBanner(page);
  const fab = page.locator('[data-candor-button] button');
  await fab.waitFor({ state: 'visible' });
  assert.equal((await fab.innerText()).trim(), T.floatingButton, 'the label is visible text');
  assert.equal(await fab.getAttribute('aria-label'), T.floatingButton);
  const box = await fab.boundingBox();
  assert.ok(box.width > 100 && box.height >= 44, `the button grows to hold its label (${box.width}×${box.height})`);
  assert.ok(await page.getByRole('button', { name: T.floatingButton, exact: true }).isVisible());
});
