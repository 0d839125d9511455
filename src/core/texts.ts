import type { ResolvedConfig } from '../types';

/**
 * The one string candor.js itself shows (the floating button) in the default languages, English and French,
 * so a returning visitor of such a site never downloads anything else for it (docs/contract.md §1). Another
 * language's comes from its chunk (dist/candor-<language>.js); the embed placeholders' own are in their chunk
 * (embed-texts.ts). Overridable in `texts` like every other string; the interface's own copies (src/ui/i18n)
 * must match (a test checks).
 */
export const CORE_TEXTS: { [language: string]: { [key: string]: string } } = {
  en: { floatingButton: 'Privacy settings' },
  fr: { floatingButton: 'Paramètres de confidentialité' },
};

/** A text lookup by key, as candor.js hands it to what it draws. */
export type TextOf = (key: string) => string | undefined;

/**
 * `key` in `language`: the config's override, else the built-in text (`builtIn`, else English and French's own,
 * else English); undefined for a key only the embeds chunk carries (embed-texts.ts) when `builtIn` is missing.
 */
export function coreText(config: ResolvedConfig, language: string, key: string, builtIn?: { [key: string]: string }): string | undefined {
  return config.texts?.[language]?.[key] || (builtIn || CORE_TEXTS[language] || CORE_TEXTS.en)[key];
}
