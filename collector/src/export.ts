/**
 * Exports for proof and for access requests: NDJSON (one stored receipt per line, as the browser sent it
 * plus `receivedAt`, `seq`, `noticeKnown`) or records shaped after ISO/IEC TS 27560:2023 (Consent record
 * information structure), following the mapping of docs/receipts.md ("ISO/IEC TS 27560"). Where the
 * receipt's notice is registered, its configuration supplies the controller, which purposes are required
 * or sensitive (their lawful basis) and the validity period.
 */
import type { Queryable } from './db.js';
import { resolve } from './notice-format.js';
import { receipts, type Selection, type StoredReceipt } from './records.js';

/** How a visitor withdraws with Candor (the floating "Privacy settings" button and data-candor-open links). */
export const WITHDRAWAL =
  'Privacy settings: the floating button on every page of the site, and links marked data-candor-open; at most two activations, then Reject all or Save choices';
/** A consent is asked again after at most this many days (CNIL 2020-092; 13 months). */
const MAX_VALIDITY_DAYS = 395;

const METHOD_LABELS: { [m: string]: string } = {
  'accept-all': 'banner or preference center: Accept all',
  'reject-all': 'banner or preference center: Reject all',
  save: 'preference center: Save choices',
  api: 'the site’s page code (Candor API)',
  dismiss: 'banner: Continue without accepting',
  placeholder: 'blocked embed: Allow and load',
  gpc: 'Global Privacy Control signal',
  expiry: 'expiry of the earlier decision',
};

/** One receipt as a TS 27560-shaped record. */
export function record27560(r: StoredReceipt, config: any | null): object {
  // In the notice's order when it is registered (jsonb does not keep the order the browser sent).
  const order: string[] = config?.purposes?.map((p: any) => p.id) ?? [];
  const rank = (id: string) => (order.includes(id) ? order.indexOf(id) : order.length);
  const ids = Object.keys(r.purposes).sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  const purposes = ids.map((id) => {
    const on = r.purposes[id];
    const p = config?.purposes?.find((x: any) => x.id == id);
    const lawfulBasis = p?.required
      ? 'not consent: strictly necessary (ePrivacy Directive Art. 5(3) exemption)'
      : p?.sensitive
        ? 'explicit consent (GDPR Art. 9(2)(a))'
        : 'consent (GDPR Art. 6(1)(a); ePrivacy Directive Art. 5(3))';
    // A required purpose stored as false (Candor never sends it: a forged receipt) is not shown as in force.
    const state = on ? (p?.required ? 'in force' : 'given') : r.event == 'withdrawn' ? 'withdrawn' : 'refused';
    return { purposeId: id, lawfulBasis, state };
  });
  const days = Math.min(Number(config?.reaskAfterDays) || MAX_VALIDITY_DAYS, MAX_VALIDITY_DAYS);
  // A time within `days` of the latest a Date holds (a clock set far ahead) ends later than a date can say: null.
  const until = new Date(Date.parse(r.time) + days * 864e5);
  const decided = r.event != 'expired';
  return {
    schema: 'ISO/IEC TS 27560:2023 consent record (Candor mapping, docs/receipts.md)',
    recordId: r.id,
    piiPrincipalId: r.subject,
    controller: config?.controller ?? null,
    notice: {
      version: r.version,
      hash: r.noticeHash,
      format: `candor-notice/${r.noticeFormat ?? 1}`,
      sdk: r.sdk ?? null,
      language: r.language,
      registered: r.noticeKnown,
      policyUrl: config?.policyUrl ?? null,
    },
    language: r.language,
    purposes,
    collectionMethod: { code: r.method, description: METHOD_LABELS[r.method] ?? r.method },
    event: { time: r.time, type: r.event, receivedAt: r.receivedAt },
    validity: decided ? { from: r.time, until: Number.isNaN(until.getTime()) ? null : until.toISOString(), reaskAfterDays: days } : null,
    withdrawalMethod: WITHDRAWAL,
    privacySignals: { globalPrivacyControl: r.gpc },
    integrity: { chainSeq: r.seq },
  };
}

/** Write the selected receipts to `out` in `format`; returns how many. */
export async function exportReceipts(
  db: Queryable,
  which: Selection,
  format: 'ndjson' | '27560',
  out: (chunk: string) => void | Promise<void>,
): Promise<number> {
  const configs = new Map<string, any | null>();
  const configOf = async (hash: string) => {
    if (!configs.has(hash)) {
      const [n] = await db.query<{ config: any }>('SELECT config FROM notices WHERE hash = $1', [hash]);
      configs.set(hash, n ? resolve(typeof n.config == 'string' ? JSON.parse(n.config) : n.config) : null);
    }
    return configs.get(hash);
  };
  let n = 0;
  if (format == '27560') await out('[');
  for await (const r of receipts(db, which)) {
    if (format == 'ndjson') await out(JSON.stringify(r) + '\n');
    else await out((n ? ',\n' : '\n') + JSON.stringify(record27560(r, await configOf(r.noticeHash))));
    n++;
  }
  if (format == '27560') await out(n ? '\n]\n' : ']\n');
  return n;
}
