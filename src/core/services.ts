/**
 * The slow path: what candor.js needs only on some page views — full validation of a configuration it
 * has not seen before, keeping consent records and sending them, and cleaning up after refused purposes. The script-tag build ships it as the lazy chunk
 * dist/candor-core.js; the ES module imports it directly.
 */
import { cleanup } from './cleanup';
import { checkConfig, parseConfig } from './config';
import { enqueue, flush } from './outbox';
import { makeReceipt, uuid } from './receipts';
import { createRecordStore } from './storage';

export interface Services {
  checkConfig: typeof checkConfig;
  parseConfig: typeof parseConfig;
  makeReceipt: typeof makeReceipt;
  records: ReturnType<typeof createRecordStore>;
  cleanup: typeof cleanup;
  enqueue: typeof enqueue;
  flush: typeof flush;
}

/** The slow path, with the device's IndexedDB record store unless another is given (tests). */
export function createServices(records = createRecordStore(uuid)): Services {
  return { checkConfig, parseConfig, makeReceipt, cleanup, enqueue, flush, records };
}
