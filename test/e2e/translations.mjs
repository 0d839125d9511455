// The built-in languages and their texts as the browser gets them, for the tests that need a language's button
// labels (languages.test.mjs, text-layers.test.mjs, test/engines/flows.mjs).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { DIST } from './env.mjs';

/** The built-in languages (src/languages.ts). */
export const LANGUAGES = [
  ...readFileSync(new URL('../../src/languages.ts', import.meta.url), 'utf8')
    .match(/LANGUAGES = \[([^\]]*)\]/)[1]
    .matchAll(/'([^']+)'/g),
].map((m) => m[1]);

/** Every built-in text of `lang`, both layers: dist/candor-<lang>.js and candor-<lang>-prefs.js run against a bare window. */
export const texts = (lang) => {
  const window = {};
  for (const id of [lang, lang + '-prefs']) vm.runInNewContext(readFileSync(join(DIST, `candor-${id}.js`), 'utf8'), { window });
  return { ...window['candor-' + lang][0], ...window[`candor-${lang}-prefs`] };
};

/** The languages with the longest translation of each of the buttons `keys` (each language once). */
export function longest(keys = ['acceptAll', 'rejectAll', 'customize', 'save']) {
  const all = LANGUAGES.map((l) => [l, texts(l)]);
  return [...new Set(keys.map((key) => all.reduce((a, b) => (b[1][key].length > a[1][key].length ? b : a))[0]))];
}
