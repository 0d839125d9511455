/**
 * Storing receipts: one transaction per batch, which takes the chain head's row lock (so several
 * collector processes in front of one PostgreSQL take turns), skips ids already stored (a retried POST),
 * gives each new row the next `seq` and its chain link, and moves the head. When the transaction has
 * committed, the rows are durable: only then does the HTTP answer say so.
 */
import type { Db } from './db.js';
import { link, type Row } from './chain.js';
import type { Receipt } from './receipt.js';

/** A receipt with what the server adds. */
export interface Incoming {
  receipt: Receipt;
  ip: string | null;
  userAgent: string | null;
}

/** Store the receipts not stored yet; returns the ids newly stored. */
export async function storeReceipts(db: Db, incoming: Incoming[], now: () => Date = () => new Date()): Promise<Set<string>> {
  const stored = new Set<string>();
  if (!incoming.length) return stored;
  await db.transaction(async (tx) => {
    // One round trip: lock the head, and learn which ids are already stored (a retried POST).
    const ids = [...new Set(incoming.map((r) => r.receipt.id))];
    const [head] = await tx.query<{ seq: number; chain: string; known: string[] | null }>(
      `SELECT h.seq, h.chain, (SELECT array_agg(r.id::text) FROM receipts r WHERE r.id = ANY($1::uuid[])) AS known
       FROM chain_head h FOR UPDATE OF h`,
      [ids],
    );
    const known = new Set(head.known ?? []);
    const receivedAt = now().toISOString();
    let seq = Number(head.seq);
    let chain = head.chain;
    const rows: (Row & { prevChain: string; chain: string })[] = [];
    for (const { receipt: r, ip, userAgent } of incoming) {
      if (known.has(r.id) || stored.has(r.id)) continue;
      const row: Row = { seq: seq + 1, ...r, receivedAt, ip, userAgent };
      const next = link(chain, row);
      rows.push({ ...row, prevChain: chain, chain: next });
      seq++;
      chain = next;
      stored.add(r.id);
    }
    if (!rows.length) return;
    // One more: the rows and the new head together.
    await tx.query(
      `WITH inserted AS (INSERT INTO receipts (seq, id, subject, time, event, method, version, language, purposes, gpc, notice_hash, received_at, ip, user_agent, prev_chain, chain)
       SELECT seq, id, subject, time, event, method, version, language, purposes, gpc, "noticeHash", "receivedAt", ip, "userAgent", "prevChain", chain
       FROM jsonb_to_recordset($1::jsonb) AS r(seq bigint, id uuid, subject text, time timestamptz, event text, method text, version text,
         language text, purposes jsonb, gpc boolean, "noticeHash" text, "receivedAt" timestamptz, ip text, "userAgent" text, "prevChain" text, chain text)
       RETURNING 1)
       UPDATE chain_head SET seq = $2, chain = $3`,
      [JSON.stringify(rows), seq, chain],
    );
  });
  return stored;
}
