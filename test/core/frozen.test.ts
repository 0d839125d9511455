// A page hidden into the back/forward cache (pagehide, persisted: Safari keeps pages there) must not leave an IndexedDB
// transaction or a Web Lock open: frozen there, it would make every other page of the site wait, receipts included
// (src/core/frozen.ts; the engines flow "receipts: a page left right after Accept all" failed in WebKit without it).
import { IDBFactory } from 'fake-indexeddb';
import { get, update } from 'idb-keyval';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { checkConfig } from '../../src/core/config';
import { freeingLocks, freeingStore } from '../../src/core/frozen';
import { PENDING, queue } from '../../src/core/pending';
import { uuid } from '../../src/core/receipts';
import { createServices } from '../../src/core/services';
import { createRecordStore } from '../../src/core/storage';
import type { Config, Receipt } from '../../src/types';
import shop from '../fixtures/shop.json';

const hide = (persisted: boolean) => dispatchEvent(new PageTransitionEvent('pagehide', { persisted }));
const receipt = (id: string): Receipt => ({
  id,
  subject: 's',
  time: '2026-12-05T12:00:00.000Z',
  event: 'given',
  method: 'accept-all',
  version: '1',
  language: 'en',
  purposes: { necessary: true },
  gpc: false,
  sdk: '0.1.0',
  noticeFormat: 2,
  noticeHash: 'h',
});

beforeEach(() => {
  vi.stubGlobal('indexedDB', new IDBFactory());
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the records store on freezing', () => {
  it('aborts the transaction under way: its write is not kept, and the store opens again for the next one', async () => {
    const store = freeingStore();
    await update('n', () => 1, store);
    // A read-modify-write caught in the middle by the page being hidden into the cache.
    const caught = update('n', () => 2, store);
    hide(true);
    await expect(caught).rejects.toBeFalsy();
    expect(await get('n', store)).toBe(1);
    await update('n', () => 3, store);
    expect(await get('n', freeingStore())).toBe(3);
  });

  it('aborts the creation of the database under way (a first decision, the page left at once)', async () => {
    const store = freeingStore();
    const caught = get('n', store);
    hide(true);
    await expect(caught).rejects.toBeDefined();
    expect(await get('n', store)).toBeUndefined();
  });

  it('the creation of the database aborted on freezing, its upgradeneeded event coming once the page is back: nothing thrown into the page', async () => {
    // WebKit delivers the event queued before the freeze after the page comes back, its transaction aborted: no database.
    const request = {} as IDBOpenDBRequest; // its `result` undefined
    vi.spyOn(indexedDB, 'open').mockReturnValue(request);
    const store = freeingStore();
    const caught = get('n', store);
    hide(true);
    expect(() => request.onupgradeneeded!.call(request, {} as IDBVersionChangeEvent)).not.toThrow();
    request.onerror!.call(request, {} as Event);
    await expect(caught).rejects.toBeUndefined();
  });

  it('a page left for good (pagehide, not persisted) is left to the browser', async () => {
    const store = freeingStore();
    const write = update('n', () => 1, store);
    hide(false);
    await write;
    expect(await get('n', store)).toBe(1);
  });

  it('a receipt whose write was aborted on freezing is not reported kept (its decision stays for the next page view), and the store stays durable', async () => {
    const records = createRecordStore(uuid);
    expect(await records.add(receipt('a'))).toBe(true);
    const caught = records.add(receipt('b'));
    hide(true);
    await expect(caught).rejects.toBeFalsy();
    expect(records.durable()).toBe(true);
    expect((await records.receipts()).map((r) => r.id)).toEqual(['a']);
    expect(await records.add(receipt('b'))).toBe(true);
    expect((await createRecordStore(uuid).receipts()).map((r) => r.id)).toEqual(['b', 'a']);
  });

  it('the subject id, its first reading aborted on freezing, is read again once the page is back (receipts made there)', async () => {
    const records = createRecordStore(uuid);
    const first = records.subject();
    hide(true);
    expect(await first.catch(() => 'aborted')).toBe('aborted');
    // Back from the cache: a decision made now gets its receipt, under the device's one subject id.
    const id = await records.subject();
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await records.add({ ...receipt('c'), subject: id })).toBe(true);
    expect(await createRecordStore(uuid).subject()).toBe(id);
  });

  it('another page opening the database at a higher version (a later Candor) or deleting it is not blocked: the connection is closed and opened again next time', async () => {
    const store = freeingStore();
    await update('n', () => 1, store);
    const upgraded = await new Promise<IDBDatabase | string>((resolve, reject) => {
      const r = indexedDB.open('candor', 2);
      r.onblocked = () => resolve('blocked');
      r.onupgradeneeded = () => r.result.createObjectStore('later');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    expect(upgraded).not.toBe('blocked');
    (upgraded as IDBDatabase).close();
    expect(await get('n', store)).toBe(1);
    await update('n', () => 2, store);
    const deleted = await new Promise<string>((resolve, reject) => {
      const r = indexedDB.deleteDatabase('candor');
      r.onblocked = () => resolve('blocked');
      r.onsuccess = () => resolve('deleted');
      r.onerror = () => reject(r.error);
    });
    expect(deleted).toBe('deleted');
    expect(await get('n', store)).toBeUndefined();
  });
});

describe('Web Locks on freezing', () => {
  it('a lock held when the page is hidden into the cache is released (its request fails: nothing is to follow it); the work under it goes on', async () => {
    let released = false;
    const locks = {
      request: (...a: any[]) =>
        a
          .at(-1)()
          .finally(() => (released = true)),
    } as unknown as LockManager;
    let finish!: (v: string) => void;
    const work = new Promise<string>((r) => (finish = r));
    const held = freeingLocks(locks)!.request('candor-outbox', () => work);
    await Promise.resolve();
    expect(released).toBe(false);
    hide(true);
    await expect(held).rejects.toBeUndefined();
    expect(released).toBe(true);
    finish('done');
    expect(await work).toBe('done');
  });

  it('the receipts of a page frozen while keeping them: once its lock is released, it asks for no other lock and opens no database', async () => {
    const asked: string[] = [];
    const request = (name: string, ...a: any[]) => {
      asked.push(name);
      return a.at(-1)();
    };
    const locks = { request } as unknown as LockManager;
    const fetch = vi.fn(async () => new Response(null, { status: 201 }));
    const win = { localStorage, fetch, navigator: { locks } } as unknown as Window;
    const config = { ...checkConfig(structuredClone(shop) as unknown as Config).config!, receipts: { endpoint: '/r' } };
    const d = {
      id: uuid(),
      time: Date.now(),
      event: 'given',
      method: 'accept-all',
      language: 'en',
      purposes: { necessary: true },
      gpc: false,
    } as const;
    queue(localStorage, d);
    // Keeping the receipt, under the lock `candor-pending`, waits (for its language's texts) when the page is hidden into the cache.
    let go!: () => void;
    const texts = vi.fn(() => new Promise<never>((_, reject) => (go = () => reject(new Error('no texts')))));
    const kept = createServices(createRecordStore(uuid), texts).keep(win, config, d);
    await vi.waitFor(() => expect(texts).toHaveBeenCalled());
    const open = vi.spyOn(indexedDB, 'open');
    hide(true);
    // Its lock is released, and keep() is done with this page view: no send started while the page freezes.
    await kept.catch(() => {});
    expect(asked).toEqual(['candor-pending']);
    expect(open).not.toHaveBeenCalled();
    expect(fetch).not.toHaveBeenCalled();
    // Back from the cache, the work under the released lock goes on: the receipt is kept, the decision cleared.
    go();
    await vi.waitFor(() => expect(localStorage.getItem('candor-pending')).toBeNull());
    expect((await createRecordStore(uuid).receipts()).map((r) => r.id)).toEqual([d.id]);
  });

  it("a request still queued behind another page's lock when the page is hidden into the cache is withdrawn: never granted to the frozen page", async () => {
    let grant!: () => void;
    let signal!: AbortSignal;
    const run = vi.fn(async () => 'work');
    // Another page holds the lock until grant(): the request waits, and a withdrawn one fails without running (as the spec has it).
    const locks = {
      request: (_: string, options: LockOptions, fn: () => Promise<unknown>) =>
        new Promise((resolve, reject) => {
          signal = options.signal!;
          signal.addEventListener('abort', () => reject(new DOMException('withdrawn', 'AbortError')));
          grant = () => !signal.aborted && fn().then(resolve, reject);
        }),
    } as unknown as LockManager;
    const asked = freeingLocks(locks)!.request('candor-pending', run);
    hide(false);
    expect(signal.aborted).toBe(false);
    hide(true);
    expect(signal.aborted).toBe(true);
    await expect(asked).rejects.toThrow('withdrawn');
    grant();
    expect(run).not.toHaveBeenCalled();
    // Granted before the freeze, it still runs as before.
    const later = freeingLocks(locks)!.request('candor-pending', run);
    grant();
    expect(await later).toBe('work');
  });

  it('no LockManager, none given', () => {
    expect(freeingLocks(undefined)).toBeUndefined();
  });
});

describe('a page restored from the back/forward cache: candor.js asks the records chunk to keep what waits (manager.ts)', () => {
  const config = () => ({ ...checkConfig(structuredClone(shop) as unknown as Config).config!, receipts: { endpoint: '/r' } });
  const decision = () =>
    ({ id: uuid(), time: Date.now(), event: 'given', method: 'accept-all', language: 'en', purposes: { necessary: true }, gpc: false }) as const;
  const sent = (fetch: { mock: { calls: unknown[][] } }) => fetch.mock.calls.map((call) => JSON.parse((call[1] as RequestInit).body as string).id);

  beforeEach(() => localStorage.clear());

  /** A page whose Web Locks grant every request at once, with a decision waiting in localStorage and an endpoint answering 201. */
  const waitingWithLocks = () => {
    const fetch = vi.fn(async (_url: string, _init: RequestInit) => new Response(null, { status: 201 }));
    const locks = { request: (...a: any[]) => a.at(-1)() } as unknown as LockManager;
    const win = { localStorage, fetch, navigator: { locks } } as unknown as Window;
    const d = decision();
    queue(localStorage, d);
    return { fetch, win, d };
  };

  it('keeps and sends the receipt its freeze stopped, once, as a new page view would; a second restore sends nothing again', async () => {
    const fetch = vi.fn(async (_url: string, _init: RequestInit) => new Response(null, { status: 201 }));
    const win = { localStorage, fetch, navigator: {} } as unknown as Window;
    const d = decision();
    queue(localStorage, d);
    // The page is hidden into the cache as the receipt is being written: the write is aborted, the decision waits.
    const store = createRecordStore(uuid);
    let freeze = true;
    const records = {
      ...store,
      add(r: Receipt) {
        const adding = store.add(r);
        if (freeze) hide(true);
        freeze = false;
        return adding;
      },
    };
    const services = createServices(records);
    await expect(services.keep(win, config(), d)).rejects.toBeDefined();
    expect(localStorage.getItem(PENDING)).toContain(d.id);
    expect(await createRecordStore(uuid).receipts()).toEqual([]);
    // Back from the cache: no new page view, no new decision; the receipt is kept on the device and sent.
    await services.keep(win, config());
    await vi.waitFor(() => expect(sent(fetch)).toEqual([d.id]));
    await vi.waitFor(() => expect(localStorage.getItem('candor-outbox')).toBeNull());
    expect(localStorage.getItem(PENDING)).toBeNull();
    expect((await createRecordStore(uuid).receipts()).map((r) => r.id)).toEqual([d.id]);
    // Left and restored again: nothing more is kept or sent.
    hide(true);
    await services.keep(win, config());
    expect(sent(fetch)).toEqual([d.id]);
    expect((await createRecordStore(uuid).receipts()).map((r) => r.id)).toEqual([d.id]);
  });

  it('the work its freeze released from its lock is waited for: failing (a read aborted by the freeze), the restored page keeps the receipt afresh, once', async () => {
    const { fetch, win, d } = waitingWithLocks();
    // The subject id's reading is under way when the page is hidden into the cache; aborted, it fails only once the page is
    // back, and whoever asks for the subject meanwhile shares it (as storage.ts's subject() does).
    const store = createRecordStore(uuid);
    let fail!: () => void;
    let frozenRead: Promise<string> | undefined = new Promise((_, reject) => (fail = () => reject(new Error('aborted'))));
    const read = vi.fn();
    const records = {
      ...store,
      subject: () => {
        read();
        return frozenRead
          ? frozenRead.catch((e) => {
              frozenRead = undefined;
              throw e;
            })
          : store.subject();
      },
    };
    const services = createServices(records);
    const kept = services.keep(win, config(), d);
    await vi.waitFor(() => expect(read).toHaveBeenCalledTimes(1));
    hide(true);
    await kept.catch(() => {});
    // Back from the cache: the aborted reading fails in a task after `pageshow` (as an IndexedDB error event comes). The restored
    // page's keep() waits for that work, which fails; it then keeps the receipt afresh, not through the failing reading.
    const again = services.keep(win, config());
    setTimeout(fail);
    await again;
    await vi.waitFor(() => expect(sent(fetch)).toEqual([d.id]));
    await vi.waitFor(() => expect(localStorage.getItem('candor-outbox')).toBeNull());
    expect(localStorage.getItem(PENDING)).toBeNull();
    expect((await createRecordStore(uuid).receipts()).map((r) => r.id)).toEqual([d.id]);
  });

  it('the work its freeze released from its lock is waited for: succeeding, the restored page keeps nothing twice and sends the receipt, once', async () => {
    const { fetch, win, d } = waitingWithLocks();
    // Keeping waits for the language's texts when the page is hidden into the cache: its lock is released.
    let go!: () => void;
    const held = new Promise<void>((r) => (go = r));
    const texts = vi.fn(async () => {
      await held;
      throw new Error('no texts');
    });
    const services = createServices(createRecordStore(uuid), texts);
    const kept = services.keep(win, config(), d);
    await vi.waitFor(() => expect(texts).toHaveBeenCalledTimes(1));
    hide(true);
    await kept.catch(() => {});
    // Back from the cache: the stopped work goes on and keeps the receipt; the restored page's keep() then finds the decision
    // done and sends the receipt (the stopped keep() sent nothing).
    const again = services.keep(win, config());
    go();
    await again;
    await vi.waitFor(() => expect(sent(fetch)).toEqual([d.id]));
    await vi.waitFor(() => expect(localStorage.getItem('candor-outbox')).toBeNull());
    expect(texts).toHaveBeenCalledTimes(1);
    expect(localStorage.getItem(PENDING)).toBeNull();
    expect((await createRecordStore(uuid).receipts()).map((r) => r.id)).toEqual([d.id]);
  });
});
