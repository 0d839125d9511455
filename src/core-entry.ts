/** The lazily loaded records chunk (dist/candor-core.js): registers its services for candor.js. */
import type { BuiltInTexts } from './core/receipts';
import { createServices } from './core/services';

/** candor.js's chunk loader (src/embed.ts): file, integrity, the global the chunk registers. */
type Load = (file: string, integrity: string, global: string) => Promise<any>;

/**
 * The services, given candor.js's loader and its languages with built-in texts (language → chunk
 * integrity): receipts hash the built-in texts of the decision's language (notice format 2), loaded as the
 * interface loads them — that language's chunk, English for a language without one (SPEC §5).
 */
export const candorCore = (load: Load, languages: { [language: string]: string }) =>
  createServices(undefined, (language): Promise<BuiltInTexts> => {
    const id = languages[language] ? language : 'en';
    return load(`candor-${id}.js`, languages[id], 'candorText' + id);
  });

(window as any).candorCore = candorCore;
