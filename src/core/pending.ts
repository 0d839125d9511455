/**
 * Decisions waiting for their receipt (docs/receipts.md): candor.js writes each decision to localStorage
 * (`candor-pending`) the moment it is made, with the receipt's id already chosen, so that a tab closed before
 * the records chunk loaded, a retry or another tab never makes a second receipt of it under another id. The
 * records chunk (Services.keep) turns each entry into a receipt and removes it. Whatever else the key holds
 * (a malformed value, entries of the wrong shape) is dropped, never a reason to lose the next decision.
 */
import type { ReceiptInput } from './receipts';

export const PENDING = 'candor-pending';
/** At most this many decisions wait in localStorage; past it the oldest are dropped. */
export const MAX_PENDING = 100;

/**
 * A decision as candor.js hands it over: a receipt's input without its subject (the notice hash is worked out later),
 * with the configuration `version` it was made under (missing in those an older candor.js wrote).
 */
export type Decided = Omit<ReceiptInput, 'subject'> & { version?: string };

/** The list in `storage`, as written (an empty one for anything but an array). */
function read(storage: Storage): unknown[] {
  let list: unknown;
  try {
    list = JSON.parse(storage.getItem(PENDING) || '[]');
  } catch {}
  return Array.isArray(list) ? list : [];
}

function write(storage: Storage, list: unknown[]): void {
  if (list.length) storage.setItem(PENDING, JSON.stringify(list));
  else storage.removeItem(PENDING);
}

/**
 * Add a decision to the list (candor.js, at once); throws when localStorage does. Past MAX_PENDING the oldest
 * are dropped without a word here: the list only grows while the records chunk cannot load, which is reported
 * on every decision.
 */
export function queue(storage: Storage, decided: Decided): void {
  storage.setItem(PENDING, JSON.stringify([...read(storage), decided].slice(-MAX_PENDING)));
}

/**
 * Whether `d` has the shape of a decision: a time a Date can hold, strings, booleans (an `id` may be missing:
 * a decision written by an older candor.js; a `version` other than the page's is dropped by Services.keep).
 */
const valid = (d: any): d is Decided =>
  !!d?.purposes &&
  typeof d.purposes == 'object' &&
  Object.values(d.purposes).every((v) => v === !!v) &&
  d.gpc === !!d.gpc &&
  +new Date(d.time) === d.time &&
  [d.event, d.method, d.language, d.id ?? '-'].every((v) => v && typeof v == 'string');

/**
 * The waiting decisions (records chunk, holding the `candor-pending` lock): entries of the wrong shape are
 * dropped, those without an id get one, and the list is written back (or removed) when that changed it.
 */
export function waiting(storage: Storage, newId: () => string): Decided[] {
  const good = read(storage)
    .filter(valid)
    .map((d) => (d.id ? d : { ...d, id: newId() }));
  if (JSON.stringify(good) != storage.getItem(PENDING)) write(storage, good);
  return good;
}

/** Remove the decision `id` from the list once its receipt is kept. */
export function done(storage: Storage, id: string): void {
  write(
    storage,
    read(storage).filter((d) => !(d && (d as Decided).id == id)),
  );
}
