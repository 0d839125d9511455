import { validate } from './core/validate';
import { inertCandor } from './core/inert';
import { createCandor as create, type Options } from './core/manager';
import { blockedEmbeds } from './core/blocked';
import { floatingButton } from './core/button';
import { createServices } from './core/services';
import { LOADED, loadTexts } from './ui/i18n/lazy';
import { mountUI } from './ui/index';
import type { CandorHost } from './types';

/**
 * For bundler users: `createCandor({ config })` with the interface, the validator and the records
 * included. Pass `ui: null` for a headless manager that never shows anything (you then call
 * `acceptAll`/`set` yourself). Without a page (server-side rendering, Node, a worker) it returns an inert
 * instance: nothing granted, `ready` resolved as undecided (src/core/inert.ts).
 */
export function createCandor(options: Partial<Options> & Pick<Options, 'config'>): CandorHost {
  if (!options.window && (typeof window == 'undefined' || !window.document)) return inertCandor();
  return create({
    // The interface is drawn once the visitor's language is loaded (its own chunk; English if it fails), as in candor.js.
    ui: async (language, languages = []) => {
      await loadTexts(language, languages).catch(() => undefined);
      return (host, o) => mountUI(host, { ...o, texts: LOADED });
    },
    texts: loadTexts,
    check: async () => validate,
    placeholders: async () => blockedEmbeds,
    button: async () => floatingButton,
    // Receipts hash the built-in texts of the decision's language (notice format 2), loaded as the interface loads them.
    services: async () => createServices(undefined, loadTexts),
    ...options,
  });
}
