/**
 * The slow path: what candor.js needs only on some page views — full validation of a configuration it
 * has not seen before, keeping and sending consent records, and cleaning up after refused purposes. The
 * script-tag build ships it as the lazy chunk dist/candor-core.js; the ES module imports it directly.
 * Its methods are coarse on purpose: every line here is a line candor.js does not carry.
 */
import type { Receipt, ResolvedConfig } from '../types';
import { cleanup } from './cleanup';
import { checkConfig, parseConfig, type Checked } from './config';
import { enqueue, flush, type OutboxEnv } from './outbox';
import { makeReceipt, uuid, type ReceiptInput } from './receipts';
import { createRecordStore, type RecordStore } from './storage';

export interface Services {
  /** Validate a configuration given as JSON text or as a value. */
  check(raw: unknown): Checked;
  /** Build, keep and (with `receipts.endpoint`) send the receipt of a decision. */
  record(win: Window, config: ResolvedConfig, input: Omit<ReceiptInput, 'subject'>): Promise<Receipt>;
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

/** The slow path, with the device's IndexedDB record store unless another is given (tests). */
export function createServices(records: RecordStore = createRecordStore(uuid)): Services {
  const send = (win: Window, endpoint: string) => flush(records, outboxEnv(win), endpoint);
  return {
    check: (raw) => (typeof raw == 'string' ? parseConfig(raw) : checkConfig(raw)),
    async record(win, config, input) {
      const receipt = await makeReceipt(config, { ...input, subject: await records.subject() });
      await records.add(receipt);
      const endpoint = config.receipts?.endpoint;
      if (endpoint) {
        await enqueue(records, outboxEnv(win), receipt);
        // In the background: a server that is down only delays the receipt to a later page view.
        send(win, endpoint).catch(() => {});
      }
      return receipt;
    },
    send,
    receipts: () => records.receipts(),
    cleanup,
  };
}
