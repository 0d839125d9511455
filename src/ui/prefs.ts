/**
 * The preference center as one unit (issue #6): its component, the CSS only it uses, its keyboard
 * handling and the records download. The ES module
 * imports it statically (src/ui/index.ts); candor.js users get it as dist/candor-prefs.js
 * (src/ui/prefs-entry.ts), which candor-ui.js loads when the preference center is first needed — most
 * visitors answer from the banner and never open it.
 */
export { dialogKeys } from './focus';
export { Preferences } from './preferences';
export { saveRecords } from './records';
export { default as css } from './preferences.css?raw';
