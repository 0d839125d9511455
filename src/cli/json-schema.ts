/**
 * dist/candor.schema.json: the JSON Schema (2020-12) of the configuration, generated from the one shape
 * in src/core/schema.ts plus the field docs of src/core/schema-docs.ts, so editors give help, autocomplete
 * and errors as you type (`"$schema": "…/candor.schema.json"`). It also encodes the semantic rules a schema
 * can express (automated decisions, special categories, shadowed built-in categories, text keys); the rest
 * — unique ids, references to declared purposes and categories, `language` among `languages` — only
 * `candor validate` checks. test/schema.test.ts proves both agree on fixtures, path by path.
 */
import { CATEGORIES, SPECIAL_CATEGORIES } from '../core/categories';
import { keysOf } from '../core/config';
import { CONFIG, ID, ID_HINT, LANG, URL_HINTS, URLS, type Shape } from '../core/schema';
import { DOCS, type FieldDoc } from '../core/schema-docs';
import { TEXT_KEYS } from '../core/text-keys';
import { LANGUAGES } from '../languages';
import en from '../ui/i18n/en';
import fr from '../ui/i18n/fr';

type Json = { [key: string]: unknown };

/**
 * `re` as a JSON Schema `pattern` (ECMA-262, no flags): a case-insensitive regex gets each letter outside
 * escapes and character classes spelled `[hH]`. Enough for the simple patterns of schema.ts.
 */
export function patternOf(re: RegExp): string {
  if (!re.flags.includes('i')) return re.source;
  let out = '';
  for (let i = 0, inClass = false; i < re.source.length; i++) {
    const c = re.source[i];
    if (c == '\\') out += c + re.source[++i];
    else if (inClass) {
      out += c;
      inClass = c != ']';
    } else if (c == '[') {
      out += c;
      inClass = true;
    } else out += /[a-z]/i.test(c) ? `[${c.toLowerCase()}${c.toUpperCase()}]` : c;
  }
  return out;
}

/** One pattern accepting what any of `res` accepts. */
const anyOf = (...res: RegExp[]) => `^(?:${res.map((re) => patternOf(re).replace(/^\^|\$$/g, '')).join('|')})$`;

/** The `then` part of a rule, with a message editors show instead of "Matches a schema that is not allowed." */
const refuse = (values: unknown[], errorMessage: string) => ({ allOf: [{ not: { enum: values }, errorMessage }] });
/** `if field is true then …` (present and true: an absent field is false). */
const whenTrue = (field: string) => ({ properties: { [field]: { const: true } }, required: [field] });

/**
 * The semantic rules of src/core/config.ts that JSON Schema can express, by path. Each message is the
 * validator's own.
 */
const RULES: { [path: string]: Json } = {
  'purposes[]': {
    allOf: [
      {
        if: whenTrue('required'),
        then: {
          properties: {
            sensitive: refuse(
              [true],
              'a required purpose cannot be sensitive: special-category data always needs explicit consent (GDPR Art. 9(2)(a)); remove "required"',
            ),
          },
        },
      },
      {
        if: whenTrue('sensitive'),
        else: {
          properties: {
            dataCategories: {
              type: 'array',
              items: refuse(
                SPECIAL_CATEGORIES,
                'a special category (GDPR Art. 9) in a purpose that is not sensitive: add "sensitive": true so it needs its own explicit opt-in',
              ),
            },
          },
        },
      },
    ],
  },
  'purposes[].ai': {
    if: whenTrue('automatedDecision'),
    then: { required: ['logic', 'consequences', 'humanReview'] },
  },
  'dataCategories[].id': refuse(CATEGORIES, 'this is a built-in category: use the built-in one, or pick another id'),
  'purposes[].dataCategories[]': { examples: CATEGORIES },
  // Editors suggest the languages with built-in texts (src/languages.ts); any language code is allowed.
  'languages[]': { examples: LANGUAGES },
  language: { examples: LANGUAGES },
  'purposes[].ai.inputs[]': { examples: CATEGORIES.filter((c) => !SPECIAL_CATEGORIES.includes(c)) },
  'texts.*': {
    type: 'object',
    properties: {
      ...Object.fromEntries(TEXT_KEYS.map((k) => [k, textKey(k)])),
      $schema: { $ref: '#/$defs/schema', doNotSuggest: true },
      $comment: { $ref: '#/$defs/comment' },
    },
    additionalProperties: false,
  },
};

/** One overridable interface text, with its built-in English and French values. */
function textKey(key: string): Json {
  const builtIn = (texts: { [k: string]: string }) => JSON.stringify(texts[key] ?? '');
  return {
    type: 'string',
    description: `${DOCS['texts.*.*'].description} Built-in: ${builtIn(en)} (en), ${builtIn(fr)} (fr).`,
    examples: [(en as { [k: string]: string })[key]],
  };
}

/** The annotations of a documented field. */
function annotate(doc: FieldDoc | undefined): Json {
  if (!doc) return {};
  const out: Json = { description: doc.rule ? `${doc.description}\nRule: ${doc.rule}.` : doc.description };
  if (doc.default !== undefined) out.default = doc.default;
  out.examples = [doc.example];
  return out;
}

/** The schema of a shape node at `path` (docs path syntax: `purposes[].ai`, `texts.*`). */
function node(s: Shape, path: string): Json {
  const at = (k: string) => (path ? `${path}.${k}` : k);
  let out: Json;
  switch (s.t) {
    case 'str':
      out = { type: 'string' };
      if (s.url) {
        out.pattern = s.url == 'web' ? anyOf(URLS.https, URLS.path) : anyOf(URLS.https, URLS.mailto, URLS.path);
        out.patternErrorMessage = URL_HINTS[s.url];
      } else if (s.re) {
        out.pattern = patternOf(s.re);
        if (s.re == ID || s.hint) out.patternErrorMessage = s.hint || ID_HINT;
      }
      break;
    case 'bool':
      out = { type: 'boolean' };
      break;
    case 'int':
      out = { type: 'integer', minimum: s.min };
      if (s.max != null) out.maximum = s.max;
      break;
    case 'text':
      out = { $ref: '#/$defs/text' };
      break;
    case 'arr':
      out = { type: 'array', items: node(s.of, path + '[]') };
      if (s.min) out.minItems = s.min;
      break;
    case 'obj':
      out = {
        type: 'object',
        properties: {
          ...Object.fromEntries(Object.entries(s.props).map(([k, p]) => [k, node(p, at(k))])),
          $schema: { $ref: '#/$defs/schema', ...(path ? { doNotSuggest: true } : {}) },
          $comment: { $ref: '#/$defs/comment' },
          // The stamp of `candor validate --stamp` (src/core/stamp.ts): top level only, never typed by hand.
          ...(path ? {} : { $validated: { $ref: '#/$defs/validated', doNotSuggest: true } }),
        },
        additionalProperties: false,
      };
      if (s.req?.length) out.required = s.req;
      break;
    case 'map': {
      const named = s.keys ? keysOf(s.keys) : [];
      const annotations = { $schema: { $ref: '#/$defs/schema', doNotSuggest: true }, $comment: { $ref: '#/$defs/comment' } };
      out = { type: 'object', additionalProperties: false, properties: annotations };
      if (named.length) out.properties = { ...Object.fromEntries(named.map((k) => [k, node(s.of, at(k))])), ...annotations };
      else if (s.keys) out.patternProperties = { [patternOf(s.keys)]: node(s.of, at('*')) };
      else out.additionalProperties = node(s.of, at('*'));
    }
  }
  return { ...annotate(DOCS[path]), ...out, ...RULES[path] };
}

/** The whole JSON Schema document. */
export function jsonSchema(): Json {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'Candor configuration',
    ...node(CONFIG, ''),
    $defs: {
      text: {
        description: 'A visitor-facing text: one string for every language, or a map language code → string.',
        type: ['string', 'object'],
        pattern: '\\S',
        patternErrorMessage: 'must not be empty',
        properties: { $schema: { $ref: '#/$defs/schema', doNotSuggest: true }, $comment: { $ref: '#/$defs/comment' } },
        patternProperties: { [patternOf(LANG)]: { type: 'string', pattern: '\\S', patternErrorMessage: 'must not be empty' } },
        additionalProperties: false,
        minProperties: 1,
      },
      schema: annotate(DOCS.$schema),
      comment: annotate(DOCS.$comment),
      validated: { ...annotate(DOCS.$validated), type: 'string' },
    },
  };
}
