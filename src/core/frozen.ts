/**
 * A page the browser keeps in its back/forward cache (Safari does, when the visitor leaves it) is frozen with whatever it
 * was doing. An IndexedDB transaction or database creation it left open, or a Web Lock it held, then makes every other
 * page of the site wait until the cached page is evicted, and their receipts with it (docs/integrations.md, "Browsers").
 * So when the page is hidden into that cache (`pagehide`, `persisted`), the records chunk lets go of both: its open
 * transactions are aborted (a decision stays in localStorage until its receipt is kept: the next page view keeps it, or
 * the page if it comes back, manager.ts) and
 * its locks are released (the work under them goes on if the page comes back).
 *
 * The store keeps idb-keyval's layout and contract: `freeingStore()` is a custom store (idb-keyval's `UseStore`, database
 * `candor`, object store `records`), which idb-keyval's own `get` and `update` accept too. Its `createStore` cannot abort the
 * transactions it opens, so this one keeps them; `get` and `update` are written here over idb-keyval's `promisifyRequest`
 * because idb-keyval's take their default store along (112 B brotli more in the records chunk, measured) and its `update`
 * never settles when its read fails.
 */
import { promisifyRequest, type UseStore } from 'idb-keyval';

/** Call `fn` when the page is hidden into the back/forward cache; returns what stops that. */
export const onFreeze = (fn: () => void) => {
  const on = (e: Event) => (e as PageTransitionEvent).persisted && fn();
  addEventListener('pagehide', on);
  return () => removeEventListener('pagehide', on);
};

/** The value under `key` in `s` (idb-keyval's `get`). */
export const get = <T>(key: string, s: UseStore): Promise<T | undefined> => s('readonly', (os) => promisifyRequest(os.get(key)));

/** Read, change and write `key` in one transaction of `s` (idb-keyval's `update`, failing when its read fails). */
export const update = <T>(key: string, fn: (old: T | undefined) => T, s: UseStore): Promise<void> =>
  s(
    'readwrite',
    (os) =>
      new Promise((resolve, reject) => {
        const r = os.get(key);
        r.onsuccess = () => {
          try {
            os.put(fn(r.result), key);
            resolve(promisifyRequest(os.transaction));
          } catch (e) {
            reject(e);
          }
        };
        r.onerror = () => reject(r.error);
      }),
  );

/** Abort `t` (one that has finished throws: ignored). */
const abort = (t?: IDBTransaction | null) => {
  try {
    t!.abort();
  } catch {}
};

/** The store `records` of database `candor`, whose transactions are aborted and connection closed on freezing. */
export function freeingStore(): UseStore {
  let dbp: Promise<IDBDatabase> | undefined;
  let open: IDBOpenDBRequest | undefined;
  // The database's creation, and the connection, also when its `success` is still to come (the database just made).
  onFreeze(() => {
    abort(open?.transaction);
    try {
      open!.result.close();
    } catch {}
    dbp = undefined;
  });
  return (mode, fn) => {
    const p = (dbp ||= new Promise((resolve, reject) => {
      const r = (open = indexedDB.open('candor'));
      // Its transaction aborted on freezing, the event may still come once the page is back, without a database (WebKit).
      r.onupgradeneeded = () => r.result?.createObjectStore('records');
      r.onsuccess = () => {
        const db = r.result;
        // Safari sometimes closes a connection by itself, and another page may open the database at a higher version (a later
        // Candor) or delete it: this one would block it until the page closes. Closed then, and another opened next time.
        db.onclose = db.onversionchange = () => {
          db.close();
          dbp = undefined;
        };
        resolve(db);
      };
      r.onerror = () => reject(r.error);
    }));
    return p.then((db) => {
      // Frozen (or closed) since it was asked for: no transaction the page could leave open.
      if (p != dbp) throw 0;
      const t = db.transaction('records', mode);
      // Aborted if the page freezes before it ends; its listener goes when it ends.
      const off = onFreeze(() => abort(t));
      t.addEventListener('complete', off);
      t.addEventListener('abort', off);
      return fn(t.objectStore('records'));
    });
  };
}

/**
 * `locks`, each lock released on freezing. Its request then fails (its work goes on, unlocked, if the page comes back): what
 * waits for it would otherwise start more work (a send, another lock, a database opened) in the page being frozen. A request
 * still queued behind another page's lock is withdrawn (its signal): granted later, the frozen page would hold it.
 */
export const freeingLocks = (locks?: LockManager | null) =>
  locks &&
  ({
    request(name: string, fn: () => Promise<unknown>) {
      const queued = new AbortController();
      let free = (_?: unknown) => queued.abort();
      const off = onFreeze(() => free());
      return locks
        .request(
          name,
          { signal: queued.signal },
          () =>
            new Promise((resolve, reject) => {
              free = reject;
              fn().then(resolve, reject);
            }),
        )
        .finally(off);
    },
  } as LockManager);
