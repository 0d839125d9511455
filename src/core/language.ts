/** The first of `tags` among `available`, a regional tag matching its language (`fr-CA` → `fr`), case-insensitive. */
const firstMatch = (available: readonly string[], tags: readonly (string | undefined)[]): string | undefined => {
  for (let tag of tags)
    if (tag) {
      tag = tag.toLowerCase();
      const primary = tag.split('-')[0];
      const found = available.find((l) => l.toLowerCase() == tag) || available.find((l) => l.toLowerCase() == primary);
      if (found) return found;
    }
};

/**
 * The interface language (docs/contract.md §5): `forced` if set; else `<html lang>` if among `languages`; else the
 * first of the browser's languages among them; else `languages[0]`. A regional tag matches its language:
 * `fr-CA` matches `fr`, `de-AT` matches `de`, `pt-BR` matches `pt`.
 */
export function chooseLanguage(languages: string[], forced: string | undefined, pageLang: string, browser: readonly string[]): string {
  return forced || firstMatch(languages, [pageLang, ...browser]) || languages[0];
}

/**
 * Whose built-in texts show `language` (docs/configuration.md, "Languages"): the language itself if
 * Candor has texts for it (`available`); else its primary subtag (`de-AT` → `de`, `pt-BR` → `pt`); else
 * the same for the config's first language (`languages[0]`); else English.
 */
export function builtInLanguage(language: string, languages: readonly string[], available: readonly string[]): string {
  return firstMatch(available, [language, languages[0]]) || 'en';
}
