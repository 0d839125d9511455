import type { ResolvedConfig, Text } from '../types';
import type { builtInLanguage } from '../core/language';
import { direction } from '../core/direction';
import { pick } from '../core/text';
import type { TextKey } from './i18n/en';

/** One language's built-in texts (src/ui/i18n/<language>.ts). */
export type BuiltInTexts = { [key: string]: string };

/**
 * Built-in texts by language, as far as they are loaded: the ES module has English and those it loaded so
 * far (src/ui/i18n/lazy.ts); candor.js passes the one language chunk it loaded (dist/candor-<language>.js), keyed
 * by the visitor's language. Missing keys fall back to English (docs/contract.md §5).
 */
export type BuiltIn = { [language: string]: BuiltInTexts };

/** What components use to turn keys and config texts into visible strings. */
export interface Localized {
  language: string;
  /** Its writing direction (src/core/direction.ts): the `dir` of the interface's root, the way its arrows point. */
  dir: 'rtl' | 'ltr';
  /** A built-in text key, `{name}` placeholders filled from `vars`. */
  t(key: TextKey, vars?: { [name: string]: string }): string;
  /** A config text (string or language map) in the current language. */
  text(value?: Text): string;
}

/**
 * Texts for `language`: the config's `texts[language][key]` override, else the built-in texts `whose` chooses —
 * src/core/language.ts's builtInLanguage (`de-AT` → `de`, then the config's first language), passed in because
 * candor.js has it already (mount.ts is given it) —, else English.
 */
export function localize(config: ResolvedConfig, language: string, texts: BuiltIn, whose: typeof builtInLanguage): Localized {
  const own = config.texts?.[language] || {};
  const en = texts.en || {};
  const builtIn = texts[whose(language, config.languages, Object.keys(texts))] || en;
  const t = (key: string, vars?: { [name: string]: string }): string =>
    (own[key] ?? builtIn[key] ?? en[key] ?? key).replace(/\{(\w+)\}/g, (all, name) => (vars && vars[name] != null ? vars[name] : all));
  return { language, dir: direction(language, texts[language.split('-')[0]]), t, text: (value?: Text) => pick(value, language, config.languages) };
}

/** `href` if it is safe to link to (https:, mailto: or a same-origin path), else undefined (docs/contract.md §8). */
export function safeUrl(href?: string): string | undefined {
  // "//host" and "/\host" are protocol-relative in browsers: only a single leading slash is a path.
  return href && /^(https:|mailto:|\/(?![/\\]))/i.test(href) ? href : undefined;
}
