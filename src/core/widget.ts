/** What the widgets drawn outside the interface share: the floating button (button.ts) and embed placeholders (placeholder.ts). */
import { adoptStyles } from './styles';

/** widgetHost for one document and base (what the embed placeholders are given: candor-embeds.js has no adoptStyles). */
export type Widget = (marker: string, css: string, file: string) => { host: HTMLDivElement; root: ShadowRoot };

/**
 * A host `<div>` carrying the `marker` attribute (how Candor, the page and tests find it) with an open shadow
 * root styled by `css` (a constructable stylesheet, or `base` + `file`, its copy in dist/; strict CSP).
 */
export function widgetHost(doc: Document, base: string, marker: string, css: string, file: string): { host: HTMLDivElement; root: ShadowRoot } {
  const host = doc.createElement('div');
  host.setAttribute(marker, '');
  const root = host.attachShadow({ mode: 'open' });
  adoptStyles(root, css, base + file);
  return { host, root };
}
