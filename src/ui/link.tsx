/** @jsxRuntime classic */
/** @jsx h */
import { h } from 'preact';
import type { ComponentChildren } from 'preact';
import { safeUrl } from './texts';

/** A link to a config URL; plain text when the URL is not one Candor links to (docs/contract.md §8). */
export function Link({ href, children }: { href?: string; children: ComponentChildren }) {
  const url = safeUrl(href);
  return url ? <a href={url}>{children}</a> : <span>{children}</span>;
}
