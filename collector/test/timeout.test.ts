/**
 * A database that does not answer (a lock held elsewhere, a statement that never ends) must not make requests pile up:
 * past CANDOR_DB_TIMEOUT the collector answers 503 (the device sends the receipt again later) and forgets the request.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Db } from '../src/db.js';
import { openDb } from '../src/db.js';
import { settingsFrom } from '../src/settings.js';
import { count, DATABASE_URL, freshDb, receipt, removeDir, startCollector } from './helpers.js';

let db: Db;
let dataDir: string | undefined;

before(async () => {
  ({ db, dataDir } = await freshDb());
});
after(async () => {
  await db.close();
  removeDir(dataDir);
});

/** A POST that gives up after 5 s: without a bound, a hung database would hold it for ever. */
const send = (url: string, body: unknown) =>
  fetch(`${url}/consent-receipts`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(5000),
  });

describe('CANDOR_DB_TIMEOUT', () => {
  it('is 10 s by default, read in milliseconds, and 0 turns it off', () => {
    assert.equal(settingsFrom({}).dbTimeoutMs, 10_000);
    assert.equal(settingsFrom({ CANDOR_DB_TIMEOUT: '2500' }).dbTimeoutMs, 2500);
    assert.equal(settingsFrom({ CANDOR_DB_TIMEOUT: '0' }).dbTimeoutMs, 0);
    assert.equal(settingsFrom({ CANDOR_DB_TIMEOUT: 'soon' }).dbTimeoutMs, 10_000);
  });

  it('a limit longer than timers and PostgreSQL allow (2^31 - 1 ms, 24.8 days) is that longest one, not a limit of 1 ms', async () => {
    const { dbTimeoutMs } = settingsFrom({ CANDOR_DB_TIMEOUT: '99999999999' });
    assert.equal(dbTimeoutMs, 2 ** 31 - 1);
    // Node runs a longer timer after 1 ms, and PostgreSQL refuses a longer statement_timeout: every receipt was answered 503.
    // PostgreSQL as it is (its statement_timeout included); PGlite, in process, answers before any timer runs: 20 ms
    // away, as over a network.
    const later = <T>(p: () => Promise<T>) => new Promise((ok) => setTimeout(ok, 20)).then(p);
    const remote: Db = DATABASE_URL
      ? db
      : { ...db, query: (sql, params) => later(() => db.query(sql, params)), transaction: (fn) => later(() => db.transaction(fn)) };
    const server = await startCollector(remote, { dbTimeoutMs });
    try {
      const before = await count(db);
      assert.equal((await send(server.url, receipt())).status, 201);
      assert.equal((await fetch(`${server.url}/health`)).status, 200);
      assert.equal(await count(db), before + 1);
    } finally {
      await server.close();
    }
  });

  it('answers 503 when the database hangs, drops the waiting requests, and stores each receipt once when it answers again', async () => {
    let release!: () => void;
    const hung = new Promise<void>((ok) => (release = ok));
    let transactions = 0;
    // The first transaction waits until released; what the writer queues behind it waits too.
    const hanging: Db = {
      ...db,
      scripted: undefined,
      literal: undefined,
      transaction: (fn) => (transactions++ ? db.transaction(fn) : hung.then(() => db.transaction(fn))),
    };
    const server = await startCollector(hanging, { dbTimeoutMs: 300 });
    try {
      const first = receipt();
      const second = receipt();
      const answers = await Promise.all([send(server.url, first), send(server.url, second), fetch(`${server.url}/health`)]);
      assert.deepEqual(
        answers.map((r) => r.status),
        [503, 503, 200],
      );
      assert.match((await answers[0].json()).error, /retry later/);
      release();
      await server.close();
      // The device sends both again: each is stored once (the first may have been committed after its 503).
      const again = await startCollector(db, { dbTimeoutMs: 300 });
      try {
        for (const r of [first, second]) assert.ok([200, 201].includes((await send(again.url, r)).status));
      } finally {
        await again.close();
      }
      assert.equal((await db.query('SELECT id FROM receipts WHERE id = ANY($1::uuid[])', [[first.id, second.id]])).length, 2);
      // The second request left the queue when it timed out: only the first one's transaction ever ran on the hung database.
      assert.equal(transactions, 1);
    } finally {
      release();
    }
  });

  it('answers 503 on /health when the database does not answer', async () => {
    const hanging: Db = { ...db, query: () => new Promise(() => {}) };
    const server = await startCollector(hanging, { dbTimeoutMs: 200 });
    try {
      const r = await fetch(`${server.url}/health`, { signal: AbortSignal.timeout(5000) });
      assert.equal(r.status, 503);
    } finally {
      await server.close();
    }
  });

  it('PostgreSQL ends a statement waiting on a lock held elsewhere, so no connection stays stuck', {
    skip: !DATABASE_URL && 'PostgreSQL only',
  }, async () => {
    const other = await openDb({ url: DATABASE_URL });
    const server = await startCollector(db, { dbTimeoutMs: 300 });
    try {
      await other.scripted!(async (run) => {
        // Another collector process holds the chain head (a transaction that does not end).
        await run('BEGIN; SELECT seq FROM chain_head FOR UPDATE');
        assert.equal((await send(server.url, receipt())).status, 503);
        // The statement is cancelled by the server, not left waiting for the lock.
        const waiting = async () => (await run(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock'`))[0][0].n;
        const until = Date.now() + 3000;
        while ((await waiting()) > 0 && Date.now() < until) await new Promise((ok) => setImmediate(ok));
        assert.equal(await waiting(), 0);
        await run('ROLLBACK');
      });
      const before = await count(db);
      assert.equal((await send(server.url, receipt())).status, 201);
      assert.equal(await count(db), before + 1);
    } finally {
      await server.close();
      await other.close();
    }
  });
});
