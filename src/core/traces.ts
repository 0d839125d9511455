/**
 * Whether anything to clean up is on the device (src/core/cleanup.ts `doomed`): a cookie, a localStorage or
 * sessionStorage key that a purpose not granted declares and no purpose granted or required does. candor.js asks on
 * every page load, and loads the cleanup (dist/candor-core.js) only when the answer is yes: a tracker still in memory
 * after a withdrawal, or in its unload handler, may write its cookies back, and they must not outlive the page view.
 * A name a granted purpose declares too is no reason: the cleanup would keep it, and loading it on every page view
 * would be for nothing.
 */
import type { ResolvedConfig } from '../types';
import { cookieNames, doomed } from './cleanup';

/** `jar`: `document.cookie` as already read by the caller (each read is a round trip to the cookie store). */
export const present = (win: Window, purposes: ResolvedConfig['purposes'], has: (id: string) => boolean, jar?: string): boolean =>
  [() => cookieNames(jar ?? win.document.cookie), () => Object.keys(win.localStorage), () => Object.keys(win.sessionStorage)].some(
    (names, i) => doomed(purposes, has, i ? 'storageKeys' : 'cookies', names).length,
  );
