/** Every built-in language, for the ES module (the script-tag build loads one language chunk instead). */
import type { BuiltIn } from '../texts';
import en from './en';
import fr from './fr';

export const BUILT_IN: BuiltIn = { en, fr };
