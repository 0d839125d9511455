// Keyboard only (docs/compliance.md G26–G29, WCAG 2.1.1, 2.4.3, 2.4.11; WAI-ARIA APG modal dialog pattern):
// every control is reached with Tab and used with Enter / Space; the preference center traps and returns focus.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  TEXT,
  TITLES,
  describeFocus,
  dialog,
  focused,
  openPage,
  ran,
  settle,
  state,
  tabUntil,
  waitBanner,
  waitNoBanner,
  waitRan,
} from './harness.mjs';

const T = TEXT.en;
const opts = { timeout: 30_000 };

/** Names of the focusable, visible controls inside the element matching `selector` in Candor's shadow root. */
function controlsIn(page, selector) {
  return page.evaluate((selector) => {
    const root = document.getElementById('candor').shadowRoot;
    const scope = root.querySelector(selector);
    const focusable = 'a[href], button:not([disabled]), input:not([disabled]), select, textarea, [tabindex]:not([tabindex="-1"])';
    return [...scope.querySelectorAll(focusable)].filter((el) => el.getClientRects().length > 0).length;
  }, selector);
}

test('keyboard: Tab reaches every banner control; Enter on Accept all decides', opts, async (t) => {
  const { page, go, log } = await openPage(t);
  await go('/');
  await waitBanner(page);
  const expected = await controlsIn(page, '[role=region]');
  const visited = await tabUntil(page, (_f, all) => new Set(all.filter((x) => x.inBanner).map((x) => x.uid)).size >= expected, { max: 80 });
  const names = visited.filter((f) => f.inBanner).map((f) => f.name);
  for (const name of [T.acceptAll, T.rejectAll, T.customize]) assert.ok(names.includes(name), `${name} reached with Tab (${names})`);

  // Go round to Accept all and use it.
  await tabUntil(page, (f) => f.inBanner && f.name === T.acceptAll, { max: 80 });
  await page.keyboard.press('Enter');
  await waitNoBanner(page);
  await waitRan(page, 4);
  assert.equal((await state(page)).decided, true);
  assert.deepEqual(log.pageErrors, []);
});

test('keyboard: Reject all with Space decides from the banner', opts, async (t) => {
  const { page, go, log } = await openPage(t);
  await go('/');
  await waitBanner(page);
  await tabUntil(page, (f) => f.inBanner && f.name === T.rejectAll, { max: 80 });
  await page.keyboard.press('Space');
  await waitNoBanner(page);
  await settle(page);
  assert.equal((await state(page)).decided, true);
  assert.deepEqual(await ran(page), []);
  assert.deepEqual(log.pageErrors, []);
});

test("docs/compliance.md G26: the banner is early in the tab order, before the page's main content", opts, async (t) => {
  const { page, go } = await openPage(t);
  await go('/');
  await waitBanner(page);
  const visited = await tabUntil(page, (f) => f.inBanner || f.inMain, { max: 40 });
  const last = visited[visited.length - 1];
  assert.ok(
    last.inBanner,
    `Tab reached the page's main content (${describeFocus(last)}) before the banner: ${visited.map(describeFocus).join(' → ')}`,
  );
});

test('the preference center follows the APG modal dialog pattern: focus in, Tab wraps, Escape closes, focus returns', opts, async (t) => {
  const { page, go, log } = await openPage(t);
  await go('/');
  await waitBanner(page);
  await tabUntil(page, (f) => f.inBanner && f.name === T.customize, { max: 80 });
  await page.keyboard.press('Enter');
  const d = dialog(page);
  await d.waitFor({ state: 'visible' });
  assert.equal(await d.getAttribute('aria-modal'), 'true');

  const first = await focused(page);
  assert.ok(first.inDialog, `focus moved into the dialog, found ${describeFocus(first)}`);

  // Tab: every control of the dialog, never leaving it, then back to the start.
  const expected = await controlsIn(page, '[role=dialog]');
  const forward = await tabUntil(page, (f, all) => !f.inDialog || all.slice(0, -1).some((x) => x.uid === f.uid), { max: expected + 5 });
  const outside = forward.find((f) => !f.inDialog);
  assert.equal(outside, undefined, `Tab left the dialog: ${forward.map(describeFocus).join(' → ')}`);
  const cycle = new Set(forward.map((f) => f.uid)).size;
  assert.ok(cycle >= expected, `every dialog control is in the Tab cycle (${cycle} of ${expected})`);

  // Shift+Tab wraps the other way.
  const backward = await tabUntil(page, (f, all) => !f.inDialog || all.length > cycle, { max: cycle + 2, shift: true });
  assert.ok(
    backward.every((f) => f.inDialog),
    `Shift+Tab left the dialog: ${backward.map(describeFocus).join(' → ')}`,
  );

  // Escape closes without deciding, focus back on Customize.
  await page.keyboard.press('Escape');
  await d.waitFor({ state: 'hidden' });
  assert.equal((await state(page)).decided, false, 'Escape decides nothing (docs/compliance.md A4)');
  await waitBanner(page);
  const back = await focused(page);
  assert.ok(back.inBanner && back.name === T.customize, `focus returned to Customize, found ${describeFocus(back)}`);
  assert.deepEqual(log.pageErrors, []);
});

test('keyboard: details, switches, download and Save in the dialog; floating button and data-candor-open reopen it', opts, async (t) => {
  const { page, go, log } = await openPage(t);
  await go('/');
  await waitBanner(page);
  await tabUntil(page, (f) => f.inBanner && f.name === T.customize, { max: 80 });
  await page.keyboard.press('Enter');
  const d = dialog(page);
  await d.waitFor({ state: 'visible' });

  // A "Details" disclosure opens with Enter.
  const details = await tabUntil(page, (f) => f.inDialog && f.tag === 'button' && f.role !== 'switch' && /detail/i.test(f.name), { max: 30 });
  const before = await page.evaluate(() => {
    let a = document.activeElement;
    while (a.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
    return a.getAttribute('aria-expanded');
  });
  await page.keyboard.press('Enter');
  const afterExpand = await page.evaluate(() => {
    let a = document.activeElement;
    while (a.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
    const panel = a.getAttribute('aria-controls') && a.getRootNode().getElementById(a.getAttribute('aria-controls'));
    return { expanded: a.getAttribute('aria-expanded'), panelShown: !!panel && panel.getClientRects().length > 0 };
  });
  assert.ok(details.length, 'a Details control is reachable');
  assert.notEqual(afterExpand.expanded, before, 'Enter toggles the disclosure');
  assert.ok(afterExpand.panelShown, 'the details panel shows');

  // The analytics switch toggles with Space.
  await tabUntil(page, (f) => f.inDialog && f.role === 'switch' && f.name === TITLES.analytics, { max: 40 });
  await page.keyboard.press('Space');
  assert.equal((await focused(page)).checked, 'true', 'Space turns the switch on');

  // Download my records: file candor-receipts.json (docs/contract.md §5).
  await tabUntil(page, (f) => f.inDialog && /download/i.test(f.name), { max: 40 });
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 3000 }), page.keyboard.press('Enter')]);
  assert.equal(download.suggestedFilename(), 'candor-receipts.json');

  await tabUntil(page, (f) => f.inDialog && f.name === T.save, { max: 40 });
  await page.keyboard.press('Enter');
  await d.waitFor({ state: 'hidden' });
  await waitNoBanner(page);
  await waitRan(page, 1);
  await settle(page);
  assert.deepEqual(await ran(page), ['analytics']);
  const after = await focused(page);
  // Focus is not lost after saving: not on <body> (nor nowhere) but on the floating button, which reopens the dialog.
  assert.notEqual(after.tag, 'body', 'focus is not lost after saving (found <body>)');
  assert.notEqual(after.tag, null, 'focus is not lost after saving');
  assert.ok(after.inFloating, `focus is on the floating button after saving, found ${describeFocus(after)}`);

  // The floating button is reachable and reopens the dialog; Escape returns focus to it.
  await tabUntil(page, (f) => f.inFloating, { max: 80 });
  await page.keyboard.press('Enter');
  await d.waitFor({ state: 'visible' });
  assert.ok((await focused(page)).inDialog, 'focus moved into the reopened dialog');
  await page.keyboard.press('Escape');
  await d.waitFor({ state: 'hidden' });
  assert.ok((await focused(page)).inFloating, `focus returned to the floating button, found ${describeFocus(await focused(page))}`);

  // The page's data-candor-open link, with Enter; Escape returns focus to it.
  await tabUntil(page, (f) => f.id === 'privacy-link', { max: 80 });
  await page.keyboard.press('Enter');
  await d.waitFor({ state: 'visible' });
  await page.keyboard.press('Escape');
  await d.waitFor({ state: 'hidden' });
  assert.equal((await focused(page)).id, 'privacy-link', 'focus returned to the data-candor-open link');
  assert.deepEqual(log.pageErrors, []);
});

/**
 * Tab through the page's own controls with the banner shown and list those entirely hidden (WCAG 2.4.11
 * Focus Not Obscured (Minimum)): an element is hidden when none of nine sample points inside it, within the
 * viewport, hits the element itself.
 */
async function obscuredWhileTabbing(page) {
  const hidden = [];
  const seen = new Set();
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (f.inCandor || f.tag === 'body' || !f.tag) continue;
    if (seen.has(f.uid)) break;
    seen.add(f.uid);
    const visible = await page.evaluate(() => {
      let a = document.activeElement;
      while (a.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
      const r = a.getBoundingClientRect();
      for (const fx of [0.1, 0.5, 0.9])
        for (const fy of [0.1, 0.5, 0.9]) {
          const x = r.left + r.width * fx,
            y = r.top + r.height * fy;
          if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) continue;
          const hit = document.elementFromPoint(x, y);
          if (hit && (hit === a || a.contains(hit))) return true;
        }
      return false;
    });
    if (!visible) hidden.push(describeFocus(f));
  }
  assert.ok(seen.size >= 10, `tabbed through the page's controls (${seen.size})`);
  return hidden;
}

for (const viewport of [
  { width: 1280, height: 800 },
  { width: 320, height: 568 },
]) {
  test(`WCAG 2.4.11 at ${viewport.width}×${viewport.height}: the banner never entirely hides the focused page element`, opts, async (t) => {
    const { page, go } = await openPage(t, { viewport });
    await go('/');
    await waitBanner(page);
    const hidden = await obscuredWhileTabbing(page);
    assert.deepEqual(hidden, [], 'focused page elements entirely hidden behind the banner');
  });
}
