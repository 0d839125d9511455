// The gate while the page is still being parsed (docs/contract.md §3): an inline gated script is activated only once
// the parser has given it all its text — found by the benchmark with 1,000 gated scripts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TEXT, button, openPage, settle, waitBanner, waitNoBanner } from './harness.mjs';

test('a returning visitor’s inline gated script split across network packets runs once, whole', { timeout: 30_000 }, async (t) => {
  const { page, go, log } = await openPage(t);
  await go('/stream.html');
  await button(await waitBanner(page), TEXT.en.acceptAll).click();
  await waitNoBanner(page);
  assert.deepEqual(await page.evaluate(() => window.streamed), ['first half + second half']);
  // Next page view: the decision is known while the parser is inside the script.
  await go('/stream.html');
  await settle(page);
  assert.deepEqual(await page.evaluate(() => window.streamed), ['first half + second half']);
  assert.deepEqual(log.pageErrors, []);
});
