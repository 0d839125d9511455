import { check } from './core/config';
import { createCandor as create, type Options } from './core/manager';
import { createServices } from './core/services';
import { mountUI } from './ui/index';
import { builtInTexts } from './notice';
import type { CandorHost } from './types';

/**
 * For bundler users: `createCandor({ config })` with the interface, the validator and the records
 * included. Pass `ui: null` for a headless manager that never shows anything (you then call
 * `acceptAll`/`set` yourself).
 */
export function createCandor(options: Partial<Options> & Pick<Options, 'config'>): CandorHost {
  // Receipts hash the built-in texts of the decision's language (notice format 2): all are bundled here.
  const services = async () => createServices(undefined, async (language) => builtInTexts(language));
  return create({ ui: async () => mountUI, check: async () => check, services, ...options });
}
