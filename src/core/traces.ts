/**
 * Whether anything a purpose declares is on the device: a cookie named by one of `cookies`, a localStorage or
 * sessionStorage key matching `keys`. candor.js asks on every page load for the purposes not granted, and
 * loads the cleanup (dist/candor-core.js) only when the answer is yes: a tracker still in memory after a
 * withdrawal, or in its unload handler, may write its cookies back, and they must not outlive the page view.
 * A false yes (a storage key with a line break in it) only loads the cleanup, which matches whole names.
 */
import { matcher } from './cleanup';

/** `jar`: `document.cookie` as already read by the caller (each read is a round trip to the cookie store). */
export function present(win: Window, cookies: string[], keys: string[], jar?: string): boolean {
  /** `names`: one name per line (read only when there are patterns). */
  const any = (patterns: string[], names: () => string) => {
    try {
      return patterns.length > 0 && matcher(patterns, 'm').test(names());
    } catch {
      return false;
    }
  };
  return (
    any(cookies, () => (jar ?? win.document.cookie).replace(/=[^;]*;?\s*/g, '\n')) ||
    any(keys, () => Object.keys(win.localStorage).join('\n')) ||
    any(keys, () => Object.keys(win.sessionStorage).join('\n'))
  );
}
