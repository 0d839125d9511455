import type { CandorHost, State } from '../types';

/**
 * What `createCandor()` returns where there is no page — server-side rendering, Node, a worker: an instance
 * that grants nothing, shows nothing and never throws. `ready` resolves at once with an undecided state (so
 * a server render awaiting it does not hang); `when()` stays pending; decisions are ignored. The same call
 * in the browser starts the real manager.
 */
export function inertCandor(): CandorHost {
  const state: State = { decided: false, purposes: {}, version: null, decidedAt: null, expiresAt: null, gpc: false, language: 'en' };
  const get = () => ({ ...state, purposes: {} });
  const none = () => {};
  return {
    ready: Promise.resolve(get()),
    has: () => false,
    when: () => new Promise<void>(none),
    on: () => none,
    get,
    acceptAll: none,
    rejectAll: none,
    set: none,
    open: none,
    close: none,
    reset: none,
    receipts: () => Promise.resolve([]),
    destroy: none,
    version: __VERSION__,
    config: null,
    withdrawn: false,
    decide: none,
    emit: none,
  };
}
