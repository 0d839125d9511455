// A language written right to left (docs/configuration.md, "languages"): Arabic, which Candor has no built-in texts for,
// given whole in the config (pages/rtl.json) on a right-to-left page (pages/rtl.html). Every surface reads right to left:
// the banner, the preference center, the floating button (its label; still in its bottom-left corner) and the embed placeholder;
// axe finds nothing. An English Candor on the same page stays left to right.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { axe, describeViolations, floatingButton, openPage } from './harness.mjs';

const opts = { timeout: 30_000 };
const AR = JSON.parse(readFileSync(new URL('./pages/rtl.json', import.meta.url), 'utf8')).texts.ar;

const region = (page, name) => page.getByRole('region', { name, exact: true });
const named = (scope, name) => scope.getByRole('button', { name, exact: true });
/** The left and right edges of what `locator` finds. */
const edges = (locator) => locator.evaluate((el) => (({ left, right }) => ({ left, right }))(el.getBoundingClientRect()));

async function assertAxeClean(page, where) {
  const violations = await axe(page);
  assert.equal(violations.length, 0, `axe violations on ${where}:\n${describeViolations(violations)}`);
}

test('Arabic: the banner, the preference center, the floating button and the placeholder read right to left; axe finds nothing', opts, async (t) => {
  // 800 px: the banner's three choices side by side (the bar stacks them beside the text from 60em).
  const { page, go, log } = await openPage(t, { viewport: { width: 800, height: 700 } });
  await go('/rtl.html?lang=ar');
  const banner = region(page, AR.bannerLabel);
  await banner.waitFor({ state: 'visible' });
  assert.equal(await banner.evaluate((el) => getComputedStyle(el).direction), 'rtl');
  // The first choice is at the right, the last at the left.
  const [first, , last] = await Promise.all([AR.acceptAll, AR.rejectAll, AR.customize].map((n) => edges(named(banner, n))));
  assert.ok(first.left > last.right, `the first choice right of the last: ${JSON.stringify({ first, last })}`);
  // The text starts at the right: the first purpose title touches the right of its list, its marker points left.
  const title = named(banner, 'ضروري (نشط دائمًا)');
  const list = await edges(banner.locator('.brief'));
  assert.ok(Math.abs((await edges(title)).right - list.right) < 1, 'the first purpose title at the right');
  assert.equal(await title.evaluate((el) => getComputedStyle(el, '::before').content), '"◂ " / ""');
  await title.click();
  assert.equal(await title.evaluate((el) => getComputedStyle(el, '::before').content), '"▾ " / ""');
  await assertAxeClean(page, 'the Arabic banner');

  await named(banner, AR.customize).click();
  const dialog = page.getByRole('dialog', { name: AR.dialogTitle, exact: true });
  await dialog.waitFor({ state: 'visible' });
  assert.equal(await dialog.evaluate((el) => getComputedStyle(el).direction), 'rtl');
  // A switch that is on has its thumb at the left end (the reading direction's end).
  const on = dialog.getByRole('switch', { name: 'ضروري', exact: true });
  const thumb = await on.evaluate((el) => {
    const box = el.getBoundingClientRect();
    const s = getComputedStyle(el, '::before');
    return { right: parseFloat(s.right), shift: new DOMMatrix(s.transform).m41, width: box.width };
  });
  assert.ok(thumb.right > 0 && thumb.right < 5 && thumb.shift < -15, `the thumb starts right and moves left: ${JSON.stringify(thumb)}`);
  await assertAxeClean(page, 'the Arabic preference center');

  await named(dialog, AR.rejectAll).click();
  await dialog.waitFor({ state: 'hidden' });
  const fab = floatingButton(page);
  await fab.waitFor({ state: 'visible' });
  assert.equal(await fab.evaluate((el) => getComputedStyle(el).direction), 'rtl');
  // Where it always is, bottom left; its shield first in reading order, at the right of its label.
  const box = await edges(fab);
  const icon = await edges(fab.locator('svg'));
  assert.ok(box.left < 20, `still in the bottom-left corner: ${box.left}`);
  assert.ok(box.right - icon.right < 16 && icon.left - box.left > 40, `the icon at the right: ${JSON.stringify({ box, icon })}`);

  const allow = named(page, AR.allowAndLoad);
  await allow.waitFor();
  const ph = allow.locator('xpath=..');
  assert.equal(await ph.evaluate((el) => getComputedStyle(el).direction), 'rtl');
  const [phBox, button] = [await edges(ph), await edges(allow)];
  assert.ok(phBox.right - button.right < 20 && button.left - phBox.left > 40, `the button at the right: ${JSON.stringify({ phBox, button })}`);
  await assertAxeClean(page, 'the page with the floating button and the placeholder');
  assert.deepEqual(log.pageErrors, []);
});

test('English on a right-to-left page: Candor stays left to right', opts, async (t) => {
  const { page, go } = await openPage(t, { viewport: { width: 800, height: 700 } });
  await go('/rtl.html?lang=en');
  const banner = region(page, 'Privacy choices');
  await banner.waitFor({ state: 'visible' });
  assert.equal(await banner.evaluate((el) => getComputedStyle(el).direction), 'ltr');
  const [first, last] = await Promise.all(['Accept all', 'Customize'].map((n) => edges(named(banner, n))));
  assert.ok(first.right < last.left, 'the first choice at the left');
  const allow = named(page, 'Allow and load');
  await allow.waitFor();
  assert.equal(await allow.evaluate((el) => getComputedStyle(el).direction), 'ltr');
  await named(banner, 'Reject all').click();
  const fab = floatingButton(page);
  await fab.waitFor({ state: 'visible' });
  assert.equal(await fab.evaluate((el) => getComputedStyle(el).direction), 'ltr');
  const [box, icon] = [await edges(fab), await edges(fab.locator('svg'))];
  assert.ok(icon.left - box.left < 16, `the icon at the left: ${JSON.stringify({ box, icon })}`);
});
