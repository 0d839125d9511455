import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { cleanup, matcher } from '../../src/core/cleanup';
import { present } from '../../src/core/traces';

/** A page of `url` (jsdom keeps cookies per domain and path, and enforces the `__Secure-` / `__Host-` rules). */
const page = (url = 'https://www.shop.example/catalog/shoes/red') => new JSDOM('<!doctype html><body></body>', { url }).window as unknown as Window;

describe('patterns', () => {
  it('`*` matches any run of characters, everything else is literal, whole names only', () => {
    const re = matcher(['_pk_id.*', '_ga', 'a+b(c)[d]$^|?\\{e}', 'x-*-y']);
    for (const name of ['_pk_id.1.ab12', '_pk_id.', '_ga', 'a+b(c)[d]$^|?\\{e}', 'x--y', 'x-1-y']) expect(re.test(name), name).toBe(true);
    for (const name of ['_pk_idX1', '_gat', 'x_ga', 'aab(c)[d]$^|?\\{e}', 'x-1-yz']) expect(re.test(name), name).toBe(false);
  });

  it('an empty list matches nothing, not even an empty name', () => {
    expect(matcher([]).test('')).toBe(false);
    expect(matcher([]).test('anything')).toBe(false);
  });
});

/** A configuration whose one purpose declares `cookies` and `storageKeys`. */
const refusing = (cookies: string[], storageKeys: string[]) => ({ purposes: [{ id: 'marketing', cookies, storageKeys }] }) as never;
/** Nothing granted. */
const none = () => false;

describe('cleanup', () => {
  it('keeps what a purpose granted at that moment declares too, cookie or key, and only that kind', () => {
    const win = page();
    const doc = win.document;
    doc.cookie = '_gcl_dc=1;Path=/';
    doc.cookie = '_gcl_au=1;Path=/';
    doc.cookie = 'ads_shared=1;Path=/';
    win.localStorage.setItem('ads_shared', '1');
    win.localStorage.setItem('_gcl_dc', '1');
    const purposes = [
      { id: 'marketing', cookies: ['_gcl_*', 'ads_*'], storageKeys: ['ads_*', '_gcl_*'] },
      { id: 'ads', cookies: ['_gcl_dc'], storageKeys: ['ads_shared'] },
    ];
    const granted = new Set(['ads']);
    const removed = cleanup(win, { purposes } as never, (id) => granted.has(id));
    expect(removed.sort()).toEqual(['cookie:_gcl_au', 'cookie:ads_shared', 'localStorage:_gcl_dc']);
    expect(doc.cookie).toBe('_gcl_dc=1');
    expect(Object.keys(win.localStorage)).toEqual(['ads_shared']);
  });

  it('deletes __Secure- and __Host- cookies (they can only be written, so deleted, with Secure)', () => {
    const win = page();
    const doc = win.document;
    doc.cookie = '__Secure-_mk_id=1;Path=/;Secure';
    doc.cookie = '__Secure-_mk_dom=1;Path=/;Secure;Domain=shop.example';
    doc.cookie = '__Secure-_mk_dir=1;Path=/catalog;Secure';
    doc.cookie = '__Host-_mk_h=1;Path=/;Secure';
    doc.cookie = '__host-_mk_lower=1;Path=/;Secure';
    doc.cookie = '__Host-keep=1;Path=/;Secure';
    expect(doc.cookie.split('; ')).toHaveLength(6);
    const removed = cleanup(win, refusing(['__Secure-_mk_*', '__Host-_mk_*', '__host-_mk_*'], []), none);
    expect(doc.cookie).toBe('__Host-keep=1');
    expect(removed).toHaveLength(5);
  });

  it('deletes on every path leading to this page (both spellings) and on parent domains, and nothing undeclared', () => {
    const win = page();
    const doc = win.document;
    const set = ['/', '/catalog', '/catalog/', '/catalog/shoes', '/catalog/shoes/', '/catalog/shoes/red'];
    set.forEach((path, i) => (doc.cookie = `_pk_id.${i}=1;Path=${path}`));
    doc.cookie = '_pk_ses.d=1;Path=/;Domain=shop.example';
    doc.cookie = '_pk_ses.w=1;Path=/catalog;Domain=www.shop.example';
    doc.cookie = 'cart=1;Path=/';
    cleanup(win, refusing(['_pk_id.*', '_pk_ses.*'], []), none);
    expect(doc.cookie).toBe('cart=1');
  });

  it('deletes matching keys from localStorage and sessionStorage, and keeps the rest', () => {
    const win = page();
    win.localStorage.setItem('matomo_a', '1');
    win.localStorage.setItem('theme', '1');
    win.sessionStorage.setItem('matomo_b', '1');
    win.sessionStorage.setItem('step', '1');
    expect(cleanup(win, refusing([], ['matomo_*']), none)).toEqual(['localStorage:matomo_a', 'sessionStorage:matomo_b']);
    expect(Object.keys(win.localStorage)).toEqual(['theme']);
    expect(Object.keys(win.sessionStorage)).toEqual(['step']);
  });
});

/** `present` for one refused purpose declaring `cookies` and `keys`. */
const refused = (win: Window, cookies: string[], keys: string[]) => present(win, (refusing(cookies, keys) as { purposes: never }).purposes, none);

describe('present: whether a page load needs the cleanup', () => {
  it('is false when no declared cookie or key is there, true as soon as one is', () => {
    const win = page();
    win.document.cookie = 'cart=1;Path=/';
    win.document.cookie = 'x=_pk_id.1;Path=/';
    win.localStorage.setItem('theme', 'matomo_1');
    expect(refused(win, ['_pk_id.*', '_ga'], ['matomo_*'])).toBe(false);
    win.sessionStorage.setItem('matomo_s', '1');
    expect(refused(win, ['_pk_id.*'], ['matomo_*'])).toBe(true);
    win.sessionStorage.clear();
    win.document.cookie = '_ga=GA1.1;Path=/';
    expect(refused(win, ['_pk_id.*', '_ga'], [])).toBe(true);
    expect(refused(win, ['_gat'], [])).toBe(false);
    win.localStorage.setItem('matomo_l', '1');
    expect(refused(win, [], ['matomo_*'])).toBe(true);
  });

  it("is false for what the cleanup would keep: a name a granted or required purpose declares too, and Candor's own", () => {
    const win = page();
    const doc = win.document;
    doc.cookie = '_gcl_dc=1;Path=/';
    doc.cookie = 'basket=3;Path=/';
    doc.cookie = 'candor=1.x;Path=/';
    win.localStorage.setItem('candor-pending', '[]');
    win.localStorage.setItem('ads_shared', '1');
    const purposes = [
      { id: 'doubleclick', cookies: ['_gcl_dc'], storageKeys: ['ads_*'] },
      { id: 'ads', cookies: ['_gcl_dc'], storageKeys: ['ads_shared'] },
      { id: 'marketing', cookies: ['basket', 'candor*'], storageKeys: ['candor-*'] },
      { id: 'essential', required: true, cookies: ['basket'] },
    ] as never;
    const granted = new Set(['ads', 'essential']);
    const has = (id: string) => granted.has(id);
    // Each name matches a refused purpose's pattern, yet the cleanup would delete none of them: no reason to load it.
    expect(present(win, purposes, has)).toBe(false);
    expect(cleanup(win, { purposes }, has)).toEqual([]);
    // Once `ads` is refused too, its cookie and key are to delete.
    granted.delete('ads');
    expect(present(win, purposes, has)).toBe(true);
    expect(cleanup(win, { purposes }, has)).toEqual(['cookie:_gcl_dc', 'localStorage:ads_shared']);
    expect(present(win, purposes, has)).toBe(false);
  });

  it('matches whole names: a storage key with a line break is not taken for the names on either side of it', () => {
    const win = page();
    win.localStorage.setItem('x\nmatomo_1\ny', '1');
    expect(refused(win, [], ['matomo_*'])).toBe(false);
  });

  it('does not read document.cookie when no pattern is declared, and storage that throws means nothing found', () => {
    const win = page();
    let reads = 0;
    const doc = win.document;
    Object.defineProperty(doc, 'cookie', {
      get: () => {
        reads++;
        return '_ga=1';
      },
      configurable: true,
    });
    Object.defineProperty(win, 'localStorage', {
      get: () => {
        throw new Error('blocked');
      },
    });
    Object.defineProperty(win, 'sessionStorage', {
      get: () => {
        throw new Error('blocked');
      },
    });
    expect(refused(win, [], ['matomo_*'])).toBe(false);
    expect(reads).toBe(0);
    expect(refused(win, ['_ga'], [])).toBe(true);
    expect(reads).toBe(1);
  });
});
