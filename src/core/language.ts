/**
 * The interface language (SPEC §5): `forced` if set; else `<html lang>` if among `languages`; else the
 * first of the browser's languages among them; else `languages[0]`. `fr-CA` matches `fr`.
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
