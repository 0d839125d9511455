/**
 * Storing receipts: one transaction per batch, which takes the chain head's row lock (so several
 * collector processes in front of one PostgreSQL take turns), skips ids already stored (a retried POST),
 * refuses a request holding a stored id with other content (never replaced),
 * gives each new row the next `seq` and its chain link, and moves the head. When the transaction has
 * committed, the rows are durable: only then does the HTTP answer say so.
 */
import type { Db } from './db.js';
import { canonical, link, type Row } from './chain.js';
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
 * Which of the ids are stored already (a retried POST), with what they hold (a replay with other content is refused). A statement of its own, after the lock: a statement's snapshot is
 * taken when it starts, so one that waited for the lock would miss the ids the lock holder (another collector process)
 * just committed, and the INSERT would break the unique index, failing the whole batch.
 */
const KNOWN = `SELECT id::text AS id, subject, time, event, method, version, language, purposes, gpc, sdk, notice_format, notice_hash
  FROM receipts WHERE id = ANY(IDS::uuid[])`;

/** A receipt of the request whose id is stored already with other content (`index` in its request's list). */
export interface Conflict {
  index: number;
  id: string;
}

/** Receipts whose id is stored already with other content: their request is refused, nothing of it stored. */
export class ConflictError extends Error {
  constructor(readonly conflicts: Conflict[]) {
    super(`${conflicts.length} receipt(s) with the id of a stored receipt of other content`);
  }
}

/** A stored row as the receipt it was made from, in canonical form (the fields of src/receipt.ts, nothing the server added). */
function storedReceipt(r: any): string {
  const receipt: Receipt = {
    id: r.id,
    subject: r.subject,
    time: new Date(r.time).toISOString(),
    event: r.event,
    method: r.method,
    version: r.version,
    language: r.language,
    purposes: typeof r.purposes == 'string' ? JSON.parse(r.purposes) : r.purposes,
    gpc: r.gpc,
    sdk: r.sdk ?? null,
    noticeFormat: r.notice_format ?? null,
    noticeHash: r.notice_hash,
  };
  return canonical(receipt);
}

/**
 * The rows to insert after `head`, skipping known ids and repeats, with their links; and the new head. A request (one
 * list of `requests`) holding a receipt whose id is known, or came earlier, with other content is left out whole: a
 * stored receipt is never replaced, and a 2xx for a body that is not what is stored would tell its sender it was kept.
 */
function chainRows(requests: Incoming[][], head: { seq: number; chain: string }, knownRows: any[], receivedAt: string) {
  const seen = new Map<string, string>(knownRows.map((r) => [r.id, storedReceipt(r)]));
  const stored = new Set<string>();
  const refused = new Map<number, Conflict[]>();
  let seq = Number(head.seq);
  let chain = head.chain;
  const rows: (Row & { prevChain: string; chain: string })[] = [];
  requests.forEach((incoming, n) => {
    const mine = new Map<string, string>();
    const conflicts: Conflict[] = [];
    incoming.forEach(({ receipt: r }, index) => {
      const text = canonical(r);
      const before = mine.get(r.id) ?? seen.get(r.id);
      if (before != null && before != text) conflicts.push({ index, id: r.id });
      else mine.set(r.id, text);
    });
    if (conflicts.length) return void refused.set(n, conflicts);
    for (const { receipt: r, ip, userAgent } of incoming) {
      if (seen.has(r.id)) continue;
      seen.set(r.id, mine.get(r.id)!);
      const row: Row = { seq: seq + 1, ...r, receivedAt, ip, userAgent };
      const next = link(chain, row);
      rows.push({ ...row, prevChain: chain, chain: next });
      seq++;
      chain = next;
      stored.add(r.id);
    }
  });
  return { rows, stored, refused, seq, chain };
}

/**
 * Store the receipts not stored yet, request by request (each a list); returns the ids newly stored and the requests
 * refused (by their index in `requests`) for a conflicting id, none of whose receipts is stored. With `timeoutMs`,
 * PostgreSQL ends any statement of the transaction that runs longer (waiting for the chain head's lock included), which
 * rolls it back and frees its connection.
 */
export async function storeRequests(
  db: Db,
  requests: Incoming[][],
  now: () => Date = () => new Date(),
  timeoutMs = 0,
): Promise<{ stored: Set<string>; refused: Map<number, Conflict[]> }> {
  const ids = [...new Set(requests.flat().map((r) => r.receipt.id))];
  if (!ids.length) return { stored: new Set(), refused: new Map() };
  if (db.scripted && db.literal) {
    // PostgreSQL: the whole transaction in two round trips (ids are validated UUIDs; the rows are quoted;
    // replacer functions, so that `$` in the text is never read as a replacement pattern).
    const literal = db.literal;
    return db.scripted(async (run) => {
      const limit = timeoutMs > 0 ? `SET LOCAL statement_timeout = ${Math.floor(timeoutMs)}; ` : '';
      const results = await run(`BEGIN; ${limit}${HEAD}; ${KNOWN.replace('IDS', () => literal(`{${ids.join(',')}}`))}`);
      const [known, [head]] = [results.pop()!, results.pop()!];
      const { rows, stored, refused, seq, chain } = chainRows(requests, head, known, now().toISOString());
      if (!rows.length) await run('COMMIT');
      else
        await run(
          `${INSERT.replace('ROWS', () => literal(JSON.stringify(rows)))}; UPDATE chain_head SET seq = ${seq}, chain = ${literal(chain)}; COMMIT`,
        );
      return { stored, refused };
    });
  }
  return db.transaction(async (tx) => {
    const [head] = await tx.query(HEAD);
    const known = await tx.query(KNOWN.replace('IDS', '$1'), [ids]);
    const { rows, stored, refused, seq, chain } = chainRows(requests, head, known, now().toISOString());
    if (rows.length) {
      await tx.query(INSERT.replace('ROWS', '$1'), [JSON.stringify(rows)]);
      await tx.query('UPDATE chain_head SET seq = $1, chain = $2', [seq, chain]);
    }
    return { stored, refused };
  });
}

/** Store `incoming` as one request: the ids newly stored; a ConflictError, and nothing stored, for a conflicting id. */
export async function storeReceipts(db: Db, incoming: Incoming[], now: () => Date = () => new Date(), timeoutMs = 0): Promise<Set<string>> {
  const { stored, refused } = await storeRequests(db, [incoming], now, timeoutMs);
  if (refused.size) throw new ConflictError(refused.get(0)!);
  return stored;
}
