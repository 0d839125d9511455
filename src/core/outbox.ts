/**
 * Sending receipts to `receipts.endpoint` (docs/contract.md §7): each receipt is POSTed as JSON with `keepalive` (so
 * a closing tab still sends it), kept in an IndexedDB outbox until the server answers 2xx to the POST itself
 * (a redirect is not followed and acknowledges nothing, nor does an HTML page), and retried with backoff on later page views. The
 * server deduplicates by receipt `id`, so a send whose answer was lost (tab closed, network cut) is safe to
 * repeat; after a 2xx a receipt is never sent again. Contract for servers: docs/receipts.md.
 */
import type { Receipt } from '../types';
import { done } from './pending';
import type { Pending, RecordStore } from './storage';

/**
 * localStorage flag telling candor.js (without loading this chunk) that receipts wait to be sent; a cookie of that name
 * where localStorage refuses it (full: docs/receipts.md, "When receipts are sent, and retried").
 */
export const OUTBOX_FLAG = 'candor-outbox';
/** First retry after 30 s, doubling up to a day. */
const BACKOFF = 30e3;
const MAX_BACKOFF = 864e5;
/** At most this many receipts wait in the outbox; past it the oldest are dropped, with a console warning. */
export const MAX_OUTBOX = 100;
/** A receipt refused (a 4xx other than 408 and 429) this many times in a row is dropped, with a console warning. */
export const MAX_REFUSALS = 10;
/**
 * A send without an answer after 30 s fails like the network: a server (or proxy) that takes the request and never
 * answers would otherwise hold this tab's outbox, and every other tab's through the Web Lock, until the tab closes.
 */
const SEND_TIMEOUT = 3e4;

/** The outbox-full warning, once per page view. */
let full = false;

export interface OutboxEnv {
  fetch: typeof fetch;
  now: () => number;
  storage?: Storage | null;
  locks?: LockManager | null;
}

/**
 * Set the flag while `list` (the outbox) holds receipts; clear it only when that is the outbox in IndexedDB. One in memory
 * (IndexedDB failed on this page view) knows nothing of the receipts earlier page views left there: cleared then, no later
 * page view would load this chunk to send them until the next decision. Where localStorage refuses the flag (full: the
 * site's own data), a cookie carries it, so a full localStorage does not leave them unsent until the next decision.
 */
function flag(records: RecordStore, env: OutboxEnv, list: Pending[]): void {
  if (!list.length && !records.durable()) return;
  let age = 0;
  try {
    if (list.length) env.storage?.setItem(OUTBOX_FLAG, '1');
    else env.storage?.removeItem(OUTBOX_FLAG);
  } catch {
    // About three years, which browsers cut to their longest (Chromium: 400 days).
    age = 1e8;
  }
  // Set where localStorage refused the flag, deleted where it took it or nothing waits. On the page's own document (this
  // chunk runs in it). Not Secure: it only says that something waits.
  try {
    document.cookie = `${OUTBOX_FLAG}=1;Max-Age=${age};Path=/`;
  } catch {}
}

/** Put a receipt in the outbox. */
export async function enqueue(records: RecordStore, env: OutboxEnv, receipt: Receipt): Promise<void> {
  let over = 0;
  flag(
    records,
    env,
    await records.updatePending((list) => {
      if (list.some((p) => p.receipt.id == receipt.id)) return list;
      over = list.length + 1 - MAX_OUTBOX;
      return [...list, { receipt, attempts: 0, retryAt: 0 }].slice(-MAX_OUTBOX);
    }),
  );
  if (over > 0 && !full) {
    full = true;
    console.warn(`Candor: outbox full, the oldest of ${MAX_OUTBOX} receipts dropped.`);
  }
}

/**
 * Send what is due, oldest first, one at a time; stop when the server is down or we are offline. A receipt
 * the server refuses (4xx) waits for its own retry without holding back the others, and is dropped after
 * MAX_REFUSALS refusals in a row. Returns how many were accepted. Tabs take turns through a Web Lock.
 */
export async function flush(records: RecordStore, env: OutboxEnv, endpoint: string): Promise<number> {
  const run = async () => {
    let sent = 0;
    const list = await records.pending();
    // A flag left with nothing waiting (cleared by nothing above) would load this chunk on every page view.
    flag(records, env, list);
    for (const p of list) {
      // Not due: a refused receipt is passed over; one that met a server down holds the rest back too. A retry time
      // further ahead than the longest backoff (written under a clock set ahead, or by another writer) is due now.
      if (p.retryAt > env.now() && p.retryAt <= env.now() + MAX_BACKOFF) {
        if (p.refused) continue;
        break;
      }
      let ok = false;
      let status = 0;
      const abort = new AbortController();
      const timer = setTimeout(() => abort.abort(), SEND_TIMEOUT);
      try {
        const r = await env.fetch(endpoint, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(p.receipt),
          keepalive: true,
          credentials: 'same-origin',
          // Only a 2xx to this POST acknowledges: a redirect (to a login page, say) fails like the network.
          redirect: 'error',
          signal: abort.signal,
        });
        // An HTML page is not an endpoint's answer: a site's catch-all route (a single-page app's index.html), a firewall's
        // block page or a captive portal, answering 200 to any URL, would otherwise take receipts out of the outbox unstored.
        // Only one with markup: PHP and Express label an empty body or "OK" text/html by default.
        ok = r.ok && !r.redirected && !(/html/i.test(r.headers.get('content-type')!) && (await r.text()).includes('<'));
        status = r.status;
      } catch {}
      clearTimeout(timer);
      // A 4xx other than 408 and 429 concerns this receipt only; anything else not ok means the server is down.
      const refused = !ok && status >= 400 && status < 500 && status != 408 && status != 429;
      const id = p.receipt.id;
      let dropped = false;
      const list = await records.updatePending((list) =>
        ok
          ? list.filter((q) => q.receipt.id != id)
          : list.flatMap((q) => {
              if (q.receipt.id != id) return [q];
              // Counters another writer left are read as whole numbers (`>>> 0`: "x" is 0, -1 is large): "x" + 1 never
              // reached MAX_REFUSALS, and a negative count of attempts gave no backoff at all.
              const n = refused ? ((q.refused as number) >>> 0) + 1 : 0;
              if (n >= MAX_REFUSALS) {
                dropped = true;
                return [];
              }
              const a = q.attempts >>> 0;
              // No answer at all, the first time: maybe a send cut off as the visitor left the page (WebKit, Firefox; docs/receipts.md),
              // due again for the next page view. Not after the timeout: that server took the request and kept it.
              const wait = a || status || abort.signal.aborted ? Math.min(BACKOFF * 2 ** a, MAX_BACKOFF) : 0;
              return [{ ...q, attempts: a + 1, retryAt: env.now() + wait, refused: n }];
            }),
      );
      flag(records, env, list);
      if (dropped) console.warn(`Candor: receipt ${id} dropped: refused ${MAX_REFUSALS} times (HTTP ${status}).`);
      // A decision left waiting because IndexedDB failed (Services.keep) is done once the endpoint answered for its receipt;
      // with IndexedDB, keep() was done with it already.
      if ((ok || refused) && !records.durable())
        try {
          done(env.storage!, id);
        } catch {}
      if (ok) sent++;
      else if (!refused) break;
    }
    return sent;
  };
  return env.locks ? env.locks.request('candor-outbox', run) : run();
}
