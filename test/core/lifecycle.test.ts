// destroy(): a single-page app mounts and unmounts Candor without leaking listeners, observers, timers or
// markup; and mistakes with purpose ids are loud (one console warning per unknown id).
import { JSDOM } from 'jsdom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCandor } from '../../src/module';
import type { CandorHost } from '../../src/types';
import { encodeDecision } from '../../src/core/storage';
import shop from '../fixtures/shop.json';

const OPTIONAL = shop.purposes.filter((p) => !p.required).map((p) => p.id);

const EMBEDS = Array.from({ length: 30 }, (_, i) => `<img data-purpose="marketing" data-src="/p${i}.png" width="40" height="30" alt="">`).join('');

/**
 * A page whose listeners, observers and timers are counted: live = added and neither removed nor aborted
 * (through the `signal` option), observing and not disconnected, set and not cleared.
 */
function counted(html: string, broadcast: boolean) {
  const dom = new JSDOM(`<!doctype html><html lang="en"><body>${html}<a href="#" data-candor-open>Privacy</a></body></html>`, {
    url: 'https://www.shop.example/',
  });
  const win = dom.window as any;
  // jsdom's selector engine registers its own listeners on first use.
  win.document.querySelectorAll('*');
  if (broadcast) win.BroadcastChannel = BroadcastChannel;
  const listeners = new Set<{ signal?: AbortSignal; key: string }>();
  const keys = new Map<string, { signal?: AbortSignal; key: string }>();
  let ids = 0;
  const ownerIds = new WeakMap<object, number>();
  for (const target of [win, win.document]) {
    const add = target.addEventListener,
      remove = target.removeEventListener;
    target.addEventListener = function (type: string, fn: any, options?: any) {
      if (!ownerIds.has(fn)) ownerIds.set(fn, ++ids);
      const entry = { signal: options?.signal, key: `${target == win}:${type}:${ownerIds.get(fn)}` };
      if (!keys.has(entry.key)) {
        keys.set(entry.key, entry);
        listeners.add(entry);
      }
      if (options?.once) {
        const wrapped = fn;
        return add.call(
          this,
          type,
          function (this: unknown, e: Event) {
            listeners.delete(keys.get(entry.key)!);
            keys.delete(entry.key);
            return typeof wrapped == 'function' ? wrapped.call(this, e) : wrapped.handleEvent(e);
          },
          options,
        );
      }
      return add.call(this, type, fn, options);
    };
    target.removeEventListener = function (type: string, fn: any, options?: any) {
      const key = `${target == win}:${type}:${ownerIds.get(fn)}`;
      const entry = keys.get(key);
      if (entry) {
        listeners.delete(entry);
        keys.delete(key);
      }
      return remove.call(this, type, fn, options);
    };
  }
  const observing = new Set<object>();
  // The code under test uses the global observers (the test environment's window) and the page's.
  for (const [scope, name] of [win, globalThis].flatMap((g) =>
    ['MutationObserver', 'ResizeObserver', 'IntersectionObserver'].map((n) => [g, n] as const),
  )) {
    const Base = (scope as any)[name];
    if (!Base) continue;
    if (scope == globalThis) vi.stubGlobal(name, undefined);
    (scope as any)[name] = class extends Base {
      observe(...args: unknown[]) {
        observing.add(this);
        return super.observe(...args);
      }
      disconnect() {
        observing.delete(this);
        return super.disconnect();
      }
    };
  }
  const intervals = new Set<number>();
  const setInterval = win.setInterval,
    clearInterval = win.clearInterval;
  win.setInterval = (...args: any[]) => {
    const id = setInterval.apply(win, args);
    intervals.add(id);
    return id;
  };
  win.clearInterval = (id: number) => {
    intervals.delete(id);
    clearInterval.call(win, id);
  };
  const channels = new Set<BroadcastChannel>();
  if (broadcast)
    win.BroadcastChannel = class extends BroadcastChannel {
      constructor(name: string) {
        super(name);
        channels.add(this);
      }
      close() {
        channels.delete(this);
        super.close();
      }
    };
  const live = () => ({
    listeners: [...listeners].filter((l) => !l.signal?.aborted).length,
    observers: observing.size,
    intervals: intervals.size,
    channels: channels.size,
    markup: dom.window.document.querySelectorAll('[data-candor-placeholder],[data-candor-button],#candor').length,
  });
  return { dom, live, observing };
}

const open: CandorHost[] = [];
const start = (dom: JSDOM, config: unknown = shop) => {
  const c = createCandor({ config, window: dom.window as any, document: dom.window.document });
  open.push(c);
  return c;
};
afterEach(() => {
  open.splice(0).forEach((c) => c.destroy());
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('destroy()', () => {
  for (const broadcast of [true, false])
    it(`releases every listener, observer, ${broadcast ? 'BroadcastChannel' : 'polling interval'}, placeholder and the interface, mount after mount`, async () => {
      const { dom, live } = counted(EMBEDS, broadcast);
      const before = live();
      expect(before).toEqual({ listeners: 0, observers: 0, intervals: 0, channels: 0, markup: 0 });
      for (let round = 0; round < 3; round++) {
        const candor = start(dom);
        await candor.ready;
        // Mounted: the banner, 30 placeholders (one observer for all of them), the gate's observer.
        await vi.waitFor(() => expect(dom.window.document.querySelector('#candor')).not.toBeNull());
        const mounted = live();
        expect(mounted.markup).toBe(31);
        expect(mounted.listeners).toBeGreaterThan(0);
        expect(mounted.observers).toBeLessThanOrEqual(3);
        expect(broadcast ? mounted.channels : mounted.intervals).toBe(1);
        candor.destroy();
        await vi.waitFor(() => expect(live()).toEqual(before));
        // The embeds are as the page wrote them: visible, still without a source.
        const img = dom.window.document.querySelector('img')!;
        expect(img.hidden).toBe(false);
        expect(img.getAttribute('src')).toBeNull();
      }
    });

  it('destroyed before its config arrives, it applies and shows nothing: no gated script or embed, button, banner or event', async () => {
    for (const decided of [true, false]) {
      const { dom } = counted('<script type="text/plain" data-purpose="analytics" src="/a.js"></script>' + EMBEDS, true);
      const doc = dom.window.document;
      // A returning visitor who granted everything optional, or a first visit.
      if (decided) doc.cookie = `candor=${encodeDecision({ version: shop.version, time: Date.now(), granted: OPTIONAL, denied: [] })};Path=/`;
      let give!: (config: unknown) => void;
      const candor = start(dom, new Promise((resolve) => (give = resolve)));
      const events = vi.fn();
      for (const name of ['ready', 'change', 'show', 'error'] as const) candor.on(name, events);
      candor.destroy();
      give(shop);
      const state = await candor.ready;
      await new Promise((r) => setTimeout(r, 50));
      expect(state.decided).toBe(false);
      expect(candor.has('analytics')).toBe(false);
      expect(doc.querySelector('script')!.getAttribute('type')).toBe('text/plain');
      expect(doc.querySelector('img[src]')).toBeNull();
      expect(doc.querySelectorAll('[data-candor-placeholder],[data-candor-button],#candor')).toHaveLength(0);
      expect(events).not.toHaveBeenCalled();
    }
  });

  it('after destroy, a click on data-candor-open opens nothing', async () => {
    const { dom } = counted('', true);
    const candor = start(dom);
    await candor.ready;
    candor.destroy();
    const shown = vi.fn();
    candor.on('show', shown);
    dom.window.document.querySelector<HTMLElement>('[data-candor-open]')!.click();
    await new Promise((r) => setTimeout(r, 20));
    expect(shown).not.toHaveBeenCalled();
    expect(dom.window.document.querySelector('#candor')).toBeNull();
  });

  it('one shared observer for all placeholders, and each embed measured once, in one batch', async () => {
    const { dom, observing } = counted(EMBEDS, true);
    const rect = vi.spyOn(dom.window.Element.prototype, 'getBoundingClientRect');
    const candor = start(dom);
    await candor.ready;
    expect(dom.window.document.querySelectorAll('[data-candor-placeholder]')).toHaveLength(30);
    // The gate's observer and the placeholders' one (the interface may add its own ResizeObserver).
    expect([...observing].filter((o) => o.constructor.name != 'ResizeObserver')).toHaveLength(2);
    // Measured, even with width and height attributes: page CSS may size the image otherwise (docs/contract.md §3).
    expect(rect).toHaveBeenCalledTimes(30);
  });
});

describe('unknown purpose ids', () => {
  const known = shop.purposes.map((p) => p.id).join(', ');

  it('has(), when() and set() warn once per unknown id, with the known ids, and grant nothing', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { dom } = counted('', true);
    const candor = start(dom);
    await candor.ready;
    expect(candor.has('typo')).toBe(false);
    expect(candor.has('typo')).toBe(false);
    candor.when('analytic');
    await candor.ready;
    candor.set({ tyop: true, analytics: true });
    expect(candor.has('analytics')).toBe(true);
    expect(candor.get().purposes).not.toHaveProperty('tyop');
    const said = warn.mock.calls.map((c) => String(c[0])).filter((m) => m.includes('unknown purpose'));
    expect(said).toEqual([
      `Candor: unknown purpose "typo", never granted. Known purposes: ${known}`,
      `Candor: unknown purpose "analytic", never granted. Known purposes: ${known}`,
      `Candor: unknown purpose "tyop", never granted. Known purposes: ${known}`,
    ]);
  });

  it('a typo in data-purpose warns once, however many elements carry it', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { dom } = counted('<img data-purpose="marketting" data-src="/a.png" alt=""><img data-purpose="marketting" data-src="/b.png" alt="">', true);
    const candor = start(dom);
    await candor.ready;
    candor.acceptAll();
    expect(dom.window.document.querySelector('img')!.getAttribute('src')).toBeNull();
    const said = warn.mock.calls.map((c) => String(c[0])).filter((m) => m.includes('unknown purpose'));
    expect(said).toEqual([`Candor: unknown purpose "marketting", never granted. Known purposes: ${known}`]);
  });

  it('a gated script naming an undeclared purpose beside a declared one warns at ready, whatever the visitor decided', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { dom } = counted('<script type="text/plain" data-purpose="marketing typo">window.ran = true</script>', true);
    const candor = start(dom);
    await candor.ready;
    // Undecided: marketing is not granted, the gate needs no more to keep the script inert, and still names the typo.
    const said = () => warn.mock.calls.map((c) => String(c[0])).filter((m) => m.includes('unknown purpose'));
    expect(said()).toEqual([`Candor: unknown purpose "typo", never granted. Known purposes: ${known}`]);
    candor.acceptAll();
    expect((dom.window as any).ran).toBeUndefined();
    expect(said()).toHaveLength(1);
  });

  it('known ids, required ones included, never warn', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { dom } = counted('', true);
    const candor = start(dom);
    await candor.ready;
    for (const p of shop.purposes) candor.has(p.id);
    candor.set({ analytics: false });
    expect(warn.mock.calls.filter((c) => String(c[0]).includes('unknown purpose'))).toEqual([]);
  });
});

describe('placeholders follow their embeds (one shared observer)', () => {
  it('moves with an embed a framework moves, and leaves with one it removes', async () => {
    const { dom } = counted(
      '<div id="a"><iframe data-purpose="marketing" data-src="https://video.example/1" title="Video"></iframe></div><div id="b"></div>',
      true,
    );
    const doc = dom.window.document;
    const candor = start(dom);
    await candor.ready;
    const iframe = doc.querySelector('iframe')!;
    const host = doc.querySelector('[data-candor-placeholder]')!;
    expect(iframe.previousSibling).toBe(host);
    doc.getElementById('b')!.append(iframe);
    await vi.waitFor(() => expect(iframe.previousSibling).toBe(host));
    expect(doc.getElementById('a')!.children).toHaveLength(0);
    doc.getElementById('b')!.prepend(doc.createElement('span'), doc.createElement('span'));
    iframe.before(doc.createElement('p'));
    await vi.waitFor(() => expect(iframe.previousSibling).toBe(host));
    iframe.remove();
    await vi.waitFor(() => expect(doc.querySelector('[data-candor-placeholder]')).toBeNull());
  });
});
