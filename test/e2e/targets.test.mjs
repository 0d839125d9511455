// Every control of the banner and the preference center shows a visible focus indicator when reached with Tab
// (WCAG 2.4.7) and is a target of at least 24×24 CSS px (WCAG 2.5.8), except links inside a sentence (the
// "inline" exception of 2.5.8). Measured in the browser, at 1280×800 and 390×844.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TEXT, dialog, focused, openPage, waitBanner } from './harness.mjs';

const opts = { timeout: 60_000 };

/** The focused control's box, focus style, and whether it is a link in running text. */
function inspect(page) {
  return page.evaluate(() => {
    let a = document.activeElement;
    while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
    const r = a.getBoundingClientRect();
    const s = getComputedStyle(a);
    const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || (s.boxShadow !== 'none' && s.boxShadow !== '');
    const inline = a.tagName === 'A' && s.display === 'inline' && a.parentElement.textContent.trim() !== a.textContent.trim();
    return {
      name: (a.getAttribute('aria-label') || a.textContent || '').trim().slice(0, 40) || a.tagName,
      width: r.width,
      height: r.height,
      ring,
      focusVisible: a.matches(':focus-visible'),
      inline,
      outline: `${s.outlineStyle} ${s.outlineWidth}`,
    };
  });
}

/** Tab through the controls inside `where` (inBanner / inDialog) once round; returns what each looked like. */
async function tour(page, where) {
  const seen = new Map();
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (!f[where]) {
      if (seen.size) break;
      continue;
    }
    if (seen.has(f.uid)) break;
    seen.set(f.uid, await inspect(page));
  }
  return [...seen.values()];
}

function check(controls, label, min = 4) {
  assert.ok(controls.length >= min, `${label}: controls reached (${controls.length})`);
  for (const c of controls) {
    assert.ok(c.focusVisible && c.ring, `${label}: "${c.name}" shows a focus indicator (outline ${c.outline})`);
    if (!c.inline)
      assert.ok(c.width >= 24 && c.height >= 24, `${label}: "${c.name}" is ${c.width.toFixed(1)}×${c.height.toFixed(1)} px, under 24×24`);
  }
}

for (const viewport of [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
]) {
  test(`focus indicator and 24×24 targets on every control, banner and preference center, ${viewport.width}×${viewport.height}`, opts, async (t) => {
    const { page, go } = await openPage(t, { viewport });
    await go('/');
    await waitBanner(page);
    const banner = await tour(page, 'inBanner');
    check(banner, 'banner');
    // Open every purpose's explanation too: the open state keeps its ring and size.
    await page.locator('#candor .brief button').first().focus();
    await page.keyboard.press('Enter');
    check([await inspect(page)], 'open disclosure', 1);

    await page.locator('#candor .btn', { hasText: TEXT.en.customize }).focus();
    await page.keyboard.press('Enter');
    await dialog(page).waitFor({ state: 'visible' });
    const prefs = await tour(page, 'inDialog');
    check(prefs, 'preference center');
  });
}
