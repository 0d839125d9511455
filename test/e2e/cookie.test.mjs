// The demo server re-issues the `candor` cookie in its answer to a receipt (dist/server.mjs, README "Safari's
// 7-day cap on script-set cookies"): the same value candor.js wrote, as a server-set cookie with the decision's
// remaining lifetime. (The cap itself is measured in WebKitGTK by test/engines/itp.mjs.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer as startDemoServer } from '../../demo/serve.mjs';
import { DEMO, DIST, browser } from './harness.mjs';

test("the demo's receipts endpoint answers a decision with Set-Cookie: the same candor value, Max-Age left, SameSite=Lax", {
  timeout: 30_000,
}, async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'candor-cookie-'));
  symlinkSync(DEMO, join(root, 'demo'), 'dir');
  symlinkSync(DIST, join(root, 'dist'), 'dir');
  const server = await startDemoServer({ port: 0, root });
  const context = await (await browser()).newContext();
  t.after(async () => {
    await context.close();
    await server.close();
    rmSync(root, { recursive: true, force: true });
  });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  await page.goto(server.url + 'en.html');
  const answer = page.waitForResponse((r) => r.url().endsWith('/consent-receipts') && r.request().method() === 'POST');
  await page.getByRole('region', { name: 'Privacy choices' }).getByRole('button', { name: 'Accept all', exact: true }).click();
  const response = await answer;
  const written = await page.evaluate(() => /(?:^|; )candor=([^;]*)/.exec(document.cookie)[1]);
  const header = await response.headerValue('set-cookie');
  const match = /^candor=([^;]+); Path=\/; Max-Age=(\d+); SameSite=Lax$/.exec(header || '');
  assert.ok(match, `Set-Cookie of the receipt's answer: ${header}`);
  assert.equal(match[1], written, 'the value candor.js wrote, unchanged');
  const days = Number(match[2]) / 86400;
  assert.ok(days > 181.9 && days <= 182, `what is left of reaskAfterDays (182): ${days}`);
  const stored = (await context.cookies()).find((c) => c.name === 'candor');
  assert.ok(Math.abs(stored.expires - Date.now() / 1000 - Number(match[2])) < 60, "the browser keeps the server's lifetime");
});
