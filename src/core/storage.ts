import type { UseStore } from 'idb-keyval';
import type { Receipt } from '../types';
import type { Decision } from './consent';
import { freeingStore, get, onFreeze, update } from './frozen';
import { isPending, isReceipt, isSubject } from './stored';

/** The first-party cookie that alone holds the decision (docs/contract.md §7). */
export const COOKIE = 'candor';
/** Receipts kept per device, newest first; older ones are dropped past this. */
const MAX_RECEIPTS = 500;
/** The cookie value (format below): format 1, time, granted ids, denied ids (each `+`-joined, maybe none), version. */
const FORMAT = /^1~([0-9a-z]{1,9})~((?:[a-z0-9][a-z0-9-]*(?:\+[a-z0-9][a-z0-9-]*)*)?)~((?:[a-z0-9][a-z0-9-]*(?:\+[a-z0-9][a-z0-9-]*)*)?)~([^~]*)$/;

/**
 * Cookie value, compact and versioned: `1~<time, seconds, base 36>~<granted ids +-joined>~<denied>~<version,
 * URI-encoded>`. Ids never contain `~` or `+`; 100 purposes of 15 characters fit well under 4 KB.
 */
export function encodeDecision(d: Decision): string {
  const version = encodeURIComponent(d.version).replace(/~/g, '%7E');
  return ['1', Math.floor(d.time / 1000).toString(36), d.granted.join('+'), d.denied.join('+'), version].join('~');
}

/** The decision in one cookie value, or null when it is missing, of another format or malformed (docs/compliance.md H33). */
function decodeOne(value: string): Decision | null {
  const parts = FORMAT.exec(value);
  if (!parts) return null;
  try {
    const list = (s: string) => (s ? s.split('+') : []);
    const granted = list(parts[2]),
      denied = list(parts[3]);
    // A purpose both granted and refused is a contradiction, not a choice: fail closed.
    if (granted.some((id) => denied.includes(id))) return null;
    return { version: decodeURIComponent(parts[4]), time: parseInt(parts[1], 36) * 1000, granted, denied };
  } catch {
    return null;
  }
}

/**
 * The decision in what `readCookie` gives: one value, or several `;`-joined when more than one `candor`
 * cookie is visible (a parent-domain copy left after `cookieDomain` changed, a deeper `Path`, one a sibling
 * subdomain set). The order the browser lists them in says nothing about which is current, so several
 * candidates give the most restrictive reading: a purpose is granted only when every one of them grants it,
 * the earliest time counts (it lapses first), and when one is malformed or of another notice version there
 * is no decision at all. A stale or foreign cookie can never grant more than the one this browser last wrote.
 */
export function decodeDecision(value: string | undefined): Decision | null {
  const all = (value || '').split(';').map(decodeOne) as Decision[];
  const [d] = all;
  if (!d || all.some((x) => !x || x.version !== d.version)) return null;
  const granted = d.granted.filter((id) => all.every((x) => x.granted.includes(id)));
  const known = new Set(all.flatMap((x) => [...x.granted, ...x.denied]));
  return { version: d.version, time: Math.min(...all.map((x) => x.time)), granted, denied: [...known].filter((id) => !granted.includes(id)) };
}

/**
 * The raw value of cookie `name` in `document.cookie`, or undefined (also when cookies are blocked). When
 * several cookies of that name are visible (other paths or domains), their values joined by `;`, which no
 * cookie value contains. `jar`: a `document.cookie` string already read, to spare a second read.
 */
export function readCookie(doc: Document, name: string, jar?: string): string | undefined {
  const found: string[] = [];
  try {
    for (const part of (jar ?? doc.cookie).split(/;\s*/)) {
      const i = part.indexOf('=');
      // A nameless cookie is listed without "=": it never matches a name.
      if (i >= 0 && part.slice(0, i) == name) found.push(part.slice(i + 1));
    }
  } catch {}
  return found.length ? found.join(';') : undefined;
}

/**
 * Write (or, with `maxAge` 0, delete) a cookie: Path=/, SameSite=Lax, Secure on https (docs/compliance.md H34), Domain
 * `domain` when the page is inside it.
 * First every copy of it this page can reach is deleted — host-only and on each parent domain, on `/` and
 * on each path above this page —, so no stale copy (left from before `cookieDomain` changed, or written on a
 * deeper path) is read alongside. Returns whether reading back gives exactly what was written: false when
 * cookies are blocked or the value was refused (over 4 KB); the decision then holds for this page view only.
 */
export function writeCookie(doc: Document, name: string, value: string, maxAge: number, domain?: string): boolean {
  const loc = doc.location;
  const secure = loc && loc.protocol == 'https:' ? ';Secure' : '';
  try {
    const domains = [''];
    const paths = ['/'];
    if (loc) {
      for (let host = loc.hostname; host.includes('.'); host = host.slice(host.indexOf('.') + 1)) domains.push(';Domain=' + host);
      const path = loc.pathname;
      for (let i = 1; i <= path.length; i++) if (path[i] == '/' || i == path.length) paths.push(path.slice(0, i), path.slice(0, i + 1));
    }
    for (const d of domains) for (const p of new Set(paths)) doc.cookie = `${name}=;Path=${p};Max-Age=0;SameSite=Lax${d}${secure}`;
    // `cookieDomain` only where the page is inside it: elsewhere (the site on localhost, a staging host) the browser would
    // refuse the cookie and every choice be lost, so it is host-only there.
    const d = domain && ';Domain=' + domain.replace(/^\./, '');
    if (maxAge > 0) doc.cookie = `${name}=${value};Path=/;Max-Age=${Math.floor(maxAge)};SameSite=Lax${d && domains.includes(d) ? d : ''}${secure}`;
  } catch {}
  return readCookie(doc, name) === (maxAge > 0 ? value : undefined);
}

/** A receipt waiting to be sent to `receipts.endpoint`, with its retry schedule. */
export interface Pending {
  receipt: Receipt;
  attempts: number;
  /** Not before this time (ms since the epoch). */
  retryAt: number;
  /** How many times in a row the endpoint refused it (4xx): while waiting, it does not hold back the others. */
  refused?: number;
}

/** The device's receipt history, outbox and pseudonymous subject id, in IndexedDB, with a memory fallback. */
export interface RecordStore {
  subject(): Promise<string>;
  receipts(): Promise<Receipt[]>;
  /** Add a receipt to the history; false when one with its id is there already (kept by another tab). */
  add(receipt: Receipt): Promise<boolean>;
  /** The outbox: receipts not yet accepted by the endpoint, oldest first. */
  pending(): Promise<Pending[]>;
  /** Change the outbox in one transaction (add, drop or reschedule entries). */
  updatePending(fn: (list: Pending[]) => Pending[]): Promise<Pending[]>;
  /** False once IndexedDB failed: the outbox is then in memory, for this page view only. */
  durable(): boolean;
}

/** How long an IndexedDB call may take before the memory fallback takes over (a hung open in Safari). */
const IDB_TIMEOUT = 3000;

/**
 * A RecordStore over IndexedDB (idb-keyval's layout, through src/core/frozen.ts). When IndexedDB is missing, blocked or throws, history is kept in memory
 * for this page view only: losing history never blocks a decision (docs/contract.md §7).
 */
export function createRecordStore(newId: () => string, idb: () => UseStore = freeingStore): RecordStore {
  let store: UseStore | null | undefined;
  /** Counts the times the page was hidden into the back/forward cache (src/core/frozen.ts). */
  let frozen = 0;
  onFreeze(() => frozen++);
  // Every receipt of this page view, so a store that breaks midway still lists them.
  let memory: Receipt[] = [];
  let subjectId: Promise<string> | undefined;
  const db = () => {
    if (store === undefined) {
      try {
        store = idb();
      } catch {
        store = null;
      }
    }
    return store;
  };
  const attempt = async <T>(fn: (s: UseStore) => Promise<T>, fallback: () => T): Promise<T> => {
    const s = db(),
      f = frozen;
    if (s)
      try {
        return await Promise.race([fn(s), new Promise<never>((_, reject) => setTimeout(reject, IDB_TIMEOUT))]);
      } catch (e) {
        // Aborted on freezing: not kept, so not done with either (the decision waits in localStorage for the next page view).
        if (f != frozen) throw e;
        store = null;
      }
    return fallback();
  };
  let outbox: Pending[] = [];
  let warned = false;
  // The entries of a stored list that pass `ok` (a value that is no list has none); the others are skipped, said once per page view.
  const check = <T>(list: unknown, ok: (x: unknown) => x is T): T[] => {
    const all = Array.isArray(list) ? list : [];
    const good = all.filter(ok);
    if ((good.length < all.length || (list != null && all != list)) && !warned) {
      warned = true;
      console.warn('Candor: malformed records in IndexedDB skipped.');
    }
    return good;
  };
  return {
    durable: () => store !== null,
    // One promise per store, and a read-modify-write in one transaction: callers and tabs asking at once
    // on a fresh device all get the same subject. One aborted on freezing is asked again (the page may come back).
    subject: () =>
      (subjectId ||= attempt(async (s) => {
        let id = await get<string>('subject', s);
        if (!isSubject(id)) await update<string>('subject', (old) => (id = isSubject(old) ? old : newId()), s);
        return id as string;
      }, newId).catch((e) => {
        subjectId = undefined;
        throw e;
      })),
    receipts: () =>
      attempt(
        async (s) => {
          // Malformed entries stay in the stored list (a later Candor may read them) but are never listed.
          return check(await get('receipts', s), isReceipt).slice(0, MAX_RECEIPTS);
        },
        () => memory,
      ),
    add: (receipt) => {
      const fresh = !memory.some((r) => r.id == receipt.id);
      if (fresh) memory = [receipt, ...memory].slice(0, MAX_RECEIPTS);
      let added = fresh;
      return attempt(
        async (s) => {
          await update<Receipt[]>(
            'receipts',
            (old) => {
              const list = Array.isArray(old) ? old : [];
              return (added = !list.some((r) => r && r.id == receipt.id)) ? [receipt, ...list].slice(0, MAX_RECEIPTS) : list;
            },
            s,
          );
          return added;
        },
        () => fresh,
      );
    },
    pending: () =>
      attempt(
        async (s) => check(await get('outbox', s), isPending),
        () => outbox,
      ),
    updatePending: (fn) => {
      let next: Pending[] = [];
      return attempt(
        async (s) => {
          // Malformed entries go on the first change: no collector would take them.
          await update<Pending[]>('outbox', (list) => (next = fn(check(list, isPending))), s);
          return next;
        },
        () => (outbox = fn(outbox)),
      );
    },
  };
}
