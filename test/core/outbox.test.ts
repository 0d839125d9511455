import { createStore, set } from 'idb-keyval';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { checkConfig } from '../../src/core/config';
import { enqueue, flush, MAX_OUTBOX, MAX_REFUSALS, OUTBOX_FLAG, type OutboxEnv } from '../../src/core/outbox';
import { uuid } from '../../src/core/receipts';
import { createServices } from '../../src/core/services';
import { createRecordStore } from '../../src/core/storage';
import type { Config, Receipt } from '../../src/types';
import shop from '../fixtures/shop.json';

let db = 0;
let clock = 1_800_000_000_000;
/** A page view's record store; page views of one test share the database, like a device. */
const store = () => createRecordStore(uuid, () => createStore(`candor-outbox-${db}`, 'records'));

function receipt(event: Receipt['event'] = 'given'): Receipt {
  return {
    id: uuid(),
    subject: 's',
    time: new Date(clock).toISOString(),
    event,
    method: 'accept-all',
    version: '1',
    language: 'en',
    purposes: { a: true },
    gpc: false,
    noticeHash: '0'.repeat(64),
    sdk: '0.1.0',
    noticeFormat: 2,
  };
}

/** A receipt server: answers with the given statuses in turn (then 200), keeps accepted receipts by id. */
function server(...statuses: (number | 'down' | 'hang')[]) {
  const accepted = new Map<string, Receipt>();
  const calls: RequestInit[] = [];
  const fetch = vi.fn(async (_url: RequestInfo | URL, init?: RequestInit) => {
    calls.push(init!);
    const status = statuses.shift() ?? 200;
    if (status == 'down') throw new TypeError('Failed to fetch');
    if (status == 'hang') return new Promise<Response>(() => {});
    if (status < 300) {
      const r = JSON.parse(init!.body as string) as Receipt;
      accepted.set(r.id, r);
    }
    return new Response(null, { status });
  });
  return { fetch, accepted, calls };
}

function env(fetch: OutboxEnv['fetch']): OutboxEnv {
  return { fetch, now: () => clock, storage: localStorage };
}

beforeEach(() => {
  db++;
  clock = 1_800_000_000_000;
  localStorage.clear();
});
afterEach(() => vi.restoreAllMocks());

describe('the receipt outbox', () => {
  it('POSTs each receipt as JSON with keepalive and empties the outbox on 2xx', async () => {
    const s = server(201);
    const records = store();
    const r = receipt();
    await enqueue(records, env(s.fetch), r);
    expect(localStorage.getItem(OUTBOX_FLAG)).toBe('1');
    expect(await flush(records, env(s.fetch), '/consent-receipts')).toBe(1);
    expect(s.fetch).toHaveBeenCalledWith('/consent-receipts', expect.objectContaining({ method: 'POST', keepalive: true }));
    expect((s.calls[0].headers as any)['Content-Type']).toBe('application/json');
    expect(s.accepted.get(r.id)).toEqual(r);
    expect(await records.pending()).toEqual([]);
    expect(localStorage.getItem(OUTBOX_FLAG)).toBeNull();
  });

  it('keeps receipts while the server is down and retries with backoff on later page views', async () => {
    const s = server(503, 500, 200, 200);
    const first = receipt('given');
    const second = receipt('updated');
    await enqueue(store(), env(s.fetch), first);
    await enqueue(store(), env(s.fetch), second);
    expect(await flush(store(), env(s.fetch), '/r')).toBe(0);
    expect(s.fetch).toHaveBeenCalledTimes(1); // stops at the first failure
    const [p] = await store().pending();
    expect(p).toMatchObject({ attempts: 1, retryAt: clock + 30e3 });
    // Too early: nothing is sent.
    expect(await flush(store(), env(s.fetch), '/r')).toBe(0);
    expect(s.fetch).toHaveBeenCalledTimes(1);
    clock += 30e3;
    expect(await flush(store(), env(s.fetch), '/r')).toBe(0); // 500
    expect((await store().pending())[0]).toMatchObject({ attempts: 2, retryAt: clock + 60e3 });
    clock += 60e3;
    expect(await flush(store(), env(s.fetch), '/r')).toBe(2);
    expect([...s.accepted.keys()]).toEqual([first.id, second.id]);
    expect(localStorage.getItem(OUTBOX_FLAG)).toBeNull();
  });

  it('a send cut off as the visitor leaves the page (no answer at all) goes again on the next page view, not 30 s later', async () => {
    const s = server('down', 201);
    const r = receipt();
    await enqueue(store(), env(s.fetch), r);
    expect(await flush(store(), env(s.fetch), '/r')).toBe(0); // the page is left while the POST is under way: it fails
    clock += 1e3; // the next page of the site
    expect(await flush(store(), env(s.fetch), '/r')).toBe(1);
    expect(s.accepted.has(r.id)).toBe(true);
    expect(await store().pending()).toEqual([]);
  });

  it('a network that keeps failing still backs off: only the first send without an answer goes again at once', async () => {
    const s = server('down', 'down', 'down');
    await enqueue(store(), env(s.fetch), receipt());
    await flush(store(), env(s.fetch), '/r');
    clock += 1e3;
    await flush(store(), env(s.fetch), '/r');
    expect((await store().pending())[0]).toMatchObject({ attempts: 2, retryAt: clock + 60e3 });
    clock += 1e3;
    expect(await flush(store(), env(s.fetch), '/r')).toBe(0);
    expect(s.fetch).toHaveBeenCalledTimes(2);
  });

  it('never sends a receipt again after a 2xx', async () => {
    const s = server();
    const records = store();
    await enqueue(records, env(s.fetch), receipt());
    await flush(records, env(s.fetch), '/r');
    await flush(store(), env(s.fetch), '/r');
    expect(s.fetch).toHaveBeenCalledTimes(1);
  });

  it('loses nothing when the tab closes mid-send: the next page view sends it again, once accepted', async () => {
    const s = server('hang');
    const r = receipt();
    await enqueue(store(), env(s.fetch), r);
    void flush(store(), env(s.fetch), '/r'); // the tab closes while this request is in flight
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await flush(store(), env(s.fetch), '/r')).toBe(1);
    expect(s.accepted.size).toBe(1);
    expect(await store().pending()).toEqual([]);
  });

  it('queues a receipt once even when asked twice', async () => {
    const records = store();
    const r = receipt();
    await enqueue(records, env(vi.fn()), r);
    await enqueue(records, env(vi.fn()), r);
    expect(await records.pending()).toHaveLength(1);
  });

  it('without IndexedDB, still sends from memory during the page view', async () => {
    const s = server();
    const records = createRecordStore(uuid, () => {
      throw new Error('no IndexedDB');
    });
    await enqueue(records, env(s.fetch), receipt());
    expect(await flush(records, env(s.fetch), '/r')).toBe(1);
  });

  it('a page view whose IndexedDB fails sends from memory without hiding what earlier page views left waiting in IndexedDB', async () => {
    const s = server('down');
    const left = receipt('given');
    await enqueue(store(), env(s.fetch), left);
    expect(await flush(store(), env(s.fetch), '/r')).toBe(0); // the server is down: it waits in IndexedDB
    // A later page view on which IndexedDB fails (quota exceeded, an open that hangs past 3 s): its own receipt goes from memory.
    const broken = createRecordStore(uuid, () => {
      throw new Error('QuotaExceededError');
    });
    const now = receipt('updated');
    await enqueue(broken, env(s.fetch), now);
    expect(await flush(broken, env(s.fetch), '/r')).toBe(1);
    // candor.js loads the records chunk on a page view without a decision only when the flag says receipts wait (manager.ts).
    expect(localStorage.getItem(OUTBOX_FLAG)).toBe('1');
    clock += 30e3;
    expect(await flush(store(), env(s.fetch), '/r')).toBe(1);
    expect([...s.accepted.keys()]).toEqual([now.id, left.id]);
    expect(localStorage.getItem(OUTBOX_FLAG)).toBeNull();
  });

  it('a flag left with nothing waiting is cleared by the next send round, so later page views do not load the records chunk', async () => {
    localStorage.setItem(OUTBOX_FLAG, '1');
    const s = server();
    expect(await flush(store(), env(s.fetch), '/r')).toBe(0);
    expect(localStorage.getItem(OUTBOX_FLAG)).toBeNull();
    expect(s.fetch).not.toHaveBeenCalled();
  });
});

it('a receipt the server refuses (4xx) does not hold back the ones after it', async () => {
  const s = server(422, 201);
  const refused = receipt('given');
  const next = receipt('updated');
  await enqueue(store(), env(s.fetch), refused);
  await enqueue(store(), env(s.fetch), next);
  expect(await flush(store(), env(s.fetch), '/r')).toBe(1);
  expect([...s.accepted.keys()]).toEqual([next.id]);
  expect(await store().pending()).toMatchObject([{ receipt: { id: refused.id }, attempts: 1 }]);
});

describe('only a 2xx to the POST itself acknowledges', () => {
  /** Fetch as a browser does it: a redirect is followed (to a page that answers 200) unless `redirect: 'error'`. */
  const redirecting = (status: number) =>
    vi.fn(async (_url: RequestInfo | URL, init?: RequestInit) => {
      if (init?.redirect == 'error') throw new TypeError('Failed to fetch');
      if (init?.redirect == 'manual') return { ok: false, status: 0, redirected: false, type: 'opaqueredirect' } as Response;
      // Followed: a login page (302 turns the POST into a GET) or another URL (307 repeats the POST) answers 200.
      return { ok: true, status: 200, redirected: true, statusText: String(status) } as Response;
    });

  it.each([301, 302, 303, 307, 308])('a %i redirect is not a delivery: the receipt stays in the outbox', async (status) => {
    const fetch = redirecting(status);
    const r = receipt();
    await enqueue(store(), env(fetch), r);
    expect(await flush(store(), env(fetch), '/r')).toBe(0);
    expect(await store().pending()).toMatchObject([{ receipt: { id: r.id }, attempts: 1 }]);
    expect(localStorage.getItem(OUTBOX_FLAG)).toBe('1');
  });

  it('a response that was redirected anyway (a fetch that ignores the option) is not a delivery either', async () => {
    const fetch = vi.fn(async () => ({ ok: true, status: 200, redirected: true }) as Response);
    await enqueue(store(), env(fetch), receipt());
    expect(await flush(store(), env(fetch), '/r')).toBe(0);
    expect(await store().pending()).toHaveLength(1);
  });
});

describe('a 2xx that is an HTML page is not an answer of the endpoint', () => {
  const answering = (status: number, type: string | null, body: string | null) =>
    vi.fn(async () => new Response(body, { status, headers: type ? { 'Content-Type': type } : {} }));

  it.each([
    ["a single-page app's catch-all route", 200, 'text/html; charset=utf-8', '<!doctype html><div id="app"></div>'],
    ["a firewall's block page", 200, 'TEXT/HTML', '<html><body>The requested URL was rejected.</body></html>'],
    ['a captive portal', 200, 'application/xhtml+xml', '<html xmlns="http://www.w3.org/1999/xhtml"><body>Log in</body></html>'],
  ])('%s answering %i with HTML leaves the receipt in the outbox', async (_, status, type, body) => {
    const fetch = answering(status, type, body);
    const r = receipt();
    await enqueue(store(), env(fetch), r);
    expect(await flush(store(), env(fetch), '/r')).toBe(0);
    expect(await store().pending()).toMatchObject([{ receipt: { id: r.id }, attempts: 1 }]);
    expect(localStorage.getItem(OUTBOX_FLAG)).toBe('1');
    // Like a server down: it holds the round, and the retry waits for its backoff.
    expect((await store().pending())[0].retryAt).toBeGreaterThan(clock);
  });

  it.each([
    ["the collector's answer", 201, 'application/json', '{"stored":1,"duplicate":0}'],
    ['an already stored one', 200, 'application/json; charset=UTF-8', '{"stored":0,"duplicate":1}'],
    ['an empty answer (docs/receipts.md, the minimal server)', 201, null, null],
    ['no content', 204, null, null],
    ['plain text', 200, 'text/plain', 'ok'],
    ["an empty body under PHP's default Content-Type", 201, 'text/html; charset=UTF-8', ''],
    ["Express's res.send('OK')", 200, 'text/html; charset=utf-8', 'OK'],
  ])('%s (%i) is still a delivery', async (_, status, type, body) => {
    const fetch = answering(status, type, body);
    await enqueue(store(), env(fetch), receipt());
    expect(await flush(store(), env(fetch), '/r')).toBe(1);
    expect(await store().pending()).toEqual([]);
    expect(localStorage.getItem(OUTBOX_FLAG)).toBeNull();
  });
});

describe('a receipt the server refuses (4xx)', () => {
  it('does not hold back receipts made after it: they go out before its own retry', async () => {
    const s = server(422);
    const refused = receipt('given');
    await enqueue(store(), env(s.fetch), refused);
    expect(await flush(store(), env(s.fetch), '/r')).toBe(0);
    // A later decision, well before the refused receipt's retry (30 s).
    clock += 1e3;
    const later = receipt('updated');
    await enqueue(store(), env(s.fetch), later);
    expect(await flush(store(), env(s.fetch), '/r')).toBe(1);
    expect([...s.accepted.keys()]).toEqual([later.id]);
    expect(await store().pending()).toMatchObject([{ receipt: { id: refused.id }, attempts: 1, refused: 1, retryAt: clock - 1e3 + 30e3 }]);
  });

  it(`is retried with its own backoff and dropped after ${MAX_REFUSALS} refusals in a row, with one console warning`, async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const s = server(...Array(MAX_REFUSALS).fill(400));
    const refused = receipt('given');
    await enqueue(store(), env(s.fetch), refused);
    const delays: number[] = [];
    for (let n = 1; n <= MAX_REFUSALS; n++) {
      await flush(store(), env(s.fetch), '/r');
      const [p] = await store().pending();
      if (n < MAX_REFUSALS) {
        expect(p).toMatchObject({ receipt: { id: refused.id }, refused: n });
        delays.push(p.retryAt - clock);
        clock = p.retryAt;
      } else expect(p).toBeUndefined();
    }
    expect(delays).toEqual([30e3, 60e3, 120e3, 240e3, 480e3, 960e3, 1920e3, 3840e3, 7680e3].slice(0, MAX_REFUSALS - 1));
    expect(s.fetch).toHaveBeenCalledTimes(MAX_REFUSALS);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0][0])).toContain(refused.id);
    expect(localStorage.getItem(OUTBOX_FLAG)).toBeNull();
    // Never sent again.
    clock += 864e5;
    await flush(store(), env(s.fetch), '/r');
    expect(s.fetch).toHaveBeenCalledTimes(MAX_REFUSALS);
  });

  it('a server that is down in between restarts the count: only refusals in a row drop a receipt', async () => {
    const s = server(...Array(MAX_REFUSALS - 1).fill(404), 503, 404);
    await enqueue(store(), env(s.fetch), receipt());
    for (let n = 0; n < MAX_REFUSALS + 1; n++) {
      await flush(store(), env(s.fetch), '/r');
      clock = (await store().pending())[0].retryAt;
    }
    expect(await store().pending()).toMatchObject([{ refused: 1 }]);
  });
});

it(`caps the outbox at ${MAX_OUTBOX} receipts: 900 decisions with the endpoint down keep the newest, with one console warning`, async () => {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  (window as any).fetch = vi.fn(async () => {
    throw new TypeError('Failed to fetch');
  });
  const records = store();
  const services = createServices(records);
  const config = { ...checkConfig(structuredClone(shop) as unknown as Config).config!, receipts: { endpoint: '/r' } };
  const ids: string[] = [];
  for (let i = 0; i < 900; i++) {
    const id = uuid();
    ids.push(id);
    await services.keep(window, config, {
      id,
      time: clock + i,
      event: 'updated',
      method: 'api',
      language: 'en',
      purposes: { necessary: true },
      gpc: false,
    });
  }
  const box = await records.pending();
  expect(box).toHaveLength(MAX_OUTBOX);
  expect(box.map((p) => p.receipt.id)).toEqual(ids.slice(-MAX_OUTBOX));
  expect(warn).toHaveBeenCalledTimes(1);
  // The device history still holds its 500 newest.
  expect(await records.receipts()).toHaveLength(500);
}, 60e3);

describe('an outbox another writer left in IndexedDB', () => {
  const idb = () => createStore(`candor-outbox-${db}`, 'records');

  it('a malformed entry neither stops the others being sent nor moves the outbox out of IndexedDB', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const s = server();
    const old = receipt('given');
    await set('outbox', [null, 'x', { receipt: { id: 1 } }, { receipt: old, attempts: 0, retryAt: 0 }], idb());
    const records = store();
    const fresh = receipt('updated');
    await enqueue(records, env(s.fetch), fresh);
    expect(records.durable()).toBe(true);
    // Another page view finds the new receipt in IndexedDB.
    expect((await store().pending()).map((p) => p.receipt.id)).toEqual([old.id, fresh.id]);
    expect(await flush(store(), env(s.fetch), '/r')).toBe(2);
    expect([...s.accepted.keys()]).toEqual([old.id, fresh.id]);
    expect(await store().pending()).toEqual([]);
  });

  it.each([
    ['a string', 'x'],
    ['negative', -1e9],
    ['beyond 32 bits', 2 ** 31],
  ])('retry counters that are %s neither keep a refused receipt for ever nor turn its backoff off', async (_, attempts) => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const s = server(...Array(MAX_REFUSALS).fill(400));
    const r = receipt();
    await set('outbox', [{ receipt: r, attempts, retryAt: 0, refused: 'x' }], idb());
    await flush(store(), env(s.fetch), '/r');
    // A backoff of 30 s to a day: not sent again at once.
    const [p] = await store().pending();
    expect(p.refused).toBe(1);
    expect(p.retryAt).toBeGreaterThanOrEqual(clock + 30e3);
    expect(p.retryAt).toBeLessThanOrEqual(clock + 864e5);
    for (let n = 2; n <= MAX_REFUSALS; n++) {
      clock += 864e5;
      await flush(store(), env(s.fetch), '/r');
    }
    expect(s.fetch).toHaveBeenCalledTimes(MAX_REFUSALS);
    expect(await store().pending()).toEqual([]);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining(`refused ${MAX_REFUSALS} times`));
  });

  it('an entry due later than the longest backoff allows (written under a clock set ahead) is sent now, not held for months', async () => {
    const s = server();
    const r = receipt();
    await set('outbox', [{ receipt: r, attempts: 3, retryAt: clock + 180 * 864e5 }], idb());
    expect(await flush(store(), env(s.fetch), '/r')).toBe(1);
    expect(s.accepted.has(r.id)).toBe(true);
  });
});

/** The Web Locks API as browsers give it: one holder of a name at a time, the others wait in turn. */
function fakeLocks(): LockManager {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    request: (_name: string, fn: (lock: null) => unknown) => {
      const run = tail.then(() => fn(null));
      tail = run.catch(() => {});
      return run;
    },
  } as unknown as LockManager;
}

it("a send that never gets an answer is given up after 30 s: it holds neither this tab's outbox nor other tabs (Web Lock) for ever", async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  try {
    // A server (or a proxy) that takes the request and never answers; the request ends only if aborted.
    const hang = vi.fn(
      (_url: RequestInfo | URL, init?: RequestInit) =>
        new Promise<Response>((_, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))),
    );
    const locks = fakeLocks();
    const r = receipt();
    await enqueue(store(), env(hang), r);
    const first = flush(store(), { ...env(hang), locks }, '/r');
    // Another tab of the site flushes too: it waits for the lock.
    const s = server();
    const other = flush(store(), { ...env(s.fetch), locks }, '/r');
    await vi.waitUntil(() => hang.mock.calls.length == 1);
    await vi.advanceTimersByTimeAsync(30e3);
    expect(await first).toBe(0);
    expect(await other).toBe(0); // the receipt waits for its retry, like one that met a server down
    expect((await store().pending())[0]).toMatchObject({ attempts: 1 });
    clock += 30e3;
    expect(await flush(store(), { ...env(s.fetch), locks }, '/r')).toBe(1);
    expect(s.accepted.has(r.id)).toBe(true);
  } finally {
    vi.useRealTimers();
  }
});

it('two tabs draining the same outbox at once without Web Locks (Safari before 15.4) lose nothing and leave nothing behind', async () => {
  const s = server(503); // one tab's first POST meets a server restarting, the other's pass
  const ids: string[] = [];
  for (const event of ['given', 'updated', 'withdrawn'] as const) {
    const r = receipt(event);
    ids.push(r.id);
    await enqueue(store(), env(s.fetch), r);
  }
  // No `locks`: each tab reads the whole outbox and sends it; the endpoint deduplicates by id (docs/receipts.md).
  await Promise.all([flush(store(), env(s.fetch), '/r'), flush(store(), env(s.fetch), '/r')]);
  expect([...s.accepted.keys()].sort()).toEqual([...ids].sort());
  // The tab that met the 503 rescheduled nothing the other had sent: nothing waits.
  expect(await store().pending()).toEqual([]);
});
