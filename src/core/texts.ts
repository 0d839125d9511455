import type { ResolvedConfig } from '../types';

/**
 * The few strings candor.js itself shows (floating button, embed placeholders), in English: another
 * language's come from its chunk (dist/candor-<language>.js), so candor.js carries one language only.
 * Overridable in `texts` like every other string; the interface's English (src/ui/i18n/en.ts) must match
 * (a test checks).
 */
export const CORE_EN: { [key: string]: string } = {
  floatingButton: 'Privacy settings',
  allowAndLoad: 'Allow and load',
  blocked: 'This content is blocked because it needs your consent for “{purpose}”.',
};

/** `key` in `language`: the config's override, else the built-in text (`builtIn`, else English). */
export function coreText(config: ResolvedConfig, language: string, key: string, builtIn?: { [key: string]: string }): string {
  return config.texts?.[language]?.[key] || (builtIn || CORE_EN)[key];
}
