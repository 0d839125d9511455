/**
 * The lazily loaded interface chunk (dist/candor-ui.js): registers `mountUI` for candor.js to pick up.
 * candor.js passes the first layer's built-in texts of the visitor's language, loaded from their own chunk, how to
 * load the others (with the preference center), and its
 * chunk loader (integrity, crossorigin, nonce), with which the preference center (dist/candor-prefs.js)
 * is loaded on first need, and `adoptStyles` (src/core/styles.ts) and `builtInLanguage` (src/core/language.ts), which it
 * has already. This file calls mount.ts, never index.ts, which bundles the preference center.
 * The banner draws with dom.ts; Preact comes with the preference center (docs/architecture.md).
 */
import { bothLayers } from '../both-layers';
import type { FirstLayer, Integrity, Load } from '../chunks';
import type { CandorHost, UI } from '../types';
import { mountUI, type MountOptions } from './mount';
import type { BuiltIn } from './texts';

/** The sha256 of the chunks this one loads (dist/candor-prefs.js), written in by the build (rollup.config.mjs). */
declare const __INTEGRITY__: Integrity;

/** What candor.js calls to show the interface. */
export type UIChunk = (
  host: CandorHost,
  options: {
    doc: Document;
    base: string;
    /** The visitor's language, and its first layer's chunk (src/ui/text-layers.ts), which names the second layer's. */
    language: string;
    texts: FirstLayer;
    load: Load;
    adoptStyles: MountOptions['adoptStyles'];
    builtInLanguage: MountOptions['builtInLanguage'];
  },
) => UI;

window['candor-ui'] = (host, options) => {
  const { load } = options;
  // Keyed by the built-in language the chunk is of (it names its second layer, `en-prefs`), not the visitor's: `ar` shows
  // English texts, and is still written right to left (src/ui/texts.ts asks src/core/direction.ts).
  const id = options.texts[1].slice(0, -6);
  // mount.ts reads `texts` at each draw: the language's whole texts replace its first layer's before the preference
  // center, loaded together with its chunk, is drawn; either failing fails the opening (retried on the next need).
  const texts: BuiltIn = { [id]: options.texts[0] };
  const preferences = () =>
    Promise.all([load('prefs', __INTEGRITY__.prefs), bothLayers(options.texts, load)]).then(([prefs, all]) => {
      texts[id] = all;
      return prefs;
    });
  return mountUI(host, { ...options, texts, preferences });
};
