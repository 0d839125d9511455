// Screenshots of the banner and the preference center, desktop (1280×800) and 320 px wide, English and French,
// written to test/e2e/screenshots/ (linked from the README). Regenerated on every run, on the demo shop
// (demo/index.html is French, demo/en.html English) so they show Candor on a realistic page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SCREENSHOTS, customize, openPage, settle, waitBanner } from './harness.mjs';

const sizes = { desktop: { width: 1280, height: 800 }, '320': { width: 320, height: 568 } };

for (const [size, viewport] of Object.entries(sizes)) {
  for (const lang of ['en', 'fr']) {
    test(`screenshots: banner and preference center, ${size}, ${lang}`, { timeout: 30_000 }, async (t) => {
      mkdirSync(SCREENSHOTS, { recursive: true });
      const { page, go } = await openPage(t, { viewport, root: 'demo' });
      await go(lang === 'fr' ? '/' : '/en.html');
      await waitBanner(page, lang);
      await settle(page);
      const files = [join(SCREENSHOTS, `banner-${size}-${lang}.png`), join(SCREENSHOTS, `preferences-${size}-${lang}.png`)];
      await page.screenshot({ path: files[0] });
      await customize(page, lang);
      await settle(page);
      await page.screenshot({ path: files[1] });
      for (const f of files) assert.ok(statSync(f).size > 5000, `${f} written`);
    });
  }
}
