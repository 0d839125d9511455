import { BUTTON_TEXTS } from './button-texts';
import { THEME_VALUE } from './theme';
import type { Widget } from './widget';
import css from './widgets.css?raw';

/**
 * The floating "Privacy settings" button: the persistent way back to the preference center after a
 * decision (docs/compliance.md D16: withdrawing is as easy as giving). Plain DOM in its own shadow root so a
 * returning visitor never downloads the UI chunk just to see it; in candor.js, drawn once it must be visible
 * (lazy-button.ts).
 */

/** A shield with a check mark. */
const ICON = 'M12 2 4 5v6c0 5 3.4 9.4 8 11 4.6-1.6 8-6 8-11V5zm-1.2 14.2L7 12.4l1.4-1.4 2.4 2.4 4.8-4.8 1.4 1.4z';

/**
 * Draw the button (once) and return a function that shows or hides it, and focuses it with `focus`. `label` is the config's text or the
 * language chunk's, else this chunk's own (English and French, else English).
 */
export function floatingButton(
  doc: Document,
  widget: Widget,
  label: string | undefined,
  language: string,
  accent: string | undefined,
  onClick: (el: Element) => void,
  text?: boolean,
): (visible: boolean, focus?: boolean) => void {
  const own = BUTTON_TEXTS[language];
  // The language its name is read in (WCAG 3.1.2): the visitor's, unless neither the config nor a chunk had the label.
  const lang = label || own ? language : 'en';
  label ||= (own || BUTTON_TEXTS.en).floatingButton;
  const { host, root } = widget('data-candor-button', css, 'candor-widgets.css');
  // Checked again here: a stamped configuration skips the validator (theme.ts).
  if (accent && THEME_VALUE.test(accent)) host.style.setProperty('--candor-accent', accent);
  const button = doc.createElement('button');
  button.type = 'button';
  button.className = 'fab';
  // The direction of its label (none without one), whatever the page's: the icon comes first in reading order. The
  // language's own (src/core/direction.ts) would cost candor.js more; the label is in the language.
  button.dir = 'auto';
  button.lang = lang;
  button.setAttribute('aria-label', label);
  button.title = label;
  const svg = doc.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  const path = doc.createElementNS('http://www.w3.org/2000/svg', 'path');
  path.setAttribute('d', ICON);
  svg.appendChild(path);
  button.appendChild(svg);
  // The label as visible text too (config `floatingLabel`); the accessible name stays aria-label.
  if (text) {
    button.append(label);
    button.className += ' text';
  }
  button.onclick = () => onClick(button);
  root.appendChild(button);
  const show = (visible: boolean, focus?: boolean) => {
    // Drawn once the page is parsed (src/core/manager.ts): <body> is there.
    if (!visible) host.remove();
    else {
      if (!host.isConnected) doc.body.appendChild(host);
      if (focus) button.focus();
    }
  };
  return show;
}
