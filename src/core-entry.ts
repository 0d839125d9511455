/** The lazily loaded records chunk (dist/candor-core.js): registers its services for candor.js. */
import { createServices, type TextsLoader } from './core/services';

/**
 * The services, given candor.js's loader of built-in texts (src/embed.ts): receipts hash the built-in texts
 * of the decision's language (notice format 2), loaded as the interface loads them.
 */
export const candorCore = (texts: TextsLoader) => createServices(undefined, texts);

window['candor-core'] = candorCore;
