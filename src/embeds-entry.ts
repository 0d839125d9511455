/** The embed placeholders (dist/candor-embeds.js), loaded by candor.js on the first gated embed still blocked. */
import { placeholders } from './core/placeholder';

window['candor-embeds'] = placeholders;
