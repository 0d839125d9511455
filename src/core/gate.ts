/**
 * Activation of gated markup (docs/contract.md §3): `<script type="text/plain" data-purpose>` and elements with
 * `data-purpose` + `data-src`. Scripts run in document order, each after the previous one's load or error
 * (like cookieconsent's `src/utils/scripts.js`); each element is activated at most once; elements added
 * later (SPAs, tag managers) are picked up by a MutationObserver.
 */

import { guard } from './guard';
import { trusted } from './trusted';

/** Everything the gate may activate. */
export const GATED = 'script[type="text/plain"][data-purpose],[data-purpose][data-src]';

/** Attributes of the inert script that the live one must not copy. */
const SKIP = /^(type|data-type|nonce)$/;

export interface Gate {
  /** Activate every gated element whose purposes are all granted now. */
  scan(): void;
  stop(): void;
}

/** Nodes Candor itself appends to <body> (floating button, banner spacer): not the parser's progress. */
function isOurs(n: Node): boolean {
  return n.nodeType == 1 && (n as Element).matches('[data-candor-button],[data-candor-spacer]');
}

/** Purposes an element needs: `data-purpose="a b"` needs both. */
export function purposesOf(el: Element): string[] {
  return (el.getAttribute('data-purpose') || '').split(/\s+/).filter(Boolean);
}

/**
 * Watch `doc` and activate gated elements once `has` grants all their purposes. `onActivate` is told
 * about each element as it goes live, `onBlocked` once per scan about the gated embeds (not scripts) still
 * waiting (placeholders use both).
 *
 * `nonce` is the page's nonce, read from the script running Candor (candor.js with `nonce`). Then a gated
 * inline script without that very nonce is never run: under `'strict-dynamic'` the browser trusts every
 * script Candor creates, so markup injected into the page (`<script type="text/plain"
 * data-purpose="necessary">`) would otherwise run. When `document.currentScript` is not a script (clobbered by markup),
 * no gated inline script runs.
 */
export function createGate(
  doc: Document,
  has: (id: string) => boolean,
  onActivate?: (el: Element) => void,
  onBlocked?: (els: Element[]) => void,
  // An `<img name="currentScript">` before candor.js is what `document.currentScript` gives (DOM clobbering): its nonce
  // must neither turn the rule off nor satisfy it, so the nonce is then none any element has (`true`).
  nonce: string | true | undefined = ((s) => (s && s.tagName != 'SCRIPT' ? true : s?.nonce))(doc.currentScript as HTMLScriptElement | null),
): Gate {
  const claimed = new WeakSet<Element>();
  let warned = false;
  // A failing callback must neither throw into the page nor stall the scripts queued after it.
  const notify = (el: Element) => onActivate && guard(() => onActivate(el));
  let chain: Promise<unknown> = Promise.resolve();
  /** Elements added since the last scan, and inline scripts the parser may not have finished. */
  const added: Element[] = [];
  const waiting = new Set<Element>();

  /**
   * While the page loads, the parser inserts a script element before its text: an inline script is
   * complete once the parser has moved past it (a node follows it) or the document is parsed.
   */
  const parsed = (el: Element) => {
    if (doc.readyState != 'loading' || el.hasAttribute('src')) return true;
    for (let n: Node | null = el; n; n = n.parentNode) for (let next = n.nextSibling; next; next = next.nextSibling) if (!isOurs(next)) return true;
    return false;
  };

  /** Activate what is granted among `roots` and their descendants (the whole document by default). */
  const scan = (roots?: Element[]) => {
    const found: Element[] = [];
    if (roots) {
      found.push(...waiting);
      for (const r of roots) {
        if (r.matches(GATED)) found.push(r);
        found.push(...r.querySelectorAll(GATED));
      }
    } else found.push(...doc.querySelectorAll(GATED));
    waiting.clear();
    const blocked: Element[] = [];
    for (const el of found) {
      const ids = purposesOf(el);
      const script = el.tagName == 'SCRIPT';
      if (claimed.has(el) || !ids.length || !el.isConnected) continue;
      // A `javascript:` URL would run in the page (a frame's `src`), a `data:` frame runs script of its own: markup a
      // sanitizer let through (it checks `src`, not `data-*`) stays inert (docs/contract.md §8). Controls and spaces
      // go first, as the URL parser drops them (`\tjava\nscript:`). Refused at the first look: no placeholder offers
      // to grant a purpose for what would never load. An SVG `<script>` (tagName `script`) may have no `data-src`: tested as
      // `undefined`, nothing to refuse.
      if (!script && /^(javascript|vbscript|data):/i.test(el.getAttribute('data-src')?.replace(/[\0- ]/g, '') as string)) {
        console.warn('Candor: refused data-src', el);
        claimed.add(el);
        continue;
      }
      // Every id asked, not up to the first not granted: has() names an undeclared one at the first scan, whatever was decided.
      if (ids.map(has).includes(false)) {
        if (!script) blocked.push(el);
        continue;
      }
      if (script && !parsed(el)) {
        waiting.add(el);
        continue;
      }
      claimed.add(el);
      if (script && nonce && !el.hasAttribute('src') && (el as HTMLScriptElement).nonce !== nonce) {
        if (!warned) console.warn('Candor: skipped a gated inline script without the nonce', el);
        warned = true;
        continue;
      }
      // The live copy is claimed too: it keeps `data-purpose`, and with a `data-src` (another manager's syntax) it would
      // match GATED and be copied again, without end.
      if (script)
        chain = chain
          .then(() =>
            runScript(doc, el as HTMLScriptElement, (s) => {
              claimed.add(s);
              notify(s);
            }),
          )
          .catch(() => {});
      else {
        el.setAttribute('src', el.getAttribute('data-src')!);
        el.removeAttribute('data-src');
        notify(el);
      }
    }
    if (blocked.length && onBlocked) guard(() => onBlocked(blocked));
  };

  // Late elements (SPAs, tag managers, the parser itself): only what was added is scanned, so the cost
  // stays linear in the number of gated elements.
  const observer = new MutationObserver((records) => {
    const first = !added.length;
    for (const r of records) for (const n of r.addedNodes) if (n.nodeType == 1) added.push(n as Element);
    if (first && added.length) queueMicrotask(() => scan(added.splice(0)));
  });
  observer.observe(doc.documentElement, { childList: true, subtree: true });
  const parsedAll = () => scan();
  if (doc.readyState == 'loading') doc.addEventListener('DOMContentLoaded', parsedAll);

  return {
    scan,
    stop() {
      observer.disconnect();
      doc.removeEventListener('DOMContentLoaded', parsedAll);
    },
  };
}

/**
 * Replace an inert script with a live copy: `src`, `async`, `defer`, `integrity`, `crossorigin`,
 * `referrerpolicy` and every other attribute carry over, `data-type` becomes `type`, and the nonce is read
 * from the `.nonce` property (browsers hide the attribute; docs/compliance.md H31). Resolves after load or error
 * for external scripts, at once for inline classic ones, when an inline module has run.
 */
let inlineModules = 0;

function runScript(doc: Document, el: HTMLScriptElement, onActivate?: (el: Element) => void): Promise<void> {
  return new Promise((resolve) => {
    if (!el.isConnected) return resolve();
    const s = doc.createElement('script');
    // Under Trusted Types, a script's URL and text go through the `candor` policy.
    const policy = trusted(doc.defaultView!);
    for (const a of el.attributes) if (!SKIP.test(a.name)) s.setAttribute(a.name, a.name == 'src' ? policy.createScriptURL(a.value) : a.value);
    const type = el.getAttribute('data-type');
    if (type) s.type = type;
    if (el.nonce) s.nonce = el.nonce;
    // Inserted scripts are async by default; keep what the author wrote.
    s.async = el.hasAttribute('async');
    if (s.src) s.onload = s.onerror = () => resolve();
    else {
      let text = el.text;
      if (type == 'module') {
        // An inline module runs once its module graph is ready and fires no load event, so it reports back
        // itself through one line appended to its text (under a hash-based CSP, make such a module a file).
        // One that throws never reports: the queue moves on after 3 s.
        const win = doc.defaultView as unknown as { [key: string]: unknown };
        const key = 'candorModule' + inlineModules++;
        const done = () => {
          delete win[key];
          resolve();
        };
        win[key] = done;
        text += `\n;window.${key}?.();`;
        setTimeout(done, 3000);
      }
      s.text = policy.createScript(text);
    }
    el.replaceWith(s);
    onActivate?.(s);
    // An inline classic script has run by now; a `nomodule` one never runs, nor fires `load` or `error` (every browser
    // Candor runs in has modules): it must not hold back the scripts after it.
    if ((!s.src && type != 'module') || s.hasAttribute('nomodule')) resolve();
  });
}
