/**
 * The floating button's label in the default languages, English and French: it comes with the button (in
 * candor.js) and the embed placeholders (dist/candor-embeds.js, their "Privacy settings" link), so a returning
 * visitor of such a site downloads nothing else for it (docs/contract.md §1). Another language's comes from its
 * chunk (dist/candor-<language>.js), unless the config has its own. Overridable in `texts` like every other string;
 * the interface's own copies (src/ui/i18n) must match (a test checks).
 */
export const BUTTON_TEXTS: { [language: string]: { [key: string]: string } } = {
  en: { floatingButton: 'Privacy settings' },
  fr: { floatingButton: 'Paramètres de confidentialité' },
};
