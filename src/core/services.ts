/**
 * The records chunk: what candor.js needs only after a decision or on some page views — keeping and
 * sending consent records, and cleaning up after refused purposes. The script-tag build ships it as the
 * lazy chunk dist/candor-core.js (the validator is its own chunk, dist/candor-check.js); the ES module
 * imports it directly. Its methods are coarse on purpose: every line here is a line candor.js does not carry.
 */
import type { Receipt, ResolvedConfig } from '../types';
import { cleanup } from './cleanup';
import { freeingLocks } from './frozen';
import { enqueue, flush, type OutboxEnv } from './outbox';
import { done, PENDING, waiting, type Decided } from './pending';
import { makeReceipt, uuid, type BuiltInTexts } from './receipts';
import { createRecordStore, type RecordStore } from './storage';

export interface Services {
  /**
   * Keep the receipts of the decisions waiting in localStorage (this page's, another tab's and those an
   * earlier page view left) and of `decided` (this page's, also when localStorage lost or could not hold
   * it), one receipt per id; then send what waits in the outbox.
   */
  keep(win: Window, config: ResolvedConfig, decided?: Decided): Promise<void>;
  /** This device's receipts, newest first. */
  receipts(): Promise<Receipt[]>;
  cleanup: typeof cleanup;
}

function outboxEnv(win: Window): OutboxEnv {
  let storage: Storage | undefined;
  try {
    storage = win.localStorage;
  } catch {}
  // Looked up when a receipt is sent, not before: keeping receipts does not need fetch.
  return { fetch: (...args) => win.fetch(...args), now: Date.now, storage, locks: freeingLocks(win.navigator.locks) };
}

/** Whether the decision `id` (a uuid) still waits in localStorage (not when it cannot be read). */
function still(storage: Storage | null | undefined, id?: string): boolean | undefined {
  try {
    return storage!.getItem(PENDING)!.includes(id!);
  } catch {}
}

/** The built-in interface texts the visitor is shown in a language (candor.js: its language chunk). */
export type TextsLoader = (language: string, languages: string[]) => Promise<BuiltInTexts>;

/**
 * The records chunk, with the device's IndexedDB record store unless another is given (tests). Receipts
 * hash their notice with the built-in texts `texts` gives for the decision's language (notice format 2);
 * when it has none or cannot load them, in format 1, so that a decision never goes without its receipt.
 */
export function createServices(records: RecordStore = createRecordStore(uuid), texts?: TextsLoader): Services {
  const record = async (env: OutboxEnv, config: ResolvedConfig, decided: Decided) => {
    // A decision lapses once: tabs that each saw it lapse (docs/contract.md §7) make one receipt. Kept in turn (the lock),
    // a second `expired` right after the first is dropped; the same one kept again is not (a stopped page's, below). Not
    // one `reaskAfterDays` later or more: a later decision's lapse, made where this device's records are not (a sibling
    // subdomain sharing the cookie, a page view whose IndexedDB failed).
    const [last] = decided.event == 'expired' ? await records.receipts() : [];
    if (last?.event == decided.event && last.id != decided.id && decided.time - Date.parse(last.time) < config.reaskAfterDays * 864e5) return;
    const builtIn = texts && (await texts(decided.language, config.languages).catch(() => null));
    const receipt = await makeReceipt(config, { ...decided, subject: await records.subject() }, builtIn);
    // Already kept (by another tab, or an earlier page view): once only. But a decision still waiting in localStorage now was
    // kept by a page stopped before it was done (WebKit freezes a page left at once): queued again (the outbox keeps an id once).
    // Read now, not when listed: another tab (one without Web Locks, or while this page was frozen) may have sent it since.
    // The one kept is queued, not this one: made with other texts (a page left as they loaded), it would not be the same.
    const fresh = await records.add(receipt);
    if ((fresh || still(env.storage, decided.id)) && config.receipts?.endpoint)
      await enqueue(records, env, fresh ? receipt : (await records.receipts()).find((r) => r.id == receipt.id) || receipt);
  };

  /** keep() calls of this page take turns, each after the work of the one before (tabs take turns through a Web Lock). */
  let turn: Promise<unknown> = Promise.resolve();

  return {
    async keep(win, config, decided) {
      const env = outboxEnv(win);
      const storage = env.storage;
      const endpoint = config.receipts?.endpoint;
      // Each decision left in localStorage is kept by whoever finds it first.
      const run = async () => {
        let list: Decided[] = [];
        try {
          list = waiting(storage!, uuid);
        } catch {}
        if (decided && !list.some((d) => d.id == decided.id)) list.push(decided);
        for (const d of list) {
          // Made under another version (published since; the page that made it closed at once): its receipt would carry
          // this notice, which the visitor was not shown. No false proof: dropped, and said so.
          const stale = d.version && d.version != config.version;
          if (stale) console.warn(`Candor: receipt ${d.id} dropped: version ${d.version}.`);
          else await record(env, config, d);
          // Without IndexedDB the outbox lasts this page view only: the decision stays until the endpoint takes its receipt
          // (one dropped goes at once: it would be dropped again on every page view).
          if (stale || records.durable() || !endpoint)
            try {
              done(storage!, d.id);
            } catch {}
        }
      };
      let ran: unknown;
      const go = () => (ran = run());
      const locked = turn.then(() => (env.locks ? env.locks.request('candor-pending', go) : go()));
      // The next keep() waits for this one's work, not only for its lock: released on freezing, the work goes on when the page
      // comes back, and its reads then fail or succeed; the restored page's keep() starts after it, afresh. (Never rejects.)
      turn = locked
        .catch(() => {})
        .then(() => ran)
        .catch(() => {});
      await locked;
      // In the background: a server that is down only delays the receipt to a later page view.
      if (endpoint) flush(records, env, endpoint).catch(() => {});
    },
    receipts: () => records.receipts(),
    cleanup,
  };
}
