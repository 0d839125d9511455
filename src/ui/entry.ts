/**
 * The lazily loaded interface chunk (dist/candor-ui.js): registers `mountUI` for candor.js to pick up.
 * candor.js passes the built-in texts of the visitor's language, loaded from their own chunk.
 */
import type { CandorHost } from '../types';
import { mountUI } from './index';
import { BUILT_IN, type BuiltInTexts } from './texts';

(window as any).candorUI = (host: CandorHost, options: { doc: Document; base: string; texts: { [language: string]: BuiltInTexts } }) => {
  Object.assign(BUILT_IN, options.texts);
  return mountUI(host, options);
};
