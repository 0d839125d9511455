/**
 * Reading receipts back: every receipt of a subject (an access request, GDPR Art. 15) or of a period, as
 * the browser sent them plus what the server knows (when it received them, whether their notice is
 * registered). Read page by page in `seq` order, so an export of millions of rows stays in small memory.
 */
import { pgTime, type Queryable } from './db.js';

export interface StoredReceipt {
  id: string;
  subject: string;
  time: string;
  event: string;
  method: string;
  version: string;
  language: string;
  purposes: { [id: string]: boolean };
  gpc: boolean;
  /** The Candor version that made the receipt, when it says (notice format 2 onwards). */
  sdk?: string;
  /** The notice format of `noticeHash`, when the receipt says (absent: format 1). */
  noticeFormat?: number;
  noticeHash: string;
  receivedAt: string;
  seq: number;
  /**
   * Whether `noticeHash` is the hash of a notice registered with `candor-collector notice add`, in the
   * receipt's notice format (1 when it does not say).
   */
  noticeKnown: boolean;
  ip?: string;
  userAgent?: string;
}

/** Which receipts: one subject's, or those decided (`DECIDED`) in [from, to). */
export type Selection = { subject: string } | { from: Date; to: Date };

/**
 * When the decision of a stored receipt `r` counts as made, for consent rates and exports of a period: its `time`, unless
 * the device's clock was plainly wrong — a time after the collector received it, or more than 395 days (the longest a
 * consent lasts) before — then when it was received. A clock reading 1970 or 2150 is thus counted today, not in a year
 * nobody looks at (docs/receipts.md, "The endpoint contract").
 */
export const DECIDED = `CASE WHEN r.time > r.received_at OR r.time < r.received_at - interval '395 days' THEN r.received_at ELSE r.time END`;

/** `DECIDED` in [lo, hi) (SQL expressions), with a first test each index answers (a receipt is only counted once). */
export const decidedIn = (lo: string, hi: string) =>
  `((r.time >= ${lo} AND r.time < ${hi}) OR (r.received_at >= ${lo} AND r.received_at < ${hi})) AND ${DECIDED} >= ${lo} AND ${DECIDED} < ${hi}`;

const PAGE = 2000;

function toStored(r: any): StoredReceipt {
  const out: StoredReceipt = {
    id: r.id,
    subject: r.subject,
    time: new Date(r.time).toISOString(),
    event: r.event,
    method: r.method,
    version: r.version,
    language: r.language,
    purposes: typeof r.purposes == 'string' ? JSON.parse(r.purposes) : r.purposes,
    gpc: r.gpc,
    noticeHash: r.notice_hash,
    receivedAt: new Date(r.received_at).toISOString(),
    seq: Number(r.seq),
    noticeKnown: r.notice_known,
  };
  if (r.sdk != null) out.sdk = r.sdk;
  if (r.notice_format != null) out.noticeFormat = r.notice_format;
  if (r.ip != null) out.ip = r.ip;
  if (r.user_agent != null) out.userAgent = r.user_agent;
  return out;
}

/** The selected receipts, oldest stored first, a page at a time. */
export async function* receipts(db: Queryable, which: Selection): AsyncGenerator<StoredReceipt> {
  let after = 0;
  for (;;) {
    const where = 'subject' in which ? 'r.subject = $2' : decidedIn('$2::timestamptz', '$3::timestamptz');
    const params = 'subject' in which ? [after, which.subject] : [after, pgTime(which.from.toISOString()), pgTime(which.to.toISOString())];
    const rows = await db.query(
      `SELECT r.seq, r.id::text AS id, r.subject, r.time, r.event, r.method, r.version, r.language, r.purposes, r.gpc, r.sdk, r.notice_format, r.notice_hash,
              r.received_at, r.ip, r.user_agent,
              EXISTS (SELECT 1 FROM notices n WHERE n.hash = r.notice_hash AND n.format = 'candor-notice/' || coalesce(r.notice_format, 1)) AS notice_known
       FROM receipts r WHERE r.seq > $1 AND ${where} ORDER BY r.seq LIMIT ${PAGE}`,
      params,
    );
    for (const r of rows) yield toStored(r);
    if (rows.length < PAGE) return;
    after = Number(rows[rows.length - 1].seq);
  }
}

/** Every receipt of `subject`, in the order they were stored. */
export async function subjectReceipts(db: Queryable, subject: string): Promise<StoredReceipt[]> {
  const out: StoredReceipt[] = [];
  for await (const r of receipts(db, { subject })) out.push(r);
  return out;
}
