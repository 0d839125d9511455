/**
 * The script-tag entry (dist/candor.js): reads `data-config` or `<script type="application/json"
 * id="candor-config">`, creates `window.candor`, runs `window.candorQueue`, and loads the interface chunk
 * (dist/candor-ui.js, with its build-time integrity hash) only when something must be shown.
 */
import { guard } from './core/guard';
import { createCandor, type MountUI } from './core/manager';
import type { Services } from './core/services';

/** sha256 of dist/candor-ui.js and dist/candor-core.js, written in by the build (rollup.config.mjs). */
declare const __UI_INTEGRITY__: string;
declare const __CORE_INTEGRITY__: string;

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
      : Promise.reject(new Error('no data-config, no #candor-config'));

  /** Load a chunk from our own directory, with its build-time integrity hash and our nonce. */
  const load = <T>(file: string, integrity: string, global: string) =>
    new Promise<T>((resolve, reject) => {
      const s = doc.createElement('script');
      s.src = base + file;
      s.integrity = integrity;
      s.crossOrigin = 'anonymous';
      if (script && script.nonce) s.nonce = script.nonce;
      s.onload = () => (win[global] ? resolve(win[global]) : reject(new Error(file + ' did not register')));
      s.onerror = () => reject(new Error('could not load ' + s.src));
      doc.head.appendChild(s);
    });

  const candor = (win.candor = createCandor({
    config,
    base,
    salt: __CORE_INTEGRITY__,
    ui: () => load<MountUI>('candor-ui.js', __UI_INTEGRITY__, 'candorUI'),
    services: () => load<() => Services>('candor-core.js', __CORE_INTEGRITY__, 'candorCore').then((create) => create()),
  }));
  const run = (fn: Queued) => typeof fn == 'function' && guard(() => fn(candor));
  // Functions queued before load run once ready; pushed later, they run at once.
  candor.ready.then(() => {
    const queued = win.candorQueue;
    win.candorQueue = { push: (...fns: Queued[]) => (fns.forEach(run), 0) };
    if (Array.isArray(queued)) queued.forEach(run);
  });
})();
