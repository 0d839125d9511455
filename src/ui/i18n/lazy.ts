/**
 * The built-in texts in the ES module: English at once (the fallback), each other language loaded on first need
 * through its own `import()` (load.ts), so that an app's bundler downloads only the languages its visitors need.
 */
import { builtInLanguage } from '../../core/language';
import { LANGUAGES } from '../../languages';
import type { BuiltIn, BuiltInTexts } from '../texts';
import en from './en';
import { LOADERS } from './load';

/** The languages loaded so far, by code: the interface reads it at each draw. */
export const LOADED: BuiltIn = { en };

/** Which language's built-in texts show `language` (src/core/language.ts). */
export const whose = (language: string, languages: readonly string[] = []): string => builtInLanguage(language, languages, LANGUAGES);

/**
 * The built-in texts that show `language` (its own, its primary subtag's, the config's first language's, else
 * English), loaded once. Rejects when the language's chunk cannot be loaded (offline), and may be retried.
 */
export async function loadTexts(language: string, languages: readonly string[] = []): Promise<BuiltInTexts> {
  const l = whose(language, languages);
  if (!LOADED[l]) LOADED[l] = (await LOADERS[l]()).default;
  return LOADED[l];
}
