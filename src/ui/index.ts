import type { CandorHost, UI } from '../types';
import { adoptStyles } from '../core/styles';
import { BUILT_IN } from './i18n/index';
import { mountUI as mount, type MountOptions } from './mount';
import * as preferences from './prefs';

/**
 * Draws the banner and the preference center for `host` (see mount.ts). The preference center is bundled
 * here and shown at once, unless `options.preferences` says how to load it; the texts are English and French
 * unless `options.texts` says otherwise. candor-ui.js does not come
 * through this file: its entry (entry.ts) calls mount.ts with dist/candor-prefs.js as that loader.
 */
export function mountUI(host: CandorHost, options: Partial<MountOptions> = {}): UI {
  return mount(host, { adoptStyles, texts: BUILT_IN, ...options, preferences: options.preferences || preferences });
}
