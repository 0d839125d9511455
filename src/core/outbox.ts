/**
 * Sending receipts to `receipts.endpoint` (SPEC §7): each receipt is POSTed as JSON with `keepalive` (so
 * a closing tab still sends it), kept in an IndexedDB outbox until the server answers 2xx, and retried
 * with backoff on later page views. The server deduplicates by receipt `id`, so a send whose answer was
 * lost (tab closed, network cut) is safe to repeat; after a 2xx a receipt is never sent again.
 * Contract for servers: docs/receipts.md.
 */
import type { Receipt } from '../types';
import type { Pending, RecordStore } from './storage';

/** localStorage flag telling candor.js (without loading this chunk) that receipts wait to be sent. */
export const OUTBOX_FLAG = 'candor-outbox';
/**
 * localStorage key listing the decisions whose receipt is not kept yet: the records chunk may still be
 * loading when the visitor leaves, and the next page view keeps them (Services.keep).
 */
export const PENDING = 'candor-pending';
/** First retry after 30 s, doubling up to a day. */
const BACKOFF = 30e3;
const MAX_BACKOFF = 864e5;

export interface OutboxEnv {
  fetch: typeof fetch;
  now: () => number;
  storage?: Storage | null;
  locks?: LockManager | null;
}

function flag(env: OutboxEnv, list: Pending[]): void {
  try {
    if (list.length) env.storage?.setItem(OUTBOX_FLAG, '1');
    else env.storage?.removeItem(OUTBOX_FLAG);
  } catch {}
}

/** Put a receipt in the outbox. */
export async function enqueue(records: RecordStore, env: OutboxEnv, receipt: Receipt): Promise<void> {
  flag(env, await records.updatePending((list) => (list.some((p) => p.receipt.id == receipt.id) ? list : [...list, { receipt, attempts: 0, retryAt: 0 }])));
}

/**
 * Send what is due, oldest first, one at a time; stop when the server is down or we are offline. Returns
 * how many were accepted. Tabs take turns through a Web Lock.
 */
export async function flush(records: RecordStore, env: OutboxEnv, endpoint: string): Promise<number> {
  const run = async () => {
    let sent = 0;
    for (const p of await records.pending()) {
      if (p.retryAt > env.now()) break;
      let ok = false;
      let status = 0;
      try {
        const r = await env.fetch(endpoint, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(p.receipt),
          keepalive: true,
          credentials: 'same-origin',
        });
        ok = r.ok;
        status = r.status;
      } catch {}
      const id = p.receipt.id;
      const list = await records.updatePending((list) =>
        ok
          ? list.filter((q) => q.receipt.id != id)
          : list.map((q) => (q.receipt.id == id ? { ...q, attempts: q.attempts + 1, retryAt: env.now() + Math.min(BACKOFF * 2 ** q.attempts, MAX_BACKOFF) } : q)),
      );
      flag(env, list);
      if (ok) sent++;
      // Offline or the server is down (or busy): the rest waits too. A receipt the server refuses (4xx)
      // waits for its own retry without holding back the others.
      else if (!status || status >= 500 || status == 408 || status == 429) break;
    }
    return sent;
  };
  return env.locks ? env.locks.request('candor-outbox', run) : run();
}
