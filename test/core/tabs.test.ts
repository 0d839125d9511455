import { createStore } from 'idb-keyval';
import { JSDOM } from 'jsdom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { validate } from '../../src/core/validate';
import { createCandor, type Options } from '../../src/core/manager';
import { uuid } from '../../src/core/receipts';
import { createServices } from '../../src/core/services';
import { createRecordStore, decodeDecision, encodeDecision } from '../../src/core/storage';
import type { CandorHost, UI } from '../../src/types';
import shop from '../fixtures/shop.json';

// Two tabs deciding at nearly the same moment (issue #11, item 5): each tab ends in the state of the last
// decision written, the `candor` cookie, even when another tab's cookie reaches this tab's view of cookies
// after the message that announced it, or lands just after this tab's own write.

let db = 0;
let window: Window & typeof globalThis;
let document: Document;
/** The BroadcastChannel the page opened (a stand-in: jsdom has none). */
let channel: { onmessage: ((e: MessageEvent) => void) | null; postMessage: (m: unknown) => void; close: () => void };

const OPTIONAL = ['analytics', 'personalization', 'marketing', 'health-offers'];
/** The cookie value another tab writes for Reject all. */
const REFUSED = encodeDecision({ version: shop.version, time: Date.UTC(2026, 10, 29, 12), granted: ['necessary'], denied: OPTIONAL });

function start(extra: Partial<Options> = {}): CandorHost {
  const ui: UI = { show() {}, hide() {}, destroy() {} };
  const records = createRecordStore(uuid, () => createStore(`candor-tabs-${db}`, 'records'));
  return createCandor({
    config: shop,
    ui: async () => () => ui,
    check: async () => validate,
    services: async () => createServices(records),
    window,
    document,
    ...extra,
  });
}

/** The purposes the cookie grants, as `get().purposes` shows them. */
function cookiePurposes() {
  const value = /(?:^|; )candor=([^;]*)/.exec(document.cookie)?.[1];
  const d = decodeDecision(value);
  return Object.fromEntries(['necessary', ...OPTIONAL].map((id) => [id, id == 'necessary' || !!d?.granted.includes(id)]));
}

beforeEach(() => {
  db++;
  window = new JSDOM('<!doctype html><html lang="en"><body></body></html>', { url: 'https://shop.example/' }).window as any;
  document = window.document;
  // biome-ignore lint/complexity/useArrowFunction: a constructor stand-in (`new BroadcastChannel()`)
  (window as any).BroadcastChannel = function () {
    return (channel = { onmessage: null, postMessage() {}, close() {} });
  };
});
afterEach(() => {
  vi.restoreAllMocks();
  window.close();
});

describe('two tabs deciding at nearly the same moment', () => {
  it('a tab told of another tab’s decision before its cookie is visible follows the cookie once it is', async () => {
    const candor = start();
    await candor.ready;
    candor.acceptAll();
    expect(candor.has('analytics')).toBe(true);
    // The other tab's Reject all: its message first, its cookie a moment later, and no second message.
    channel.onmessage!(new window.MessageEvent('message', { data: 1 }));
    document.cookie = `candor=${REFUSED};Path=/`;
    await vi.waitFor(() => expect(candor.get().purposes).toEqual(cookiePurposes()));
    expect(candor.has('analytics')).toBe(false);
  });

  it('when another tab’s decision lands just after this tab’s own write, this tab follows the cookie too, and still keeps its receipt', async () => {
    const { get, set } = Object.getOwnPropertyDescriptor(window.Document.prototype, 'cookie')!;
    Object.defineProperty(document, 'cookie', {
      configurable: true,
      get() {
        return get!.call(this);
      },
      set(value: string) {
        set!.call(this, value);
        // The other tab's Reject all, written right after this tab's Accept all.
        if (/^candor=1~/.test(value) && !value.includes(REFUSED)) set!.call(this, `candor=${REFUSED};Path=/`);
      },
    });
    const candor = start();
    await candor.ready;
    candor.acceptAll();
    expect(candor.get().purposes).toEqual(cookiePurposes());
    expect(candor.has('analytics')).toBe(false);
    // The decision made here was made, and is recorded as such.
    const [receipt] = await candor.receipts();
    expect(receipt).toMatchObject({ method: 'api', purposes: { analytics: true } });
  });
});

describe('the link between tabs opens once the page is parsed (docs/architecture.md, "Startup order")', () => {
  const settle = () => new Promise((r) => setTimeout(r, 0));
  /** The page still being parsed until `parsed()` (jsdom's own DOMContentLoaded has gone by then). */
  async function parsing() {
    await settle();
    Object.defineProperty(document, 'readyState', { configurable: true, get: () => 'loading' });
    return async () => {
      Object.defineProperty(document, 'readyState', { configurable: true, get: () => 'interactive' });
      document.dispatchEvent(new window.Event('DOMContentLoaded'));
      await settle();
    };
  }
  let opened: number;
  let told: unknown[];
  beforeEach(() => {
    opened = 0;
    told = [];
    // biome-ignore lint/complexity/useArrowFunction: a constructor stand-in (`new BroadcastChannel()`)
    (window as any).BroadcastChannel = function () {
      opened++;
      return (channel = { onmessage: null, postMessage: (m) => void told.push(m), close() {} });
    };
  });

  it('no channel while candor.js holds the parser; a decision another tab made in between is applied when it opens', async () => {
    const parsed = await parsing();
    const candor = start();
    await candor.ready;
    expect(opened).toBe(0);
    expect(candor.has('analytics')).toBe(false);
    // Another tab's Reject all, before this tab listens: no message reaches it.
    document.cookie = `candor=${REFUSED};Path=/`;
    const change = vi.fn();
    candor.on('change', change);
    await parsed();
    expect(opened).toBe(1);
    expect(change).toHaveBeenCalledTimes(1);
    expect(candor.get()).toMatchObject({ decided: true, purposes: cookiePurposes() });
    // Later messages are heard as before.
    document.cookie = `candor=${encodeDecision({ ...decodeDecision(REFUSED)!, granted: ['necessary', 'analytics'], denied: OPTIONAL.slice(1) })};Path=/`;
    channel.onmessage!(new window.MessageEvent('message', { data: 1 }));
    expect(candor.has('analytics')).toBe(true);
  });

  it('a decision made here before the page is parsed still tells the other tabs, once', async () => {
    const parsed = await parsing();
    const candor = start();
    await candor.ready;
    candor.rejectAll();
    expect(opened).toBe(1);
    expect(told).toEqual([1]);
    await parsed();
    expect(opened).toBe(1);
    expect(candor.has('analytics')).toBe(false);
  });

  it('destroyed before the page is parsed: no channel is opened', async () => {
    const parsed = await parsing();
    const candor = start();
    candor.destroy();
    await parsed();
    expect(opened).toBe(0);
  });
});

describe('a page restored from the back/forward cache (Safari keeps pages there; docs/integrations.md, "Browsers")', () => {
  /** The page comes back from the cache: no message was heard while it was there, only `pageshow` tells. */
  const restore = () => window.dispatchEvent(new window.PageTransitionEvent('pageshow', { persisted: true }));

  it('follows a decision made on another page while it was cached: a withdrawal turns its purposes off', async () => {
    const candor = start();
    await candor.ready;
    candor.acceptAll();
    // The visitor left, withdrew on another page of the site (its message never reached this one), and came back.
    document.cookie = `candor=${REFUSED};Path=/`;
    restore();
    expect(candor.get().purposes).toEqual(cookiePurposes());
    expect(candor.has('analytics')).toBe(false);
  });

  it('a page shown for the first time (persisted false), or destroyed, does not read the cookie again', async () => {
    const candor = start();
    await candor.ready;
    candor.acceptAll();
    document.cookie = `candor=${REFUSED};Path=/`;
    window.dispatchEvent(new window.PageTransitionEvent('pageshow', { persisted: false }));
    expect(candor.has('analytics')).toBe(true);
    candor.destroy();
    restore();
    expect(candor.has('analytics')).toBe(true);
  });
});
