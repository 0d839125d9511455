/**
 * The hash chain that makes the receipts table tamper-evident: each row stores the previous row's link
 * (`prev_chain`) and its own, `chain = SHA-256(prev_chain || canonical row)`. Changing, removing or
 * inserting a row anywhere breaks every later link, which `candor-collector verify` finds (src/verify.ts);
 * publishing the head now and then (the daily digest) pins everything before it.
 */
import { createHash } from 'node:crypto';

/** What a stored row holds, in the form the chain covers. */
export interface Row {
  seq: number;
  id: string;
  subject: string;
  time: string;
  event: string;
  method: string;
  version: string;
  language: string;
  purposes: { [id: string]: boolean };
  gpc: boolean;
  sdk: string | null;
  noticeFormat: number | null;
  noticeHash: string;
  receivedAt: string;
  ip: string | null;
  userAgent: string | null;
}

/** JSON with object keys sorted and undefined members dropped: one spelling for one value (as docs/receipts.md). */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => canonical(v ?? null)).join(',')}]`;
  if (value && typeof value == 'object')
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as any)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((value as any)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

/** The canonical text of a row: every stored field, the position (`seq`) included. */
export function canonicalRow(row: Row): string {
  return canonical({
    seq: row.seq,
    id: row.id,
    subject: row.subject,
    time: row.time,
    event: row.event,
    method: row.method,
    version: row.version,
    language: row.language,
    purposes: row.purposes,
    gpc: row.gpc,
    // Left out when null, so rows of receipts that do not state them keep the links they had before.
    sdk: row.sdk ?? undefined,
    noticeFormat: row.noticeFormat ?? undefined,
    noticeHash: row.noticeHash,
    receivedAt: row.receivedAt,
    ip: row.ip,
    userAgent: row.userAgent,
  });
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The link of `row` after `prev`. */
export function link(prev: string, row: Row): string {
  return sha256(prev + canonicalRow(row));
}

/** A database row (snake_case, Dates) in the form the chain covers. */
export function fromDb(r: any): Row & { prevChain: string; chain: string } {
  return {
    seq: Number(r.seq),
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
    receivedAt: new Date(r.received_at).toISOString(),
    ip: r.ip ?? null,
    userAgent: r.user_agent ?? null,
    prevChain: r.prev_chain,
    chain: r.chain,
  };
}
