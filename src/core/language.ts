/**
 * The interface language (docs/contract.md §5): `forced` if set; else `<html lang>` if among `languages`; else the
 * first of the browser's languages among them; else `languages[0]`. A regional tag matches its language:
 * `fr-CA` matches `fr`, `de-AT` matches `de`, `pt-BR` matches `pt`.
 */
export function chooseLanguage(languages: string[], forced: string | undefined, pageLang: string, browser: readonly string[]): string {
  if (forced) return forced;
  const match = (tag: string) => {
    tag = tag.toLowerCase();
    return languages.find((l) => l.toLowerCase() == tag) || languages.find((l) => l.toLowerCase() == tag.split('-')[0]);
  };
  for (const tag of [pageLang, ...browser]) {
    const found = tag && match(tag);
    if (found) return found;
  }
  return languages[0];
}

/**
 * Whose built-in texts show `language` (docs/configuration.md, "Languages"): the language itself if
 * Candor has texts for it (`available`); else its primary subtag (`de-AT` → `de`, `pt-BR` → `pt`); else
 * the same for the config's first language (`languages[0]`); else English.
 */
export function builtInLanguage(language: string, languages: readonly string[], available: readonly string[]): string {
  for (const tag of [language, languages[0] || '']) {
    const lower = tag.toLowerCase();
    const found = available.find((l) => l.toLowerCase() == lower) || available.find((l) => l.toLowerCase() == lower.split('-')[0]);
    if (found) return found;
  }
  return 'en';
}
