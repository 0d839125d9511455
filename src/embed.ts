/**
 * The script-tag entry (dist/candor.js): reads `data-config` or else `<script type="application/json"
 * id="candor-config">`, creates `window.candor`, runs `window.candorQueue`, and loads the lazy chunks,
 * each with its build-time integrity hash, only when needed: the interface (dist/candor-ui.js) and the
 * visitor's language (dist/candor-<language>.js, one of src/languages.ts) when something must be shown — the interface loads
 * its preference center (candor-prefs.js) through the same loader when first needed —, the validator
 * (candor-check.js) for a configuration not known to be valid, the records (candor-core.js) after a decision.
 */
import { guard } from './core/guard';
import { builtInLanguage } from './core/language';
import { createCandor, type MountUI } from './core/manager';
import { adoptStyles } from './core/styles';
import { trusted } from './core/trusted';
import type { candorCore } from './core-entry';

/** sha256 of each lazy chunk, written in by the build (rollup.config.mjs). */
declare const __UI_INTEGRITY__: string;
declare const __CORE_INTEGRITY__: string;
declare const __CHECK_INTEGRITY__: string;
/** The languages with built-in texts (src/languages.ts), each with its chunk's integrity. */
declare const __LANGUAGES_INTEGRITY__: { [language: string]: string };

type Queued = (candor: unknown) => void;

(() => {
  const win = window as any;
  // Loaded twice: the first copy stays in charge (docs/contract.md §2). Markup such as `<form id="candor">` also makes a
  // `window.candor` (DOM clobbering), but never one whose `ready` is a promise.
  if (win.candor && win.candor.ready instanceof Promise) return;
  const doc = document;
  // `<img name="currentScript">` would clobber it too: only a script element counts.
  const current = doc.currentScript;
  const script = current instanceof HTMLScriptElement ? current : null;
  const base = (script && (script.getAttribute('data-base') || script.src.replace(/[^/]*$/, ''))) || '';
  // Only a `<script type="application/json">` is a configuration, and `data-config` wins over it: markup a
  // page lets through (a comment's `<p id="candor-config">`) must not configure Candor.
  const inline = doc.querySelector('script#candor-config[type="application/json"]');
  if (doc.getElementById('candor-config') != inline) console.warn('Candor: ignored #candor-config: not a <script type="application/json">');
  const url = script?.getAttribute('data-config');
  const config = url
    ? fetch(url, { credentials: 'same-origin' }).then((r) => (r.ok ? r.text() : Promise.reject(new Error(`HTTP ${r.status} for ${url}`))))
    : inline
      ? inline.textContent || ''
      : Promise.reject(new Error('no data-config, no <script type="application/json" id="candor-config">'));

  /**
   * Load a chunk from our own directory (once; again after a network failure), with its build-time
   * integrity hash and our nonce. The interface uses it too, for the preference center (candor-prefs.js).
   */
  const loaded: { [file: string]: Promise<any> } = {};
  const load = (file: string, integrity: string, global: string) =>
    (loaded[file] ||= new Promise((resolve, reject) => {
      const s = doc.createElement('script');
      s.src = trusted(win).createScriptURL(base + file);
      s.integrity = integrity;
      s.crossOrigin = 'anonymous';
      // Injected scripts are low priority: Chromium would let the page's images and late resources go first.
      s.fetchPriority = 'high';
      if (script?.nonce) s.nonce = script.nonce;
      s.onload = () => (win[global] ? resolve(win[global]) : reject(new Error(file + ' did not register')));
      s.onerror = () => {
        delete loaded[file];
        reject(new Error('could not load ' + s.src));
      };
      doc.head.appendChild(s);
    }));

  /** The built-in texts for `language`: its own, its language's (`de-AT` → `de`), the config's first's, or English. */
  const texts = (language: string, languages: string[]) => {
    const id = builtInLanguage(language, languages, Object.keys(__LANGUAGES_INTEGRITY__));
    return load(`candor-${id}.js`, __LANGUAGES_INTEGRITY__[id], 'candorText' + id);
  };

  const candor = (win.candor = createCandor({
    config,
    cache: url,
    base,
    salt: __CHECK_INTEGRITY__,
    ui: (language, languages = []) =>
      Promise.all([load('candor-ui.js', __UI_INTEGRITY__, 'candorUI'), texts(language, languages)]).then(
        ([mountUI, texts]): MountUI =>
          (host, options) =>
            mountUI(host, { ...options, texts: { [language]: texts }, load, adoptStyles }),
      ),
    texts,
    languages: Object.keys(__LANGUAGES_INTEGRITY__),
    check: () => load('candor-check.js', __CHECK_INTEGRITY__, 'candorCheck'),
    // The records chunk loads the decision language's texts through `load` too: receipts hash them.
    services: () => load('candor-core.js', __CORE_INTEGRITY__, 'candorCore').then((create: typeof candorCore) => create(texts)),
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
