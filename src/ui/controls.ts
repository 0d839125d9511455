import type { ComponentChildren } from 'preact';
import { safeUrl } from './texts';

/** A classic JSX element factory: dom.ts's for the first layer, Preact's for the preference center. */
type Factory = (type: any, props: any, ...children: any[]) => any;

/**
 * The controls both layers draw, made with each layer's own element factory (the first layer has no Preact):
 * `choice`, one of the equal choices (CNIL 2020-092, docs/compliance.md B7): one class, so one look and one
 * weight, `intent` running when the visitor points at or focuses it, before a click; `Link`, a link to a
 * config URL, plain text when the URL is not one Candor links to (docs/contract.md §8).
 */
export const controls = (h: Factory) => ({
  choice: (label: string, onClick: (e: { currentTarget: HTMLButtonElement }) => void, intent?: () => void) =>
    h('button', { type: 'button', class: 'btn', onClick, onPointerEnter: intent, onFocus: intent }, label),
  Link({ href, children }: { href?: string; children?: ComponentChildren }) {
    const url = safeUrl(href);
    return h(url ? 'a' : 'span', { href: url }, children);
  },
});
