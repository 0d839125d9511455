/**
 * The preference center as one unit (issues #6, #16): its component, drawn with Preact (which only it uses:
 * the first layer has dom.ts), the CSS only it uses, its keyboard handling and the records download. The ES
 * module imports it statically (src/ui/index.ts); candor.js users get it as dist/candor-prefs.js
 * (src/ui/prefs-entry.ts), which candor-ui.js loads when the preference center is first needed — most
 * visitors answer from the banner and never open it.
 */
import { h, render } from 'preact';
import type { CandorHost, ResolvedConfig } from '../types';
import type { Actions, Model } from './app';
import type { Localized } from './texts';
import { Preferences } from './preferences';
import { saveRecords } from './records';

export { dialogKeys } from './focus';
export { default as css } from './preferences.css?raw';

/** What mount.ts passes: its model and actions, and `redraw`, which renders everything again from the model. */
export interface CenterProps {
  config: ResolvedConfig;
  l: Localized;
  model: Model;
  actions: Actions;
  host: CandorHost;
  redraw(): void;
}

/**
 * Draws the preference center into `container` (mount.ts's), synchronously; null removes it. The actions only
 * it offers live here: a switch changes the model (mount.ts's, read again by the next decision) and redraws; the
 * download takes the records mount.ts loaded on opening, or asks for them.
 */
export const draw = (props: CenterProps | null, container: Element) =>
  render(
    props &&
      h(Preferences, {
        ...props,
        actions: {
          ...props.actions,
          toggle(id) {
            const { model } = props;
            model.switches = { ...model.switches, [id]: !model.switches[id] };
            props.redraw();
          },
          download(near) {
            const { receipts } = props.model;
            if (receipts) saveRecords(receipts, near);
            else props.host.receipts().then((list) => saveRecords(list, near));
          },
        },
      }),
    container,
  );
