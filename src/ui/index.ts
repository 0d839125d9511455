import type { CandorHost, UI, View } from '../types';
import { builtInLanguage } from '../core/language';
import { adoptStyles } from '../core/styles';
import { LOADED, loadTexts, whose } from './i18n/lazy';
import { mountUI as mount, type MountOptions } from './mount';
import * as preferences from './prefs';

/**
 * Draws the banner and the preference center for `host` (see mount.ts). The preference center is bundled
 * here and shown at once, unless `options.preferences` says how to load it. The built-in texts are
 * `options.texts` if given; else the visitor's language is loaded first (its own chunk, src/ui/i18n/lazy.ts;
 * English if it cannot be loaded), after the config is read, and the interface is drawn then: calls to
 * `show`/`hide` meanwhile apply once it is drawn. English, or a language already loaded, draws at once.
 * candor-ui.js does not come through this file: its entry (entry.ts) calls mount.ts with
 * dist/candor-prefs.js as that loader.
 */
export function mountUI(host: CandorHost, options: Partial<MountOptions> = {}): UI {
  const now = () => mount(host, { adoptStyles, builtInLanguage, texts: LOADED, ...options, preferences: options.preferences || preferences });
  if (options.texts || (host.config && LOADED[whose(host.get().language, host.config.languages)])) return now();
  let ui: UI | undefined;
  let gone = false;
  const waiting: ((ui: UI) => void)[] = [];
  host.ready
    .then((state) => loadTexts(state.language, host.config?.languages))
    .catch(() => undefined)
    .then(() => {
      if (gone) return;
      ui = now();
      for (const call of waiting.splice(0)) call(ui);
    });
  const later = (call: (ui: UI) => void) => (ui ? call(ui) : waiting.push(call));
  return {
    show: (view: View, opener?: Element | null) => later((u) => u.show(view, opener)),
    hide: (view?: View) => later((u) => u.hide(view)),
    destroy: () => {
      gone = true;
      ui?.destroy();
    },
  };
}
