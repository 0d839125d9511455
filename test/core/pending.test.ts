import { createStore } from 'idb-keyval';
import { JSDOM } from 'jsdom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { checkConfig } from '../../src/core/config';
import { validate } from '../../src/core/validate';
import { createCandor, type Options } from '../../src/core/manager';
import { done, MAX_PENDING, PENDING, queue, waiting, type Decided } from '../../src/core/pending';
import { noticeHash, uuid } from '../../src/core/receipts';
import { createServices } from '../../src/core/services';
import { createRecordStore } from '../../src/core/storage';
import type { CandorHost, Config, UI } from '../../src/types';
import shop from '../fixtures/shop.json';

let db = 0;
let window: Window & typeof globalThis;
let document: Document;

/** This test's device: one IndexedDB record store per test, shared by its page views and tabs. */
const records = () => createRecordStore(uuid, () => createStore(`candor-pending-${db}`, 'records'));

/** A page view of the shop (jsdom) with a fake UI. */
function start(extra: Partial<Options> = {}): CandorHost {
  const ui: UI = { show() {}, hide() {}, destroy() {} };
  return createCandor({
    config: shop,
    ui: async () => () => ui,
    check: async () => validate,
    services: async () => createServices(records()),
    window,
    document,
    ...extra,
  });
}

const config = () => checkConfig(structuredClone(shop) as unknown as Config).config!;

function decided(extra: Partial<Decided> = {}): Decided {
  return {
    id: uuid(),
    time: Date.UTC(2026, 10, 29, 12),
    event: 'given',
    method: 'accept-all',
    language: 'en',
    purposes: { necessary: true, analytics: true },
    gpc: false,
    ...extra,
  };
}

/** A decision waiting in localStorage, the config with a receipts endpoint, and the page's fetch answering 201. */
function waitingWithEndpoint() {
  const d = decided();
  queue(window.localStorage, d);
  const fetch = vi.fn(async (_url: string, _init: RequestInit) => new Response(null, { status: 201 }));
  (window as any).fetch = fetch;
  return { d, c: { ...config(), receipts: { endpoint: '/r' } }, fetch };
}

beforeEach(() => {
  db++;
  window = new JSDOM('<!doctype html><html lang="en"><body></body></html>', { url: 'https://shop.example/' }).window as any;
  document = window.document;
});
afterEach(() => {
  vi.restoreAllMocks();
  window.close();
});

describe('a malformed candor-pending value', () => {
  it.each([
    ['null', 'null'],
    ['an object', '{}'],
    ['an empty entry', '[{}]'],
    ['a number entry', '[1]'],
    ['a null entry', '[null]'],
    ['invalid JSON', '[{"id":'],
    ['a string', '"text"'],
    ['an entry of the wrong types', '[{"id":"x","time":"now","event":1,"method":"api","language":"en","purposes":[],"gpc":0}]'],
    ['an entry with a time no Date can hold', '[{"id":"x","time":1e400,"event":"given","method":"api","language":"en","purposes":{},"gpc":false}]'],
  ])('(%s) loses no later receipt: the bad value is dropped, the new decision kept', async (_, value) => {
    const warn = vi.spyOn(console, 'warn');
    window.localStorage.setItem(PENDING, value);
    const candor = start();
    await candor.ready;
    candor.acceptAll();
    candor.rejectAll();
    const list = await candor.receipts();
    expect(list.map((r) => r.event)).toEqual(['withdrawn', 'given']);
    expect(window.localStorage.getItem(PENDING)).toBeNull();
    expect(warn).not.toHaveBeenCalled();
    // The next page view finds nothing left to keep.
    const next = start();
    await next.ready;
    expect(await next.receipts()).toHaveLength(2);
  });

  it('keeps the good entries among bad ones, each once, and gives an older entry without id one', async () => {
    const earlier = decided({ event: 'refused', method: 'reject-all', purposes: { necessary: true, analytics: false } });
    const { id: _, ...legacy } = decided({ time: Date.UTC(2026, 10, 28), method: 'save' });
    window.localStorage.setItem(PENDING, JSON.stringify([null, earlier, 1, {}, legacy, 'x', earlier]));
    await createServices(records()).keep(window, config());
    const list = await createServices(records()).receipts();
    expect(list.map((r) => r.method).sort()).toEqual(['reject-all', 'save']);
    expect(list.find((r) => r.method == 'reject-all')!.id).toBe(earlier.id);
    expect(list.find((r) => r.method == 'save')!.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(window.localStorage.getItem(PENDING)).toBeNull();
  });
});

describe('the pending list', () => {
  it('validates each entry: only decisions of the right shape are kept', () => {
    const good = decided();
    window.localStorage.setItem(
      PENDING,
      JSON.stringify([
        good,
        { ...good, gpc: 'no' },
        { ...good, purposes: { a: 1 } },
        { ...good, id: '' },
        { ...good, id: 7 },
        { ...good, time: -1.5 },
      ]),
    );
    expect(waiting(window.localStorage, uuid)).toEqual([good]);
    expect(JSON.parse(window.localStorage.getItem(PENDING)!)).toEqual([good]);
    done(window.localStorage, good.id);
    expect(window.localStorage.getItem(PENDING)).toBeNull();
  });

  it(`holds at most ${MAX_PENDING} decisions, dropping the oldest`, () => {
    const all = Array.from({ length: MAX_PENDING + 50 }, (_, i) => decided({ time: Date.UTC(2026, 0, 1) + i }));
    for (const d of all) queue(window.localStorage, d);
    expect(waiting(window.localStorage, uuid).map((d) => d.id)).toEqual(all.slice(-MAX_PENDING).map((d) => d.id));
  });
});

describe('one receipt per decision, with the id chosen when it was made', () => {
  it('a decision handed over twice (from memory and from localStorage, by two tabs) gives one receipt', async () => {
    const { d, c, fetch } = waitingWithEndpoint();
    await Promise.all([createServices(records()).keep(window, c, d), createServices(records()).keep(window, c, d)]);
    await createServices(records()).keep(window, c, d);
    const list = await createServices(records()).receipts();
    expect(list.map((r) => r.id)).toEqual([d.id]);
    await vi.waitFor(() => expect(window.localStorage.getItem('candor-outbox')).toBeNull());
    expect(new Set(fetch.mock.calls.map((call: any[]) => JSON.parse(call[1].body).id))).toEqual(new Set([d.id]));
  });

  it('a page stopped between keeping a receipt and queueing it (frozen in WebKit’s back/forward cache): the next page view sends it, once', async () => {
    const { d, c, fetch } = waitingWithEndpoint();
    // The page of the decision keeps the receipt on the device, then is stopped before it is queued.
    const stopped = { ...records(), updatePending: () => Promise.reject(new Error('frozen')) };
    await expect(createServices(stopped).keep(window, c, d)).rejects.toThrow('frozen');
    expect((await createServices(records()).receipts()).map((r) => r.id)).toEqual([d.id]);
    expect(waiting(window.localStorage, uuid).map((x) => x.id)).toEqual([d.id]);
    // The next page view finds the decision still waiting: its receipt, already kept, is queued and sent.
    await createServices(records()).keep(window, c);
    await vi.waitFor(() => expect(window.localStorage.getItem('candor-outbox')).toBeNull());
    expect(fetch.mock.calls.map((call) => JSON.parse(call[1].body as string).id)).toEqual([d.id]);
    expect(window.localStorage.getItem(PENDING)).toBeNull();
    // And a page view after that sends nothing again.
    await createServices(records()).keep(window, c);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect((await createServices(records()).receipts()).map((r) => r.id)).toEqual([d.id]);
  });

  it('the receipt queued again is the one kept on the device, also when this page view would make it in another notice format', async () => {
    const { d, c, fetch } = waitingWithEndpoint();
    // The page of the decision, left as its language's texts were loading (format 1), keeps the receipt, then is stopped.
    const stopped = { ...records(), updatePending: () => Promise.reject(new Error('frozen')) };
    await expect(createServices(stopped, () => Promise.reject(new Error('left'))).keep(window, c, d)).rejects.toThrow('frozen');
    const [kept] = await createServices(records()).receipts();
    expect(kept.noticeFormat).toBe(1);
    // The next page view has the texts (format 2): it sends the receipt the device holds, not a second one under its id.
    await createServices(records(), async () => ({ acceptAll: 'Accept all' })).keep(window, c);
    await vi.waitFor(() => expect(window.localStorage.getItem('candor-outbox')).toBeNull());
    expect(fetch.mock.calls.map((call) => JSON.parse(call[1].body as string))).toEqual([kept]);
    expect(await createServices(records()).receipts()).toEqual([kept]);
  });

  it('a decision another tab kept, queued and sent while this page was on its way to it is not queued again', async () => {
    const { c, fetch } = waitingWithEndpoint();
    // This page lists the waiting decision, then waits for its language's texts (no Web Locks in Safari before 15.4, or the
    // page frozen in the back/forward cache with its lock released).
    let go!: () => void;
    const held = new Promise<void>((r) => (go = r));
    const texts = vi.fn(async () => {
      await held;
      throw new Error('no texts');
    });
    const slow = createServices(records(), texts).keep(window, c);
    await vi.waitFor(() => expect(texts).toHaveBeenCalled());
    // Meanwhile another tab keeps its receipt, queues it, sends it (201) and clears the decision.
    await createServices(records()).keep(window, c);
    await vi.waitFor(() => expect(window.localStorage.getItem('candor-outbox')).toBeNull());
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(window.localStorage.getItem(PENDING)).toBeNull();
    // This page goes on: the receipt is on the device already and its decision is no longer waiting: not queued again.
    go();
    await slow;
    expect(window.localStorage.getItem('candor-outbox')).toBeNull();
    expect(await records().pending()).toEqual([]);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('a decision whose localStorage entry another tab overwrote is still kept, once, and the other tab’s too', async () => {
    // Tab A writes its decision; tab B, reading the list before A's write reached it, writes only its own.
    const a = decided({ method: 'accept-all' });
    const b = decided({ method: 'reject-all', event: 'refused', purposes: { necessary: true, analytics: false } });
    queue(window.localStorage, a);
    window.localStorage.setItem(PENDING, JSON.stringify([b]));
    await Promise.all([createServices(records()).keep(window, config(), a), createServices(records()).keep(window, config(), b)]);
    const list = await createServices(records()).receipts();
    expect(list.map((r) => r.id).sort()).toEqual([a.id, b.id].sort());
    expect(window.localStorage.getItem(PENDING)).toBeNull();
  });
});

describe('a page restored from the back/forward cache (pageshow, persisted)', () => {
  const restore = () => window.dispatchEvent(new window.PageTransitionEvent('pageshow', { persisted: true }));

  it('keeps a decision its freeze left waiting, once, also when the records chunk’s load was cut off (loaded again)', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const chunk = createServices(records());
    const keep = vi.spyOn(chunk, 'keep');
    // WebKit cancels the chunk's load as the visitor leaves right after deciding; the page goes into the cache.
    const services = vi.fn<Options['services']>().mockRejectedValueOnce(new Error('load cancelled')).mockResolvedValue(chunk);
    const candor = start({ services });
    await candor.ready;
    candor.acceptAll();
    await vi.waitFor(() => expect(warn).toHaveBeenCalledWith('Candor: could not keep a consent record.', expect.any(Error)));
    const [waits] = JSON.parse(window.localStorage.getItem(PENDING)!);
    expect(waits).toMatchObject({ event: 'given' });
    // Back from the cache: no new page view; the chunk is loaded again and the decision kept.
    restore();
    await vi.waitFor(() => expect(window.localStorage.getItem(PENDING)).toBeNull());
    expect((await candor.receipts()).map((r) => r.id)).toEqual([waits.id]);
    expect(keep).toHaveBeenCalledTimes(1);
    // Restored again, nothing waiting: nothing is kept again.
    restore();
    restore();
    expect(keep).toHaveBeenCalledTimes(1);
    expect((await candor.receipts()).map((r) => r.id)).toEqual([waits.id]);
  });

  it('a restore with nothing waiting loads no records chunk', async () => {
    const services = vi.fn(async () => createServices(records()));
    const candor = start({ services });
    await candor.ready;
    restore();
    window.dispatchEvent(new window.PageTransitionEvent('pageshow', { persisted: false }));
    expect(services).not.toHaveBeenCalled();
  });
});

describe('a decision left under another version of the configuration', () => {
  it('candor.js writes the version in force with each decision it leaves to keep', async () => {
    // The records chunk never arrives (the visitor leaves at once): the decision waits in localStorage.
    const candor = start({ services: () => new Promise(() => {}) });
    await candor.ready;
    candor.acceptAll();
    expect(JSON.parse(window.localStorage.getItem(PENDING)!)).toMatchObject([{ event: 'given', version: shop.version }]);
  });

  it('never gets the notice of another version: dropped with a warning, while a page of its own version keeps it', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const old = { ...config(), version: '2026-10' };
    // A page of 2026-10 keeps a decision made under 2026-10.
    const kept = { ...decided(), version: old.version };
    queue(window.localStorage, kept);
    await createServices(records()).keep(window, old);
    expect((await createServices(records()).receipts())[0]).toMatchObject({
      id: kept.id,
      version: '2026-10',
      noticeHash: await noticeHash(old, 'en'),
    });
    // Left by a page view of 2026-10 that closed at once; the site has published 2026-11 since.
    const left = { ...decided(), version: old.version };
    queue(window.localStorage, left);
    const now = decided();
    await createServices(records()).keep(window, config(), now);
    expect((await createServices(records()).receipts()).map((r) => [r.id, r.version])).toEqual([
      [now.id, shop.version],
      [kept.id, '2026-10'],
    ]);
    expect(window.localStorage.getItem(PENDING)).toBeNull();
    expect(warn).toHaveBeenCalledWith(`Candor: receipt ${left.id} dropped: version 2026-10.`);
  });
});

describe('without IndexedDB (blocked, a private window)', () => {
  it('a receipt the endpoint did not take during the page view is sent by a later one, then left alone', async () => {
    const blocked = () =>
      createRecordStore(uuid, () => {
        throw new Error('no IndexedDB');
      });
    const c = { ...config(), receipts: { endpoint: '/r' } };
    const sent: string[] = [];
    let up = false;
    (window as any).fetch = vi.fn(async (_url: string, init: RequestInit) => {
      if (!up) throw new TypeError('Failed to fetch');
      sent.push(JSON.parse(init.body as string).id);
      return new Response(null, { status: 201 });
    });
    // The decision's page view: the endpoint is unreachable, and the outbox only in memory.
    const d = decided();
    queue(window.localStorage, d);
    await createServices(blocked()).keep(window, c, d);
    await vi.waitFor(() => expect((window as any).fetch).toHaveBeenCalled());
    expect(waiting(window.localStorage, uuid).map((x) => x.id)).toEqual([d.id]);
    // A later page view, the endpoint back: the receipt goes out, with the decision's id, and nothing is left to send.
    up = true;
    await createServices(blocked()).keep(window, c);
    await vi.waitFor(() => expect(sent).toEqual([d.id]));
    await vi.waitFor(() => expect(window.localStorage.getItem(PENDING)).toBeNull());
    await createServices(blocked()).keep(window, c);
    expect(sent).toEqual([d.id]);
  });

  it('a receipt the endpoint refused (4xx) is not made again by later page views', async () => {
    const c = { ...config(), receipts: { endpoint: '/r' } };
    const fetch = vi.fn(async () => new Response(null, { status: 422 }));
    (window as any).fetch = fetch;
    const d = decided();
    queue(window.localStorage, d);
    const blocked = () =>
      createRecordStore(uuid, () => {
        throw new Error('no IndexedDB');
      });
    await createServices(blocked()).keep(window, c, d);
    await vi.waitFor(() => expect(window.localStorage.getItem(PENDING)).toBeNull());
    await createServices(blocked()).keep(window, c);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('a decision of another version is dropped once, not left waiting to be dropped again on every page view', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    (window as any).fetch = vi.fn(async () => new Response(null, { status: 201 }));
    const c = { ...config(), receipts: { endpoint: '/r' } };
    const blocked = () =>
      createRecordStore(uuid, () => {
        throw new Error('no IndexedDB');
      });
    // A decision of this version first (its receipt waits for the endpoint), then one of another version.
    const fresh = decided();
    const left = { ...decided(), version: '2026-10' };
    queue(window.localStorage, fresh);
    queue(window.localStorage, left);
    await createServices(blocked()).keep(window, c);
    await vi.waitFor(() => expect(window.localStorage.getItem(PENDING)).toBeNull());
    await createServices(blocked()).keep(window, c);
    expect(warn.mock.calls.filter(([m]) => String(m).includes('dropped: version'))).toHaveLength(1);
  });

  it('without an endpoint, the decision is not kept waiting (its receipt lives in this page view only)', async () => {
    const d = decided();
    queue(window.localStorage, d);
    await createServices(
      createRecordStore(uuid, () => {
        throw new Error('no IndexedDB');
      }),
    ).keep(window, config(), d);
    expect(window.localStorage.getItem(PENDING)).toBeNull();
  });
});

describe('a full localStorage (the site’s own data filled it)', () => {
  it('a receipt the endpoint did not take is still sent by a later page view, which then loads nothing', async () => {
    // The page's own window: the records chunk writes the flag's cookie on its document (src/core/outbox.ts).
    const page = { window: globalThis.window, document: globalThis.document };
    // Every write is refused, as a full localStorage does: the decision's entry, the outbox flag.
    vi.spyOn(page.window.Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    const sent: string[] = [];
    let up = false;
    const fetch = vi.spyOn(page.window, 'fetch').mockImplementation(async (_url, init) => {
      if (!up) throw new TypeError('Failed to fetch');
      sent.push(JSON.parse(init!.body as string).id);
      return new Response(null, { status: 201 });
    });
    const withEndpoint = { ...shop, receipts: { endpoint: '/r' } };
    const views: CandorHost[] = [];
    try {
      // The decision's page view: the endpoint is unreachable, the receipt waits in the outbox (IndexedDB).
      const first = start({ config: withEndpoint, ...page });
      views.push(first);
      await first.ready;
      first.acceptAll();
      await vi.waitFor(() => expect(fetch).toHaveBeenCalled());
      await vi.waitFor(async () => expect(await records().pending()).toHaveLength(1));
      const [waiting] = await records().pending();
      expect(page.window.localStorage.getItem('candor-outbox')).toBeNull();
      // A later page view, the endpoint back: the receipt reaches it.
      up = true;
      views.push(start({ config: withEndpoint, ...page }));
      await vi.waitFor(() => expect(sent).toEqual([waiting.receipt.id]));
      await vi.waitFor(async () => expect(await records().pending()).toEqual([]));
      // Nothing waits now: the page view after that loads no records chunk.
      await vi.waitFor(() => expect(page.document.cookie).not.toContain('candor-outbox'));
      const idle = vi.fn(async () => createServices(records()));
      views.push(start({ config: withEndpoint, services: idle, ...page }));
      await views[2].ready;
      expect(page.document.readyState).toBe('complete');
      expect(idle).not.toHaveBeenCalled();
      expect(sent).toEqual([waiting.receipt.id]);
    } finally {
      for (const v of views) v.destroy();
      page.document.cookie = 'candor=; Path=/; Max-Age=0';
      page.document.cookie = 'candor-outbox=; Path=/; Max-Age=0';
    }
  });

  it('a forged flag cookie grants nothing and sends nothing: one load of the records chunk, which deletes it', async () => {
    const page = { window: globalThis.window, document: globalThis.document };
    const fetch = vi.spyOn(page.window, 'fetch').mockImplementation(async () => new Response(null, { status: 201 }));
    const withEndpoint = { ...shop, receipts: { endpoint: '/r' } };
    const shown: string[] = [];
    const ui: UI = { show: (what) => void shown.push(what), hide() {}, destroy() {} };
    // Set by another page of the site, a subdomain or a browser extension, on a device that never decided.
    page.document.cookie = 'candor-outbox=1; Path=/';
    const views: CandorHost[] = [];
    try {
      const services = vi.fn(async () => createServices(records()));
      const first = start({ config: withEndpoint, ui: async () => () => ui, services, ...page });
      views.push(first);
      await first.ready;
      await vi.waitFor(() => expect(page.document.cookie).not.toContain('candor-outbox'));
      expect(services).toHaveBeenCalledTimes(1);
      expect(first.get()).toMatchObject({ decided: false, purposes: { analytics: false, marketing: false } });
      expect(first.has('analytics')).toBe(false);
      expect(shown).toEqual(['banner']);
      expect(await first.receipts()).toEqual([]);
      expect(fetch).not.toHaveBeenCalled();
      // The next page view finds no flag: it loads nothing.
      const idle = vi.fn(async () => createServices(records()));
      views.push(start({ config: withEndpoint, services: idle, ...page }));
      await views[1].ready;
      expect(idle).not.toHaveBeenCalled();
    } finally {
      for (const v of views) v.destroy();
      page.document.cookie = 'candor-outbox=; Path=/; Max-Age=0';
    }
  });
});
