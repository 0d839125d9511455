/** Every built-in language (src/languages.ts) at once, for tests (the ES module loads them one by one: lazy.ts; candor.js from its chunks). */
import type { BuiltIn } from '../texts';
import bg from './bg';
import cs from './cs';
import da from './da';
import de from './de';
import el from './el';
import en from './en';
import es from './es';
import et from './et';
import fi from './fi';
import fr from './fr';
import ga from './ga';
import hr from './hr';
import hu from './hu';
import it from './it';
import lt from './lt';
import lv from './lv';
import mt from './mt';
import nl from './nl';
import pl from './pl';
import pt from './pt';
import ro from './ro';
import sk from './sk';
import sl from './sl';
import sv from './sv';

export const BUILT_IN: BuiltIn = { bg, cs, da, de, el, en, es, et, fi, fr, ga, hr, hu, it, lt, lv, mt, nl, pl, pt, ro, sk, sl, sv };
