/**
 * The configuration's shape, written once. `validate` walks it at run time; scripts/schema.mjs turns the
 * same table (with the descriptions in schema-docs.ts, kept out of the browser bundle) into
 * dist/candor.schema.json, and src/core/schema-types.ts proves at compile time that `Config` in
 * src/types.ts names the same fields, so the runtime, the JSON Schema and the types cannot drift apart.
 */

/** A string, optionally matching `re` or an allowed URL (see `URLS`). */
export interface StrShape {
  t: 'str';
  re?: RegExp;
  url?: 'web' | 'contact';
  /** What to write instead, when `re` refuses a value (the validator's hint, the editor's message). */
  hint?: string;
}
/** `true` or `false`. */
export interface BoolShape {
  t: 'bool';
}
/** A whole number in [min, max]. */
export interface IntShape {
  t: 'int';
  min: number;
  max?: number;
}
/** A visitor-facing text: a non-blank string, or a map language code → string. */
export interface TextShape {
  t: 'text';
}
/** An array of `of`, with at least `min` entries. */
export interface ArrShape<S extends Shape = Shape> {
  t: 'arr';
  of: S;
  min?: number;
}
/** An object with named fields; `req` lists the required ones; any other field is an error. */
export interface ObjShape<P extends Props = Props, R extends string = string> {
  t: 'obj';
  props: P;
  req?: R[];
}
/** An object used as a map: every value is `of`; keys must match `keys` when given. */
export interface MapShape<S extends Shape = Shape> {
  t: 'map';
  of: S;
  keys?: RegExp;
}
export type Props = { [key: string]: Shape };

/** A node of the shape: string, boolean, integer, text (string or language map), array, object, map. */
export type Shape = StrShape | BoolShape | IntShape | TextShape | ArrShape | ObjShape | MapShape;

import { CONSENT_TYPES } from './consent-mode';
import { THEME_VALUE } from './theme';

/** Ids: lowercase letters, digits and `-` (docs/contract.md §6). */
export const ID = /^[a-z0-9][a-z0-9-]*$/;
/** What to do about a malformed id (validator hint and editor message). */
export const ID_HINT = 'ids use lowercase letters, digits and "-", e.g. "ai-recommendations"';
/** A BCP 47 language tag, loosely: `fr`, `en-GB`. */
export const LANG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
/** What to write instead of a malformed language code. */
export const LANG_HINT = 'use codes like "en", "fr", "de"';

/**
 * The URLs a config may hold (docs/contract.md §6, docs/compliance.md H32): absolute `https:` (no user info, no spaces), a
 * `mailto:` for contacts, or a same-origin path — not `//host`, which is another origin. Everything else
 * (`javascript:`, `data:`, `http:`) is refused.
 */
export const URLS = {
  https: /^https:\/\/[^\s/?#\\@]+([/?#][^\s\\]*)?$/i,
  mailto: /^mailto:[^\s@]+@\S+$/i,
  path: /^\/(?![/\\])\S*$/,
};

/** What to do about a refused URL (validator hint and editor message), by kind. */
export const URL_HINTS = { web: 'use https://… or a path starting with /', contact: 'use https://…, mailto:… or a path starting with /' };

const str = (re?: RegExp, hint?: string): StrShape => ({ t: 'str', re, hint });
const url = (kind: 'web' | 'contact' = 'web'): StrShape => ({ t: 'str', url: kind });
const bool: BoolShape = { t: 'bool' };
const text: TextShape = { t: 'text' };
const int = (min: number, max?: number): IntShape => ({ t: 'int', min, max });
const arr = <S extends Shape>(of: S, min?: number): ArrShape<S> => ({ t: 'arr', of, min });
const obj = <P extends Props, R extends (keyof P & string)[]>(props: P, ...req: R): ObjShape<P, R[number]> => ({ t: 'obj', props, req });
const map = <S extends Shape>(of: S, keys?: RegExp): MapShape<S> => ({ t: 'map', of, keys });
/** A `^(a|b|c)$` pattern: the keys of a map with a fixed vocabulary. */
const oneOf = (words: string[]) => new RegExp(`^(${words.join('|')})$`);
const ids = arr(str(ID));
/** Cookie / storage key patterns: no white space, nor the separators of a cookie header. */
const patterns = arr(str(/^[^\s;,=]+$/, '* matches any run; no spaces, ";", "," or "="'));

/**
 * The safeguard of a transfer outside the EEA (GDPR Art. 45, 46(2)(c)): an adequacy decision, standard contractual
 * clauses, or the EU-US Data Privacy Framework (an adequacy decision for certified US organisations).
 */
export const TRANSFERS = ['adequacy', 'scc', 'dpf'];

/**
 * How the visitor interacts with the purpose's AI system, when they do (AI Act Art. 50(1)): `chat` (they write to it,
 * a chat assistant) or `voice` (they speak to it, a voice bot). Each has its own sentence, `interaction.<kind>`.
 */
export const INTERACTIONS = ['chat', 'voice'];

const vendor = obj({ name: str(), country: str(/^[A-Z]{2}$/, 'e.g. "FR", "US"'), policyUrl: url(), transfer: str(oneOf(TRANSFERS)) }, 'name');

const ai = obj(
  {
    summary: text,
    inputs: ids,
    output: text,
    trainsModels: bool,
    trainedBy: arr(str(/\S/), 1),
    trainingPurpose: str(ID),
    automatedDecision: bool,
    logic: text,
    consequences: text,
    humanReview: url('contact'),
    interaction: str(oneOf(INTERACTIONS)),
  },
  'summary',
  'inputs',
  'output',
);

const purpose = obj(
  {
    id: str(ID),
    title: text,
    description: text,
    required: bool,
    sensitive: bool,
    justification: text,
    dataCategories: ids,
    retentionDays: int(0),
    vendors: arr(vendor),
    cookies: patterns,
    storageKeys: patterns,
    services: ids,
    ai,
  },
  'id',
  'title',
  'description',
);

export { CONSENT_TYPES };

/**
 * Theme custom properties (`--candor-<name>` on the banner's host): the names src/ui/styles.css reads, each
 * also with `-dark` for the dark colour scheme; then the corner radius, the font family, and the colour scheme
 * (`light`, `dark`, or `auto`: the visitor's `prefers-color-scheme`).
 */
export const THEME_KEYS = ['accent', 'on-accent', 'background', 'text', 'muted', 'border', 'note']
  .flatMap((k) => [k, k + '-dark'])
  .concat('radius', 'font', 'scheme');

/** The whole configuration (docs/contract.md §6). */
export const CONFIG = obj(
  {
    version: str(/\S/),
    controller: obj({ name: str(/\S/), contact: url('contact') }, 'name'),
    policyUrl: url(),
    languages: arr(str(LANG, LANG_HINT), 1),
    language: str(LANG, LANG_HINT),
    reaskAfterDays: int(1, 395),
    floatingButton: bool,
    closeButton: bool,
    floatingLabel: bool,
    layout: str(/^(bar|box|modal)$/),
    position: str(/^(bottom|top|bottom-left|bottom-right)$/),
    withdrawHint: text,
    cookieDomain: str(/^\.?[a-z0-9.-]+$/, 'e.g. "example.com"'),
    dataCategories: arr(obj({ id: str(ID), label: text }, 'id', 'label')),
    purposes: arr(purpose, 1),
    googleConsentMode: map(ids, oneOf(CONSENT_TYPES)),
    gpc: ids,
    receipts: obj({ endpoint: url() }),
    theme: map(str(THEME_VALUE, 'a colour, a length or font names'), oneOf(THEME_KEYS)),
    texts: map(map(str()), LANG),
  },
  'version',
  'controller',
  'policyUrl',
  'purposes',
);
