import { check } from './core/config';
import { inertCandor } from './core/inert';
import { createCandor as create, type Options } from './core/manager';
import { placeholders } from './core/placeholder';
import { createServices } from './core/services';
import { LANGUAGES } from './languages';
import { builtInLanguage } from './core/language';
import { BUILT_IN } from './ui/i18n/index';
import { mountUI } from './ui/index';
import { builtInTexts } from './notice';
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
    ui: async () => mountUI,
    texts: async (language, languages) => BUILT_IN[builtInLanguage(language, languages, LANGUAGES)],
    check: async () => check,
    placeholders: async () => placeholders,
    // Receipts hash the built-in texts of the decision's language (notice format 2): all are bundled here.
    services: async () => createServices(undefined, async (language, languages) => builtInTexts(language, languages)),
    ...options,
  });
}
