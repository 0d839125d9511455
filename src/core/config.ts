import { DEFAULT_LANGUAGES } from '../languages';
import type { Config, Problem, ResolvedConfig } from '../types';
import { CATEGORIES, SPECIAL_CATEGORIES, VULNERABLE_CATEGORIES } from './categories';
import { missingTexts } from './missing-texts';
import { REASK_DAYS, resolveConfig } from './resolve';
import { CONFIG, ID, ID_HINT, LANG, LANG_HINT, URL_HINTS, URLS, type Shape } from './schema';
import { TEXT_KEYS } from './text-keys';
import { checkLayout } from './check-layout';
import { checkDisclosures } from './check-disclosures';
import type { Expand } from './expand-services';
import { checkThemeContrast } from './theme-contrast';

/** At most this many optional purposes, the ones the `candor` cookie holds (docs/contract.md §7: it fits 100). */
export const MAX_PURPOSES = 100;
/** Bytes of `candor=<value>` a decision granting every optional purpose may take: browsers keep 4096. */
export const MAX_COOKIE = 4000;

/** What checking a configuration gives: the resolved config when valid, every error, every warning. */
export interface Checked {
  config: ResolvedConfig | null;
  problems: Problem[];
  warnings: Problem[];
}

/**
 * Validate a configuration given as JSON text or as a value (the validator chunk, dist/candor-check.js).
 * With `report` (what an invalid configuration means for the page), every warning and problem also goes to the
 * console, once (docs/contract.md §8).
 */
export function check(raw: unknown, report?: string): Checked {
  const checked = typeof raw == 'string' ? parseConfig(raw) : checkConfig(raw);
  if (report && checked.warnings.length) console.warn('Candor: configuration warnings\n' + describe(checked.warnings));
  if (report && !checked.config) console.error(`Candor: invalid configuration, ${report}\n` + describe(checked.problems));
  return checked;
}

/** Problems as console lines: `  path: message — hint`. */
export function describe(list: Problem[]): string {
  return list.map((p) => `  ${p.path || '(root)'}: ${p.message}${p.hint ? ` — ${p.hint}` : ''}`).join('\n');
}

/**
 * Parse a configuration from JSON text. Never throws: text that is not JSON gives one problem at the root.
 */
export function parseConfig(json: string, expand?: Expand): Checked {
  let value: unknown;
  try {
    value = JSON.parse(json.replace(/^\uFEFF/, ''));
  } catch (e) {
    return fail('', `is not valid JSON (${(e as Error).message})`, 'check for a missing comma or quote, and remove comments');
  }
  return checkConfig(value, expand);
}

function fail(path: string, message: string, hint?: string): Checked {
  return { config: null, problems: [{ path, message, hint }], warnings: [] };
}

/**
 * Validate a configuration value against docs/contract.md §6 and resolve its defaults. Every problem is reported,
 * each with its JSON path (`purposes[2].ai.humanReview`), a message and a hint (docs/contract.md §8). Purposes'
 * `services` are expanded by `expand` (the `candor` command's, src/core/expand-services.ts); without it they are a problem.
 */
export function checkConfig(value: unknown, expand?: Expand): Checked {
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const err = (path: string, message: string, hint?: string) => problems.push({ path, message, hint });
  const warn = (path: string, message: string, hint?: string) => warnings.push({ path, message, hint });

  // A purpose's catalog `services` become its vendors, cookies and storage keys. The browser has no catalog
  // (it would cost the validator 2 KB): there, a file naming services must be stamped, which expands them.
  if (expand) value = expand(value, err);
  else if (isObject(value) && Array.isArray(value.purposes))
    value.purposes.forEach((p, i) => {
      if (isObject(p) && p.services !== undefined) err(`purposes[${i}].services`, 'needs stamping', 'run candor validate --stamp to expand services');
    });
  walk(value, CONFIG, '', err);
  if (problems.length && !isObject(value)) return { config: null, problems, warnings };
  const c = value as Config;
  // Entries that are not objects were reported by the shape; they are skipped below, keeping the indexes.
  const purposes = Array.isArray(c.purposes) ? c.purposes : [];
  const languages = Array.isArray(c.languages) ? c.languages : typeof c.language == 'string' ? [c.language] : [...DEFAULT_LANGUAGES];

  // Ids are unique: they key the cookie, the API and the receipts.
  const seen = new Map<string, number>();
  purposes.forEach((p, i) => {
    if (!isObject(p) || typeof p.id != 'string') return;
    if (seen.has(p.id)) err(`purposes[${i}].id`, `duplicate id "${p.id}" (also purposes[${seen.get(p.id)}])`, 'give every purpose its own id');
    else seen.set(p.id, i);
  });
  const purposeIds = [...seen.keys()];
  const optionalIds = purposeIds.filter((id) => purposes[seen.get(id)!].required !== true);
  // The decision must fit its cookie, or it would be lost on every page and the banner come back each time.
  // Required purposes are not in the cookie: the byte count below bounds them.
  if (optionalIds.length > MAX_PURPOSES)
    err('purposes', `${optionalIds.length} optional purposes, more than the ${MAX_PURPOSES} allowed`, 'group related uses into fewer purposes');
  else if (typeof c.version == 'string') {
    let bytes: number;
    // Every receipt carries the version, and a collector stores text without C0 control characters nor half of a UTF-16
    // surrogate pair (`"\ud800"` in JSON; with `u`, whole pairs do not match), which no cookie holds either; C1 controls
    // (U+0080–U+009F) it stores, and versions holding one were valid before (docs/receipts.md).
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
    if (/[\0-\x1f\x7f\p{Cs}]/u.test(c.version))
      err('version', 'holds a control character (tab, line feed…)', 'write the version on one line, e.g. "2026-11"');
    // `candor=1~<time>~<ids>~~<version>` (storage.ts), the time taking at most 9 characters; counting required ids and the
    // languages too: every receipt lists every id with the version and a language (docs/receipts.md, "The endpoint contract").
    else if ((bytes = 21 + purposeIds.join('+').length + encodeURIComponent(c.version).length + languages.join('').length) > MAX_COOKIE)
      err(
        'purposes',
        `the candor cookie and receipts would take ${bytes} bytes, more than the ${MAX_COOKIE} allowed`,
        'use shorter purpose ids, fewer purposes or a shorter version',
      );
  }

  // A refusal asked again sooner than six months is no longer respected (docs/compliance.md I39). Only a warning: the
  // value is the site's (docs/contract.md §6), and a decision lapses after it, refusals included.
  if (typeof c.reaskAfterDays == 'number' && c.reaskAfterDays < REASK_DAYS)
    warn('reaskAfterDays', 'a refusal would be asked again before six months', `CNIL 2020-092: use ${REASK_DAYS} or more`);

  const custom: string[] = [];
  (Array.isArray(c.dataCategories) ? c.dataCategories : []).forEach((d, i) => {
    if (!isObject(d) || typeof d.id != 'string') return;
    custom.push(d.id);
    if (CATEGORIES.includes(d.id)) err(`dataCategories[${i}].id`, `"${d.id}" is a built-in category`, 'use the built-in one, or pick another id');
  });
  const categories = [...CATEGORIES, ...custom];

  purposes.forEach((p, i) => {
    if (!isObject(p)) return;
    const at = `purposes[${i}]`;
    const cats = Array.isArray(p.dataCategories) ? p.dataCategories : [];
    if (p.required === true && p.sensitive === true)
      err(
        `${at}.sensitive`,
        'a required purpose cannot be sensitive',
        'special-category data always needs explicit consent (GDPR Art. 9(2)(a)): remove "required"',
      );
    if (p.required === true && p.justification == null)
      warn(
        `${at}.justification`,
        'a required purpose should say why it is strictly necessary',
        'add "justification" (CNIL 2020-092: only strictly necessary trackers are exempt from consent)',
      );
    cats.forEach((id, j) => {
      if (typeof id != 'string') return;
      if (!categories.includes(id))
        err(
          `${at}.dataCategories[${j}]`,
          `unknown data category "${id}"`,
          didYouMean(id, categories) || 'declare it in "dataCategories" with an id and a label',
        );
      else if (SPECIAL_CATEGORIES.includes(id) && p.sensitive !== true)
        err(
          `${at}.dataCategories[${j}]`,
          `"${id}" is a special category (GDPR Art. 9) but the purpose is not sensitive`,
          'add "sensitive": true so it needs its own explicit opt-in',
        );
    });
    if (p.required !== true && cats.length == 0)
      warn(`${at}.dataCategories`, 'no data categories listed', 'say which data this purpose uses (CNIL: visitors must know what is collected)');
    if (typeof p.retentionDays == 'number' && p.retentionDays > 395 && Array.isArray(p.cookies) && p.cookies.length)
      warn(`${at}.retentionDays`, 'cookies kept longer than 395 days', 'CNIL 2020-092: trackers should not live longer than 13 months');
    const ai = isObject(p.ai) ? p.ai : null;
    if (!ai) return;
    (Array.isArray(ai.inputs) ? ai.inputs : []).forEach((id, j) => {
      if (typeof id == 'string' && !cats.includes(id))
        err(`${at}.ai.inputs[${j}]`, `"${id}" is not among this purpose's dataCategories`, `add "${id}" to ${at}.dataCategories, or remove it here`);
    });
    if (ai.automatedDecision === true)
      for (const k of ['logic', 'consequences', 'humanReview'] as const)
        if (ai[k] == null)
          err(
            `${at}.ai.${k}`,
            `required when automatedDecision is true`,
            'GDPR Art. 13(2)(f) and 22, AI Act Art. 86: explain the logic, its consequences, and how to obtain human review',
          );
    const vulnerable = [...cats, ...(Array.isArray(ai.inputs) ? ai.inputs : [])].filter((id) => VULNERABLE_CATEGORIES.includes(id));
    if (vulnerable.length)
      warn(
        `${at}.ai`,
        `AI that targets on ${[...new Set(vulnerable)].join(', ')}`,
        'AI Act Art. 5(1)(b) forbids exploiting vulnerabilities due to age or social or economic situation: make sure this AI does not',
      );
  });

  // GPC can only turn optional purposes off; a Consent Mode type may follow a required purpose
  // (functionality_storage → necessary is a usual set-up).
  const refs = (list: unknown, path: string, optionalOnly: boolean) => {
    if (!Array.isArray(list)) return;
    list.forEach((id, j) => {
      if (typeof id != 'string') return;
      if (!purposeIds.includes(id))
        err(`${path}[${j}]`, `unknown purpose "${id}"`, didYouMean(id, purposeIds) || `declared purposes: ${purposeIds.join(', ')}`);
      else if (optionalOnly && !optionalIds.includes(id))
        err(`${path}[${j}]`, `"${id}" is required, so it cannot be turned off`, 'list optional purposes only');
    });
  };
  refs(c.gpc, 'gpc', true);
  if (isObject(c.googleConsentMode))
    for (const k in c.googleConsentMode) if (!isAnnotation(k)) refs(c.googleConsentMode[k], `googleConsentMode.${k}`, false);

  checkLayout(c, err, warn);
  checkDisclosures(c, err, warn);
  checkThemeContrast(c.theme, err);
  if (typeof c.language == 'string' && !languages.includes(c.language))
    err('language', `"${c.language}" is not among languages`, `add it to "languages" (${languages.join(', ')})`);
  if (isObject(c.texts))
    for (const lang in c.texts) {
      if (isAnnotation(lang)) continue;
      if (!languages.includes(lang)) warn(`texts.${lang}`, `"${lang}" is not among languages, so these texts are never shown`);
      const texts = c.texts[lang];
      if (isObject(texts))
        for (const key in texts)
          if (!isAnnotation(key) && !TEXT_KEYS.includes(key))
            err(`texts.${lang}.${key}`, 'unknown text key', didYouMean(key, TEXT_KEYS) || `keys: ${TEXT_KEYS.join(', ')}`);
    }

  missingTexts(c, CONFIG, languages, warn);

  return { config: problems.length ? null : resolveConfig(c), problems, warnings };
}

/**
 * `$schema` and `$comment` are allowed anywhere (docs/contract.md §6) and mean nothing to Candor; `$validated` is the
 * stamp of `candor validate --stamp` (src/core/stamp.ts).
 */
function isAnnotation(key: string): boolean {
  return key == '$schema' || key == '$comment' || key == '$validated';
}

function isObject(v: unknown): v is { [k: string]: any } {
  return typeof v == 'object' && v !== null && !Array.isArray(v);
}

const TYPE_NAMES = {
  str: 'a string',
  bool: 'true or false',
  int: 'a whole number',
  text: 'a string or a map language → string',
  arr: 'an array',
  obj: 'an object',
  map: 'an object',
};

/** How to write a value of each type: the hint of a wrong type (every problem has one, docs/contract.md §8). */
const TYPE_HINTS = {
  str: 'e.g. "…"',
  bool: 'true or false, no quotes',
  int: 'e.g. 182',
  text: 'e.g. "…" or {"en": "…"}',
  arr: 'e.g. [ … ]',
  obj: 'e.g. { … }',
  map: 'e.g. { … }',
};

/** Check `v` against `s`, reporting each mismatch under `path`. */
function walk(v: unknown, s: Shape, path: string, err: (path: string, message: string, hint?: string) => void) {
  const at = (k: string | number) => (typeof k == 'number' ? `${path}[${k}]` : path ? `${path}.${k}` : k);
  const wrongType = () =>
    err(path, `must be ${TYPE_NAMES[s.t]}, not ${v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v}`, TYPE_HINTS[s.t]);
  const empty = 'write it';
  switch (s.t) {
    case 'str':
      if (typeof v != 'string') return wrongType();
      if (s.url && !isSafeUrl(v, s.url)) return err(path, `"${v}" is not an allowed URL`, URL_HINTS[s.url]);
      if (s.re && !s.re.test(v))
        return err(
          path,
          v ? `"${v}" is not in the expected form` : 'must not be empty',
          s.hint || (s.re == ID ? ID_HINT : wordsHint(v, s.re)) || empty,
        );
      return;
    case 'bool':
      return typeof v == 'boolean' ? undefined : wrongType();
    case 'int':
      if (typeof v != 'number' || !Number.isInteger(v)) return wrongType();
      if (v < s.min || (s.max != null && v > s.max))
        // An example, not the range again in other words (the message gives it).
        err(path, `must be between ${s.min} and ${s.max ?? '∞'}`, TYPE_HINTS.int);
      return;
    case 'text':
      if (typeof v == 'string') return v.trim() ? undefined : err(path, 'must not be empty', empty);
      if (!isObject(v)) return wrongType();
      if (!Object.keys(v).some((k) => !isAnnotation(k))) return err(path, 'must not be empty', 'give the text in at least one language');
      for (const k in v) {
        if (isAnnotation(k)) continue;
        if (!LANG.test(k)) err(at(k), `"${k}" is not a language code`, LANG_HINT);
        else if (typeof v[k] != 'string') err(at(k), 'must be a string', TYPE_HINTS.str);
        else if (!v[k].trim()) err(at(k), 'must not be empty', empty);
      }
      return;
    case 'arr':
      if (!Array.isArray(v)) return wrongType();
      if (s.min && v.length < s.min) err(path, `must have at least ${s.min} ${s.min == 1 ? 'entry' : 'entries'}`, 'add one');
      v.forEach((x, i) => walk(x, s.of, at(i), err));
      return;
    case 'map':
      if (!isObject(v)) return wrongType();
      for (const k in v)
        if (isAnnotation(k)) continue;
        else if (s.keys && !s.keys.test(k)) err(at(k), 'unknown key', s.keys == LANG ? LANG_HINT : wordsHint(k, s.keys));
        else walk(v[k], s.of, at(k), err);
      return;
    case 'obj': {
      if (!isObject(v)) return wrongType();
      const known = Object.keys(s.props);
      for (const k of s.req || []) if (v[k] === undefined) err(at(k), 'is required', `add "${k}"`);
      for (const k in v) {
        if (isAnnotation(k)) continue;
        // Own fields only: `constructor`, `toString` or `__proto__` are unknown fields, not Object's.
        if (Object.prototype.hasOwnProperty.call(s.props, k)) walk(v[k], s.props[k], at(k), err);
        else err(at(k), 'unknown field', didYouMean(k, known) || `allowed: ${known.join(', ')}`);
      }
    }
  }
}

/** For a value of a fixed vocabulary (`^(a|b|c)$`): "did you mean", else the words allowed. */
function wordsHint(v: string, re: RegExp): string | undefined {
  const words = keysOf(re);
  return words.length ? didYouMean(v, words) || `use ${words.map((w) => `"${w}"`).join(', ')}` : undefined;
}

/** The alternatives of a `^(a|b|c)$` key pattern, for "did you mean" (and the JSON Schema's named keys). */
export function keysOf(re: RegExp): string[] {
  const m = /^\^\((.*)\)\$$/.exec(re.source);
  return m ? m[1].split('|') : [];
}

/**
 * Only `https:` (and `mailto:` for contacts) or same-origin paths: `javascript:`, `data:`, `http:` and
 * protocol-relative `//host` are refused (docs/compliance.md H32).
 */
export function isSafeUrl(url: string, kind: 'web' | 'contact' = 'web'): boolean {
  return URLS.https.test(url) || (kind == 'contact' && URLS.mailto.test(url)) || URLS.path.test(url);
}

/** `did you mean "x"?` for the closest known name within two edits, or ''. */
export function didYouMean(name: string, known: string[]): string {
  let best = '',
    bestDistance = 3;
  for (const k of known) {
    const d = distance(name.toLowerCase(), k.toLowerCase());
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return best ? `did you mean "${best}"?` : '';
}

/** Levenshtein distance (small strings only). */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length];
}
