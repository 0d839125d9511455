/**
 * The stand-in for a gated `<iframe>`, `<img>` or `<video>` (SPEC §3): its own small element of the same
 * size that names the purpose, says why the content is blocked, and offers "Allow and load" and a link to
 * the preference center. Plain DOM in a shadow root, styled by a constructable stylesheet (strict CSP).
 */
import { widgetHost } from './widget';

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
  const { host, root } = widgetHost(doc, 'data-candor-placeholder', base);
  // Same size and flow as the element it stands for. A frame or video has its box even without a source, so
  // measure it (border and page CSS such as a responsive `width: 100%` included); an image without a source
  // is laid out as its alt text, so its width/height attributes say more. Each falls back on the other.
  const box = el.getBoundingClientRect();
  const attr = (name: string) => {
    const v = el.getAttribute(name);
    return v ? (/^\d+$/.test(v) ? v + 'px' : v) : '';
  };
  const measured = (n: number) => (n ? n + 'px' : '');
  const image = el.tagName == 'IMG';
  const size = (name: string, n: number) => (image ? attr(name) || measured(n) : measured(n) || attr(name));
  host.style.width = size('width', box.width) || '100%';
  host.style.height = size('height', box.height);
  host.style.maxWidth = '100%';
  // Inline embeds (the default for iframe, img, video) stay side by side; bottoms line up as theirs do.
  const style = doc.defaultView?.getComputedStyle(el);
  if (style && /^inline/.test(style.display)) {
    host.style.display = 'inline-block';
    host.style.verticalAlign = style.verticalAlign == 'baseline' ? 'bottom' : style.verticalAlign;
  }
  const box2 = doc.createElement('div');
  box2.className = 'ph';
  box2.setAttribute('role', 'group');
  box2.setAttribute('aria-label', texts.title);
  // Title and message are flex items (blocks, no margins to undo), then the two buttons.
  const text = (tag: 'strong' | 'span', text: string) => (box2.appendChild(doc.createElement(tag)).textContent = text);
  const button = (text: string, cls: string, fn: (b: HTMLButtonElement) => void) => {
    const b = doc.createElement('button');
    b.type = 'button';
    b.className = cls;
    b.textContent = text;
    b.onclick = () => fn(b);
    box2.appendChild(b);
  };
  text('strong', texts.title);
  text('span', texts.message);
  button(texts.allow, 'allow', onAllow);
  button(texts.settings, 'open', onSettings);
  root.appendChild(box2);
  const wasHidden = el.hidden;
  el.hidden = true;
  el.before(host);
  // Frameworks move and drop elements before consent (route changes, re-renders): the placeholder follows
  // its element, and leaves with it, rather than staying behind with a live "Allow and load".
  const follow = new MutationObserver(() => {
    if (!el.isConnected) host.remove();
    else if (el.previousSibling != host) el.before(host);
  });
  follow.observe(doc.documentElement, { childList: true, subtree: true });
  return () => {
    follow.disconnect();
    host.remove();
    el.hidden = wasHidden;
  };
}
