/**
 * What IndexedDB gives back is checked before anything reads it (docs/architecture.md, "Trust boundaries"): an
 * older Candor, a browser extension or a broken write may have left anything there. These are the shapes every
 * reader (the records view, both downloads, `candor.receipts()`, the outbox) relies on; extra fields are allowed.
 */
import type { Receipt } from '../types';
import type { Pending } from './storage';

/**
 * A receipt's strings, a time a Date reads, an event and a method of those Candor makes (readers look their texts up by
 * them: `constructor` would find an inherited member), `purposes` an object of booleans, `gpc` a boolean.
 */
export const isReceipt = (r: any): r is Receipt =>
  [r?.id, r?.subject, r?.time, r?.version, r?.language, r?.noticeHash].every((v) => v && typeof v == 'string') &&
  /^(given|refused|updated|withdrawn|dismissed|expired)$/.test(r.event) &&
  /^(accept-all|reject-all|save|api|dismiss|placeholder|gpc|expiry)$/.test(r.method) &&
  Date.parse(r.time) > -9e15 && // not NaN
  !!r.purposes &&
  typeof r.purposes == 'object' &&
  Object.values(r.purposes).every((v) => v === !!v) &&
  r.gpc === !!r.gpc;

/** An outbox entry: its receipt must be one (the retry counters only ever delay it, by a day at most: src/core/outbox.ts). */
export const isPending = (p: any): p is Pending => isReceipt(p?.receipt);

/** The form of the subject id the collector accepts (docs/receipts.md): another is replaced by a fresh one. */
export const isSubject = (s: unknown): s is string => typeof s == 'string' && /^[\w.:-]{1,128}$/.test(s);
