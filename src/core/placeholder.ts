/**
 * The stand-in for a gated `<iframe>`, `<img>` or `<video>` (SPEC §3): its own small element of the same
 * size that names the purpose, says why the content is blocked, and offers "Allow and load" and a link to
 * the preference center. Plain DOM in a shadow root, styled by a constructable stylesheet (strict CSP).
 */
import { adoptStyles } from './button';

export interface PlaceholderTexts {
  title: string;
  message: string;
  allow: string;
  settings: string;
}

/**
 * Hide `el` and put a placeholder before it. Returns a function that removes the placeholder and shows
 * `el` again (called when the element is activated).
 */
export function placeholder(el: HTMLElement, texts: PlaceholderTexts, base: string, onAllow: () => void, onSettings: (opener: Element) => void): () => void {
  const doc = el.ownerDocument;
  const host = doc.createElement('div');
  host.setAttribute('data-candor-placeholder', '');
  const root = host.attachShadow({ mode: 'open' });
  adoptStyles(root, base);
  // Same size as the element it stands for: its width/height attributes, else its laid-out size.
  const box = el.getBoundingClientRect();
  const size = (attr: string, measured: number) => {
    const v = el.getAttribute(attr);
    return v ? (/^\d+$/.test(v) ? v + 'px' : v) : measured ? measured + 'px' : '';
  };
  host.style.width = size('width', box.width) || '100%';
  host.style.height = size('height', box.height);
  const box2 = doc.createElement('div');
  box2.className = 'ph';
  box2.setAttribute('role', 'group');
  box2.setAttribute('aria-label', texts.title);
  const p = (text: string, strong?: boolean) => {
    const n = doc.createElement('p');
    if (strong) n.appendChild(doc.createElement('strong')).textContent = text;
    else n.textContent = text;
    box2.appendChild(n);
  };
  const button = (text: string, cls: string, fn: (b: HTMLButtonElement) => void) => {
    const b = doc.createElement('button');
    b.type = 'button';
    b.className = cls;
    b.textContent = text;
    b.onclick = () => fn(b);
    box2.appendChild(b);
  };
  p(texts.title, true);
  p(texts.message);
  button(texts.allow, 'allow', onAllow);
  button(texts.settings, 'open', onSettings);
  root.appendChild(box2);
  const wasHidden = el.hidden;
  el.hidden = true;
  el.before(host);
  return () => {
    host.remove();
    el.hidden = wasHidden;
  };
}
