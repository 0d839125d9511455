/**
 * The language chunk candor.js loads before a language it does not carry the integrity of (dist/candor-languages.js):
 * the sha256 of dist/candor-<language>.js for every language of src/languages.ts but the DEFAULT_LANGUAGES.
 */
import type { Integrity } from './chunks';

/** Written in by the build (rollup.config.mjs): the chunks whose `by` is this one. */
declare const __INTEGRITY__: Integrity;

window['candor-languages'] = __INTEGRITY__;
