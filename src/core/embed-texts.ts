import { BUTTON_TEXTS } from './button-texts';

/**
 * The embed placeholders' strings in the default languages, English and French: they come with the
 * placeholders (dist/candor-embeds.js), the floating button's label among them (button-texts.ts). Another
 * language's come from its chunk (dist/candor-<language>.js). Overridable in `texts`; the interface's own
 * copies (src/ui/i18n) must match (a test checks).
 */
export const EMBED_TEXTS: { [language: string]: { [key: string]: string } } = {
  en: {
    ...BUTTON_TEXTS.en,
    allowAndLoad: 'Allow and load',
    allowGrants: 'Recipients if you allow: {vendors}.',
    blocked: 'This content is blocked because it needs your consent for “{purpose}”.',
    blockedGpc: 'This content is blocked: your Global Privacy Control signal is honored and keeps “{purpose}” off.',
    'interaction.chat': 'You will chat with an AI system, not a person.',
    'interaction.voice': 'You will speak with an AI system, not a person.',
  },
  fr: {
    ...BUTTON_TEXTS.fr,
    allowAndLoad: 'Autoriser et charger',
    allowGrants: 'Destinataires si vous autorisez\u00a0: {vendors}.',
    blocked: 'Ce contenu est bloqué car il nécessite votre consentement pour « {purpose} ».',
    blockedGpc: 'Ce contenu est bloqué\u00a0: votre signal Global Privacy Control est respecté et désactive « {purpose} ».',
    'interaction.chat': 'Vous écrirez à un système d’IA, pas à une personne.',
    'interaction.voice': 'Vous parlerez à un système d’IA, pas à une personne.',
  },
};
