/**
 * The languages Candor has built-in texts for: the 24 official languages of the EU. This one list drives
 * the build (rollup.config.mjs reads it: one chunk dist/candor-<language>.js each, and their integrity map
 * in candor.js), the validator, `candor init`, the JSON schema and the docs. Adding a language: add its
 * code here and its texts as src/ui/i18n/<language>.ts (test/ui/languages.test.ts checks both).
 */
export const LANGUAGES = [
  'bg',
  'cs',
  'da',
  'de',
  'el',
  'en',
  'es',
  'et',
  'fi',
  'fr',
  'ga',
  'hr',
  'hu',
  'it',
  'lt',
  'lv',
  'mt',
  'nl',
  'pl',
  'pt',
  'ro',
  'sk',
  'sl',
  'sv',
];

/** `languages` when a config gives neither `languages` nor `language`. */
export const DEFAULT_LANGUAGES = ['en', 'fr'];
