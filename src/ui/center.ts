/**
 * The preference center's controller (issue #16): what only the second layer does, in its chunk
 * (dist/candor-prefs.js, with prefs.ts) rather than in candor-ui.js, which a visitor who answers from the banner
 * downloads alone. mount.ts holds the state and the first layer, loads this on first need and calls it: opening
 * as the WAI-ARIA APG dialog pattern says (the page behind inert, focus on the title, Tab wrapping, Escape
 * closing, focus back to the opener on closing), the records loaded on opening and after each change, the drawing.
 */
import { h, render } from 'preact';
import { initialSwitches } from './choices';
import { dialogKeys } from './focus';
import type { Mounted } from './mount';
import { Preferences } from './preferences';
import type { Localized } from './texts';

/** The preference center of the interface `m`, drawn into `container`. */
export function center(m: Mounted, container: Element) {
  const { host, model, doc, shadow, actions, redraw } = m;
  /** What had focus when it opened: focus goes back there on closing. */
  let opener: Element | null = null;
  /** Page elements made inert while the dialog is open (APG: the background is inert). */
  let inert: Element[] = [];
  // Keys inside the shadow root reach the first listener, keys sent to the page the second; dialogKeys
  // marks what it handled, so a key seen by both acts once.
  const onKey = (e: Event) => {
    const dialog = model.preferences && m.find('[role="dialog"]');
    if (dialog) dialogKeys(e as KeyboardEvent, dialog, actions.close);
  };
  shadow.addEventListener('keydown', onKey);
  doc.addEventListener('keydown', onKey);
  const loadReceipts = () =>
    host
      .receipts()
      .catch(() => [])
      .then((list) => {
        model.receipts = list;
        if (model.preferences) redraw();
      });

  return {
    /** Draws the preference center while open (`l`: the texts; null: nothing), synchronously. */
    draw: (l: Localized | null) =>
      render(l && model.preferences ? h(Preferences, { config: host.config!, l, model, actions, host, redraw }) : null, container),
    /** Opens it, `by` the element focus goes back to on closing. */
    open(by: Element | null) {
      model.preferences = true;
      model.switches = initialSwitches(host.config!, model.state);
      model.expanded = {};
      opener = by;
      inert = m.makeInert();
      redraw();
      m.find('[role="dialog"] h2')!.focus();
      loadReceipts();
    },
    /** The state changed (a decision, here or by a script): the switches follow it, the records are loaded again. */
    change() {
      if (host.config) model.switches = initialSwitches(host.config, model.state);
      if (model.preferences) loadReceipts();
    },
    /** mount.ts has closed it: the page is no longer inert, focus goes back. */
    closed() {
      inert = m.free(inert);
      // The opener may be gone (Customize in a banner a decision removed): the floating button, which
      // reopens the preference center, is the natural place to land, else as after a banner decision.
      if (opener?.isConnected) (opener as HTMLElement).focus();
      else m.land();
      opener = null;
    },
    destroy() {
      shadow.removeEventListener('keydown', onKey);
      doc.removeEventListener('keydown', onKey);
      render(null, container);
    },
  };
}

export type Center = ReturnType<typeof center>;
