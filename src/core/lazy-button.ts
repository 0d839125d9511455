/**
 * The floating button, drawn on its first need: when it must be visible — a decision in force once the page is
 * parsed, or the first decision on this page. `load` gives its module: candor.js carries it (a returning visitor
 * needs it on every page, docs/contract.md §1), the ES module too. If `load` fails, it is said once per attempt in the
 * console and the page goes on without the button; the next need tries again. The button grants nothing: the
 * preference center stays reachable from `data-candor-open` and `candor.open()`.
 *
 * A decision taken in the interface moves focus where the button is, else to the page (src/ui/focus.ts): the
 * button is drawn after that decision (its label may wait for a language chunk), so it takes the focus when it
 * arrives, if the focus has not moved since.
 */
import type { floatingButton } from './button';

export type FloatingButton = typeof floatingButton;

/**
 * A `show(visible)` that loads the chunk the first time `visible` is true; `draw` makes the button with it
 * (its texts may wait for the language chunk). It follows the last `show` once drawn.
 */
export function lazyButton(
  doc: Document,
  load: (() => Promise<FloatingButton>) | undefined,
  draw: (make: FloatingButton) => Promise<(visible: boolean, focus?: boolean) => void>,
): (visible: boolean) => void {
  let shown: ((visible: boolean, focus?: boolean) => void) | undefined;
  let loading: Promise<unknown> | undefined;
  let want = false;
  let landed: Element | null | undefined;
  return (visible) => {
    want = visible;
    if (shown || !visible || !load) return shown?.(visible);
    // Focus on Candor's interface: the decision is the visitor's there, and the interface lands focus at once.
    if (doc.activeElement?.id == 'candor') queueMicrotask(() => (landed = doc.activeElement));
    if (loading) return;
    loading = load()
      .then(draw)
      .then(
        (show) => (shown = show)(want, !!landed && doc.activeElement == landed),
        (e) => {
          loading = undefined;
          console.error('Candor: could not load the floating button.', e);
        },
      );
  };
}
