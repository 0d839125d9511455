/**
 * The lazily loaded interface chunk (dist/candor-ui.js): registers `mountUI` for candor.js to pick up.
 * candor.js passes the built-in texts of the visitor's language, loaded from their own chunk, and its
 * chunk loader (integrity, crossorigin, nonce), with which the preference center (dist/candor-prefs.js)
 * is loaded on first need, and `adoptStyles` (src/core/styles.ts), which it has already. This file calls mount.ts, never index.ts, which bundles the preference center.
 * The banner draws with dom.ts: Preact comes with the preference center (issue #16).
 */
import type { CandorHost } from '../types';
import { mountUI, type MountOptions } from './mount';
import type { BuiltIn } from './texts';

/** sha256 of dist/candor-prefs.js, written in by the build (rollup.config.mjs). */
declare const __PREFS_INTEGRITY__: string;

(window as any).candorUI = (
  host: CandorHost,
  options: {
    doc: Document;
    base: string;
    texts: BuiltIn;
    /** candor.js's loader: a chunk of its directory, once, with integrity, crossorigin and its nonce. */
    load: (file: string, integrity: string, global: string) => Promise<any>;
    adoptStyles: MountOptions['adoptStyles'];
  },
) => {
  return mountUI(host, { ...options, preferences: () => options.load('candor-prefs.js', __PREFS_INTEGRITY__, 'candorPrefs') });
};
