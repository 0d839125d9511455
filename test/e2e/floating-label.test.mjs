// The floating button with its label shown (`floatingLabel`) and a long label text (pages/long-label.json): the label
// wraps inside the button, never past its edges (nor touching them) nor off the screen, and the button stays a target of at least
// 44 × 44 px (WCAG 2.5.8); a label that fits keeps the button one line, 44 px high.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { button, floatingButton, openPage, waitBanner, waitNoBanner } from './harness.mjs';

const opts = { timeout: 30_000 };

for (const width of [320, 390, 1280])
  test(`a long floating label at ${width} px wraps inside the button, a target of at least 44 × 44 px`, opts, async (t) => {
    const { page, go } = await openPage(t, { viewport: { width, height: 700 } });
    await go('/long-label.html');
    await button(await waitBanner(page), 'Reject all').click();
    await waitNoBanner(page);
    const fab = floatingButton(page);
    await fab.waitFor({ state: 'visible' });
    const m = await fab.evaluate((el) => {
      const range = document.createRange();
      range.selectNodeContents(el.lastChild);
      const r = (b) => ({ left: b.left, right: b.right, top: b.top, bottom: b.bottom, width: b.width, height: b.height });
      return {
        box: r(el.getBoundingClientRect()),
        text: r(range.getBoundingClientRect()),
        lines: range.getClientRects().length,
        viewport: innerWidth,
      };
    });
    const { box, text } = m;
    assert.ok(box.width >= 44 && box.height >= 44, `a 44 × 44 target at least: ${JSON.stringify(box)}`);
    assert.ok(box.left >= 0 && box.right <= m.viewport, `on the screen: ${JSON.stringify(m)}`);
    for (const side of ['left', 'top']) assert.ok(text[side] >= box[side], `the label inside the button (${side}): ${JSON.stringify(m)}`);
    for (const side of ['right', 'bottom']) assert.ok(text[side] <= box[side], `the label inside the button (${side}): ${JSON.stringify(m)}`);
    // Not touching the edges either: the first and last lines keep a gap to the top and bottom, the lines to the end.
    for (const [gap, side] of [
      [text.top - box.top, 'top'],
      [box.bottom - text.bottom, 'bottom'],
      [box.right - text.right, 'right'],
    ])
      assert.ok(gap >= 4, `a gap of ${gap} px between the label and the button's ${side}: ${JSON.stringify(m)}`);
    if (width == 1280) assert.deepEqual([box.height, m.lines], [44, 1], `one line where it fits: ${JSON.stringify(m)}`);
    else assert.ok(m.lines > 1, `wrapped: ${JSON.stringify(m)}`);
  });
