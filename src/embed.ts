/**
 * The script-tag entry (dist/candor.js): reads `data-config` or else `<script type="application/json"
 * id="candor-config">`, creates `window.candor`, runs `window.candorQueue`, and loads the lazy chunks of
 * src/chunks.json, each with its build-time integrity hash, only when needed: the interface (dist/candor-ui.js)
 * and the visitor's language (dist/candor-<language>.js, one of src/languages.ts) when something must be shown — the interface loads
 * its preference center (candor-prefs.js) and the language's second layer (candor-<language>-prefs.js) through the same
 * loader when first needed —, the embed placeholders
 * (candor-embeds.js) on the first blocked embed, the validator (candor-check.js) for a configuration not known
 * to be valid, the records (candor-core.js) after a decision. The floating button is in candor.js itself: a returning
 * visitor needs it on every page (docs/contract.md §1).
 */
import type { Chunk, Integrity, Load } from './chunks';
import { floatingButton } from './core/button';
import { guard } from './core/guard';
import { builtInLanguage } from './core/language';
import { createCandor, type MountUI } from './core/manager';
import { ONE, type Running } from './core/one';
import { adoptStyles } from './core/styles';
import { trusted } from './core/trusted';
import { LANGUAGES } from './languages';
import type { CandorHost } from './types';

/**
 * The sha256 of the chunks candor.js loads itself, written in by the build (rollup.config.mjs): ui, embeds,
 * button, check, core, languages and the DEFAULT_LANGUAGES' texts; the other languages' are in candor-languages.js.
 */
declare const __INTEGRITY__: Integrity;

type Queued = (candor: unknown) => void;

declare global {
  interface Window {
    candor?: CandorHost;
    candorQueue?: Queued[] | { push(...fns: Queued[]): number };
  }
}

(() => {
  const win = window as Window & Running;
  // Loaded twice, or after the ES module's createCandor(): the first stays in charge (docs/contract.md §2). Not read from
  // `window.candor`, which markup makes too (`<iframe name="candor">`: reading its `ready` throws, cross-origin).
  if (win[ONE]) return console.warn('Candor: already running, this copy stands down.');
  const doc = document;
  // `<img name="currentScript">` would clobber it too: only a script element counts.
  const current = doc.currentScript;
  const script = current instanceof HTMLScriptElement ? current : null;
  // `data-base` names the directory, with or without its final `/`.
  const base = (script && (script.getAttribute('data-base')?.replace(/([^/])$/, '$1/') || script.src.replace(/[^/]*$/, ''))) || '';
  // Only a `<script type="application/json">` is a configuration, and `data-config` wins over it: markup a
  // page lets through (a comment's `<p id="candor-config">`) must not configure Candor.
  const inline = doc.querySelector('script#candor-config[type="application/json"]');
  if (doc.getElementById('candor-config') != inline) console.warn('Candor: ignored #candor-config: not a <script type="application/json">');
  const url = script?.getAttribute('data-config');
  // The file's request is a function: the manager starts it (later for a returning visitor, src/core/manager.ts).
  const config = url
    ? () => fetch(url, { credentials: 'same-origin' }).then((r) => (r.ok ? r.text() : Promise.reject(new Error(`HTTP ${r.status} for ${url}`))))
    : inline
      ? inline.textContent || ''
      : Promise.reject(new Error('no data-config, no <script type="application/json" id="candor-config">'));

  const INTEGRITY = __INTEGRITY__;
  /**
   * Load chunk `id`, dist/candor-<id>.js, from our own directory (once; again after a network failure), with
   * its `sha256` (base64, as the build writes it: src/chunks.ts) as integrity and our nonce; it registers `window['candor-<id>']` (src/chunks.ts). The interface uses it
   * too, for the preference center (candor-prefs.js).
   */
  const loaded: { [id: string]: Promise<unknown> } = {};
  const load: Load = <K extends string>(id: K, sha256: string) =>
    (loaded[id] ||= new Promise((resolve, reject) => {
      // No hash, no check (an empty one is none): refuse rather than run an unchecked chunk.
      if (!sha256) throw new Error('no integrity for ' + id);
      const name = `candor-${id}` as const;
      const s = doc.createElement('script');
      s.src = trusted(win).createScriptURL(base + name + '.js');
      s.integrity = 'sha256-' + sha256;
      s.crossOrigin = 'anonymous';
      // Injected scripts are low priority: Chromium would let the page's images and late resources go first.
      s.fetchPriority = 'high';
      if (script?.nonce) s.nonce = script.nonce;
      s.onload = () => (win[name] ? resolve(win[name]) : reject(new Error(name + ' did not register')));
      s.onerror = () => {
        delete loaded[id];
        reject(new Error('could not load ' + s.src));
      };
      doc.head.appendChild(s);
    })) as Promise<Chunk<K>>;
  /** A chunk whose hash candor.js carries. */
  const own = <K extends string>(id: K) => load(id, INTEGRITY[id]);

  /**
   * The first-layer chunk for `language` (src/chunks.ts): its own, its language's (`de-AT` → `de`), the config's
   * first's, or English. A language other than the DEFAULT_LANGUAGES waits for candor-languages.js, which has its
   * hash. It names the second layer's chunk, which the preference center and the records chunk load (src/both-layers.ts).
   */
  const first = (language: string, languages: string[]) => {
    const id = builtInLanguage(language, languages, LANGUAGES);
    return INTEGRITY[id] ? own(id) : own('languages').then((hashes) => load(id, hashes[id]));
  };

  const candor =
    (win[ONE] =
    win.candor =
      createCandor({
        config,
        cache: url,
        base,
        salt: INTEGRITY.check,
        ui: (language, languages = []) =>
          Promise.all([own('ui'), first(language, languages)]).then(
            ([mountUI, texts]): MountUI =>
              (host, options) =>
                mountUI(host, { ...options, language, texts, load, adoptStyles, builtInLanguage }),
          ),
        // The floating button's and the placeholders' texts are in the first layer (src/ui/text-layers.ts).
        texts: (language, languages) => first(language, languages).then((c) => c[0]),
        languages: LANGUAGES,
        check: () => own('check'),
        placeholders: () => own('embeds'),
        button: async () => floatingButton,
        // The records chunk loads the decision language's texts through `load` too, both layers: receipts hash them all.
        services: () => own('core').then((create) => create(first, load)),
      }));
  const run = (fn: Queued) => typeof fn == 'function' && guard(() => fn(candor));
  // Functions queued before load run once ready; pushed later, they run at once.
  candor.ready.then(() => {
    const queued = win.candorQueue;
    win.candorQueue = {
      push: (...fns: Queued[]) => {
        fns.forEach(run);
        return 0;
      },
    };
    if (Array.isArray(queued)) queued.forEach(run);
  });
})();
