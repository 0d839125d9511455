import { LANGUAGES } from '../languages';
import { builtInLanguage } from './language';
import type { Shape } from './schema';
import { TEXT_KEYS } from './text-keys';

type Warn = (path: string, message: string, hint?: string) => void;

/**
 * Warn about what a visitor would read in another language than the page's (docs/configuration.md,
 * "Languages"): a text given per language but not in one of `languages` (that visitor sees another
 * language's text in the middle of their own).
 */
export function missingTexts(value: unknown, shape: Shape, languages: unknown[], warn: Warn): void {
  const langs = languages.filter((l): l is string => typeof l == 'string');
  const visit = (v: any, s: Shape, path: string): void => {
    if (!v || typeof v != 'object') return;
    const at = (k: string | number) => (typeof k == 'number' ? `${path}[${k}]` : path ? `${path}.${k}` : k);
    if (s.t == 'text' && !Array.isArray(v)) {
      const shown = langs.find((l) => typeof v[l] == 'string') || Object.keys(v).find((k) => k[0] != '$');
      // As pick() reads it: a regional language (`en-GB`) reads its language's text (`en`).
      const missing = langs.filter((l) => typeof v[l] != 'string' && typeof v[l.split('-')[0]] != 'string');
      if (shown && missing.length)
        warn(
          path,
          `no ${missing.map((l) => `"${l}"`).join(', ')} text`,
          `${missing.length > 1 ? 'these' : `"${missing[0]}"`} visitors read the "${shown}" one: add "${missing[0]}": "…"`,
        );
    } else if (s.t == 'arr' && Array.isArray(v)) v.forEach((x, i) => visit(x, s.of, at(i)));
    else if (s.t == 'obj') for (const k in s.props) visit(v[k], s.props[k], at(k));
  };
  visit(value, shape, '');
}

/**
 * `candor validate` only (it keeps the language list out of the browser's validator): a language Candor has
 * no built-in texts for, unless `texts.<language>` gives every key.
 */
export function missingBuiltIns(value: unknown, warn: Warn): void {
  const c = (value && typeof value == 'object' ? value : {}) as { languages?: unknown; texts?: any };
  const langs = Array.isArray(c.languages) ? c.languages.filter((l): l is string => typeof l == 'string') : [];
  langs.forEach((l, i) => {
    const own = c.texts && typeof c.texts == 'object' ? c.texts[l] : null;
    const fallback = builtInLanguage(l, langs, LANGUAGES);
    if (fallback.toLowerCase() == l.toLowerCase().split('-')[0] || TEXT_KEYS.every((k) => own && typeof own[k] == 'string')) return;
    warn(
      `languages[${i}]`,
      `Candor has no built-in texts for "${l}": its visitors see the buttons in "${fallback}"`,
      `give every key in texts.${l}, or offer one of ${LANGUAGES.join(', ')}`,
    );
  });
}
