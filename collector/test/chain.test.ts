/** Tamper evidence: the append-only trigger, `verify` finding the first broken link, the daily digest, retention. */
import { after, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Db } from '../src/db.js';
import { checkReceipt } from '../src/receipt.js';
import { storeReceipts } from '../src/store.js';
import { prune } from '../src/prune.js';
import { dailyDigest, verifyChain } from '../src/verify.js';
import { count, freshDb, receipt, removeDir } from './helpers.js';

let db: Db;
let dataDir: string | undefined;

const incoming = (n: number) => Array.from({ length: n }, () => ({ receipt: checkReceipt(receipt()).receipt!, ip: null, userAgent: null }));
/** Change a stored row behind the trigger's back, as someone with database access could. */
const tamper = async (sql: string, params: unknown[] = []) => {
  await db.exec('ALTER TABLE receipts DISABLE TRIGGER USER');
  try {
    await db.query(sql, params);
  } finally {
    await db.exec('ALTER TABLE receipts ENABLE TRIGGER USER');
  }
};

beforeEach(async () => {
  await db?.close();
  removeDir(dataDir);
  ({ db, dataDir } = await freshDb());
});
after(async () => {
  await db.close();
  removeDir(dataDir);
});

describe('append-only', () => {
  it('refuses UPDATE, DELETE and TRUNCATE of receipts', async () => {
    await storeReceipts(db, incoming(2));
    await assert.rejects(db.query("UPDATE receipts SET event = 'refused'"), /append-only/);
    await assert.rejects(db.query('DELETE FROM receipts'), /append-only/);
    await assert.rejects(db.exec('TRUNCATE receipts'), /append-only/);
    assert.equal(await count(db), 2);
  });
});

describe('verify', () => {
  it('passes on an untouched chain and reports its head', async () => {
    await storeReceipts(db, incoming(5));
    await storeReceipts(db, incoming(3));
    const v = await verifyChain(db);
    assert.equal(v.ok, true);
    assert.equal(v.rows, 8);
    const [head] = await db.query('SELECT chain FROM chain_head');
    assert.equal(v.head, head.chain);
  });

  it('stores quotes, backslashes and non-ASCII text exactly, and they verify', async () => {
    const version = "it's \\ \"v2\" — é 🎉 $$ '' \\'";
    const r = checkReceipt(receipt({ version })).receipt;
    assert.ok(r, 'a valid receipt');
    await storeReceipts(db, [{ receipt: r!, ip: null, userAgent: "Mozilla/5.0 'x' \\" }]);
    const [row] = await db.query('SELECT version, user_agent FROM receipts');
    assert.equal(row.version, version);
    assert.equal(row.user_agent, "Mozilla/5.0 'x' \\");
    assert.equal((await verifyChain(db)).ok, true);
  });

  it('finds the row whose content was altered', async () => {
    await storeReceipts(db, incoming(10));
    await tamper('UPDATE receipts SET purposes = \'{"analytics": true}\' WHERE seq = 6');
    const v = await verifyChain(db);
    assert.equal(v.ok, false);
    assert.equal(v.broken!.seq, 6);
    assert.match(v.broken!.reason, /altered/);
    assert.equal(v.rows, 5);
  });

  it('finds an altered row even when its own link was recomputed (the next link breaks)', async () => {
    await storeReceipts(db, incoming(4));
    await tamper("UPDATE receipts SET event = 'refused', chain = repeat('a', 64) WHERE seq = 2");
    const v = await verifyChain(db);
    assert.equal(v.broken!.seq, 2);
  });

  it('finds a removed row, and rows removed from the end', async () => {
    await storeReceipts(db, incoming(6));
    await tamper('DELETE FROM receipts WHERE seq = 3');
    assert.deepEqual((await verifyChain(db)).broken?.seq, 3);
    await tamper('DELETE FROM receipts WHERE seq >= 3');
    assert.match((await verifyChain(db)).broken!.reason, /removed from the end/);
  });

  it('exits 1 from the command line and names the broken row', async () => {
    if (!dataDir) return; // the command line test needs the PGlite folder
    await storeReceipts(db, incoming(3));
    await tamper("UPDATE receipts SET subject = 'someone-else' WHERE seq = 2");
    await db.close();
    const cli = new URL('../src/cli.js', import.meta.url).pathname;
    const run = promisify(execFile)(process.execPath, [cli, 'verify'], { env: { ...process.env, CANDOR_DATA_DIR: dataDir } });
    await assert.rejects(run, (e: any) => e.code == 1 && /BROKEN at row 2/.test(e.stdout));
    ({ db } = { db: await (await import('../src/db.js')).openDb({ dataDir }) });
  });
});

describe('daily digest', () => {
  it('gives the chain head at the end of a day', async () => {
    const day1 = new Date('2026-11-14T12:00:00Z');
    const day2 = new Date('2026-11-15T08:00:00Z');
    await storeReceipts(db, incoming(3), () => day1);
    await storeReceipts(db, incoming(2), () => day2);
    const d = await dailyDigest(db, '2026-11-14');
    const [row3] = await db.query('SELECT chain FROM receipts WHERE seq = 3');
    assert.deepEqual(d, { day: '2026-11-14', received: 3, lastSeq: 3, chain: row3.chain });
    assert.equal((await dailyDigest(db, '2026-11-15')).lastSeq, 5);
    assert.deepEqual(await dailyDigest(db, '2026-11-13'), { day: '2026-11-13', received: 0, lastSeq: null, chain: null });
  });
});

describe('retention', () => {
  it('deletes what is older than the period, logs it, and the rest still verifies', async () => {
    const now = new Date('2026-12-01T00:00:00Z');
    await storeReceipts(db, incoming(4), () => new Date('2026-01-10T00:00:00Z'));
    await storeReceipts(db, incoming(3), () => new Date('2026-11-20T00:00:00Z'));
    const r = await prune(db, 90, now);
    assert.deepEqual(r, { cutoff: '2026-09-02T00:00:00.000Z', deleted: 4, lastSeq: 4 });
    assert.equal(await count(db), 3);
    const [log] = await db.query('SELECT deleted, last_seq FROM retention_log');
    assert.deepEqual({ ...log }, { deleted: 4, last_seq: 4 });
    const v = await verifyChain(db);
    assert.equal(v.ok, true, JSON.stringify(v));
    assert.equal(v.firstSeq, 5);
    // New receipts go on the same chain.
    await storeReceipts(db, incoming(2));
    assert.equal((await verifyChain(db)).ok, true);
    // Nothing to delete: nothing changes.
    assert.equal((await prune(db, 90, now)).deleted, 0);
  });

  it('does not let a deletion outside the retention job pass verification', async () => {
    await storeReceipts(db, incoming(4), () => new Date('2026-01-10T00:00:00Z'));
    await prune(db, 30, new Date('2026-03-01T00:00:00Z'));
    await storeReceipts(db, incoming(3));
    await tamper('DELETE FROM receipts WHERE seq = 5');
    assert.equal((await verifyChain(db)).broken?.seq, 5);
  });

  it('keeps its log append-only', async () => {
    await storeReceipts(db, incoming(1), () => new Date('2026-01-10T00:00:00Z'));
    await prune(db, 30, new Date('2026-03-01T00:00:00Z'));
    await assert.rejects(db.query('DELETE FROM retention_log'), /append-only/);
  });
});
