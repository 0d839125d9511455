/**
 * The floating "Privacy settings" button: the persistent way back to the preference center after a
 * decision (COMPLIANCE D16: withdrawing is as easy as giving). Plain DOM in its own shadow root so a
 * returning visitor never downloads the UI chunk just to see it.
 */

const CSS =
  'button{all:initial;position:fixed;left:12px;bottom:12px;z-index:2147483000;width:44px;height:44px;border-radius:50%;' +
  'background:var(--candor-accent,#1a4d8f);color:#fff;display:grid;place-items:center;cursor:pointer;box-shadow:0 1px 6px #0006}' +
  'button:focus-visible{outline:3px solid var(--candor-accent,#1a4d8f);outline-offset:3px}' +
  'svg{width:26px;height:26px;fill:currentColor}' +
  '@media (forced-colors:active){button{border:2px solid ButtonText}}';

/** A shield with a check mark. */
const ICON = 'M12 2 4 5v6c0 5 3.4 9.4 8 11 4.6-1.6 8-6 8-11V5zm-1.2 14.2L7 12.4l1.4-1.4 2.4 2.4 4.8-4.8 1.4 1.4z';

/** Attach constructable styles to `root`; where unsupported, a stylesheet link from dist (never inline styles). */
export function adoptStyles(root: ShadowRoot, css: string, fallbackHref: string): void {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
  } catch {
    const link = root.ownerDocument.createElement('link');
    link.rel = 'stylesheet';
    link.href = fallbackHref;
    root.appendChild(link);
  }
}

/** Draw the button (once) and return a function that shows or hides it. */
export function floatingButton(doc: Document, label: string, base: string, accent: string | undefined, onClick: (el: Element) => void): (visible: boolean) => void {
  const host = doc.createElement('div');
  host.setAttribute('data-candor-button', '');
  const root = host.attachShadow({ mode: 'open' });
  adoptStyles(root, CSS, base + 'candor.css');
  if (accent) host.style.setProperty('--candor-accent', accent);
  const button = doc.createElement('button');
  button.type = 'button';
  button.setAttribute('aria-label', label);
  button.title = label;
  const svg = doc.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  const path = doc.createElementNS('http://www.w3.org/2000/svg', 'path');
  path.setAttribute('d', ICON);
  svg.appendChild(path);
  button.appendChild(svg);
  button.onclick = () => onClick(button);
  root.appendChild(button);
  return (visible) => {
    if (!visible) host.remove();
    else if (!host.isConnected) doc.body.appendChild(host);
  };
}
