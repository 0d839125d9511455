/**
 * The script-tag entry (dist/candor.js): reads `data-config` or `<script type="application/json"
 * id="candor-config">`, creates `window.candor`, runs `window.candorQueue`, and loads the interface chunk
 * (dist/candor-ui.js, with its build-time integrity hash) only when something must be shown.
 */
import { createCandor, type MountUI } from './core/manager';

/** sha384 of dist/candor-ui.js, written in by the build (rollup.config.mjs). */
declare const __UI_INTEGRITY__: string;

type Queued = (candor: unknown) => void;

(() => {
  const win = window as any;
  // Loaded twice: the first copy stays in charge (SPEC §2).
  if (win.candor && win.candor.ready) return;
  const doc = document;
  const script = doc.currentScript as HTMLScriptElement | null;
  const base = (script && (script.getAttribute('data-base') || script.src.replace(/[^/]*$/, ''))) || '';
  const inline = doc.getElementById('candor-config');
  const url = script && script.getAttribute('data-config');
  const config = inline
    ? inline.textContent || ''
    : url
      ? fetch(url, { credentials: 'same-origin' }).then((r) => (r.ok ? r.text() : Promise.reject(new Error(`HTTP ${r.status} for ${url}`))))
      : Promise.reject(new Error('no data-config attribute and no <script type="application/json" id="candor-config">'));

  const ui = () =>
    new Promise<MountUI>((resolve, reject) => {
      const s = doc.createElement('script');
      s.src = base + 'candor-ui.js';
      s.integrity = __UI_INTEGRITY__;
      s.crossOrigin = 'anonymous';
      if (script && script.nonce) s.nonce = script.nonce;
      s.onload = () => (win.candorUI ? resolve(win.candorUI) : reject(new Error('candor-ui.js did not register')));
      s.onerror = () => reject(new Error('could not load ' + s.src));
      doc.head.appendChild(s);
    });

  const candor = (win.candor = createCandor({ config, base, ui }));
  const run = (fn: Queued) => {
    if (typeof fn != 'function') return;
    try {
      fn(candor);
    } catch (e) {
      setTimeout(() => {
        throw e;
      });
    }
  };
  // Functions queued before load run once ready; pushed later, they run at once.
  candor.ready.then(() => {
    const queued = win.candorQueue;
    win.candorQueue = { push: (...fns: Queued[]) => (fns.forEach(run), 0) };
    if (Array.isArray(queued)) queued.forEach(run);
  });
})();
