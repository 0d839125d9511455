/**
 * Checking the chain (src/chain.ts) from the first stored row to the head: each row's link must be the
 * hash of its predecessor's link and its own content, the `seq` numbers must follow each other, the first
 * row must continue from where the last retention run stopped (or from the start), and the head must be
 * the last row. The first row where any of this fails is reported: it, or the row before it, was altered.
 */
import type { Db, Queryable } from './db.js';
import { fromDb, link } from './chain.js';
import { GENESIS } from './schema.js';

export interface Verification {
  ok: boolean;
  rows: number;
  firstSeq: number | null;
  lastSeq: number | null;
  head: string;
  broken?: { seq: number; id?: string; reason: string };
}

const PAGE = 5000;

/**
 * `read` in one snapshot of the database (REPEATABLE READ, read only): on a live PostgreSQL, receipts committed or a retention
 * run made while it reads would otherwise show a head older than the rows read after it, or rows gone after the start was
 * read, and report an intact chain as broken (collector/README.md, on verify).
 */
function snapshot<T>(db: Db, read: (q: Queryable) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    return read(tx);
  });
}

export function verifyChain(db: Db): Promise<Verification> {
  return snapshot(db, check);
}

async function check(db: Queryable): Promise<Verification> {
  const [start] = await db.query<{ last_seq: number; last_chain: string }>(
    'SELECT last_seq, last_chain FROM retention_log ORDER BY run DESC LIMIT 1',
  );
  let expectSeq = start ? Number(start.last_seq) + 1 : 1;
  let prev = start ? start.last_chain : GENESIS;
  const [head] = await db.query<{ seq: number; chain: string }>('SELECT seq, chain FROM chain_head');
  let rows = 0;
  let firstSeq: number | null = null;
  const result = (broken?: Verification['broken']): Verification => ({
    ok: !broken,
    rows,
    firstSeq,
    lastSeq: rows ? expectSeq - 1 : null,
    head: prev,
    broken,
  });
  for (let after = expectSeq - 1; ; ) {
    const page = await db.query(
      `SELECT seq, id::text AS id, subject, time, event, method, version, language, purposes, gpc, sdk, notice_format, notice_hash, received_at, ip, user_agent,
              prev_chain, chain
       FROM receipts WHERE seq > $1 ORDER BY seq LIMIT ${PAGE}`,
      [after],
    );
    if (rows == 0 && after == expectSeq - 1) {
      const [{ before }] = await db.query<{ before: number }>('SELECT count(*)::int AS before FROM receipts WHERE seq < $1', [expectSeq]);
      if (before)
        return result({ seq: expectSeq - 1, reason: `${before} row(s) before the point where the last retention run says the chain starts` });
    }
    for (const raw of page) {
      const row = fromDb(raw);
      if (row.seq != expectSeq) return result({ seq: expectSeq, reason: `row ${expectSeq} is missing (next row is ${row.seq})` });
      if (row.prevChain != prev) return result({ seq: row.seq, id: row.id, reason: 'prev_chain does not match the previous row’s chain' });
      if (link(prev, row) != row.chain)
        return result({ seq: row.seq, id: row.id, reason: 'the row’s content does not match its chain hash (altered)' });
      firstSeq ??= row.seq;
      prev = row.chain;
      expectSeq++;
      rows++;
    }
    if (page.length < PAGE) break;
    after = Number(page[page.length - 1].seq);
  }
  if (Number(head.seq) != expectSeq - 1 || head.chain != prev)
    return result({
      seq: Number(head.seq),
      reason: `the chain head (row ${head.seq}) is not the last stored row (${expectSeq - 1}): rows were removed from the end`,
    });
  return result();
}

export interface Digest {
  day: string;
  /** Receipts received that day. */
  received: number;
  /** The last row received by the end of that day (UTC) and its link: publish it to pin everything before it. */
  lastSeq: number | null;
  chain: string | null;
}

/** The chain head at the end of `day` (UTC, YYYY-MM-DD). */
export function dailyDigest(db: Db, day: string): Promise<Digest> {
  return snapshot(db, (q) => digest(q, day));
}

async function digest(db: Queryable, day: string): Promise<Digest> {
  const [last] = await db.query<{ seq: number; chain: string }>(
    `SELECT seq, chain FROM receipts WHERE received_at < ($1::date + 1)::timestamp AT TIME ZONE 'UTC' ORDER BY seq DESC LIMIT 1`,
    [day],
  );
  const [{ n }] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM receipts WHERE received_at >= $1::date::timestamp AT TIME ZONE 'UTC' AND received_at < ($1::date + 1)::timestamp AT TIME ZONE 'UTC'`,
    [day],
  );
  return { day, received: n, lastSeq: last ? Number(last.seq) : null, chain: last?.chain ?? null };
}
