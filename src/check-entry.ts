/** The lazily loaded validator (dist/candor-check.js), needed only for a config text not known to be valid. */
import { check } from './core/config';

window['candor-check'] = check;
