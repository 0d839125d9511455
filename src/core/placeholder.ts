/**
 * The stand-in for a gated `<iframe>`, `<img>` or `<video>` (docs/contract.md §3): its own small element of the same
 * size that names the purpose, says why the content is blocked, and offers "Allow and load" and a link to
 * the preference center. Plain DOM in a shadow root, styled by a constructable stylesheet (strict CSP).
 *
 * Thousands of embeds cost time linear in their number: a batch is measured first (one layout for all),
 * then drawn; the placeholders live in a WeakMap keyed by their element, and one MutationObserver moves
 * or drops them all.
 */
import type { Purpose } from '../types';
import css from './placeholders.css?raw';
import type { Widget } from './widget';

export interface PlaceholderTexts {
  title: string;
  /** Why it is blocked (`blocked`), then whom "Allow and load" grants consent to (`allowGrants`) when the purpose names vendors. */
  message: string;
  allow: string;
  settings: string;
}

/** The names of the vendors the purposes `ids` declare, each once, comma-separated: whom "Allow and load" grants consent to. */
export const recipients = (purposes: Purpose[], ids: string[]): string =>
  [...new Set(purposes.filter((p) => ids.includes(p.id)).flatMap((p) => p.vendors?.map((v) => v.name) || []))].join(', ');

/** One embed to stand in for. */
export interface Blocked {
  el: HTMLElement;
  /** The visitor's language and its direction (src/core/direction.ts): the placeholder's `lang` and `dir`, whatever the page's. */
  language: string;
  dir: 'rtl' | 'ltr';
  texts: PlaceholderTexts;
  /**
   * Called with the button activated (an embed of a `sensitive` purpose opens the preference center from it); without it,
   * no "Allow and load" (the embed names a purpose that cannot be granted here: one the configuration does not declare, or
   * one a Global Privacy Control signal keeps off).
   */
  onAllow?: (opener: Element) => void;
  onSettings: (opener: Element) => void;
}

export interface Placeholders {
  /** Hide each element and put a placeholder before it (elements that have one already are skipped). */
  add(list: Blocked[]): void;
  /** Remove an element's placeholder and show it again (when it is activated). */
  remove(el: Element): void;
  /** Remove every placeholder and the observer (the instance is destroyed). */
  destroy(): void;
}

interface Entry {
  host: HTMLElement;
  hidden: HTMLElement['hidden'];
}

/** `widget` draws each placeholder's host, styled by placeholders.css (widget.ts: candor.js has it for the floating button already). */
export function placeholders(doc: Document, widget: Widget): Placeholders {
  const entries = new WeakMap<Element, Entry>();
  // Frameworks move and drop elements before consent (route changes, re-renders): each placeholder follows
  // its element, and leaves with it, rather than staying behind with a live "Allow and load". Only the
  // nodes a mutation touched are looked at.
  const follow = new MutationObserver((records) => {
    const touched = new Set<Element>();
    const look = (n: Node | null) => {
      if (n?.nodeType != 1) return;
      if (entries.has(n as Element)) touched.add(n as Element);
      for (const el of (n as Element).querySelectorAll('[data-purpose]')) if (entries.has(el)) touched.add(el);
    };
    for (const r of records) {
      r.addedNodes.forEach(look);
      r.removedNodes.forEach(look);
      look(r.nextSibling);
    }
    for (const el of touched) {
      const host = entries.get(el)?.host;
      if (!host) continue;
      if (!el.isConnected) host.remove();
      else if (el.previousSibling != host) el.before(host);
    }
  });
  let watching = false;

  const remove = (el: Element) => {
    const entry = entries.get(el);
    if (!entry) return;
    entries.delete(el);
    entry.host.remove();
    (el as HTMLElement).hidden = entry.hidden;
  };

  // While the page loads, the gate reports embeds as the parser adds them: they are drawn once per frame
  // (the layout the browser does anyway), not once per parser chunk.
  const view = doc.defaultView;
  let queue: Blocked[] = [];
  let frame = 0;
  const flush = () => {
    frame = 0;
    // Still waiting (not activated meanwhile), in the page, and not drawn yet.
    const list = queue.splice(0).filter((b) => b.el.hasAttribute('data-src') && b.el.isConnected && !entries.has(b.el));
    // Read every style, then every size, then write: one style pass and one layout for the whole batch, not one per
    // element. An image without a source is laid out as its alt text, an inline box that its CSS size (and width and height
    // attributes) do not apply to: it is measured as the inline-block it becomes once loaded (docs/contract.md §3, "same
    // size"), through the CSSOM (no style attribute string: strict CSP), unless its own style sets `display`.
    const boxes = list.map(({ el }) => {
      const style = view?.getComputedStyle(el);
      const display = style?.display || '';
      const s = (el as HTMLElement).style;
      return {
        box: { width: 0, height: 0 },
        alt: el.tagName == 'IMG' && display == 'inline' && !s.display && s,
        display,
        align: style?.verticalAlign || '',
      };
    });
    for (const { alt } of boxes) if (alt) alt.display = 'inline-block';
    list.forEach(({ el }, i) => (boxes[i].box = el.getBoundingClientRect()));
    list.forEach(({ el }, i) => {
      const { alt } = boxes[i];
      if (!alt) return;
      alt.display = '';
      // A style attribute left empty goes, once read (Chromium writes it lazily, and would write it back empty).
      if (!alt.length) {
        el.getAttribute('style');
        el.removeAttribute('style');
      }
    });
    list.forEach((b, i) => entries.has(b.el) || draw(b, boxes[i]));
    if (list.length && !watching) {
      watching = true;
      follow.observe(doc.documentElement, { childList: true, subtree: true });
    }
  };
  const add = (list: Blocked[]) => {
    queue.push(...list);
    if (doc.readyState != 'loading' || !view?.requestAnimationFrame) flush();
    else frame ||= view.requestAnimationFrame(flush);
  };

  /** Same size and flow as the element it stands for. */
  const draw = (
    { el, language, dir, texts, onAllow, onSettings }: Blocked,
    { box, display, align }: { box: { width: number; height: number }; display: string; align: string },
  ) => {
    const { host, root } = widget('data-candor-placeholder', css, 'candor-placeholders.css');
    host.lang = language;
    host.dir = dir;
    // The measure counts (border and page CSS such as a responsive `width: 100%` included, an image's as above); the
    // width/height attributes when there is none (an element not laid out).
    const attr = (name: string) => {
      const v = el.getAttribute(name);
      return v ? (/^\d+$/.test(v) ? v + 'px' : v) : '';
    };
    const size = (name: string, n: number) => (n ? n + 'px' : attr(name));
    host.style.width = size('width', box.width) || '100%';
    host.style.height = size('height', box.height);
    host.style.maxWidth = '100%';
    // Inline embeds (the default for iframe, img, video) stay side by side; bottoms line up as theirs do.
    if (/^inline/.test(display)) {
      host.style.display = 'inline-block';
      host.style.verticalAlign = align == 'baseline' ? 'bottom' : align;
    }
    const box2 = doc.createElement('div');
    box2.className = 'ph';
    box2.setAttribute('role', 'group');
    box2.setAttribute('aria-label', texts.title);
    // Title and message are flex items (blocks, no margins to undo), then the two buttons.
    const text = (tag: 'strong' | 'span', text: string) => {
      const t = box2.appendChild(doc.createElement(tag));
      t.textContent = text;
      return t;
    };
    const button = (text: string, cls: string, fn: (b: HTMLButtonElement) => void) => {
      const b = box2.appendChild(doc.createElement('button'));
      b.type = 'button';
      b.className = cls;
      b.textContent = text;
      b.onclick = () => fn(b);
      return b;
    };
    text('strong', texts.title);
    // The button keeps its contract label (docs/contract.md §3); what it grants — the purpose, and the recipients
    // when the purpose names them — is its description (the id is unique in this placeholder's own shadow root).
    text('span', texts.message).id = 'm';
    if (onAllow) button(texts.allow, 'allow', onAllow).setAttribute('aria-describedby', 'm');
    button(texts.settings, 'open', onSettings);
    root.appendChild(box2);
    entries.set(el, { host, hidden: el.hidden });
    el.hidden = true;
    el.before(host);
  };

  return {
    add,
    remove,
    destroy() {
      if (frame) view?.cancelAnimationFrame(frame);
      queue = [];
      follow.disconnect();
      watching = false;
      for (const el of doc.querySelectorAll('[data-purpose]')) remove(el);
    },
  };
}
