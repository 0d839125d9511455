// @vitest-environment node
// Server-side rendering: the BUILT ES module (dist/candor.mjs, `npm run build` first; `npm test` does) imported
// in plain Node, without `window`, and a component that creates Candor at module level rendered to a string.
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import shop from './fixtures/shop.json';

// The built file, as a package user gets it (not src/).
const dist = '../dist/candor.mjs';
const load = (): Promise<typeof import('../src/index')> => import(/* @vite-ignore */ dist);

describe('without a page (Node, SSR, workers)', () => {
  it('the built module imports, and createCandor() returns an inert instance: nothing granted, ready resolved as undecided, no throw', async () => {
    expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined');
    const { createCandor } = await load();
    const candor = createCandor({ config: shop });
    expect(await candor.ready).toMatchObject({ decided: false, purposes: {}, version: null });
    expect(candor.has('analytics')).toBe(false);
    expect(candor.get().decided).toBe(false);
    candor.acceptAll();
    candor.set({ analytics: true });
    candor.open();
    expect(candor.has('analytics')).toBe(false);
    expect(await candor.receipts()).toEqual([]);
    let resolved = false;
    candor.when('analytics').then(() => (resolved = true));
    await new Promise((r) => setTimeout(r, 10));
    expect(resolved).toBe(false);
    expect(() => candor.on('change', () => {})()).not.toThrow();
    expect(() => candor.destroy()).not.toThrow();
  });

  it('a component module that creates Candor at module level renders on the server', async () => {
    const { createCandor } = await load();
    // The docs' pattern: one instance, created where the module is evaluated.
    const candor = createCandor({ config: shop });
    const Consent = () =>
      h('p', null, candor.has('analytics') ? 'Analytics on' : 'Analytics off', ' ', h('button', { 'data-candor-open': '' }, 'Privacy settings'));
    const html = renderToString(h(Consent, null));
    expect(html).toMatch(/^<p>Analytics off <button data-candor-open(="")?>Privacy settings<\/button><\/p>$/);
  });
});
