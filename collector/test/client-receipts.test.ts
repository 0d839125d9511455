/**
 * What Candor makes, stored: test/fixtures/client-receipts.json holds the receipts the client's own makeReceipt made from
 * edge-case configurations the validator accepts (test/core/receipts-contract.test.ts at the repository root writes and
 * checks it): the longest versions and ids, 100 purposes, unusual language tags, Unicode, any time a device clock gives.
 * Each one, POSTed as the outbox does, is stored and given back as sent; the chain, exports and rates take them.
 */
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Db } from '../src/db.js';
import { exportReceipts } from '../src/export.js';
import { verifyChain } from '../src/verify.js';
import { collectorForSuite, count, post, type TestServer } from './helpers.js';

const SENT: { [k: string]: any }[] = JSON.parse(readFileSync(new URL('../../test/fixtures/client-receipts.json', import.meta.url), 'utf8'));

let db: Db;
let server: TestServer;
const auth = { Authorization: 'Bearer t0ken' };

collectorForSuite({ adminToken: 't0ken' }, (c) => ({ db, server } = c));

it('stores every receipt the client makes, one request each as the outbox sends them', async () => {
  assert.ok(SENT.length >= 30);
  for (const r of SENT) {
    const res = await post(server.url, r);
    assert.equal(res.status, 201, `${r.id}: ${(await res.text()).slice(0, 500)}`);
  }
  assert.equal(await count(db), SENT.length);
});

it('gives each back as it was sent', async () => {
  for (const subject of new Set(SENT.map((r) => r.subject))) {
    const res = await fetch(`${server.url}/subjects/${subject}/receipts`, { headers: auth });
    assert.equal(res.status, 200);
    const stored = ((await res.json()) as any[]).map(({ receivedAt, seq, noticeKnown, ...r }) => r);
    assert.deepEqual(
      stored,
      SENT.filter((r) => r.subject == subject),
    );
  }
});

it('keeps the chain verifiable, and exports them all', async () => {
  const v = await verifyChain(db);
  assert.equal(v.ok, true, JSON.stringify(v.broken));
  assert.equal(v.rows, SENT.length);
  for (const format of ['ndjson', '27560'] as const) {
    let n = 0;
    for (const subject of new Set(SENT.map((r) => r.subject))) n += await exportReceipts(db, { subject }, format, () => {});
    assert.equal(n, SENT.length, format);
  }
});

it('shows them in the consent rates page', async () => {
  const res = await fetch(`${server.url}/stats.html?from=2026-11-14&to=2026-11-14`, { headers: auth });
  assert.equal(res.status, 200);
  assert.match(await res.text(), /<h2>p99-x+<\/h2>/);
});
