/**
 * What the preference center (preferences.tsx, purpose.tsx, records.tsx) takes from the interface: in
 * candor.js it is a chunk of its own (dist/candor-prefs.js) that gets these from candor-ui.js at run time
 * (`window.candorShared`, see entry.ts) instead of bundling a second copy — above all, a second Preact.
 */
export { h } from 'preact';
export { choice } from './banner';
export { gpcLocked } from './choices';
export { Link } from './link';
