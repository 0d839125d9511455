import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { JSDOM } from 'jsdom';
import { IDBFactory } from 'fake-indexeddb';
import { createStore, get, set, type UseStore } from 'idb-keyval';
import { COOKIE, createRecordStore, decodeDecision, encodeDecision, readCookie, writeCookie } from '../../src/core/storage';
import type { Decision } from '../../src/core/consent';
import type { Receipt } from '../../src/types';
import { EVENTS, METHODS } from '../../collector/src/receipt';

const decision = (over: Partial<Decision> = {}): Decision => ({
  version: '2026-11',
  time: Date.UTC(2026, 10, 3, 9, 30, 12),
  granted: ['analytics', 'personalization'],
  denied: ['marketing', 'health-offers'],
  ...over,
});

describe('the candor cookie value', () => {
  it('round-trips a decision', () => {
    const d = decision();
    expect(decodeDecision(encodeDecision(d))).toEqual(d);
  });

  it('round-trips a refusal of everything and an empty history of purposes', () => {
    for (const d of [decision({ granted: [], denied: ['analytics', 'marketing'] }), decision({ granted: [], denied: [] })])
      expect(decodeDecision(encodeDecision(d))).toEqual(d);
  });

  it.each(['v1~beta~2', '100%', 'spring sale 2026', 'été 2026 — 🍂', 'a+b;c,d"e\\f=g', '%7E', '~'])(
    'round-trips the notice version %j, in a cookie-safe value',
    (version) => {
      const value = encodeDecision(decision({ version }));
      // Nothing that ends or splits a cookie, nor anything outside printable ASCII.
      expect(value).toMatch(/^[\x21-\x7e]+$/);
      expect(value).not.toMatch(/[;,"\\ ]/);
      expect(decodeDecision(value)).toEqual(decision({ version }));
    },
  );

  it('keeps the decision time to the second', () => {
    const d = decision({ time: Date.UTC(2026, 0, 1) + 1999 });
    expect(decodeDecision(encodeDecision(d))!.time).toBe(Date.UTC(2026, 0, 1) + 1000);
  });

  it('holds 100 purposes of 15 characters in one cookie under 4096 bytes', () => {
    const ids = Array.from({ length: 100 }, (_, i) => `purpose-${String(i).padStart(7, '0')}`);
    expect(ids.every((id) => id.length == 15)).toBe(true);
    const d = decision({ granted: ids.filter((_, i) => i % 2), denied: ids.filter((_, i) => !(i % 2)) });
    const value = encodeDecision(d);
    const full = `${COOKIE}=${value};Path=/;Max-Age=34128000;SameSite=Lax;Domain=www.maison-lumiere.example;Secure`;
    expect(new TextEncoder().encode(full).length).toBeLessThan(4096);
    expect(decodeDecision(value)).toEqual(d);
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['garbage', 'garbage'],
    ['another format number', encodeDecision(decision()).replace(/^1~/, '2~')],
    ['a JSON value', '{"analytics":true}'],
    ['truncated', encodeDecision(decision()).split('~').slice(0, 3).join('~')],
    ['one field too many', encodeDecision(decision()) + '~x'],
    ['an upper-case id', '1~tfbcd0~Analytics~~2026-11'],
    ['an id with a space', '1~tfbcd0~web analytics~~2026-11'],
    ['an id starting with "-"', '1~tfbcd0~-analytics~~2026-11'],
    ['an empty id between separators', '1~tfbcd0~analytics++marketing~~2026-11'],
    ['a trailing separator', '1~tfbcd0~analytics+~~2026-11'],
    ['an id with markup', '1~tfbcd0~<img>~~2026-11'],
    ['no time', '1~~analytics~~2026-11'],
    ['a time that is not base 36', '1~tf.cd0~analytics~~2026-11'],
    ['an absurdly long time', '1~zzzzzzzzzz~analytics~~2026-11'],
    ['a broken percent-escape in the version', '1~tfbcd0~analytics~~%E0%A4%A'],
    ['an id both granted and denied', '1~tfbcd0~analytics+marketing~marketing~2026-11'],
  ])('treats a cookie with %s as no decision', (_, value) => {
    expect(decodeDecision(value)).toBeNull();
  });
});

describe('several candor cookies at once', () => {
  const t = Date.UTC(2026, 10, 3, 9, 30, 12);
  const accepted = encodeDecision(decision({ time: t, granted: ['analytics', 'marketing'], denied: [] }));
  const rejected = encodeDecision(decision({ time: t + 86400e3, granted: [], denied: ['analytics', 'marketing'] }));
  const partly = encodeDecision(decision({ time: t, granted: ['analytics'], denied: ['marketing'] }));

  it('a stale grant never outweighs a refusal, whatever order the browser lists them in', () => {
    for (const value of [`${accepted};${rejected}`, `${rejected};${accepted}`]) {
      const d = decodeDecision(value)!;
      expect(d.granted).toEqual([]);
      expect(d.denied.sort()).toEqual(['analytics', 'marketing']);
    }
  });

  it('grants only what every copy grants, and counts the earliest time (it lapses first)', () => {
    expect(decodeDecision(`${accepted};${partly}`)).toEqual({ version: '2026-11', time: t, granted: ['analytics'], denied: ['marketing'] });
    expect(decodeDecision(`${rejected};${accepted}`)!.time).toBe(t);
  });

  it('gives no decision when one copy is malformed or of another notice version', () => {
    expect(decodeDecision(`${accepted};garbage`)).toBeNull();
    expect(decodeDecision(`${accepted};`)).toBeNull();
    expect(decodeDecision(`${accepted};${encodeDecision(decision({ version: '2027-01' }))}`)).toBeNull();
  });

  it('two identical copies read as that one decision', () => {
    expect(decodeDecision(`${partly};${partly}`)).toEqual(decodeDecision(partly));
  });
});

describe('writeCookie', () => {
  /** A document whose cookie setter records what Candor writes (jsdom hides the attributes on read). */
  function recordingDocument(url: string) {
    const doc = new JSDOM('', { url }).window.document;
    const written: string[] = [];
    Object.defineProperty(doc, 'cookie', { configurable: true, get: () => '', set: (v: string) => void written.push(v) });
    return { doc, written };
  }
  const attributes = (line: string) =>
    line
      .split(';')
      .slice(1)
      .map((a) => a.trim());

  it('writes a first-party cookie with Path=/, SameSite=Lax and Max-Age, without Secure on http', () => {
    const { doc, written } = recordingDocument('http://shop.example/');
    writeCookie(doc, COOKIE, 'v', 182 * 86400);
    // Stale copies are deleted first; the decision is the last write.
    const line = written[written.length - 1];
    expect(line.split(';')[0]).toBe('candor=v');
    expect(attributes(line).sort()).toEqual(['Max-Age=15724800', 'Path=/', 'SameSite=Lax']);
    for (const w of written.slice(0, -1)) expect(w).toMatch(/^candor=;.*Max-Age=0/);
  });

  it('adds Secure on https and Domain when a cookie domain is configured', () => {
    const { doc, written } = recordingDocument('https://www.shop.example/checkout');
    writeCookie(doc, COOKIE, 'v', 86400, 'shop.example');
    const line = written.find((w) => w.startsWith('candor=v;'))!;
    expect(attributes(line).sort()).toEqual(['Domain=shop.example', 'Max-Age=86400', 'Path=/', 'SameSite=Lax', 'Secure']);
    // Every write is SameSite=Lax and Secure on https, including the clean-up of stale copies.
    for (const w of written) expect(attributes(w)).toEqual(expect.arrayContaining(['SameSite=Lax', 'Secure']));
  });

  it('writes host-only where the page is outside cookieDomain (a local or staging copy of the site): the choice is kept', () => {
    for (const url of ['http://localhost:8080/shop', 'http://127.0.0.1/', 'https://staging.other.test/']) {
      const doc = new JSDOM('', { url }).window.document;
      expect(writeCookie(doc, COOKIE, 'v', 3600, 'example.com'), url).toBe(true);
      expect(readCookie(doc, COOKIE), url).toBe('v');
    }
    // Inside it, the Domain stays, with or without its leading dot.
    for (const domain of ['example.com', '.example.com']) {
      const { doc, written } = recordingDocument('https://www.example.com/');
      writeCookie(doc, COOKIE, 'v', 60, domain);
      expect(attributes(written[written.length - 1])).toContain('Domain=example.com');
    }
  });

  it('first deletes every copy it can reach: host-only and each parent domain, on / and each path above the page', () => {
    const { doc, written } = recordingDocument('https://a.shop.example/shop/cart');
    writeCookie(doc, COOKIE, 'v', 60);
    const deleted = written.slice(0, -1).map((w) => {
      const a = attributes(w);
      return `${a.find((x) => x.startsWith('Domain=')) || 'host-only'} ${a.find((x) => x.startsWith('Path='))}`;
    });
    const expected = ['host-only', 'Domain=a.shop.example', 'Domain=shop.example'].flatMap((d) =>
      ['/', '/shop', '/shop/', '/shop/cart'].map((p) => `${d} Path=${p}`),
    );
    expect(deleted.sort()).toEqual(expected.sort());
    expect(written[written.length - 1]).toMatch(/^candor=v;/);
  });

  it('removes a stale copy on a parent domain or on a deeper path, so a later Reject all is what is read', () => {
    const doc = new JSDOM('', { url: 'https://www.shop.example/shop/cart' }).window.document;
    const accepted = encodeDecision(decision({ granted: ['analytics', 'marketing'], denied: [] }));
    const rejected = encodeDecision(decision({ granted: [], denied: ['analytics', 'marketing'] }));
    doc.cookie = `candor=${accepted};Path=/;Domain=shop.example`; // written while the site had cookieDomain
    doc.cookie = `candor=${accepted};Path=/shop`; // written by a page that set its own path
    expect(readCookie(doc, COOKIE)).toBe(`${accepted};${accepted}`);
    expect(writeCookie(doc, COOKIE, rejected, 3600)).toBe(true);
    expect(readCookie(doc, COOKIE)).toBe(rejected);
    expect(decodeDecision(readCookie(doc, COOKIE))!.granted).toEqual([]);
  });

  it('reads back what it wrote: false when the browser refused the cookie (blocked, or over 4 KB)', () => {
    const doc = new JSDOM('', { url: 'https://shop.example/' }).window.document;
    let proto = Object.getPrototypeOf(doc);
    while (!Object.getOwnPropertyDescriptor(proto, 'cookie')) proto = Object.getPrototypeOf(proto);
    const jar = Object.getOwnPropertyDescriptor(proto, 'cookie')!;
    // Like a browser: a cookie whose name and value exceed 4096 bytes is dropped.
    Object.defineProperty(doc, 'cookie', {
      configurable: true,
      get: () => jar.get!.call(doc),
      set: (v: string) => void (v.split(';')[0].length <= 4096 && jar.set!.call(doc, v)),
    });
    expect(writeCookie(doc, COOKIE, 'small', 60)).toBe(true);
    expect(writeCookie(doc, COOKIE, 'x'.repeat(5000), 60)).toBe(false);
    // The earlier copy was deleted first: nothing stale is left to grant anything.
    expect(readCookie(doc, COOKIE)).toBeUndefined();
    expect(writeCookie(doc, COOKIE, '', 0)).toBe(true);
  });

  it('replaces a choice stored before cookieDomain was configured, so Reject all is not shadowed', () => {
    const doc = new JSDOM('', { url: 'https://www.shop.example/' }).window.document;
    const accepted = encodeDecision(decision({ granted: ['analytics', 'marketing'], denied: [] }));
    const rejected = encodeDecision(decision({ granted: [], denied: ['analytics', 'marketing'] }));
    writeCookie(doc, COOKIE, accepted, 3600); // host-only: the site had no cookieDomain yet
    writeCookie(doc, COOKIE, rejected, 3600, 'shop.example');
    expect(decodeDecision(readCookie(doc, COOKIE))!.granted).toEqual([]);
    writeCookie(doc, COOKIE, '', 0, 'shop.example');
    expect(readCookie(doc, COOKIE)).toBeUndefined();
  });

  it('deletes with Max-Age=0, and never writes a negative or fractional lifetime', () => {
    const { doc, written } = recordingDocument('https://shop.example/');
    writeCookie(doc, COOKIE, '', 0);
    writeCookie(doc, COOKIE, '', -5);
    expect(written.every((w) => attributes(w).includes('Max-Age=0'))).toBe(true);
    writeCookie(doc, COOKIE, 'v', 99.9);
    expect(attributes(written[written.length - 1])).toContain('Max-Age=99');
  });

  it('stores a value that readCookie reads back in a real cookie jar, and deleting it forgets it', () => {
    const doc = new JSDOM('', { url: 'https://shop.example/' }).window.document;
    const value = encodeDecision(decision({ version: 'été 2026' }));
    writeCookie(doc, COOKIE, value, 3600);
    expect(readCookie(doc, COOKIE)).toBe(value);
    expect(decodeDecision(readCookie(doc, COOKIE))).toEqual(decision({ version: 'été 2026' }));
    writeCookie(doc, COOKIE, '', 0);
    expect(readCookie(doc, COOKIE)).toBeUndefined();
  });

  it('works on a document without a location (no Secure, no exception)', () => {
    const doc = document.implementation.createHTMLDocument('');
    expect(() => writeCookie(doc, COOKIE, 'v', 60)).not.toThrow();
  });
});

describe('readCookie', () => {
  const withCookies = (header: string) => {
    const doc = new JSDOM('', { url: 'https://shop.example/' }).window.document;
    Object.defineProperty(doc, 'cookie', { configurable: true, get: () => header, set: () => {} });
    return doc;
  };

  it('finds the candor cookie among several, without confusing similar names', () => {
    const doc = withCookies('_pk_id.1.abc=xyz; xcandor=1; candor-old=2; candor=1~tfbcd0~analytics~~2026-11; candorx=3; theme=dark');
    expect(readCookie(doc, 'candor')).toBe('1~tfbcd0~analytics~~2026-11');
    expect(readCookie(doc, 'theme')).toBe('dark');
    expect(readCookie(doc, 'missing')).toBeUndefined();
  });

  it('gives every visible candor cookie, ";"-joined, when there are several (other paths, other domains)', () => {
    expect(readCookie(withCookies('candor=1~a~analytics~~v; theme=dark; candor=1~b~~analytics~v'), 'candor')).toBe(
      '1~a~analytics~~v;1~b~~analytics~v',
    );
  });

  it('keeps "=" inside a value', () => {
    expect(readCookie(withCookies('a=b=c; candor=x=y'), 'candor')).toBe('x=y');
  });

  it('is not fooled by a nameless cookie that starts with the name', () => {
    // `document.cookie = "candorX"` makes a cookie with an empty name, listed as just "candorX".
    expect(readCookie(withCookies('candorX; candor=1~tfbcd0~analytics~~2026-11'), 'candor')).toBe('1~tfbcd0~analytics~~2026-11');
    expect(readCookie(withCookies('candorX'), 'candor')).toBeUndefined();
  });

  it('reads nothing from an empty cookie string', () => {
    expect(readCookie(withCookies(''), 'candor')).toBeUndefined();
  });
});

describe('blocked cookies', () => {
  afterEach(() => {
    delete (document as unknown as { cookie?: string }).cookie;
  });

  it('reads no decision and writes without throwing when cookie access throws', () => {
    // Sandboxed iframes without allow-same-origin throw a SecurityError on document.cookie.
    Object.defineProperty(document, 'cookie', {
      configurable: true,
      get() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
      set() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
    expect(readCookie(document, COOKIE)).toBeUndefined();
    expect(() => writeCookie(document, COOKIE, encodeDecision(decision()), 3600, 'shop.example')).not.toThrow();
    expect(decodeDecision(readCookie(document, COOKIE))).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------------------

const receipt = (n: number): Receipt => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  subject: 'subject-1',
  time: new Date(Date.UTC(2026, 10, 3) + n * 1000).toISOString(),
  event: 'given',
  method: 'accept-all',
  version: '2026-11',
  language: 'en',
  purposes: { necessary: true, analytics: n % 2 == 0 },
  gpc: false,
  noticeHash: 'a'.repeat(64),
  sdk: '0.1.0',
  noticeFormat: 2,
});

/** Fresh ids in order, so a test can tell a stored subject from a regenerated one. */
function ids() {
  let n = 0;
  return vi.fn(() => `id-${++n}`);
}

describe('createRecordStore', () => {
  beforeEach(() => {
    // A fresh, empty IndexedDB for every test.
    vi.stubGlobal('indexedDB', new IDBFactory());
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('keeps the same pseudonymous subject across page loads', async () => {
    const newId = ids();
    const first = await createRecordStore(newId).subject();
    expect(first).toBe('id-1');
    expect(await createRecordStore(newId).subject()).toBe(first);
    expect(newId).toHaveBeenCalledTimes(1);
  });

  it('gives one subject when it is asked for twice at once on a fresh device', async () => {
    const store = createRecordStore(ids());
    const [a, b] = await Promise.all([store.subject(), store.subject()]);
    expect(a).toBe(b);
    expect(await createRecordStore(ids()).subject()).toBe(a);
  });

  it('gives one subject when two tabs ask at once on a fresh device', async () => {
    let n = 0;
    const newId = () => `tab-id-${++n}`;
    const [a, b] = await Promise.all([createRecordStore(newId).subject(), createRecordStore(newId).subject()]);
    expect(a).toBe(b);
    expect(await createRecordStore(newId).subject()).toBe(a);
  });

  it('lists receipts newest first, also after a reload', async () => {
    const store = createRecordStore(ids());
    expect(await store.receipts()).toEqual([]);
    for (const n of [1, 2, 3]) await store.add(receipt(n));
    expect((await store.receipts()).map((r) => r.id)).toEqual([receipt(3).id, receipt(2).id, receipt(1).id]);
    expect(await createRecordStore(ids()).receipts()).toEqual([receipt(3), receipt(2), receipt(1)]);
  });

  it('keeps at most 500 receipts, dropping the oldest', async () => {
    // A long-lived device: 499 receipts already, newest first.
    await set(
      'receipts',
      Array.from({ length: 499 }, (_, i) => receipt(499 - i)),
      createStore('candor', 'records'),
    );
    const store = createRecordStore(ids());
    for (let n = 500; n <= 503; n++) await store.add(receipt(n));
    const list = await store.receipts();
    expect(list).toHaveLength(500);
    expect(list[0]).toEqual(receipt(503));
    expect(list[499]).toEqual(receipt(4));
  });

  it('keeps a receipt once per id, also when two page views (tabs) add it', async () => {
    const first = createRecordStore(ids());
    expect(await first.add(receipt(1))).toBe(true);
    expect(await first.add(receipt(1))).toBe(false);
    expect(await createRecordStore(ids()).add(receipt(1))).toBe(false);
    expect(await createRecordStore(ids()).receipts()).toEqual([receipt(1)]);
  });

  it('ignores a corrupt history and goes on recording', async () => {
    const idb = createStore('candor', 'records');
    await set('receipts', 'not a list', idb);
    await set('subject', 42, idb);
    const store = createRecordStore(ids());
    expect(await store.receipts()).toEqual([]);
    expect(await store.subject()).toBe('id-1');
    await store.add(receipt(1));
    expect(await store.receipts()).toEqual([receipt(1)]);
  });

  it('keeps this page view’s receipts in memory when there is no IndexedDB at all', async () => {
    vi.stubGlobal('indexedDB', undefined);
    const store = createRecordStore(ids());
    await store.add(receipt(1));
    await store.add(receipt(2));
    expect(await store.receipts()).toEqual([receipt(2), receipt(1)]);
    expect(await store.subject()).toBe(await store.subject());
  });

  it('falls back to memory when opening the store throws', async () => {
    const store = createRecordStore(ids(), () => {
      throw new DOMException('The user denied permission to access the database.', 'SecurityError');
    });
    const subject = await store.subject();
    expect(subject).toBe('id-1');
    await store.add(receipt(1));
    await store.add(receipt(2));
    expect(await store.receipts()).toEqual([receipt(2), receipt(1)]);
    expect(await store.subject()).toBe(subject);
  });

  it.each([
    ['reject', (() => Promise.reject(new DOMException('blocked', 'InvalidStateError'))) as UseStore],
    [
      'throw',
      (() => {
        throw new Error('boom');
      }) as UseStore,
    ],
  ])('falls back to memory, without an exception escaping, when every operation would %s', async (_, broken) => {
    const store = createRecordStore(ids(), () => broken);
    await expect(store.subject()).resolves.toBe('id-1');
    await expect(store.add(receipt(1))).resolves.toBe(true);
    await expect(store.receipts()).resolves.toEqual([receipt(1)]);
  });

  it('still lists every receipt of this page view when IndexedDB breaks after the first one', async () => {
    const real = createStore('candor', 'records');
    let broken = false;
    const flaky: UseStore = (mode, callback) => (broken ? Promise.reject(new Error('connection lost')) : real(mode, callback));
    const store = createRecordStore(ids(), () => flaky);
    await store.add(receipt(1));
    broken = true;
    await store.add(receipt(2));
    expect(await store.receipts()).toEqual([receipt(2), receipt(1)]);
  });
});

describe('records another writer left in IndexedDB (an older Candor, an extension, a broken write)', () => {
  const idb = () => createStore('candor', 'records');
  beforeEach(() => {
    vi.stubGlobal('indexedDB', new IDBFactory());
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });
  const malformed = [
    null,
    'a string',
    42,
    [receipt(9)],
    { id: receipt(9).id },
    { ...receipt(9), id: 7 },
    { ...receipt(9), time: 'yesterday' },
    { ...receipt(9), time: 1700000000000 },
    { ...receipt(9), purposes: null },
    { ...receipt(9), purposes: { analytics: 'yes' } },
    { ...receipt(9), gpc: 'false' },
    { ...receipt(9), event: undefined },
    // Names the readers look texts up by: an inherited member (`constructor`) broke the readable download.
    { ...receipt(9), method: 'constructor' },
    { ...receipt(9), event: 'toString' },
  ];

  it('lists only well-formed receipts, warns once, and keeps the others untouched in the store', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await set('receipts', [receipt(3), ...malformed, receipt(1)], idb());
    const store = createRecordStore(ids());
    expect(await store.receipts()).toEqual([receipt(3), receipt(1)]);
    expect(await store.receipts()).toEqual([receipt(3), receipt(1)]);
    expect(await store.add(receipt(4))).toBe(true);
    expect(await store.receipts()).toEqual([receipt(4), receipt(3), receipt(1)]);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0][0]).toMatch(/^Candor: .*malformed/);
    // Not Candor's to destroy (a later Candor may read them): the stored list still holds them, behind the new receipt.
    expect(await get('receipts', idb())).toEqual([receipt(4), receipt(3), ...malformed, receipt(1)]);
  });

  it('lists receipts of every event and method the collector takes', async () => {
    const all = [...EVENTS.map((event) => ({ ...receipt(1), event })), ...METHODS.map((method) => ({ ...receipt(2), method }))];
    await set('receipts', all, idb());
    expect(await createRecordStore(ids()).receipts()).toEqual(all);
  });

  it('lists at most 500 receipts however many are stored', async () => {
    await set(
      'receipts',
      Array.from({ length: 600 }, (_, i) => receipt(600 - i)),
      idb(),
    );
    const list = await createRecordStore(ids()).receipts();
    expect(list).toHaveLength(500);
    expect(list[0]).toEqual(receipt(600));
  });

  it.each([
    ['a string', 'not a list'],
    ['an object', { receipt: receipt(1), attempts: 0, retryAt: 0 }],
    ['a number', 42],
  ])('reads an outbox that is %s as empty', async (_, value) => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    await set('outbox', value, idb());
    expect(await createRecordStore(ids()).pending()).toEqual([]);
  });

  it('skips malformed outbox entries, keeps the good ones, and drops the bad ones on the next change', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const good = { receipt: receipt(1), attempts: 2, retryAt: 5 };
    await set('outbox', [null, { receipt: null }, good, 'x', ...malformed.map((receipt) => ({ receipt, attempts: 0, retryAt: 0 }))], idb());
    const store = createRecordStore(ids());
    expect(await store.pending()).toEqual([good]);
    expect(await store.updatePending((list) => list)).toEqual([good]);
    expect(await get('outbox', idb())).toEqual([good]);
    expect(store.durable()).toBe(true);
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['empty', ''],
    ['with a space', 'a b'],
    ['with markup', '<img src=x>'],
    ['too long', 'a'.repeat(129)],
  ])('replaces a stored subject that is %s (the collector would refuse every receipt carrying it)', async (_, bad) => {
    await set('subject', bad, idb());
    expect(await createRecordStore(ids()).subject()).toBe('id-1');
    expect(await createRecordStore(ids()).subject()).toBe('id-1');
  });
});
