/**
 * The lazily loaded preference center chunk (dist/candor-prefs.js): registers the preference center for
 * candor-ui.js to pick up. It bundles Preact, which only the preference center uses (the first layer draws
 * with dom.ts): a visitor who answers from the banner never downloads it (rollup.config.mjs checks both).
 */
import { center, css } from './prefs';

window['candor-prefs'] = { center, css };
