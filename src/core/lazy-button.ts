/**
 * The floating button from its own chunk (dist/candor-button.js in candor.js), loaded on its first need: when
 * it must be visible — a decision in force once the page is parsed, or the first decision on this page. A first
 * visit that never decides never downloads it. If the chunk fails to load (network, integrity), it is said once
 * per attempt in the console and the page goes on without the button; the next need tries again. The button
 * grants nothing: the preference center stays reachable from `data-candor-open` and `candor.open()`.
 */
import type { floatingButton } from './button';

export type FloatingButton = typeof floatingButton;

/**
 * A `show(visible)` that loads the chunk the first time `visible` is true; `draw` makes the button with it
 * (its texts may wait for the language chunk). It follows the last `show` once drawn.
 */
export function lazyButton(
  load: (() => Promise<FloatingButton>) | undefined,
  draw: (make: FloatingButton) => Promise<(visible: boolean) => void>,
): (visible: boolean) => void {
  let shown: ((visible: boolean) => void) | undefined;
  let loading: Promise<unknown> | undefined;
  let want = false;
  return (visible) => {
    want = visible;
    if (shown || !visible || !load) return shown?.(visible);
    loading ||= load()
      .then(draw)
      .then(
        (show) => (shown = show)(want),
        (e) => {
          loading = undefined;
          console.error('Candor: could not load the floating button.', e);
        },
      );
  };
}
