/**
 * The records chunk: what candor.js needs only after a decision or on some page views — keeping and
 * sending consent records, and cleaning up after refused purposes. The script-tag build ships it as the
 * lazy chunk dist/candor-core.js (the validator is its own chunk, dist/candor-check.js); the ES module
 * imports it directly. Its methods are coarse on purpose: every line here is a line candor.js does not carry.
 */
import type { Receipt, ResolvedConfig } from '../types';
import { cleanup } from './cleanup';
import { enqueue, flush, PENDING, type OutboxEnv } from './outbox';
import { makeReceipt, uuid, type ReceiptInput } from './receipts';
import { createRecordStore, type RecordStore } from './storage';

/** A decision as candor.js hands it over: a receipt without its subject and notice. */
export type Decided = Omit<ReceiptInput, 'subject'>;

export interface Services {
  /**
   * Keep the receipts of the decisions waiting in localStorage (this page's and those an earlier page view
   * left), and of `decided` when localStorage could not hold it; then send what waits in the outbox.
   */
  keep(win: Window, config: ResolvedConfig, decided?: Decided): Promise<void>;
  /** This device's receipts, newest first. */
  receipts(): Promise<Receipt[]>;
  cleanup: typeof cleanup;
}

function outboxEnv(win: Window): OutboxEnv {
  let storage: Storage | null = null;
  try {
    storage = win.localStorage;
  } catch {}
  // Looked up when a receipt is sent, not before: keeping receipts does not need fetch.
  return { fetch: (...args) => win.fetch(...args), now: Date.now, storage, locks: win.navigator.locks };
}

/** The records chunk, with the device's IndexedDB record store unless another is given (tests). */
export function createServices(records: RecordStore = createRecordStore(uuid)): Services {
  const record = async (env: OutboxEnv, config: ResolvedConfig, decided: Decided) => {
    const receipt = await makeReceipt(config, { ...decided, subject: await records.subject() });
    await records.add(receipt);
    if (config.receipts?.endpoint) await enqueue(records, env, receipt);
  };

  /** keep() calls of this page take turns (tabs take turns through a Web Lock). */
  let turn: Promise<unknown> = Promise.resolve();

  return {
    async keep(win, config, decided) {
      const env = outboxEnv(win);
      const storage = env.storage;
      // Each decision left in localStorage is kept by whoever finds it first.
      const run = async () => {
        let waiting: Decided[] = [];
        try {
          waiting = JSON.parse(storage?.getItem(PENDING) || '[]');
        } catch {}
        if (decided) waiting.push(decided);
        for (const d of waiting) {
          await record(env, config, d);
          if (d == decided) continue;
          try {
            const same = JSON.stringify(d);
            const left = (JSON.parse(storage!.getItem(PENDING) || '[]') as Decided[]).filter((p) => JSON.stringify(p) != same);
            if (left.length) storage!.setItem(PENDING, JSON.stringify(left));
            else storage!.removeItem(PENDING);
          } catch {}
        }
      };
      await (turn = turn.catch(() => {}).then(() => (env.locks ? env.locks.request('candor-pending', run) : run())));
      const endpoint = config.receipts?.endpoint;
      // In the background: a server that is down only delays the receipt to a later page view.
      if (endpoint) flush(records, env, endpoint).catch(() => {});
    },
    receipts: () => records.receipts(),
    cleanup,
  };
}
