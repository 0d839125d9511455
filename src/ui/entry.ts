/**
 * The lazily loaded interface chunk (dist/candor-ui.js): registers `mountUI` for candor.js to pick up.
 * candor.js passes the built-in texts of the visitor's language, loaded from their own chunk, and its
 * chunk loader (integrity, crossorigin, nonce), with which the preference center (dist/candor-prefs.js)
 * is loaded on first need, and `adoptStyles` (src/core/styles.ts), which it has already. This file calls mount.ts, never index.ts, which bundles the preference center.
 * The banner draws with dom.ts; Preact comes with the preference center (docs/architecture.md).
 */
import type { Integrity, Load } from '../chunks';
import type { CandorHost, UI } from '../types';
import { mountUI, type MountOptions } from './mount';
import type { BuiltIn } from './texts';

/** The sha256 of the chunks this one loads (dist/candor-prefs.js), written in by the build (rollup.config.mjs). */
declare const __INTEGRITY__: Integrity;

/** What candor.js calls to show the interface. */
export type UIChunk = (
  host: CandorHost,
  options: { doc: Document; base: string; texts: BuiltIn; load: Load; adoptStyles: MountOptions['adoptStyles'] },
) => UI;

window['candor-ui'] = (host, options) => mountUI(host, { ...options, preferences: () => options.load('prefs', __INTEGRITY__.prefs) });
