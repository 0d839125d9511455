/**
 * Storing receipts: one transaction per batch, which takes the chain head's row lock (so several
 * collector processes in front of one PostgreSQL take turns), skips ids already stored (a retried POST),
 * gives each new row the next `seq` and its chain link, and moves the head. When the transaction has
 * committed, the rows are durable: only then does the HTTP answer say so.
 */
import { pgTime, type Db } from './db.js';
import { link, type Row } from './chain.js';
import type { Receipt } from './receipt.js';

/** A receipt with what the server adds. */
export interface Incoming {
  receipt: Receipt;
  ip: string | null;
  userAgent: string | null;
}

const INSERT = `INSERT INTO receipts (seq, id, subject, time, event, method, version, language, purposes, gpc, sdk, notice_format, notice_hash, received_at, ip,
    user_agent, prev_chain, chain)
  SELECT seq, id, subject, time, event, method, version, language, purposes, gpc, sdk, "noticeFormat", "noticeHash", "receivedAt", ip, "userAgent", "prevChain", chain
  FROM jsonb_to_recordset(ROWS::jsonb) AS r(seq bigint, id uuid, subject text, time timestamptz, event text, method text, version text,
    language text, purposes jsonb, gpc boolean, sdk text, "noticeFormat" smallint, "noticeHash" text, "receivedAt" timestamptz, ip text, "userAgent" text,
    "prevChain" text, chain text)`;

/** Lock the chain head. */
const HEAD = 'SELECT seq, chain FROM chain_head FOR UPDATE';
/**
 * Which of the ids are stored already (a retried POST). A statement of its own, after the lock: a statement's snapshot is
 * taken when it starts, so one that waited for the lock would miss the ids the lock holder (another collector process)
 * just committed, and the INSERT would break the unique index, failing the whole batch.
 */
const KNOWN = 'SELECT array_agg(id::text) AS known FROM receipts WHERE id = ANY(IDS::uuid[])';

/** The rows to insert after `head`, skipping known ids and repeats, with their links; and the new head. */
function chainRows(incoming: Incoming[], head: { seq: number; chain: string; known: string[] | null }, receivedAt: string) {
  const known = new Set(head.known ?? []);
  const stored = new Set<string>();
  let seq = Number(head.seq);
  let chain = head.chain;
  const rows: (Row & { prevChain: string; chain: string })[] = [];
  for (const { receipt: r, ip, userAgent } of incoming) {
    if (known.has(r.id) || stored.has(r.id)) continue;
    const row: Row = { seq: seq + 1, ...r, receivedAt, ip, userAgent };
    const next = link(chain, row);
    // The link covers the time as sent; PostgreSQL is given the same moment in the form it reads.
    rows.push({ ...row, time: pgTime(row.time), prevChain: chain, chain: next });
    seq++;
    chain = next;
    stored.add(r.id);
  }
  return { rows, stored, seq, chain };
}

/**
 * Store the receipts not stored yet; returns the ids newly stored. With `timeoutMs`, PostgreSQL ends any statement of the
 * transaction that runs longer (waiting for the chain head's lock included), which rolls it back and frees its connection.
 */
export async function storeReceipts(db: Db, incoming: Incoming[], now: () => Date = () => new Date(), timeoutMs = 0): Promise<Set<string>> {
  if (!incoming.length) return new Set();
  const ids = [...new Set(incoming.map((r) => r.receipt.id))];
  if (db.scripted && db.literal) {
    // PostgreSQL: the whole transaction in two round trips (ids are validated UUIDs; the rows are quoted;
    // replacer functions, so that `$` in the text is never read as a replacement pattern).
    const literal = db.literal;
    return db.scripted(async (run) => {
      const limit = timeoutMs > 0 ? `SET LOCAL statement_timeout = ${Math.floor(timeoutMs)}; ` : '';
      const results = await run(`BEGIN; ${limit}${HEAD}; ${KNOWN.replace('IDS', () => literal(`{${ids.join(',')}}`))}`);
      const [[{ known }], [head]] = [results.pop()!, results.pop()!];
      const { rows, stored, seq, chain } = chainRows(incoming, { ...head, known }, now().toISOString());
      if (!rows.length) await run('COMMIT');
      else
        await run(
          `${INSERT.replace('ROWS', () => literal(JSON.stringify(rows)))}; UPDATE chain_head SET seq = ${seq}, chain = ${literal(chain)}; COMMIT`,
        );
      return stored;
    });
  }
  return db.transaction(async (tx) => {
    const [head] = await tx.query(HEAD);
    const [{ known }] = await tx.query(KNOWN.replace('IDS', '$1'), [ids]);
    const { rows, stored, seq, chain } = chainRows(incoming, { ...head, known }, now().toISOString());
    if (rows.length) {
      await tx.query(INSERT.replace('ROWS', '$1'), [JSON.stringify(rows)]);
      await tx.query('UPDATE chain_head SET seq = $1, chain = $2', [seq, chain]);
    }
    return stored;
  });
}
