/** What the widgets candor.js draws itself share: the floating button (button.ts) and embed placeholders (placeholder.ts). */
import { adoptStyles } from './styles';
import css from './widgets.css?raw';

/** widgetHost for one document and base (what the embed placeholders are given). */
export type Widget = (marker: string) => { host: HTMLDivElement; root: ShadowRoot };

/**
 * A host `<div>` carrying the `marker` attribute (how Candor, the page and tests find it) with an open shadow
 * root styled by widgets.css (a constructable stylesheet, or `base` + candor-widgets.css; strict CSP).
 */
export function widgetHost(doc: Document, marker: string, base: string): { host: HTMLDivElement; root: ShadowRoot } {
  const host = doc.createElement('div');
  host.setAttribute(marker, '');
  const root = host.attachShadow({ mode: 'open' });
  adoptStyles(root, css, base + 'candor-widgets.css');
  return { host, root };
}
