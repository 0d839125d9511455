/**
 * The preference center as one unit (issues #6, #16): its component, drawn with Preact (which only it uses:
 * the first layer has dom.ts), the CSS only it uses, its keyboard handling and the records download. The ES
 * module imports it statically (src/ui/index.ts); candor.js users get it as dist/candor-prefs.js
 * (src/ui/prefs-entry.ts), which candor-ui.js loads when the preference center is first needed — most
 * visitors answer from the banner and never open it.
 */
import { h, render } from 'preact';
import { Preferences, type CenterProps } from './preferences';

export { dialogKeys } from './focus';
export { default as css } from './preferences.css?raw';

/** Draws the preference center into `container` (mount.ts's), synchronously; null removes it. */
export const draw = (props: CenterProps | null, container: Element) => render(props && h(Preferences, props), container);
