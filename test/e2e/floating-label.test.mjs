// The floating button with its label shown (`floatingLabel`) and a long label text (pages/long-label.json): the label
// wraps inside the button, never past its edges (nor touching them) nor off the screen, and the button stays a target of at least
// 44 × 44 px (WCAG 2.5.8); a label that fits keeps the button one line, 44 px high.
import { test } from 'node:test';
import { button, floatingButton, openPage, waitBanner, waitNoBanner } from './harness.mjs';
import { assertFloatingLabel, measureFloatingLabel } from './look.mjs';

const opts = { timeout: 30_000 };

for (const width of [320, 390, 1280])
  test(`a long floating label at ${width} px wraps inside the button, a target of at least 44 × 44 px`, opts, async (t) => {
    const { page, go } = await openPage(t, { viewport: { width, height: 700 } });
    await go('/long-label.html');
    await button(await waitBanner(page), 'Reject all').click();
    await waitNoBanner(page);
    const fab = floatingButton(page);
    await fab.waitFor({ state: 'visible' });
    assertFloatingLabel(await page.evaluate(measureFloatingLabel), width);
  });
