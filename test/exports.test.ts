import { describe, expect, it, vi } from 'vitest';
import * as candor from '../src/index';
import shop from './fixtures/shop.json';

// The public ES module surface (locked here, as the public contract in docs/contract.md §4 is): a change here is a change for every bundler user.
describe('the ES module', () => {
  it('exports exactly these values', () => {
    expect(Object.keys(candor).sort()).toEqual([
      'canonical',
      'checkConfig',
      'createCandor',
      'isSafeUrl',
      'loadTexts',
      'mountUI',
      'notice',
      'noticeHash',
      'parseConfig',
      'version',
    ]);
  });

  it('createCandor gives the window.candor API', async () => {
    const c = candor.createCandor({
      config: {
        version: '1',
        controller: { name: 'Shop' },
        policyUrl: '/privacy',
        purposes: [{ id: 'analytics', title: 'Analytics', description: 'Counts visits.', dataCategories: ['browsing'] }],
      },
      ui: null,
    });
    for (const member of ['has', 'when', 'on', 'get', 'acceptAll', 'rejectAll', 'set', 'open', 'close', 'reset', 'receipts', 'destroy'])
      expect(typeof (c as any)[member], member).toBe('function');
    const state = await c.ready;
    expect(state.purposes).toEqual({ analytics: false });
    c.acceptAll();
    expect(c.has('analytics')).toBe(true);
    // One manager per page: the next createCandor() starts only once this one is gone (test/one-manager.test.ts).
    c.destroy();
  });

  it('createCandor never throws for what plain JavaScript may pass, and grants nothing then (docs/contract.md §8)', async () => {
    const create = candor.createCandor as (o?: unknown) => ReturnType<typeof candor.createCandor>;
    const boom = () => {
      throw new Error('boom');
    };
    for (const options of [undefined, null, 'consent.json', {}, { config: boom }]) {
      const c = create(options);
      const state = await c.ready;
      expect(state.decided, JSON.stringify(options)).toBe(false);
      expect(state.error?.length, JSON.stringify(options)).toBeGreaterThan(0);
      c.acceptAll();
      expect(c.has('analytics')).toBe(false);
      c.destroy();
    }
    // A loader that throws at once is reported as a configuration that could not be loaded.
    const c = create({ config: boom });
    expect((await c.ready).error).toEqual([{ path: '', message: 'could not be loaded (boom)' }]);
    c.destroy();
  });

  it('createCandor on a page where candor.js already runs returns that manager, with a warning, and starts no second one', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    // Markup clobbering window.candor is not a manager: the module starts its own.
    document.body.innerHTML = '<form id="candor"><input name="ready"></form>';
    const own = candor.createCandor({ config: shop, ui: null });
    expect(own).not.toBe(window.candor);
    expect((await own.ready).purposes).toHaveProperty('analytics');
    own.destroy();
    document.body.innerHTML = '';
    expect(warn).not.toHaveBeenCalled();
    // candor.js's window.candor (here a manager the same way).
    const running = candor.createCandor({ config: shop, ui: null });
    window.candor = running;
    try {
      const other = candor.createCandor({ config: { ...shop, version: 'other' }, ui: null });
      expect(other).toBe(running);
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('already running on this page'));
      await other.ready;
      other.acceptAll();
      // The decision is candor.js's, made with its configuration.
      expect(running.get().version).toBe(shop.version);
      expect(running.has('analytics')).toBe(true);
    } finally {
      running.reset();
      running.destroy();
      delete window.candor;
      warn.mockRestore();
    }
  });

  it('createCandor: ui true or undefined is the built-in banner (as when left out), ui false headless', async () => {
    const banner = async (ui: unknown) => {
      // No decision on this device (an earlier test decided).
      document.cookie = 'candor=; Path=/; Max-Age=0';
      const c = candor.createCandor({ config: shop, ui } as never);
      await c.ready;
      await expect.poll(() => document.getElementById('candor')?.shadowRoot?.querySelector('[role="region"]') != null).toBe(ui !== false);
      const shown = document.getElementById('candor') != null;
      c.destroy();
      document.getElementById('candor')?.remove();
      return shown;
    };
    expect(await banner(true)).toBe(true);
    expect(await banner(undefined)).toBe(true);
    expect(await banner(false)).toBe(false);
  });
});
