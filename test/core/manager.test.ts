import { createStore } from 'idb-keyval';
import { JSDOM } from 'jsdom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { validate } from '../../src/core/validate';
import { floatingButton } from '../../src/core/button';
import { createCandor, type Options } from '../../src/core/manager';
import { uuid } from '../../src/core/receipts';
import { createServices } from '../../src/core/services';
import { createRecordStore, encodeDecision } from '../../src/core/storage';
import type { CandorHost, UI, View } from '../../src/types';
import shop from '../fixtures/shop.json';

const DAY = 864e5;
const OPTIONAL = shop.purposes.filter((p) => !p.required).map((p) => p.id);
let clock = Date.UTC(2026, 10, 29, 12);
let db = 0;
let shown: { view: View; opener?: Element | null }[];
/** Each test gets its own page (cookies, DOM, listeners): one jsdom per test. */
let window: Window & typeof globalThis;
let document: Document;
let navigator: Navigator;

/** A Candor over jsdom with a fake UI recording what it was asked to show, and a fresh record store. */
function start(config: unknown = shop, extra: Partial<Options> = {}): CandorHost {
  const records = createRecordStore(uuid, () => createStore(`candor-test-${db}`, 'records'));
  const ui: UI = { show: (view, opener) => void shown.push({ view, opener }), hide() {}, destroy() {} };
  return createCandor({
    config,
    now: () => clock,
    ui: async () => () => ui,
    check: async () => validate,
    services: async () => createServices(records),
    button: async () => floatingButton,
    window,
    document,
    ...extra,
  });
}

/** Let pending promises (UI loading, receipts) settle. */
const settle = () => new Promise((r) => setTimeout(r, 0));

/** This page view's instance (not yet ready) for a visitor who chose `choices` on an earlier one. */
async function returning(choices: Record<string, boolean>): Promise<CandorHost> {
  const first = start();
  await first.ready;
  first.set(choices);
  await settle();
  return start();
}

beforeEach(() => {
  db++;
  shown = [];
  clock = Date.UTC(2026, 10, 29, 12);
  window = new JSDOM('<!doctype html><html lang="en"><body></body></html>', { url: 'https://shop.example/' }).window as any;
  document = window.document;
  navigator = window.navigator;
});
afterEach(() => {
  vi.restoreAllMocks();
  window.close();
});

describe('API calls before the config is read', () => {
  it('a decision made while the config file is on its way applies once it is read, without a warning', async () => {
    let arrive!: (config: unknown) => void;
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const candor = start(() => new Promise((r) => (arrive = r)));
    candor.set({ analytics: true });
    expect(candor.has('analytics')).toBe(false);
    arrive(shop);
    await candor.ready;
    await settle();
    expect(candor.has('analytics')).toBe(true);
    expect(candor.get().decided).toBe(true);
    expect(document.cookie).toMatch(/candor=/);
    expect(warn).not.toHaveBeenCalled();
    const [receipt] = await candor.receipts();
    expect(receipt.method).toBe('api');
  });

  it('reset() made while the config is on its way withdraws once it is read; with no valid config, decisions warn', async () => {
    document.cookie = `candor=${encodeDecision({ version: shop.version, time: clock - DAY, granted: OPTIONAL, denied: [] })}; path=/`;
    let arrive!: (config: unknown) => void;
    const candor = start(() => new Promise((r) => (arrive = r)));
    candor.reset();
    arrive(shop);
    await candor.ready;
    await settle();
    expect(candor.get().decided).toBe(false);
    expect(candor.has('analytics')).toBe(false);
    expect(shown.map((s) => s.view)).toContain('banner');
    const [receipt] = await candor.receipts();
    expect(receipt.event).toBe('withdrawn');

    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const broken = start({ version: 'x' });
    broken.acceptAll();
    broken.reset();
    await broken.ready;
    await settle();
    expect(broken.has('analytics')).toBe(false);
    expect(warn).toHaveBeenCalledTimes(2);
    for (const [message] of warn.mock.calls) expect(message).toMatch(/^Candor: no valid configuration/);
  });
});

describe('first visit', () => {
  it('grants nothing optional and shows the banner', async () => {
    const candor = start();
    expect(candor.has('necessary')).toBe(false); // nothing before ready
    const state = await candor.ready;
    await settle();
    expect(state.decided).toBe(false);
    expect(state.purposes).toEqual({ necessary: true, analytics: false, personalization: false, marketing: false, 'health-offers': false });
    expect(candor.has('necessary')).toBe(true);
    expect(candor.has('analytics')).toBe(false);
    expect(shown).toEqual([{ view: 'banner', opener: undefined }]);
    expect(document.cookie).not.toMatch(/candor=/);
    expect(document.querySelector('[data-candor-button]')).toBeNull();
  });

  it('fires ready once, on the API and on window', async () => {
    const onReady = vi.fn();
    const onWindow = vi.fn();
    window.addEventListener('candor:ready', onWindow);
    const candor = start();
    candor.on('ready', onReady);
    await candor.ready;
    window.removeEventListener('candor:ready', onWindow);
    expect(onReady).toHaveBeenCalledTimes(1);
    expect(onWindow.mock.calls[0][0].detail.language).toBe('en');
  });

  it('calls a ready listener added once ready (a candorQueue function), once, with the state; not one removed first', async () => {
    const candor = start();
    await candor.ready;
    const late = vi.fn();
    const removed = vi.fn();
    candor.on('ready', late);
    candor.on('ready', removed)();
    expect(late).not.toHaveBeenCalled();
    await Promise.resolve();
    expect(late).toHaveBeenCalledTimes(1);
    expect(late.mock.calls[0][0]).toMatchObject({ decided: false, language: 'en', purposes: { analytics: false } });
    candor.acceptAll();
    await new Promise((r) => setTimeout(r));
    expect(late).toHaveBeenCalledTimes(1);
    expect(removed).not.toHaveBeenCalled();
  });

  it('calls a ready listener added by another ready listener, or by a candor:ready listener on window, once', async () => {
    const inner = vi.fn();
    const fromWindow = vi.fn();
    const onWindow = () => candor.on('ready', fromWindow);
    window.addEventListener('candor:ready', onWindow, { once: true });
    const candor = start();
    candor.on('ready', () => candor.on('ready', inner));
    await candor.ready;
    await new Promise((r) => setTimeout(r));
    expect(inner).toHaveBeenCalledTimes(1);
    expect(fromWindow).toHaveBeenCalledTimes(1);
  });
});

describe('a decision while the interface is still loading', () => {
  for (const [name, decide] of [
    ['the API', (c: CandorHost) => c.acceptAll()],
    [
      'another tab',
      () => {
        document.cookie = `candor=${encodeDecision({ version: shop.version, time: clock, granted: [], denied: OPTIONAL })}`;
        const other = new BroadcastChannel('candor');
        other.postMessage(1);
        other.close();
      },
    ],
  ] as const)
    it(`through ${name}: the banner is not drawn once the interface arrives`, async () => {
      let arrive!: () => void;
      const loading = new Promise<void>((r) => (arrive = r));
      const ui: UI = { show: (view, opener) => void shown.push({ view, opener }), hide() {}, destroy() {} };
      (window as any).BroadcastChannel = BroadcastChannel;
      const candor = start(shop, { ui: () => loading.then(() => () => ui) });
      await candor.ready;
      const changed = new Promise((r) => candor.on('change', r));
      decide(candor);
      await changed;
      expect(candor.get().decided).toBe(true);
      arrive();
      await settle();
      expect(shown.map((s) => s.view)).not.toContain('banner');
      // The interface still shows what is asked after a decision.
      candor.open();
      await vi.waitFor(() => expect(shown.map((s) => s.view)).toEqual(['preferences']));
      candor.destroy();
    });
});

describe('an interface that failed to load', () => {
  it('is loaded again on the next need: the preference center still opens', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const ui: UI = { show: (view, opener) => void shown.push({ view, opener }), hide() {}, destroy() {} };
    let attempts = 0;
    // The early fetch of a first visit and the banner's both fail (a network blip), the next one succeeds.
    const candor = start(shop, { ui: async () => (++attempts <= 2 ? Promise.reject(new Error('could not load candor-ui.js')) : () => ui) });
    await candor.ready;
    await vi.waitFor(() => expect(error).toHaveBeenCalledWith('Candor: could not load the interface.', expect.any(Error)));
    expect(shown).toEqual([]);
    // The visitor uses the site's "Privacy settings" link: the way to decide must still work.
    candor.open();
    await vi.waitFor(() => expect(shown.map((s) => s.view)).toEqual(['preferences']));
    expect(attempts).toBe(3);
  });
});

describe('decisions', () => {
  it('Accept all grants every non-sensitive purpose, stores it and tells the page', async () => {
    const candor = start();
    await candor.ready;
    const onChange = vi.fn();
    const onWindow = vi.fn();
    candor.on('change', onChange);
    window.addEventListener('candor:change', onWindow);
    candor.decide('accept-all');
    window.removeEventListener('candor:change', onWindow);
    expect(candor.has('analytics')).toBe(true);
    expect(candor.has('health-offers')).toBe(false);
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(onWindow).toHaveBeenCalledTimes(1);
    const state = candor.get();
    expect(state).toMatchObject({ decided: true, version: '2026-11', decidedAt: new Date(clock).toISOString() });
    expect(state.expiresAt).toBe(new Date(clock + 182 * DAY).toISOString());
    expect(document.cookie).toMatch(/candor=1~/);
    const [receipt] = await candor.receipts();
    expect(receipt).toMatchObject({ event: 'given', method: 'accept-all', version: '2026-11', language: 'en', gpc: false });
    expect(receipt.purposes).toEqual({ necessary: true, analytics: true, personalization: true, marketing: true, 'health-offers': false });
    expect(receipt.noticeHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('the next page view reads the state this one has: decidedAt and expiresAt to the second, as the cookie keeps them', async () => {
    clock += 458; // a decision at 12:00:00.458
    const first = start();
    await first.ready;
    first.acceptAll();
    const decided = first.get();
    await settle();
    clock += 5000;
    const next = start();
    expect(await next.ready).toEqual(decided);
    expect(decided.decidedAt).toBe('2026-11-29T12:00:00.000Z');
  });

  it('Reject all refuses everything and records a refusal', async () => {
    const candor = start();
    await candor.ready;
    candor.rejectAll();
    expect(candor.get().decided).toBe(true);
    expect(candor.has('analytics')).toBe(false);
    const [receipt] = await candor.receipts();
    expect(receipt).toMatchObject({ event: 'refused', method: 'api' });
  });

  it('set merges with the current choices', async () => {
    const candor = start();
    await candor.ready;
    candor.set({ analytics: true });
    candor.set({ marketing: true });
    expect(candor.get().purposes).toMatchObject({ analytics: true, marketing: true, personalization: false });
    const list = await candor.receipts();
    expect(list.map((r) => r.event)).toEqual(['updated', 'given']);
  });

  it('a sensitive purpose needs its own opt-in', async () => {
    const candor = start();
    await candor.ready;
    candor.acceptAll();
    expect(candor.has('health-offers')).toBe(false);
    candor.set({ 'health-offers': true });
    expect(candor.has('health-offers')).toBe(true);
  });

  it('keeps one receipt per decision, newest first, with a stable subject', async () => {
    const candor = start();
    await candor.ready;
    candor.acceptAll();
    candor.rejectAll();
    candor.decide('dismiss');
    const list = await candor.receipts();
    expect(list.map((r) => r.event)).toEqual(['dismissed', 'withdrawn', 'given']);
    expect(new Set(list.map((r) => r.subject)).size).toBe(1);
    expect(new Set(list.map((r) => r.id)).size).toBe(3);
  });

  it('a purpose named like an Object member (`constructor`, a valid id) is granted only when chosen', async () => {
    // `{}.constructor` is Object: read as a switch, it granted the purpose on every set() or "Allow and load" of another.
    const named = { ...shop, purposes: [...shop.purposes, { ...shop.purposes[1], id: 'constructor' }] };
    const candor = start(named);
    await candor.ready;
    expect(candor.get().error).toBeUndefined();
    candor.set({ analytics: true });
    candor.decide('placeholder', { marketing: true });
    candor.decide('save', {});
    expect(candor.get().purposes).toMatchObject({ analytics: true, marketing: true, constructor: false });
    const [receipt] = await candor.receipts();
    expect(receipt.purposes.constructor).toBe(false);
    expect(document.cookie).toMatch(/~[^~]*constructor[^~]*~[^~]*$/);
  });
});

describe('re-entrant decisions', () => {
  it('a decision made by a change listener leaves no later listener with the state it replaced', async () => {
    const candor = start();
    await candor.ready;
    const seen: boolean[] = [];
    const seenOnWindow: boolean[] = [];
    // Say, a site rule that refuses for a minor: the first listener undoes the grant it is told about.
    candor.on('change', (s) => s.purposes.analytics && candor.rejectAll());
    candor.on('change', (s) => seen.push(s.purposes.analytics));
    window.addEventListener('candor:change', (e) => {
      const s = (e as CustomEvent).detail;
      if (s.purposes.marketing) candor.set({ marketing: false });
    });
    window.addEventListener('candor:change', (e) => seenOnWindow.push((e as CustomEvent).detail.purposes.marketing));
    candor.acceptAll();
    expect(candor.has('analytics')).toBe(false);
    expect(seen.at(-1)).toBe(false);
    expect(seen).not.toContain(true);
    candor.set({ marketing: true });
    expect(candor.has('marketing')).toBe(false);
    expect(seenOnWindow.at(-1)).toBe(false);
    expect(seenOnWindow).not.toContain(true);
  });

  it('a decision made by a ready listener leaves no later ready listener with the grant it undid', async () => {
    const candor = await returning({ analytics: true });
    const seen: boolean[] = [];
    const seenOnWindow: boolean[] = [];
    // Say, a site rule run once Candor is ready: a returning visitor's grant it does not allow is refused at once.
    candor.on('ready', (s) => s.purposes.analytics && candor.rejectAll());
    candor.on('ready', (s) => seen.push(s.purposes.analytics));
    window.addEventListener('candor:ready', (e) => seenOnWindow.push((e as CustomEvent).detail.purposes.analytics), { once: true });
    const state = await candor.ready;
    expect(candor.has('analytics')).toBe(false);
    expect(seen).toEqual([false]);
    expect(seenOnWindow).toEqual([false]);
    expect(state.purposes.analytics).toBe(false);
  });

  it('a decision made by a window candor:ready listener leaves no later one with the grant it undid', async () => {
    const candor = await returning({ marketing: true });
    const seenOnWindow: boolean[] = [];
    const refuse = (e: Event) => (e as CustomEvent).detail.purposes.marketing && candor.set({ marketing: false });
    const see = (e: Event) => seenOnWindow.push((e as CustomEvent).detail.purposes.marketing);
    window.addEventListener('candor:ready', refuse);
    window.addEventListener('candor:ready', see);
    await candor.ready;
    window.removeEventListener('candor:ready', refuse);
    window.removeEventListener('candor:ready', see);
    expect(candor.has('marketing')).toBe(false);
    expect(seenOnWindow).toEqual([false]);
  });

  it('a show listener that opens the preference center leaves every later listener told of both, in order', async () => {
    const candor = start();
    await candor.ready;
    const seen: string[] = [];
    const seenOnWindow: string[] = [];
    // Say, a page that goes straight to the details: each `show` is news of its own, not a state a newer one replaces.
    candor.on('show', (d) => d.view == 'banner' && candor.emit('show', { view: 'preferences' }));
    candor.on('show', (d) => seen.push(d.view));
    window.addEventListener('candor:show', (e) => seenOnWindow.push((e as CustomEvent).detail.view));
    candor.emit('show', { view: 'banner' });
    expect(seen).toEqual(['preferences', 'banner']);
    expect(seenOnWindow).toEqual(['preferences', 'banner']);
  });
});

describe('a returning visitor', () => {
  it('gets the stored choices without a banner, and without a change event', async () => {
    const first = start();
    await first.ready;
    first.set({ analytics: true });
    await settle();
    shown = [];
    const candor = start();
    const onChange = vi.fn();
    candor.on('change', onChange);
    const state = await candor.ready;
    await settle();
    expect(state.decided).toBe(true);
    expect(candor.has('analytics')).toBe(true);
    expect(candor.has('marketing')).toBe(false);
    expect(shown).toEqual([]);
    expect(onChange).not.toHaveBeenCalled();
    expect(document.querySelector('[data-candor-button]')).not.toBeNull();
  });

  it('gets a floating "Privacy settings" button that opens the preference center in one activation; none with floatingButton: false', async () => {
    const cookie = `candor=${encodeDecision({ version: shop.version, time: clock - DAY, granted: OPTIONAL, denied: [] })}; path=/`;
    document.cookie = cookie;
    await start().ready;
    const button = await vi.waitUntil(() => document.querySelector('[data-candor-button]')?.shadowRoot?.querySelector('button'));
    expect(button.getAttribute('aria-label')).toBe('Privacy settings');
    button.click();
    await settle();
    expect(shown).toEqual([{ view: 'preferences', opener: button }]);

    window.close();
    window = new JSDOM('<!doctype html><html lang="en"><body></body></html>', { url: 'https://shop.example/' }).window as any;
    document = window.document;
    document.cookie = cookie;
    await start({ ...shop, floatingButton: false }).ready;
    await settle();
    await settle();
    expect(document.querySelector('[data-candor-button]')).toBeNull();
  });

  it('is asked again, with nothing optional granted, when the version changes', async () => {
    const first = start();
    await first.ready;
    first.acceptAll();
    await settle();
    shown = [];
    const candor = start({ ...shop, version: '2026-12' });
    const state = await candor.ready;
    await settle();
    expect(state.decided).toBe(false);
    expect(candor.has('analytics')).toBe(false);
    expect(shown.map((s) => s.view)).toEqual(['banner']);
  });

  it('is asked again after reaskAfterDays, and the lapse is recorded once', async () => {
    const first = start();
    await first.ready;
    first.acceptAll();
    clock += 182 * DAY;
    // The cookie outlives nothing here (jsdom keeps it), so the stored time decides.
    const candor = start();
    const state = await candor.ready;
    expect(state.decided).toBe(false);
    expect(candor.has('analytics')).toBe(false);
    const [receipt] = await candor.receipts();
    expect(receipt).toMatchObject({ event: 'expired', method: 'expiry' });
    expect(document.cookie).not.toMatch(/candor=/);
  });

  /** The lapse timers Candor sets (global setTimeout with a delay over an hour), to run them when the test says. */
  const lapses = () => {
    const timers: { fn: () => void; ms: number }[] = [];
    const real = globalThis.setTimeout;
    vi.spyOn(globalThis, 'setTimeout').mockImplementation(((fn: () => void, ms?: number, ...rest: unknown[]) => {
      if ((ms ?? 0) > 36e5) {
        // A timer id, never 0 (as in browsers).
        return timers.push({ fn, ms: ms! }) as any;
      }
      return real(fn, ms, ...rest);
    }) as typeof setTimeout);
    return timers;
  };

  /** A page whose visitor accepted all under `reaskAfterDays`, its lapse timers held (lapses()), its change events counted. */
  async function acceptedFor(reaskAfterDays: number) {
    const timers = lapses();
    const candor = start({ ...shop, reaskAfterDays });
    await candor.ready;
    candor.acceptAll();
    await settle();
    const changes = vi.fn();
    candor.on('change', changes);
    return { timers, candor, changes };
  }

  it('a decision that lapses while the page stays open takes its grants with it then: change event, banner, has() false', async () => {
    // A site that asks again every day; the tab stays open past that.
    const { timers, candor, changes } = await acceptedFor(1);
    shown = [];
    const lapse = timers.at(-1)!;
    // About an hour at most (a timer late by a machine's sleep is late by that much at most after waking).
    expect(lapse.ms).toBe(4e6);
    // The browser drops the cookie when its Max-Age ends; jsdom keeps it, so the stored time decides here.
    clock += DAY;
    lapse.fn();
    await settle();
    expect(candor.has('analytics')).toBe(false);
    expect(candor.get()).toMatchObject({ decided: false, purposes: { analytics: false } });
    expect(changes.mock.calls.map(([s]) => s.purposes.analytics)).toEqual([false]);
    expect(shown.map((s) => s.view)).toEqual(['banner']);
  });

  it('the cookie the browser drops as a lapse ends tells nothing again: one change, one banner (back/forward cache, another tab)', async () => {
    const { timers, candor, changes } = await acceptedFor(1);
    shown = [];
    clock += DAY;
    timers.at(-1)!.fn();
    await settle();
    expect(changes).toHaveBeenCalledTimes(1);
    // Its Max-Age over, the browser drops the cookie; the page is then restored from the back/forward cache.
    document.cookie = 'candor=; Max-Age=0; Path=/';
    window.dispatchEvent(Object.assign(new window.Event('pageshow'), { persisted: true }));
    await settle();
    expect(changes).toHaveBeenCalledTimes(1);
    expect(shown.map((s) => s.view)).toEqual(['banner']);
    expect(candor.has('analytics')).toBe(false);
  });

  it('a lapse whose timer is late (a suspended laptop) still lapses when the dropped cookie is seen first', async () => {
    const { candor, changes } = await acceptedFor(1);
    clock += DAY;
    document.cookie = 'candor=; Max-Age=0; Path=/';
    window.dispatchEvent(Object.assign(new window.Event('pageshow'), { persisted: true }));
    await settle();
    expect(candor.has('analytics')).toBe(false);
    expect(changes).toHaveBeenCalledTimes(1);
  });

  it('a lapse over 24.8 days away is waited for in steps a timer can take (about an hour), telling nothing until then', async () => {
    const { timers, candor, changes } = await acceptedFor(395);
    // Browsers run a delay over 2^31 - 1 ms at once (it overflows 32 bits); an hour bounds a timer's lateness after a sleep.
    let waited = 0;
    while (waited < 395 * DAY) {
      const { fn, ms } = timers.at(-1)!;
      expect(ms).toBeLessThanOrEqual(4e6);
      expect(candor.has('analytics')).toBe(true);
      expect(changes).not.toHaveBeenCalled();
      clock += ms;
      waited += ms;
      fn();
    }
    expect(waited).toBe(395 * DAY);
    expect(candor.has('analytics')).toBe(false);
    expect(changes).toHaveBeenCalledTimes(1);
  });

  /** The receipts of `candor`'s device by event, newest first. */
  const events = async (candor: CandorHost) => (await candor.receipts()).map((r) => r.event);

  it.each([
    ['still there', false],
    ['dropped by the browser as its Max-Age ended', true],
  ])('a lapse while the page stays open is recorded once, as `expired`, and its cookie deleted (the cookie %s)', async (_, dropped) => {
    const { timers, candor } = await acceptedFor(1);
    clock += DAY;
    // The browser drops the cookie as its Max-Age ends, usually just before the timer fires; jsdom keeps it.
    if (dropped) document.cookie = 'candor=; Max-Age=0; Path=/';
    timers.at(-1)!.fn();
    await settle();
    const [receipt] = await candor.receipts();
    expect(receipt).toMatchObject({ event: 'expired', method: 'expiry', purposes: { analytics: false } });
    expect(await events(candor)).toEqual(['expired', 'given']);
    expect(document.cookie).not.toMatch(/candor=/);
    // The next page view finds no decision, and records nothing more.
    await start({ ...shop, reaskAfterDays: 1 }).ready;
    await settle();
    expect(await events(candor)).toEqual(['expired', 'given']);
  });

  it('a lapse two tabs each see before hearing of the other is kept once', async () => {
    const { timers, candor } = await acceptedFor(1);
    // A second tab of the site: the same cookie, localStorage and IndexedDB.
    const other = start({ ...shop, reaskAfterDays: 1 });
    await other.ready;
    expect(timers).toHaveLength(2);
    clock += DAY;
    for (const { fn } of timers) fn();
    await settle();
    await settle();
    expect(await events(candor)).toEqual(['expired', 'given']);
    expect(await events(other)).toEqual(['expired', 'given']);
    expect([candor.has('analytics'), other.has('analytics')]).toEqual([false, false]);
  });

  it("a later decision's lapse is recorded though its own receipt is not on this device (made on a sibling subdomain)", async () => {
    const { timers, candor } = await acceptedFor(1);
    clock += DAY;
    timers.at(-1)!.fn();
    await settle();
    expect(await events(candor)).toEqual(['expired', 'given']);
    // A week later the visitor decides on www.example.com, which shares the cookie (`cookieDomain`) but not this host's
    // IndexedDB: the decision's receipt is there, not here. This host's next page view then sees that decision lapse.
    clock += 7 * DAY;
    document.cookie = `candor=${encodeDecision({ version: shop.version, time: clock, granted: OPTIONAL, denied: [] })}; path=/`;
    const page = start({ ...shop, reaskAfterDays: 1 });
    await page.ready;
    expect(page.has('analytics')).toBe(true);
    clock += DAY;
    timers.at(-1)!.fn();
    await settle();
    await settle();
    expect(page.has('analytics')).toBe(false);
    expect(await events(page)).toEqual(['expired', 'expired', 'given']);
  });

  /** The visitor comes back to the page (its tab or window focused again). */
  const visible = () => window.dispatchEvent(new window.Event('focus'));

  it("a timer late by a machine's sleep (some browsers do not count it) lapses the decision at its next step, an hour at most", async () => {
    const { timers, candor, changes } = await acceptedFor(1);
    clock += 4e6;
    timers.at(-1)!.fn();
    expect(candor.has('analytics')).toBe(true);
    // Asleep three days: the next step, due in 4e6 ms of the machine's waking time, fires that long after it wakes.
    clock += 3 * DAY + 4e6;
    timers.at(-1)!.fn();
    await settle();
    expect(candor.has('analytics')).toBe(false);
    expect(changes).toHaveBeenCalledTimes(1);
    expect(await events(candor)).toEqual(['expired', 'given']);
  });

  it('a page the visitor comes back to after its decision lapsed (its timer late: a machine asleep) lapses then, recorded once', async () => {
    const { timers, candor, changes } = await acceptedFor(1);
    shown = [];
    clock += 3 * DAY;
    // Its timer has not fired (it did not count the sleep).
    expect(candor.has('analytics')).toBe(true);
    visible();
    await settle();
    expect(candor.has('analytics')).toBe(false);
    expect(changes).toHaveBeenCalledTimes(1);
    expect(shown.map((s) => s.view)).toEqual(['banner']);
    expect(await events(candor)).toEqual(['expired', 'given']);
    // The late timer fires at last: nothing more.
    timers.at(-1)!.fn();
    visible();
    await settle();
    expect(changes).toHaveBeenCalledTimes(1);
    expect(await events(candor)).toEqual(['expired', 'given']);
  });

  it('a page the visitor comes back to before its decision lapses changes nothing, and waits for the lapse from the clock', async () => {
    const { timers, candor, changes } = await acceptedFor(1);
    // 38e5 ms left: less than a step, from the clock (lapses() holds timers over an hour only).
    clock += DAY - 38e5;
    visible();
    await settle();
    expect(candor.has('analytics')).toBe(true);
    expect(changes).not.toHaveBeenCalled();
    expect(timers.at(-1)!.ms).toBe(38e5);
    expect(await events(candor)).toEqual(['given']);
  });

  it('a clock set back on an open page (a decision now "from the future") records no lapse and keeps the cookie', async () => {
    const { timers, candor, changes } = await acceptedFor(30);
    const cookie = document.cookie;
    shown = [];
    // The machine's clock goes back a day (set by hand, or a bad sync): the decision's time is ahead of it.
    clock -= DAY;
    visible();
    await settle();
    expect(await events(candor)).toEqual(['given']);
    expect(document.cookie).toBe(cookie);
    // Nothing granted meanwhile (a decision from the future counts as none, as on a page load), and the page is told.
    expect(candor.has('analytics')).toBe(false);
    expect(changes).toHaveBeenCalledTimes(1);
    expect(shown.map((s) => s.view)).toEqual(['banner']);
    // Its late timer tells nothing again.
    timers.at(-1)!.fn();
    visible();
    await settle();
    expect(changes).toHaveBeenCalledTimes(1);
    expect(await events(candor)).toEqual(['given']);
  });

  it('a decision "from the future" (a clock behind) grants nothing when focus comes after the clock caught up, until a page load', async () => {
    document.cookie = `candor=${encodeDecision({ version: shop.version, time: clock + 36e5, granted: OPTIONAL, denied: [] })}; path=/`;
    const candor = start();
    await candor.ready;
    const changes = vi.fn();
    candor.on('change', changes);
    expect(candor.has('analytics')).toBe(false);
    clock += 2 * 36e5;
    visible();
    await settle();
    // Never a grant the page was not told of (no `change`, the gate not run, Consent Mode still denied).
    expect([candor.has('analytics'), changes.mock.calls.length]).toEqual([false, 0]);
  });

  it('focus events, however many, read the cookie once each while nothing is due', async () => {
    const { candor } = await acceptedFor(30);
    const jar = Object.getOwnPropertyDescriptor(window.Document.prototype, 'cookie')!;
    let reads = 0;
    Object.defineProperty(document, 'cookie', {
      configurable: true,
      get: () => {
        reads++;
        return jar.get!.call(document);
      },
      set: (v) => jar.set!.call(document, v),
    });
    try {
      for (let i = 0; i < 100; i++) visible();
    } finally {
      delete (document as { cookie?: string }).cookie;
    }
    expect(reads).toBe(100);
    expect(candor.has('analytics')).toBe(true);
    expect(await events(candor)).toEqual(['given']);
  });

  it('fails closed on a corrupt cookie', async () => {
    document.cookie = 'candor=1~zzzz~analytics~~bad~extra;Path=/';
    const candor = start();
    const state = await candor.ready;
    await settle();
    expect(state.decided).toBe(false);
    expect(candor.has('analytics')).toBe(false);
    expect(shown.map((s) => s.view)).toEqual(['banner']);
  });
});

describe('withdrawal', () => {
  it('reset forgets the decision, records a withdrawal and shows the banner again', async () => {
    const candor = start();
    await candor.ready;
    candor.acceptAll();
    await settle();
    await settle();
    shown = [];
    candor.reset();
    await settle();
    expect(candor.has('analytics')).toBe(false);
    expect(candor.get().decided).toBe(false);
    expect(document.cookie).not.toMatch(/candor=/);
    expect(shown.map((s) => s.view)).toEqual(['banner']);
    expect((await candor.receipts())[0]).toMatchObject({ event: 'withdrawn', method: 'api' });
  });

  it('a data-candor-open element opens the preference center, also when added later', async () => {
    const candor = start();
    await candor.ready;
    candor.rejectAll();
    const link = document.createElement('a');
    link.href = '#';
    link.setAttribute('data-candor-open', '');
    link.innerHTML = '<span>Privacy settings</span>';
    document.body.appendChild(link);
    await settle();
    shown = [];
    link.querySelector('span')!.click();
    await settle();
    expect(shown).toEqual([{ view: 'preferences', opener: link }]);
  });
});

describe('open() and close()', () => {
  it('close() called right after open(), before ready, leaves the preference center closed', async () => {
    document.cookie = `candor=${encodeDecision({ version: shop.version, time: clock - DAY, granted: OPTIONAL, denied: [] })}; path=/`;
    const calls: string[] = [];
    const ui: UI = { show: (view) => void calls.push('show ' + view), hide: (view) => void calls.push('hide ' + view), destroy() {} };
    const candor = start(shop, { ui: async () => () => ui });
    candor.open();
    candor.close();
    await candor.ready;
    await settle();
    expect(calls).toEqual(['show preferences', 'hide preferences']);
  });
});

describe('when', () => {
  it('waits until every listed purpose is granted', async () => {
    const candor = start();
    const fn = vi.fn();
    const done = candor.when(['analytics', 'marketing'], fn);
    await candor.ready;
    candor.set({ analytics: true });
    await settle();
    expect(fn).not.toHaveBeenCalled();
    candor.set({ marketing: true });
    await done;
    expect(fn).toHaveBeenCalledTimes(1);
    candor.set({ analytics: false });
    candor.set({ analytics: true });
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('resolves at ready for purposes already granted', async () => {
    const first = start();
    await first.ready;
    first.acceptAll();
    const fn = vi.fn();
    await start().when('analytics', fn);
    expect(fn).toHaveBeenCalledTimes(1);
  });
});

describe('bad input', () => {
  it('an invalid config grants nothing, reports every problem once, and keeps the API usable', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const onError = vi.fn();
    const bad = { ...shop, policyUrl: 'javascript:alert(1)', purposes: [...shop.purposes, { id: 'X' }] };
    const candor = start(bad);
    candor.on('error', onError);
    const state = await candor.ready;
    await settle();
    expect(state.error!.map((p) => p.path)).toEqual(['policyUrl', 'purposes[5].title', 'purposes[5].description', 'purposes[5].id']);
    expect(onError).toHaveBeenCalledWith(state.error);
    expect(error).toHaveBeenCalledTimes(1);
    expect(error.mock.calls[0][0]).toMatch(/purposes\[5\]\.id/);
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    candor.acceptAll();
    expect(candor.has('analytics')).toBe(false);
    expect(shown).toEqual([]);
  });

  it('config text that is not JSON, and a config that cannot be loaded', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect((await start('{ nope').ready).error![0].message).toMatch(/not valid JSON/);
    expect((await start(Promise.reject(new Error('HTTP 404'))).ready).error![0].message).toMatch(/could not be loaded \(HTTP 404\)/);
  });

  it('a listener that throws does not stop the others', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    const candor = start();
    await candor.ready;
    const after = vi.fn();
    candor.on('change', () => {
      throw new Error('page bug');
    });
    candor.on('change', after);
    expect(() => candor.acceptAll()).not.toThrow();
    expect(after).toHaveBeenCalled();
    vi.useRealTimers();
  });

  it('wrong-typed API arguments never throw from Candor, at once or later', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const candor = start();
    await candor.ready;
    const calls = [
      () => candor.open(123 as any),
      () => candor.open('#x' as any),
      () => candor.open({ nodeType: 1 } as any),
      () => candor.on('change', 123 as any)(),
      () => candor.on('constructor' as any, () => {})(),
      () => candor.on('__proto__' as any, () => {})(),
      () => candor.on('toString' as any, 'x' as any)(),
      () => candor.when(123 as any, 'not a function' as any),
      () => candor.when(null as any),
      () => candor.has(undefined as any),
      () => candor.set('analytics' as any),
      () => candor.set(null as any),
      () => candor.set([true] as any),
      () => candor.acceptAll(),
    ];
    try {
      for (const call of calls) expect(call).not.toThrow();
      // guard() reports a page callback's error through a timer: none may throw.
      // (Ten seconds at a time, not every pending timer: one waits for the decision to lapse, weeks away.)
      for (let i = 0; i < 5; i++) await expect(vi.advanceTimersByTimeAsync(10_000)).resolves.not.toThrow();
    } finally {
      vi.useRealTimers();
    }
    // The preference center opened without an opener for the values that are not elements.
    expect(shown.filter((s) => s.view == 'preferences').map((s) => s.opener ?? null)).toEqual([null, null, null]);
  });

  it('deeply nested __proto__ keys give a clear problem with ready and error events, not an internal error', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const deep = '{"__proto__":'.repeat(20000) + '{}' + '}'.repeat(20000);
    const candor = start(JSON.stringify(shop).replace('"purposes":[{', `"purposes":[{"__proto__":${deep},`));
    const onError = vi.fn(),
      onReady = vi.fn();
    candor.on('error', onError);
    candor.on('ready', onReady);
    const state = await candor.ready;
    expect(state.error!.map((p) => `${p.path}: ${p.message}`)).toEqual(['purposes[0].__proto__: unknown field']);
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onReady).toHaveBeenCalledTimes(1);
    expect(error.mock.calls.join(' ')).not.toMatch(/internal error/);
    expect(candor.has('necessary')).toBe(false);
  });

  it('10,000 purposes: refused by the validator, nothing granted, no banner', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const purposes = [
      ...shop.purposes,
      ...Array.from({ length: 10000 }, (_, i) => ({ id: `p${i}`, title: 'T', description: 'D', required: true, justification: 'J' })),
    ];
    const candor = start({ ...shop, purposes });
    const state = await candor.ready;
    await settle();
    // Required purposes are not in the cookie, but every receipt lists them: the cookie's byte limit refuses them.
    expect(state.error![0].message).toMatch(/the candor cookie and receipts would take \d+ bytes, more than the 4000 allowed/);
    expect(candor.has('p1')).toBe(false);
    expect(shown).toEqual([]);
  });

  it('says so when the decision could not be stored in the cookie: it holds for this page view only', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    Object.defineProperty(document, 'cookie', { configurable: true, get: () => '', set: () => {} });
    const candor = start();
    await candor.ready;
    candor.acceptAll();
    expect(warn.mock.calls.map((c) => c[0]).join('\n')).toMatch(/cookie refused, the choice holds for this page only/);
    expect(candor.has('analytics')).toBe(true);
  });

  it('unsubscribes', async () => {
    const candor = start();
    await candor.ready;
    const fn = vi.fn();
    const off = candor.on('change', fn);
    off();
    candor.acceptAll();
    expect(fn).not.toHaveBeenCalled();
  });
});

describe('gating', () => {
  it('activates gated scripts only after consent', async () => {
    document.body.innerHTML = '<script type="text/plain" data-purpose="analytics" src="/a.js"></script>';
    const candor = start();
    await candor.ready;
    expect(document.querySelector('script')!.type).toBe('text/plain');
    candor.rejectAll();
    expect(document.querySelector('script')!.type).toBe('text/plain');
    candor.set({ analytics: true });
    await settle();
    const s = document.querySelector('script')!;
    expect(s.getAttribute('type')).toBeNull();
    expect(s.getAttribute('src')).toBe('/a.js');
  });
});

describe('Global Privacy Control', () => {
  beforeEach(() => Object.defineProperty(navigator, 'globalPrivacyControl', { value: true, configurable: true }));
  afterEach(() => delete (navigator as any).globalPrivacyControl);

  it('denies the listed purposes over an earlier grant, and records it', async () => {
    document.cookie = `candor=${encodeDecision({ version: '2026-11', time: clock - DAY, granted: ['analytics', 'marketing'], denied: ['personalization', 'health-offers'] })};Path=/`;
    const candor = start();
    const state = await candor.ready;
    expect(state.gpc).toBe(true);
    expect(candor.has('analytics')).toBe(true);
    expect(candor.has('marketing')).toBe(false);
    expect((await candor.receipts())[0]).toMatchObject({ method: 'gpc', gpc: true, purposes: { marketing: false } });
    // The stored decision now refuses it, so a later visit without the signal grants nothing by itself.
    delete (navigator as any).globalPrivacyControl;
    expect(await start().ready).toMatchObject({ gpc: false, purposes: { marketing: false, analytics: true } });
  });

  it('Accept all cannot grant them', async () => {
    const candor = start();
    await candor.ready;
    candor.acceptAll();
    expect(candor.has('marketing')).toBe(false);
    expect(candor.has('analytics')).toBe(true);
  });
});

describe('language', () => {
  it('follows <html lang> when offered', async () => {
    document.documentElement.lang = 'fr-FR';
    expect((await start().ready).language).toBe('fr');
  });
  it('uses the forced language', async () => {
    document.documentElement.lang = 'en';
    expect((await start({ ...shop, language: 'fr' }).ready).language).toBe('fr');
  });
});
