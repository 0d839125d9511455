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
  /** Send receipts waiting in the outbox; how many the endpoint accepted. */
  send(win: Window, endpoint: string): Promise<number>;
  /** This device's receipts, newest first. */
  receipts(): Promise<Receipt[]>;
  cleanup: typeof cleanup;
}

function outboxEnv(win: Window): OutboxEnv {
  let storage: Storage | null = null;
  try {
    storage = win.localStorage;
  } catch {}
  return { fetch: win.fetch.bind(win), now: Date.now, storage, locks: win.navigator.locks };
}

/** The records chunk, with the device's IndexedDB record store unless another is given (tests). */
export function createServices(records: RecordStore = createRecordStore(uuid)): Services {
  const send = (win: Window, endpoint: string) => flush(records, outboxEnv(win), endpoint);

  const record = async (win: Window, config: ResolvedConfig, decided: Decided) => {
    const receipt = await makeReceipt(config, { ...decided, subject: await records.subject() });
    await records.add(receipt);
    if (config.receipts?.endpoint) await enqueue(records, outboxEnv(win), receipt);
  };

  /** keep() calls of this page take turns (tabs take turns through a Web Lock). */
  let turn: Promise<unknown> = Promise.resolve();

  return {
    async keep(win, config, decided) {
      let storage: Storage | undefined;
      try {
        storage = win.localStorage;
      } catch {}
      // Each decision left in localStorage is kept by whoever finds it first.
      const run = async () => {
        let waiting: Decided[] = [];
        try {
          waiting = JSON.parse(storage?.getItem(PENDING) || '[]');
        } catch {}
        if (decided) waiting.push(decided);
        for (const d of waiting) {
          await record(win, config, d);
          if (d == decided) continue;
          try {
            const same = JSON.stringify(d);
            const left = (JSON.parse(storage!.getItem(PENDING) || '[]') as Decided[]).filter((p) => JSON.stringify(p) != same);
            if (left.length) storage!.setItem(PENDING, JSON.stringify(left));
            else storage!.removeItem(PENDING);
          } catch {}
        }
      };
      const locks = win.navigator.locks;
      await (turn = turn.catch(() => {}).then(() => (locks ? locks.request('candor-pending', run) : run())));
      const endpoint = config.receipts?.endpoint;
      // In the background: a server that is down only delays the receipt to a later page view.
      if (endpoint) send(win, endpoint).catch(() => {});
    },
    send,
    receipts: () => records.receipts(),
    cleanup,
  };
}
