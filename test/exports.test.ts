import { describe, expect, it } from 'vitest';
import * as candor from '../src/index';

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
  });
});
