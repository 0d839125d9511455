/**
 * The generated parts of docs/configuration.md (`npm run docs`): the field reference, from the same shape
 * and field docs as the JSON Schema, and the validator's output under each example of a mistake — so the
 * page cannot list a field the validator does not know, nor quote an error it no longer prints.
 */
import { keysOf } from '../core/config';
import { CONFIG, ID, LANG, type Shape } from '../core/schema';
import { DOCS } from '../core/schema-docs';
import { palette, textReport } from './report';
import { validateText } from './validate';

/** A field of the configuration: its docs path, its shape, whether its object requires it. */
export interface Field {
  path: string;
  shape: Shape;
  required: boolean;
}

/** Every documented field, in file order (`[]`: entries of an array, `*`: any key of a map). */
export function shapeFields(s: Shape = CONFIG, path = '', required = true): Field[] {
  const at = (k: string) => (path ? `${path}.${k}` : k);
  const here: Field = { path, shape: s, required };
  switch (s.t) {
    case 'arr':
      return [here, ...shapeFields(s.of, path + '[]').slice(1)];
    case 'obj':
      return [here, ...Object.entries(s.props).flatMap(([k, p]) => shapeFields(p, at(k), !!s.req?.includes(k)))];
    case 'map': {
      const named = s.keys ? keysOf(s.keys) : [];
      return [here, ...(named.length ? named.flatMap((k) => shapeFields(s.of, at(k), false)) : shapeFields(s.of, at('*'), false))];
    }
    default:
      return [here];
  }
}

/** The type of a field, in words. */
export function typeName(s: Shape): string {
  switch (s.t) {
    case 'str':
      if (s.url) return s.url == 'web' ? 'URL: `https://…` or `/path`' : 'URL: `https://…`, `mailto:…` or `/path`';
      if (s.re == ID) return 'id: `a-z`, `0-9`, `-`';
      if (s.re == LANG) return 'language code';
      return 'string';
    case 'bool':
      return '`true` / `false`';
    case 'int':
      return `whole number, ${s.min}${s.max != null ? `–${s.max}` : ' or more'}`;
    case 'text':
      return 'text: `"…"` or `{"en": "…", "fr": "…"}`';
    case 'arr':
      return `list of ${typeName(s.of).replace(/^(id|object|string|language code)\b/, '$1s')}${s.min ? ` (at least ${s.min})` : ''}`;
    default:
      return 'object';
  }
}

const code = (v: unknown) => '`' + JSON.stringify(v).replace(/,"/g, ', "').replace(/":/g, '": ') + '`';

/** The Markdown field reference. */
export function fieldReference(): string {
  let md = '';
  const fields = shapeFields().filter((f) => f.path);
  for (const f of fields) {
    const doc = DOCS[f.path];
    // Named map keys (theme colours, Consent Mode types) go in their parent's table.
    if (/^(theme|googleConsentMode)\./.test(f.path)) continue;
    const depth = f.path.split(/\.|\[\]\./).length;
    md += `${'#'.repeat(Math.min(depth + 2, 5))} \`${f.path}\`\n\n`;
    const facts = [typeName(f.shape), f.required ? '**required**' : 'optional'];
    if (doc.default !== undefined) facts.push(`default ${code(doc.default)}`);
    md += facts.join(' · ') + '\n\n' + doc.description + '\n\n';
    if (f.shape.t != 'obj' || f.path == 'controller' || f.path == 'receipts') md += `Example: ${code(doc.example)}\n\n`;
    if (doc.rule) md += `*Why:* ${doc.rule}.\n\n`;
    const keys = fields.filter((k) => k.path.startsWith(f.path + '.') && /^(theme|googleConsentMode)\./.test(k.path));
    if (keys.length) {
      md += '| key | meaning | ' + (f.path == 'theme' ? 'default |\n|---|---|---|\n' : 'example |\n|---|---|---|\n');
      for (const k of keys) {
        const d = DOCS[k.path];
        md += `| \`${k.path.slice(f.path.length + 1)}\` | ${d.description} | ${code(f.path == 'theme' ? d.default : d.example)} |\n`;
      }
      md += '\n';
    }
  }
  return md;
}

const FIELDS = ['<!-- fields:start -->\n', '<!-- fields:end -->'];
/** An example: `<!-- validate NAME -->`, a fenced config, then a fenced `text` block with the output. */
const EXAMPLE = /(<!-- validate (\S+) -->\n```jsonc?\n)([\s\S]*?)(\n```\n+```text\n)(?:.*\n)*?(```)/g;

/** `markdown` (docs/configuration.md) with its generated parts brought up to date. */
export function configurationDoc(markdown: string): string {
  const [before, rest] = markdown.split(FIELDS[0]);
  if (rest == null || !rest.includes(FIELDS[1])) throw new Error(`docs/configuration.md needs ${FIELDS.join(' and ')}`);
  const doc = before + FIELDS[0] + fieldReference() + FIELDS[1] + rest.slice(rest.indexOf(FIELDS[1]) + FIELDS[1].length);
  return doc.replace(
    EXAMPLE,
    (_, open, name, json, middle, close) => open + json + middle + textReport([validateText(name, json + '\n')], palette(false)) + close,
  );
}
