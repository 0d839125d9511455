// Clauses of docs/contract.md checked in the browser where no other file does: §1 `data-base`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TEXT, openPage, waitBanner } from './harness.mjs';

const opts = { timeout: 30_000 };

for (const base of ['/candor/', '/candor'])
  test(`§1: candor.js served from another directory loads its chunks from data-base="${base}"`, opts, async (t) => {
    const { page, go, log } = await openPage(t);
    // /candor-tampered/ serves dist/ with a candor-ui.js whose bytes differ: were the chunks taken from next to
    // candor.js, the browser would refuse the interface and no banner would show.
    await page.route('**/data-base.html', (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><html lang="en"><head><title>data-base</title>
<script src="/candor-tampered/candor.js" data-base="${base}" data-config="/consent.json"></script></head>
<body><main><h1>data-base</h1></main></body></html>`,
      }),
    );
    await go('/data-base.html');
    await waitBanner(page);
    const chunks = log.requests.filter((p) => /\/candor-ui\.js$/.test(p));
    assert.deepEqual(chunks, ['/candor/candor-ui.js'], 'the interface chunk comes from data-base');
    assert.deepEqual(log.failedRequests, []);
    assert.equal(await page.getByRole('button', { name: TEXT.en.acceptAll, exact: true }).count(), 1);
  });
