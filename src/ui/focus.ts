/** The deepest focused element, looking inside open shadow roots (ours included). */
export function focusedElement(doc: Document): Element | null {
  let el = doc.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el;
}

/** Controls Tab can reach inside `root` (collapsed panels are `hidden`, so skipped). */
function focusables(root: Element): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>('button:not([disabled]),a[href]')).filter((el) => !el.closest('[hidden]'));
}

/**
 * Whether `e` is the key `name` (`keyCode` its legacy code). WebKitGTK sends Shift+Tab with `key`
 * "Unidentified" (`code` "Tab", `keyCode` 9): when `key` says nothing, the physical key decides.
 */
export const isKey = (e: KeyboardEvent, name: string, keyCode: number) =>
  e.key == name || ((!e.key || e.key == 'Unidentified') && (e.code == name || e.keyCode == keyCode));

/**
 * Keyboard handling of a modal dialog (WAI-ARIA APG dialog pattern): Tab and Shift+Tab wrap inside
 * `dialog`, Escape calls `close`. Safe to call twice for one event (it marks what it handled).
 */
export function dialogKeys(e: KeyboardEvent, dialog: HTMLElement, close: () => void) {
  if (e.defaultPrevented) return;
  if (isKey(e, 'Escape', 27)) {
    e.preventDefault();
    close();
  } else if (isKey(e, 'Tab', 9)) {
    const list = focusables(dialog);
    const first = list[0];
    const last = list[list.length - 1];
    const active = (dialog.getRootNode() as ShadowRoot).activeElement as HTMLElement | null;
    const inside = active && dialog.contains(active);
    // A stop that is not a control counts by where it is: the title (focused on open, tabindex -1) before
    // the first control, a scrollable box Firefox makes focusable in between (the browser moves on from it).
    const off = inside && !list.includes(active) && active.compareDocumentPosition(e.shiftKey ? first : last);
    if (!inside || (e.shiftKey ? active == first || (off as number) & 4 : active == last || (off as number) & 2)) {
      e.preventDefault();
      (e.shiftKey ? last : first).focus();
    }
  }
}

/**
 * Where focus goes when the interface that held it goes away, never `<body>` (WCAG 2.4.3): the floating
 * button, else `before` (what had focus before the banner), else the top of the page's main content.
 */
export function landFocus(doc: Document, before: Element | null) {
  const to = (doc.querySelector('[data-candor-button]')?.shadowRoot?.querySelector('button') ||
    (before?.isConnected && before) ||
    doc.querySelector('main,[role=main],h1') ||
    doc.querySelector('body>:not(#candor,script,style)')) as HTMLElement | null;
  if (!to) return;
  // A landmark or heading is not focusable by itself: focusable by script only, not added to the Tab order.
  if (to.tabIndex < 0 && !to.hasAttribute('tabindex')) to.setAttribute('tabindex', '-1');
  to.focus();
}
