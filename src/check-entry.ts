/** The lazily loaded validator (dist/candor-check.js), needed only for a config text not known to be valid. */
import { validate } from './core/validate';

window['candor-check'] = validate;
