/**
 * Several collector processes in front of one PostgreSQL (collector/README.md, "Load, faults and scaling out"), and the CLI run against a
 * live database ("with PostgreSQL, run it anywhere"): what one process commits while another waits or reads.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { link, type Row } from '../src/chain.js';
import { openDb, type Db, type Queryable } from '../src/db.js';
import { checkReceipt } from '../src/receipt.js';
import { storeReceipts, type Incoming } from '../src/store.js';
import { verifyChain } from '../src/verify.js';
import { DATABASE_URL, freshDb, lockWaits, polled, receipt, removeDir } from './helpers.js';

let db: Db;
let dataDir: string | undefined;

before(async () => {
  ({ db, dataDir } = await freshDb());
});
after(async () => {
  await db.close();
  removeDir(dataDir);
});

const incoming = (overrides = {}): Incoming => ({ receipt: checkReceipt(receipt(overrides)).receipt!, ip: null, userAgent: null });

/** Append `r` to the chain in `tx`, which holds the chain head's lock, as another collector process does. */
async function append(tx: Queryable, r: Incoming): Promise<void> {
  const [head] = await tx.query('SELECT seq, chain FROM chain_head FOR UPDATE');
  const row: Row = { seq: Number(head.seq) + 1, ...r.receipt, receivedAt: new Date().toISOString(), ip: null, userAgent: null };
  const chain = link(head.chain, row);
  await tx.query(
    `INSERT INTO receipts (seq, id, subject, time, event, method, version, language, purposes, gpc, sdk, notice_format, notice_hash, received_at,
       prev_chain, chain) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
    [
      row.seq,
      row.id,
      row.subject,
      row.time,
      row.event,
      row.method,
      row.version,
      row.language,
      JSON.stringify(row.purposes),
      row.gpc,
      row.sdk,
      row.noticeFormat,
      row.noticeHash,
      row.receivedAt,
      head.chain,
      chain,
    ],
  );
  await tx.query('UPDATE chain_head SET seq = $1, chain = $2', [row.seq, chain]);
}

describe('several processes on one PostgreSQL', { skip: !DATABASE_URL && 'PostgreSQL only' }, () => {
  it('a receipt committed by another process while this one waits for the chain head is a duplicate, not a failed batch', async () => {
    // A device's retry reaching a second process while the first stores it: the waiting transaction looked for known ids
    // in the snapshot it took before the lock was granted, missed the id, and its INSERT broke the unique index: the
    // whole batch, every other visitor's receipt in it included, was answered 503.
    const other = await openDb({ url: DATABASE_URL });
    try {
      const same = incoming();
      const bystander = incoming();
      let writing!: Promise<Set<string>>;
      await other.transaction(async (tx) => {
        await append(tx, same);
        writing = storeReceipts(db, [same, bystander]);
        writing.catch(() => {});
        assert.equal(
          await polled(
            () => lockWaits(db),
            (n) => n > 0,
            5000,
          ),
          1,
          'the write waits for the chain head',
        );
      });
      const stored = await writing;
      assert.deepEqual([...stored], [bystander.receipt.id]);
      const rows = await db.query('SELECT id::text AS id FROM receipts ORDER BY seq');
      assert.deepEqual(
        rows.map((r) => r.id),
        [same.receipt.id, bystander.receipt.id],
      );
      assert.equal((await verifyChain(db)).ok, true);
    } finally {
      await other.close();
    }
  });

  it('verify on a live database is not broken by receipts stored while it reads', async () => {
    // `verify` read the chain head, then the rows: one committed in between made it report "chain BROKEN … rows were
    // removed from the end" (exit 1) on an intact chain.
    const other = await openDb({ url: DATABASE_URL });
    try {
      await storeReceipts(db, [incoming(), incoming()]);
      let stored = false;
      const racing = (q: Queryable): Queryable => ({
        async query(sql, params) {
          const rows = await q.query(sql, params);
          if (!stored && /FROM chain_head/.test(sql)) {
            stored = true;
            await storeReceipts(other, [incoming()]);
          }
          return rows as any;
        },
      });
      const live: Db = { ...db, query: racing(db).query, transaction: (fn) => db.transaction((tx) => fn(racing(tx))) };
      const v = await verifyChain(live);
      assert.equal(stored, true);
      assert.equal(v.ok, true, JSON.stringify(v.broken));
      assert.equal((await verifyChain(db)).ok, true);
    } finally {
      await other.close();
    }
  });
});
