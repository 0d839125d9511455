// Look and language: equal Accept / Reject buttons (docs/compliance.md B6, B7), readable contrast, small screens and
// 200 % zoom (docs/compliance.md G29, WCAG 1.4.10 Reflow), the French interface (docs/contract.md §5 Language).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TEXT, button, customize, dialog, floatingButton, openPage, state, waitBanner, waitNoBanner } from './harness.mjs';
import { assertFits, assertSameLook, measureButtons, reflow } from './look.mjs';

const opts = { timeout: 30_000 };

test('Accept all, Reject all and Customize look the same; contrast ≥ 4.5:1 (docs/compliance.md B7)', opts, async (t) => {
  const T = TEXT.en;
  const { page, go } = await openPage(t);
  await go('/');
  await waitBanner(page);
  assertSameLook(await page.evaluate(measureButtons, [T.acceptAll, T.rejectAll, T.customize]), T);
});

test('dark color scheme: the buttons still look the same, with contrast ≥ 4.5:1', opts, async (t) => {
  const T = TEXT.en;
  const { page, go } = await openPage(t, { colorScheme: 'dark' });
  await go('/');
  await waitBanner(page);
  assertSameLook(await page.evaluate(measureButtons, [T.acceptAll, T.rejectAll, T.customize]), T, ' in dark mode');
});

// 200 % zoom: a 1280×800 screen zoomed to 200 % lays pages out in a 640×400 CSS-pixel viewport with two device
// pixels per CSS pixel. Chromium's page zoom is exactly that, so a 640×400 viewport with deviceScaleFactor 2
// reproduces the layout, the media queries and the rendering of 200 % zoom (WCAG 1.4.4 / 1.4.10).
const screens = [
  { label: '320 px wide (WCAG 1.4.10 Reflow)', viewport: { width: 320, height: 568 }, deviceScaleFactor: 1 },
  { label: '200 % zoom (640×400 CSS px, deviceScaleFactor 2)', viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 },
];

for (const { label, viewport, deviceScaleFactor } of screens) {
  test(`${label}: no horizontal scroll, Accept all and Reject all both visible`, opts, async (t) => {
    const T = TEXT.en;
    const { page, go } = await openPage(t, { viewport, deviceScaleFactor });
    await go('/');
    await waitBanner(page);
    const r = await page.evaluate(reflow, { names: [T.acceptAll, T.rejectAll, T.customize] });
    assertFits(r, 'banner');
    assert.equal(r.buttons[T.acceptAll], 'visible', 'Accept all visible without scrolling');
    assert.equal(r.buttons[T.rejectAll], 'visible', 'Reject all visible without scrolling');

    // The preference center reflows too, and its decision buttons can be reached.
    const d = await customize(page);
    assertFits(await page.evaluate(reflow, { selector: '[role=dialog]', names: [T.save, T.acceptAll, T.rejectAll] }), 'dialog');
    await button(d, T.rejectAll).click(); // reachable (Playwright scrolls it into view if needed)
    await d.waitFor({ state: 'hidden' });
    await waitNoBanner(page);
  });
}

test('<html lang="fr"> gives the French interface', opts, async (t) => {
  const T = TEXT.fr;
  const { page, go } = await openPage(t);
  await go('/?lang=fr');
  const region = await waitBanner(page, 'fr');
  for (const name of [T.acceptAll, T.rejectAll, T.customize]) await button(region, name).waitFor();
  assert.equal((await state(page)).language, 'fr');
  assert.match(await region.innerText(), /Mesure d'audience/, 'purpose titles in French');

  const d = await customize(page, 'fr');
  await button(d, T.save).waitFor();
  await d.getByRole('button', { name: T.close, exact: true }).waitFor();
  await d.getByRole('switch', { name: "Mesure d'audience", exact: true }).waitFor();
  await button(d, T.rejectAll).click();
  await dialog(page, 'fr').waitFor({ state: 'hidden' });
  await floatingButton(page).waitFor({ state: 'visible' });
  assert.equal(await floatingButton(page).getAttribute('aria-label'), T.floatingButton);
});

test('a regional page language (fr-CA) falls back to French; an unknown one to the first configured language', opts, async (t) => {
  const { page, go } = await openPage(t);
  await go('/?lang=fr-CA');
  await waitBanner(page, 'fr');
  assert.equal((await state(page)).language, 'fr');
  await go('/?lang=de');
  await waitBanner(page, 'en'); // navigator.languages is en-US here, and "en" is configured
  assert.equal((await state(page)).language, 'en');
});
