import type { ResolvedConfig } from '../types';

/**
 * The few strings candor.js itself shows (floating button, embed placeholders) in the default languages,
 * English and French, so a returning visitor of such a site never downloads anything else for them
 * (docs/contract.md §1). Another language's come from its chunk (dist/candor-<language>.js). Overridable in
 * `texts` like every other string; the interface's own copies (src/ui/i18n) must match (a test checks).
 */
export const CORE_TEXTS: { [language: string]: { [key: string]: string } } = {
  en: {
    floatingButton: 'Privacy settings',
    allowAndLoad: 'Allow and load',
    allowGrants: 'Recipients if you allow: {vendors}.',
    blocked: 'This content is blocked because it needs your consent for “{purpose}”.',
  },
  fr: {
    floatingButton: 'Paramètres de confidentialité',
    allowAndLoad: 'Autoriser et charger',
    allowGrants: 'Destinataires si vous autorisez\u00a0: {vendors}.',
    blocked: 'Ce contenu est bloqué car il nécessite votre consentement pour « {purpose} ».',
  },
};

/** `key` in `language`: the config's override, else the built-in text (`builtIn`, else English and French's own, else English). */
export function coreText(config: ResolvedConfig, language: string, key: string, builtIn?: { [key: string]: string }): string {
  return config.texts?.[language]?.[key] || (builtIn || CORE_TEXTS[language] || CORE_TEXTS.en)[key];
}
