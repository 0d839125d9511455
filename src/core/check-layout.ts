import type { Config } from '../types';

type Report = (path: string, message: string, hint?: string) => void;

/**
 * The banner's layout and the withdrawal sentence: a position must fit the layout, and with no floating
 * button the banner must be able to say where else the visitor withdraws (GDPR Art. 7(3)).
 */
export function checkLayout(c: Config, err: Report, warn: Report) {
  const box = c.layout == 'box';
  const pos = c.position;
  if (typeof pos == 'string' && (c.layout == 'modal' || pos.includes('-') != box))
    err(
      'position',
      `"${pos}" does not fit the ${c.layout || 'bar'} layout`,
      box ? 'use "bottom-left" or "bottom-right"' : c.layout == 'modal' ? 'a modal is centered: remove "position"' : 'use "bottom" or "top"',
    );
  const scheme = c.theme?.scheme;
  if (scheme != null && !/^(light|dark|auto)$/.test(scheme))
    err('theme.scheme', `"${scheme}" is not a colour scheme`, 'use "light", "dark" or "auto"');
  if (c.floatingButton === false && c.withdrawHint == null)
    warn(
      'withdrawHint',
      'no floating button and no other way to withdraw is named',
      'put a data-candor-open link on every page and describe it in "withdrawHint", so the banner says how to withdraw',
    );
}
