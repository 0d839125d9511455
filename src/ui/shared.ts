/**
 * What the preference center (preferences.tsx, purpose.tsx, records.tsx) draws with: Preact, which comes with
 * it (dist/candor-prefs.js bundles it; the first layer has its own renderer, dom.ts), and the pieces it has in
 * common with the banner, made with Preact's element factory (controls.ts).
 */
import { h } from 'preact';
import { controls } from './controls';

export { h };
export { gpcLocked } from './choices';
export const { choice, Link } = controls(h);
