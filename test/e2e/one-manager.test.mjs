// One manager per page (docs/contract.md §2) in a real browser, where markup can clobber window.candor with an object
// whose properties throw when read: an <iframe name="candor"> of another origin.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, waitBanner } from './harness.mjs';

const opts = { timeout: 30_000 };

test(
  'an <iframe name="candor"> of another origin before candor.js, then candor.js twice: one manager runs, the second copy stands down',
  opts,
  async (t) => {
    const warnings = [];
    const { page, go, log } = await openPage(t);
    page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
    await go('/one-manager.html');
    await waitBanner(page);
    assert.equal(await page.evaluate(() => window.candor.ready instanceof Promise && typeof window.candor.has), 'function');
    assert.equal(await page.locator('#candor').count(), 1, 'one banner host');
    assert.deepEqual(
      warnings.filter((w) => w.includes('stands down')),
      ['Candor: already running, this copy stands down.'],
    );
    assert.deepEqual(log.pageErrors, []);
  },
);
