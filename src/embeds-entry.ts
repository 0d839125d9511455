/** The embed placeholders (dist/candor-embeds.js), loaded by candor.js on the first gated embed still blocked. */
import { blockedEmbeds } from './core/blocked';

window['candor-embeds'] = blockedEmbeds;
