import type { Text } from '../types';

/**
 * The string to show for `text` in `language`: that language's entry, else its language's for a regional
 * tag (`en-GB` → `en`), else the first of `languages` that has one, else any entry. Always returns a string
 * (empty when nothing is set).
 */
export function pick(text: Text | undefined, language: string, languages: string[] = []): string {
  if (text == null) return '';
  if (typeof text == 'string') return text;
  for (const l of [language, language.split('-')[0], ...languages]) if (text[l] != null) return text[l];
  for (const l in text) return text[l];
  return '';
}
