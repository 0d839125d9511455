/**
 * The preference center as one unit (issues #6, #16): its controller (center.ts: opening, keyboard handling,
 * records, closing) and component, drawn with Preact (which only it uses: the first layer has dom.ts), the CSS
 * only it uses and the records download. The ES module imports it statically (src/ui/index.ts); candor.js users
 * get it as dist/candor-prefs.js (src/ui/prefs-entry.ts), which candor-ui.js loads when the preference center is
 * first needed — most visitors answer from the banner and never open it.
 */
export { center } from './center';
export { default as css } from './preferences.css?raw';
