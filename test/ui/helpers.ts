import { act } from 'preact/test-utils';
import { afterEach } from 'vitest';
import { mountUI } from '../../src/ui/index';
import { BUILT_IN } from '../../src/ui/i18n/index';
import type { ResolvedConfig, State, UI } from '../../src/types';
import { fakeHost, testConfig } from './fake-host';

let mounted: UI[] = [];
afterEach(() => {
  for (const ui of mounted) ui.destroy();
  mounted = [];
  document.body.innerHTML = '';
});

/** `ui`, destroyed after the test (and the page's body emptied). */
export function track(ui: UI): UI {
  mounted.push(ui);
  return ui;
}

/** The one element matching `selector` in `root` whose accessible name is `name` (exactly); throws unless there is exactly one. */
export function named<T extends Element = HTMLElement>(root: ParentNode, selector: string, name: string): T {
  const found = Array.from(root.querySelectorAll<T>(selector)).filter((el) => accessibleName(el) == name);
  if (found.length != 1) throw new Error(`${found.length} elements ${selector} named "${name}"`);
  return found[0];
}

/** Mounts the UI over a fake host; queries look inside its shadow root. */
export function setup(config: ResolvedConfig | null = testConfig(), initial: Partial<State> = {}) {
  const host = fakeHost(config, initial);
  // Every language at once: these tests are about the drawing (test/ui/lazy-texts.test.ts: the loading).
  const ui = track(mountUI(host, { texts: BUILT_IN }));
  const root = document.getElementById('candor')!.shadowRoot!;
  const $ = <T extends Element = HTMLElement>(selector: string) => root.querySelector<T>(selector);
  const $$ = <T extends Element = HTMLElement>(selector: string) => Array.from(root.querySelectorAll<T>(selector));
  /** The button whose accessible name is `name` (exactly). */
  const button = (name: string) => named<HTMLButtonElement>(root, 'button', name);
  const switchFor = (title: string) => named(root, '[role="switch"]', title);
  return { host, ui, root, $, $$, button, switchFor, banner: () => $('[role="region"]'), dialog: () => $('[role="dialog"]') };
}

/** A simplified accessible name: aria-labelledby, else aria-label, else text. */
export function accessibleName(el: Element): string {
  const root = el.getRootNode() as Document | ShadowRoot;
  const ids = el.getAttribute('aria-labelledby');
  if (ids)
    return ids
      .split(' ')
      .map((id) => root.getElementById(id)?.textContent || '')
      .join(' ')
      .trim();
  return (el.getAttribute('aria-label') || el.textContent || '').trim();
}

/** Runs `fn` and lets Preact finish rendering and running effects, then settles pending promises. */
export async function run(fn: () => unknown = () => {}) {
  await act(async () => {
    fn();
  });
  await act(async () => {
    await new Promise((r) => setTimeout(r, 0));
  });
}

export function click(el: Element) {
  return run(() => (el as HTMLElement).click());
}

export function key(target: EventTarget, key: string, shiftKey = false) {
  const event = new KeyboardEvent('keydown', { key, shiftKey, bubbles: true, cancelable: true, composed: true });
  return run(() => target.dispatchEvent(event)).then(() => event);
}
