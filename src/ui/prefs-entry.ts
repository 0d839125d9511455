/**
 * The lazily loaded preference center chunk (dist/candor-prefs.js): registers the preference center for
 * candor-ui.js to pick up. Built with ./shared external (rollup.config.mjs): Preact and the few pieces
 * both layers use come from candor-ui.js (`window.candorShared`, see entry.ts), so a page runs one Preact.
 */
import { css, dialogKeys, Preferences, saveRecords } from './prefs';

window['candor-prefs'] = { css, dialogKeys, Preferences, saveRecords };
