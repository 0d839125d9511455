// One manager per page (docs/contract.md §2), whichever of dist/candor.js and the ES module's createCandor() comes first,
// and however often: the second stands down with a console warning. Markup that clobbers `window.candor` neither stops
// Candor nor passes for a running one. Runs the built dist/candor.js (npm run build first).
import { readFileSync } from 'node:fs';
import { JSDOM, VirtualConsole } from 'jsdom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCandor } from '../src/module';
import type { CandorHost } from '../src/types';
import shop from './fixtures/shop.json';

const CANDOR_JS = readFileSync('dist/candor.js', 'utf8');

let dom: JSDOM;
let warnings: string[];

/** A page with `markup` in its body and the shop's configuration inline. */
function page(markup = '') {
  warnings = [];
  const console = new VirtualConsole();
  console.on('warn', (m: unknown) => warnings.push(String(m)));
  dom = new JSDOM(
    `<!doctype html><html lang="en"><head><script type="application/json" id="candor-config">${JSON.stringify(shop)}</script></head><body>${markup}</body></html>`,
    { url: 'https://shop.example/', runScripts: 'outside-only', virtualConsole: console },
  );
  return dom.window as unknown as Window & typeof globalThis & { candor?: CandorHost };
}

/** What a page's script would take for a running manager. */
const manager = (w: Window & typeof globalThis & { candor?: CandorHost }) =>
  typeof w.candor?.has == 'function' && w.candor.ready instanceof (w as any).Promise;

afterEach(() => {
  vi.restoreAllMocks();
  dom?.window.close();
});

describe('one manager per page', () => {
  // Loaded twice, on a plain page and under markup that clobbers window.candor: the markup neither stops candor.js nor
  // passes for a manager; the second copy stands down, with a warning.
  it.each([[''], ['<img name="candor">'], ['<form id="candor"><input name="ready"></form>'], ['<iframe name="candor"></iframe>']])(
    'candor.js loaded twice (markup: %s): it runs, once',
    (markup) => {
      const w = page(markup);
      expect(manager(w)).toBe(false);
      w.eval(CANDOR_JS);
      const first = w.candor;
      expect(manager(w)).toBe(true);
      w.eval(CANDOR_JS);
      expect(w.candor).toBe(first);
      expect(warnings).toEqual(['Candor: already running, this copy stands down.']);
    },
  );

  it('the ES module first, then candor.js: candor.js stands down, with a warning', async () => {
    const w = page('<img name="candor">');
    const own = createCandor({ config: shop, ui: null, window: w, document: w.document });
    w.eval(CANDOR_JS);
    expect(warnings).toEqual(['Candor: already running, this copy stands down.']);
    // candor.js made no window.candor of its own: the markup's element is still all there is.
    expect(manager(w)).toBe(false);
    expect((await own.ready).purposes).toHaveProperty('analytics');
    own.destroy();
  });

  it('candor.js first, then the ES module: createCandor() returns candor.js’s manager, with a warning', () => {
    const w = page('<img name="candor">');
    w.eval(CANDOR_JS);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(createCandor({ config: shop, ui: null, window: w, document: w.document })).toBe(w.candor);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('already running on this page'));
  });

  it('the ES module twice: the second call returns the first manager, with a warning; once it is destroyed, a new one starts', async () => {
    const w = page();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const first = createCandor({ config: shop, ui: null, window: w, document: w.document });
    const second = createCandor({ config: { ...shop, version: 'other' }, ui: null, window: w, document: w.document });
    expect(second).toBe(first);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('already running on this page'));
    first.destroy();
    const next = createCandor({ config: shop, ui: null, window: w, document: w.document });
    expect(next).not.toBe(first);
    expect((await next.ready).purposes).toHaveProperty('analytics');
    next.destroy();
  });
});
