/** The lazily loaded records chunk (dist/candor-core.js): registers its services for candor.js. */
import { bothLayers } from './both-layers';
import type { FirstLayer, Load } from './chunks';
import { createServices } from './core/services';

/**
 * The services, given candor.js's loader of a language's first-layer chunk and its chunk loader (src/embed.ts):
 * receipts hash every built-in text of the decision's language (notice format 2), both layers, loaded as the
 * interface loads them.
 */
export const candorCore = (first: (language: string, languages: string[]) => Promise<FirstLayer>, load: Load) =>
  createServices(undefined, (language, languages) => first(language, languages).then((c) => bothLayers(c, load)));

window['candor-core'] = candorCore;
