// Screenshots of the banner and the preference center, desktop (1280×800) and phone (390×844), English and
// French, and of each banner layout (bar, box, modal) at both sizes, written to test/e2e/screenshots/ (shown in
// the README). Regenerated on every run, on the demo shop (demo/index.html is French, demo/en.html English) so
// they show Candor on a realistic page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO, SCREENSHOTS, customize, openPage, settle, waitBanner } from './harness.mjs';

const sizes = { desktop: { width: 1280, height: 800 }, 390: { width: 390, height: 844 } };
const DEMO_CONFIG = JSON.parse(readFileSync(join(DEMO, 'consent.json'), 'utf8'));

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
  for (const layout of ['bar', 'box', 'modal']) {
    test(`screenshots: ${layout} layout, ${size}`, { timeout: 30_000 }, async (t) => {
      mkdirSync(SCREENSHOTS, { recursive: true });
      const { page, go } = await openPage(t, { viewport, root: 'demo' });
      await page.route('**/consent.json', (route) => route.fulfill({ json: { ...DEMO_CONFIG, layout } }));
      await go('/en.html');
      await page.locator('#candor .banner').waitFor({ state: 'visible' });
      await settle(page, 200);
      const file = join(SCREENSHOTS, `layout-${layout}-${size}.png`);
      await page.screenshot({ path: file });
      assert.ok(statSync(file).size > 5000, `${file} written`);
    });
  }
}
