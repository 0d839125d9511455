import { check } from './core/config';
import { createCandor as create, type Options } from './core/manager';
import { createServices } from './core/services';
import { LANGUAGES } from './languages';
import { builtInLanguage } from './core/language';
import { BUILT_IN } from './ui/i18n/index';
import { mountUI } from './ui/index';
import type { CandorHost } from './types';

/**
 * For bundler users: `createCandor({ config })` with the interface, the validator and the records
 * included. Pass `ui: null` for a headless manager that never shows anything (you then call
 * `acceptAll`/`set` yourself).
 */
export function createCandor(options: Partial<Options> & Pick<Options, 'config'>): CandorHost {
  return create({
    ui: async () => mountUI,
    texts: async (language, languages) => BUILT_IN[builtInLanguage(language, languages, LANGUAGES)],
    check: async () => check,
    services: async () => createServices(),
    ...options,
  });
}
