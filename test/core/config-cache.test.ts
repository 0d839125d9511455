import { createStore } from 'idb-keyval';
import { JSDOM } from 'jsdom';
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { validate } from '../../src/core/validate';
import { CACHED, configCache, settles } from '../../src/core/config-cache';
import type { Decision } from '../../src/core/consent';
import { floatingButton } from '../../src/core/button';
import { createCandor, type Options } from '../../src/core/manager';
import { uuid } from '../../src/core/receipts';
import { resolveConfig } from '../../src/core/resolve';
import { createServices } from '../../src/core/services';
import { hash, stampOf } from '../../src/core/stamp';
import { createRecordStore, encodeDecision } from '../../src/core/storage';
import type { CandorHost, Config } from '../../src/types';
import shop from '../fixtures/shop.json';

const SALT = 'build-1';
const URL = 'https://www.shop.example/candor.json';
const stamped = (value: any, salt = SALT) => JSON.stringify({ ...value, $validated: stampOf(value, salt) }, null, 2);
const TEXT = stamped(shop);
const clock = Date.UTC(2026, 10, 29, 12);
/** The decision Accept all gives for shop.json (health-offers is sensitive: refused). */
const accepted = (version = shop.version): Decision => ({
  version,
  time: clock - 864e5,
  granted: ['analytics', 'personalization', 'marketing'],
  denied: ['health-offers'],
});

let pages: JSDOM[] = [];
let validator: Mock<Options['check']>;
let db = 0;

/** A page of the shop at /catalog/, with `storage` (localStorage entries) and the `candor` cookie of `decision`. */
function page(storage: { [key: string]: string } = {}, decision?: Decision, html = ''): JSDOM {
  const dom = new JSDOM(`<!doctype html><html lang="en"><head></head><body>${html}</body></html>`, { url: 'https://www.shop.example/catalog/' });
  for (const key in storage) dom.window.localStorage.setItem(key, storage[key]);
  if (decision) dom.window.document.cookie = `candor=${encodeDecision(decision)};Path=/`;
  pages.push(dom);
  return dom;
}
const entries = (dom: JSDOM) => ({ ...dom.window.localStorage });

/** A config file whose response the test releases (or fails) when it wants. */
function held() {
  let release!: (text: string) => void, fail!: (e: Error) => void;
  const promise = new Promise<string>((resolve, reject) => {
    release = resolve;
    fail = reject;
  });
  return { promise, release, fail };
}

function start(dom: JSDOM, config: unknown, extra: Partial<Options> = {}): CandorHost {
  const records = createRecordStore(uuid, () => createStore(`candor-cache-${db}`, 'records'));
  validator = vi.fn(async () => validate);
  return createCandor({
    config,
    cache: '/candor.json',
    salt: SALT,
    now: () => clock,
    window: dom.window as any,
    document: dom.window.document,
    services: async () => createServices(records),
    button: async () => floatingButton,
    check: validator,
    ...extra,
  });
}
const settle = () => new Promise((r) => setTimeout(r, 0));
/** A microtask turn: what runs before the page's next script (and long before any response). */
const tick = () => Promise.resolve().then(() => {});

beforeEach(() => {
  pages = [];
  db++;
});
afterEach(() => {
  for (const p of pages) p.window.close();
  vi.restoreAllMocks();
});

describe('configCache: the config file kept on the device', () => {
  it('gives back the text kept for the same URL, relative or absolute, with its config', () => {
    const dom = page();
    configCache(dom.window as any, dom.window.document, '/candor.json', SALT).keep(TEXT);
    expect(dom.window.localStorage.getItem(CACHED)).toBe(URL + '\n' + TEXT);
    const read = configCache(dom.window as any, dom.window.document, '../candor.json', SALT).read();
    expect(read?.text).toBe(TEXT);
    expect(read?.config).toEqual(resolveConfig(JSON.parse(TEXT)));
  });

  it('gives nothing for another URL, without a URL, or for a corrupt entry', () => {
    const dom = page();
    const win = dom.window as any;
    configCache(win, dom.window.document, URL, SALT).keep(TEXT);
    expect(configCache(win, dom.window.document, '/other.json', SALT).read()).toBeUndefined();
    expect(configCache(win, dom.window.document, URL + '?v=2', SALT).read()).toBeUndefined();
    expect(configCache(win, dom.window.document, null, SALT).read()).toBeUndefined();
    configCache(win, dom.window.document, null, SALT).keep('{}');
    expect(dom.window.localStorage.getItem(CACHED)).toBe(URL + '\n' + TEXT);
    for (const bad of ['', URL, URL + '\n', URL + '\n{', URL + '\nnull', URL + '\n[]', URL + '\n"x"', TEXT, '\n' + TEXT]) {
      dom.window.localStorage.setItem(CACHED, bad);
      expect(configCache(win, dom.window.document, URL, SALT).read(), JSON.stringify(bad)).toBeUndefined();
    }
  });

  it('refuses a tampered text: an edited purpose, an edited stamp, or a stamp from another validator build', () => {
    const dom = page();
    const win = dom.window as any;
    const cache = configCache(win, dom.window.document, URL, SALT);
    // A hostile edit: every purpose required (so granted without asking), stamp left as it was.
    const edited = JSON.parse(TEXT);
    edited.purposes = edited.purposes.map((p: any) => ({ ...p, required: true }));
    dom.window.localStorage.setItem(CACHED, URL + '\n' + JSON.stringify(edited));
    expect(cache.read()).toBeUndefined();
    dom.window.localStorage.setItem(CACHED, URL + '\n' + TEXT.replace(/"\$validated": "[^"]*"/, '"$validated": "0"'));
    expect(cache.read()).toBeUndefined();
    cache.keep(TEXT);
    expect(configCache(win, dom.window.document, URL, 'build-2').read()).toBeUndefined();
  });

  it('takes an unstamped text only when it is the very text that validated last on this device', () => {
    const dom = page();
    const win = dom.window as any;
    const text = JSON.stringify(shop);
    const cache = configCache(win, dom.window.document, URL, SALT);
    cache.keep(text);
    expect(cache.read()).toBeUndefined();
    dom.window.localStorage.setItem('candor-config', hash(SALT + text));
    expect(cache.read()?.config.version).toBe(shop.version);
    dom.window.localStorage.setItem('candor-config', hash(SALT + JSON.stringify({ ...shop, version: 'other' })));
    expect(cache.read()).toBeUndefined();
  });

  it('forgets the entry when told to, and when a write is refused (quota), so no stale text stays', () => {
    const dom = page();
    const win = dom.window as any;
    const cache = configCache(win, dom.window.document, URL, SALT);
    cache.keep(TEXT);
    cache.keep(null);
    expect(dom.window.localStorage.getItem(CACHED)).toBeNull();
    cache.keep(TEXT);
    vi.spyOn(dom.window.Storage.prototype, 'setItem').mockImplementation(() => {
      throw new dom.window.DOMException('full', 'QuotaExceededError');
    });
    cache.keep(stamped({ ...shop, version: '2027-01' }));
    expect(dom.window.localStorage.getItem(CACHED)).toBeNull();
  });

  it('does not write the same text again (an unchanged file on every page view costs no storage write)', () => {
    const dom = page();
    const cache = configCache(dom.window as any, dom.window.document, URL, SALT);
    cache.keep(TEXT);
    const setItem = vi.spyOn(dom.window.Storage.prototype, 'setItem');
    cache.keep(TEXT);
    expect(setItem).not.toHaveBeenCalled();
    cache.keep(stamped({ ...shop, version: '2027-01' }));
    expect(setItem).toHaveBeenCalledTimes(1);
  });

  it('never throws when storage is blocked (Safari private mode, disabled cookies)', () => {
    const dom = page();
    Object.defineProperty(dom.window, 'localStorage', {
      get() {
        throw new dom.window.DOMException('denied', 'SecurityError');
      },
    });
    const cache = configCache(dom.window as any, dom.window.document, URL, SALT);
    expect(() => cache.keep(TEXT)).not.toThrow();
    expect(cache.read()).toBeUndefined();
  });
});

describe('settles: a decision that covers the cached config entirely', () => {
  const config = resolveConfig(shop as Config);
  it('holds for the same version, not expired, every optional purpose answered', () => {
    expect(settles(accepted(), config, clock, false)).toBe(true);
  });
  it('fails for no decision, another version, an expired one, a purpose added since, one from the future', () => {
    expect(settles(null, config, clock, false)).toBe(false);
    expect(settles(accepted('2025-01'), config, clock, false)).toBe(false);
    expect(settles(accepted(), config, clock + 400 * 864e5, false)).toBe(false);
    expect(settles({ ...accepted(), denied: [] }, config, clock, false)).toBe(false);
    expect(settles({ ...accepted(), time: clock + 864e5 }, config, clock, false)).toBe(false);
  });
  it('fails when GPC turns off a purpose the decision granted (a new decision must be stored)', () => {
    expect(settles(accepted(), config, clock, true)).toBe(false);
    expect(settles({ ...accepted(), granted: ['analytics'], denied: ['personalization', 'marketing', 'health-offers'] }, config, clock, true)).toBe(
      true,
    );
  });
});

describe('a returning visitor with the config in a file', () => {
  const gated = '<script type="text/plain" data-purpose="analytics" id="a">void 0</script>';
  const ran = (dom: JSDOM) => dom.window.document.querySelector('script#a')?.getAttribute('type') !== 'text/plain';

  it('is decided from the cached config before the file arrives, and the file is fetched again all the same', async () => {
    const dom = page({ [CACHED]: URL + '\n' + TEXT }, accepted(), gated);
    const file = held();
    const candor = start(dom, file.promise);
    await tick();
    expect(candor.has('analytics')).toBe(true);
    expect(candor.has('health-offers')).toBe(false);
    expect(ran(dom)).toBe(true);
    const state = await candor.ready;
    expect(state.decided).toBe(true);
    // Consent Mode: the update granting analytics is in dataLayer already.
    expect(JSON.stringify((dom.window as any).dataLayer)).toContain('"analytics_storage":"granted"');
    const change = vi.fn();
    candor.on('change', change);
    file.release(TEXT);
    await settle();
    expect(change).not.toHaveBeenCalled();
    expect(validator).not.toHaveBeenCalled();
    expect(entries(dom)[CACHED]).toBe(URL + '\n' + TEXT);
  });

  it('waits for the file when the cookie is for another version, missing, or the cache is for another URL or tampered', async () => {
    const edited = JSON.parse(TEXT);
    edited.purposes[1].required = true;
    for (const [storage, decision] of [
      [{ [CACHED]: URL + '\n' + TEXT }, accepted('2025-01')],
      [{ [CACHED]: URL + '\n' + TEXT }, undefined],
      [{ [CACHED]: 'https://www.shop.example/other.json\n' + TEXT }, accepted()],
      [{ [CACHED]: URL + '\n' + JSON.stringify(edited) }, accepted()],
      [{ [CACHED]: URL + '\n{"version":' }, accepted()],
    ] as const) {
      const dom = page(storage, decision, gated);
      const file = held();
      const candor = start(dom, file.promise, { ui: async () => () => ({ show() {}, hide() {}, destroy() {} }) });
      await settle();
      expect(candor.has('analytics')).toBe(false);
      expect(candor.has('necessary')).toBe(false);
      expect(ran(dom)).toBe(false);
      file.release(TEXT);
      await candor.ready;
      expect(candor.has('analytics')).toBe(decision?.version == shop.version);
      // The fresh text replaces whatever was there (in a task after the one that read it).
      await vi.waitFor(() => expect(entries(dom)[CACHED]).toBe(URL + '\n' + TEXT));
      candor.destroy();
    }
  });

  it('requests the file once the page is parsed when decided from the cached config, and at once on a first visit', async () => {
    const dom = page({ [CACHED]: URL + '\n' + TEXT }, accepted(), gated + '<p>article</p>');
    const doc = dom.window.document;
    // jsdom's own DOMContentLoaded has gone (it comes after a tick): the test says when the page is parsed.
    await settle();
    Object.defineProperty(doc, 'readyState', { configurable: true, get: () => 'loading' });
    const file = held();
    const request = vi.fn(() => file.promise);
    const candor = start(dom, request);
    await tick();
    // Decided and the gated script run while the page is still being parsed: the request has not started.
    expect(candor.has('analytics')).toBe(true);
    expect(ran(dom)).toBe(true);
    expect(request).not.toHaveBeenCalled();
    Object.defineProperty(doc, 'readyState', { configurable: true, get: () => 'interactive' });
    doc.dispatchEvent(new dom.window.Event('DOMContentLoaded'));
    // In a task of its own, not the parser's last one.
    expect(request).not.toHaveBeenCalled();
    await settle();
    expect(request).toHaveBeenCalledTimes(1);
    const change = vi.fn();
    candor.on('change', change);
    file.release(TEXT);
    await settle();
    expect(change).not.toHaveBeenCalled();
    expect(entries(dom)[CACHED]).toBe(URL + '\n' + TEXT);

    // Nothing to decide from: the request starts while candor.js runs, before anything else waits on it.
    for (const [storage, decision] of [
      [{}, undefined],
      [{ [CACHED]: URL + '\n' + TEXT }, accepted('2025-01')],
    ] as const) {
      const other = page(storage, decision);
      Object.defineProperty(other.window.document, 'readyState', { configurable: true, get: () => 'loading' });
      const now = vi.fn(() => TEXT);
      const waiting = start(other, now);
      expect(now).toHaveBeenCalledTimes(1);
      expect((await waiting.ready).decided).toBe(decision?.version == shop.version);
      waiting.destroy();
    }
  });

  it('runs the gated scripts before it draws the floating button (which waits for <body>)', async () => {
    const dom = new JSDOM(
      '<!doctype html><html lang="en"><head></head><body>' +
        '<script type="text/plain" data-purpose="analytics">window.sawButton = !!document.querySelector("[data-candor-button]")</script>' +
        '</body></html>',
      { url: 'https://www.shop.example/catalog/', runScripts: 'dangerously' },
    );
    pages.push(dom);
    dom.window.localStorage.setItem(CACHED, URL + '\n' + TEXT);
    dom.window.document.cookie = `candor=${encodeDecision(accepted())};Path=/`;
    const candor = start(dom, held().promise);
    await candor.ready;
    await settle();
    expect((dom.window as any).sawButton).toBe(false);
    expect(dom.window.document.querySelector('[data-candor-button]')).not.toBeNull();
  });

  it('keeps a trusted file after a first visit, and nothing for an inline config', async () => {
    const dom = page();
    await start(dom, TEXT).ready;
    await vi.waitFor(() => expect(entries(dom)[CACHED]).toBe(URL + '\n' + TEXT));
    const inline = page();
    await start(inline, TEXT, { cache: undefined }).ready;
    await settle();
    expect(entries(inline)[CACHED]).toBeUndefined();
  });

  it('on a first visit, writes the file to the cache in a task after the page is parsed, not in the one that reads it and asks', async () => {
    const dom = page();
    const doc = dom.window.document;
    await settle();
    Object.defineProperty(doc, 'readyState', { configurable: true, get: () => 'loading' });
    const shown: string[] = [];
    const file = held();
    const candor = start(dom, file.promise, { ui: async () => () => ({ show: (v) => void shown.push(v), hide() {}, destroy() {} }) });
    file.release(TEXT);
    const state = await candor.ready;
    // The config is in use and the banner on its way while the page is still being parsed; the cache waits.
    expect(state.decided).toBe(false);
    await vi.waitFor(() => expect(shown).toEqual(['banner']));
    expect(entries(dom)[CACHED]).toBeUndefined();
    Object.defineProperty(doc, 'readyState', { configurable: true, get: () => 'interactive' });
    doc.dispatchEvent(new dom.window.Event('DOMContentLoaded'));
    expect(entries(dom)[CACHED]).toBeUndefined();
    await settle();
    await vi.waitFor(() => expect(entries(dom)[CACHED]).toBe(URL + '\n' + TEXT));
  });

  it('on a first visit whose file arrives after the parse, writes the cache in a task after the one that draws the banner', async () => {
    const dom = page();
    await settle();
    const file = held();
    const cachedAtShow: (string | undefined)[] = [];
    const ui = { show: () => void cachedAtShow.push(entries(dom)[CACHED]), hide() {}, destroy() {} };
    const candor = start(dom, () => file.promise, { ui: async () => () => ui });
    // The page is parsed (jsdom's readyState is 'complete'), then the file arrives.
    await settle();
    await settle();
    file.release(TEXT);
    await candor.ready;
    await vi.waitFor(() => expect(cachedAtShow).toHaveLength(1));
    // The banner was drawn before the write, which waits for a task of its own.
    expect(cachedAtShow).toEqual([undefined]);
    await vi.waitFor(() => expect(entries(dom)[CACHED]).toBe(URL + '\n' + TEXT));
  });

  it('a returning visitor who leaves before the page is parsed keeps the cache, and a failed file after the parse still forgets it', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const dom = page({ [CACHED]: URL + '\n' + TEXT }, accepted(), gated);
    const doc = dom.window.document;
    await settle();
    Object.defineProperty(doc, 'readyState', { configurable: true, get: () => 'loading' });
    const file = held();
    const candor = start(dom, () => file.promise);
    await candor.ready;
    expect(candor.has('analytics')).toBe(true);
    expect(entries(dom)[CACHED]).toBe(URL + '\n' + TEXT);
    Object.defineProperty(doc, 'readyState', { configurable: true, get: () => 'interactive' });
    doc.dispatchEvent(new dom.window.Event('DOMContentLoaded'));
    await settle();
    file.fail(new Error('HTTP 503'));
    await vi.waitFor(() => expect(entries(dom)[CACHED]).toBeUndefined());
    expect(candor.has('analytics')).toBe(true);
  });

  it('moves to a fresh text of the same version: purposes no longer there are dropped, no banner', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const dom = page({ [CACHED]: URL + '\n' + TEXT }, accepted(), gated);
    const file = held();
    const shown: string[] = [];
    const candor = start(dom, file.promise, { ui: async () => () => ({ show: (v) => void shown.push(v), hide() {}, destroy() {} }) });
    await candor.ready;
    expect(candor.has('personalization')).toBe(true);
    const change = vi.fn();
    candor.on('change', change);
    const fresh = stamped({ ...shop, purposes: shop.purposes.filter((p) => p.id != 'personalization') });
    file.release(fresh);
    await settle();
    expect(candor.has('personalization')).toBe(false);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('unknown purpose "personalization"'));
    expect(candor.has('analytics')).toBe(true);
    expect(change).toHaveBeenCalledTimes(1);
    expect(change.mock.calls[0][0].purposes).not.toHaveProperty('personalization');
    expect(candor.config?.purposes.map((p) => p.id)).not.toContain('personalization');
    expect(shown).toEqual([]);
    await vi.waitFor(() => expect(entries(dom)[CACHED]).toBe(URL + '\n' + fresh));
  });

  it('a fresh text of the same version that changes no choice (a reworded description) fires no change event on page load', async () => {
    const dom = page({ [CACHED]: URL + '\n' + TEXT }, accepted(), gated);
    const file = held();
    const candor = start(dom, file.promise);
    await candor.ready;
    const change = vi.fn();
    candor.on('change', change);
    dom.window.addEventListener('candor:change', change);
    const layer = (dom.window as any).dataLayer.length;
    const fresh = stamped({ ...shop, purposes: shop.purposes.map((p) => (p.id == 'analytics' ? { ...p, description: 'Reworded.' } : p)) });
    file.release(fresh);
    await settle();
    await vi.waitFor(() => expect(entries(dom)[CACHED]).toBe(URL + '\n' + fresh));
    expect(candor.config?.purposes.find((p) => p.id == 'analytics')?.description).toBe('Reworded.');
    expect(change).not.toHaveBeenCalled();
    // Nor a second Consent Mode update (and `candor_consent_update` event) for tag managers to act on.
    expect((dom.window as any).dataLayer.length).toBe(layer);
    expect(candor.has('analytics')).toBe(true);
  });

  it('re-asks when the fresh file has a new version: nothing optional stays granted, what ran is reported as withdrawn', async () => {
    const dom = page({ [CACHED]: URL + '\n' + TEXT }, accepted(), gated);
    const file = held();
    const shown: string[] = [];
    const candor = start(dom, file.promise, { ui: async () => () => ({ show: (v) => void shown.push(v), hide() {}, destroy() {} }) });
    await candor.ready;
    expect(ran(dom)).toBe(true);
    const change = vi.fn();
    candor.on('change', change);
    file.release(stamped({ ...shop, version: '2027-01' }));
    await settle();
    expect(candor.has('analytics')).toBe(false);
    expect(candor.get().decided).toBe(false);
    expect(candor.withdrawn).toBe(true);
    expect(change).toHaveBeenCalledTimes(1);
    expect(shown).toEqual(['banner']);
    const updates = [...(dom.window as any).dataLayer].map((e) => JSON.stringify(e)).filter((e) => e.includes('"update"'));
    expect(updates.at(-1)).toContain('"analytics_storage":"denied"');
    // A choice now is stored and recorded under the version the visitor sees.
    candor.acceptAll();
    expect(dom.window.document.cookie).toMatch(/~2027-01$/);
  });

  it('a page restored from the back/forward cache keeps a decision made under the fresh file’s new version, not dropped as stale', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const dom = page({ [CACHED]: URL + '\n' + TEXT }, accepted(), gated);
    const file = held();
    const records = createRecordStore(uuid, () => createStore(`candor-cache-${db}`, 'records'));
    const chunk = createServices(records);
    // The records chunk's load is cut off as the visitor leaves right after deciding (WebKit); the page goes into the cache.
    const services = vi.fn<Options['services']>().mockRejectedValueOnce(new Error('load cancelled')).mockResolvedValue(chunk);
    const candor = start(dom, file.promise, { services, ui: async () => () => ({ show() {}, hide() {}, destroy() {} }) });
    await candor.ready;
    file.release(stamped({ ...shop, version: '2027-01' }));
    await settle();
    candor.acceptAll();
    await vi.waitFor(() => expect(warn).toHaveBeenCalledWith('Candor: could not keep a consent record.', expect.any(Error)));
    const [waits] = JSON.parse(dom.window.localStorage.getItem('candor-pending')!);
    expect(waits).toMatchObject({ event: 'given', version: '2027-01' });
    dom.window.dispatchEvent(new dom.window.PageTransitionEvent('pageshow', { persisted: true }));
    await vi.waitFor(() => expect(dom.window.localStorage.getItem('candor-pending')).toBeNull());
    expect((await candor.receipts()).map((r) => [r.id, r.version])).toEqual([[waits.id, '2027-01']]);
    expect(warn).not.toHaveBeenCalledWith(expect.stringMatching(/dropped/));
  });

  it('keeps the decision for this page when the file fails, and forgets the cache so the next page waits', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const dom = page({ [CACHED]: URL + '\n' + TEXT }, accepted(), gated);
    const file = held();
    const candor = start(dom, file.promise);
    await candor.ready;
    file.fail(new Error('HTTP 503'));
    await settle();
    expect(candor.has('analytics')).toBe(true);
    await vi.waitFor(() => expect(entries(dom)[CACHED]).toBeUndefined());
    // The console says what happens, not that nothing runs: this page's scripts did.
    expect(error.mock.calls.join('\n')).toMatch(/could not be loaded \(HTTP 503\), this page keeps its decision/);
    expect(error.mock.calls.join('\n')).not.toMatch(/nothing optional will run/);
  });

  it('keeps the decision for this page when the fresh file is invalid, and forgets the cache', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const dom = page({ [CACHED]: URL + '\n' + TEXT }, accepted(), gated);
    const file = held();
    const candor = start(dom, file.promise);
    await candor.ready;
    file.release(JSON.stringify({ ...shop, policyUrl: 'http://insecure.example' }));
    await settle();
    expect(validator).toHaveBeenCalled();
    expect(candor.has('analytics')).toBe(true);
    await vi.waitFor(() => expect(entries(dom)[CACHED]).toBeUndefined());
    const said = error.mock.calls.join('\n');
    expect(said).toMatch(/invalid configuration, this page keeps its decision/);
    expect(said).toContain('policyUrl');
  });

  it('reports the fresh file’s problems through the error event, once, on a page decided from the cached config', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const dom = page({ [CACHED]: URL + '\n' + TEXT }, accepted(), gated);
    const file = held();
    const candor = start(dom, file.promise);
    const onError = vi.fn();
    candor.on('error', onError);
    dom.window.addEventListener('candor:error', (e) => onError((e as CustomEvent).detail));
    await candor.ready;
    file.release(JSON.stringify({ ...shop, policyUrl: 'http://insecure.example' }));
    await settle();
    expect(onError).toHaveBeenCalledTimes(2);
    const [problems] = onError.mock.calls[0];
    expect(problems).toEqual(onError.mock.calls[1][0]);
    expect(problems).toEqual([expect.objectContaining({ path: 'policyUrl', hint: expect.any(String) })]);
    expect(candor.get().error).toEqual(problems);
    // The decision stays for this page view (the cached text was trusted; its scripts ran).
    expect(candor.has('analytics')).toBe(true);
  });

  it('reports a fresh file that fails to load through the error event too', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const dom = page({ [CACHED]: URL + '\n' + TEXT }, accepted(), gated);
    const file = held();
    const candor = start(dom, file.promise);
    const onError = vi.fn();
    candor.on('error', onError);
    await candor.ready;
    file.fail(new Error('HTTP 503'));
    await settle();
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError.mock.calls[0][0]).toEqual([expect.objectContaining({ message: expect.stringContaining('HTTP 503') })]);
  });

  it('says nothing optional will run when a page not decided from the cache gets an invalid file', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const dom = page({}, accepted(), gated);
    const candor = start(dom, JSON.stringify({ ...shop, policyUrl: 'http://insecure.example' }));
    await candor.ready;
    expect(candor.has('analytics')).toBe(false);
    expect(ran(dom)).toBe(false);
    expect(error.mock.calls.join('\n')).toMatch(/invalid configuration, nothing optional will run\n.*policyUrl/);
  });
});
