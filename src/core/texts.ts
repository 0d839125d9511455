import type { ResolvedConfig } from '../types';

/**
 * The few strings candor.js itself shows (floating button, embed placeholders), so a returning visitor
 * never downloads the interface chunk for them. Overridable in `texts` like every other string; the
 * interface's own copies (src/ui/i18n) must match (a test checks).
 */
export const CORE_TEXTS: { [language: string]: { [key: string]: string } } = {
  en: {
    floatingButton: 'Privacy settings',
    allowAndLoad: 'Allow and load',
    blocked: 'This content is blocked because it needs your consent for “{purpose}”.',
  },
  fr: {
    floatingButton: 'Paramètres de confidentialité',
    allowAndLoad: 'Autoriser et charger',
    blocked: 'Ce contenu est bloqué car il nécessite votre consentement pour « {purpose} ».',
  },
};

/** `key` in `language`: the config's override, else the built-in text (English when the language has none). */
export function coreText(config: ResolvedConfig, language: string, key: string): string {
  return config.texts?.[language]?.[key] || (CORE_TEXTS[language] || CORE_TEXTS.en)[key];
}
