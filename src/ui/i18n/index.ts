/** Every built-in language, for the ES module (the script-tag build loads one language chunk instead). */
import { BUILT_IN } from '../texts';
import en from './en';
import fr from './fr';

Object.assign(BUILT_IN, { en, fr });
