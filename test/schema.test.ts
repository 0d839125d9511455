// @vitest-environment node
// The configuration has one shape (src/core/schema.ts) and three readers: the runtime validator, the JSON
// Schema editors use (dist/candor.schema.json) and the TypeScript types. These tests prove they agree.
import Ajv2020 from 'ajv/dist/2020.js';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { configurationDoc, shapeFields } from '../src/cli/docs';
import { jsonSchema } from '../src/cli/json-schema';
import { checkConfig } from '../src/core/config';
import { THEME_KEYS } from '../src/core/schema';
import { DOCS } from '../src/core/schema-docs';

const root = new URL('../', import.meta.url);
const fixtures = new URL('test/fixtures/configs/', root);
const read = (url: URL) => JSON.parse(readFileSync(url, 'utf8'));
const list = (dir: string) =>
  readdirSync(new URL(dir, fixtures))
    .filter((f) => f.endsWith('.json') && !f.endsWith('.expect.json'))
    .sort();

const schema = jsonSchema() as any;

/** Ajv as strict as it goes, knowing the VS Code annotation keywords the schema uses. */
function makeAjv() {
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true, logger: false });
  for (const k of ['patternErrorMessage', 'errorMessage', 'doNotSuggest']) ajv.addKeyword(k);
  return ajv;
}
const validate = makeAjv().compile(schema);

/** Ajv errors as runtime paths: `/purposes/2/ai` + missing `humanReview` → `purposes[2].ai.humanReview`. */
function schemaPaths(value: unknown): string[] {
  if (validate(value)) return [];
  const paths = validate
    .errors!.filter((e) => !['if', 'allOf', 'anyOf', 'oneOf'].includes(e.keyword))
    .map((e) => {
      const parts = e.instancePath
        .split('/')
        .slice(1)
        .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
      if (e.keyword == 'required') parts.push(e.params.missingProperty);
      if (e.keyword == 'additionalProperties') parts.push(e.params.additionalProperty);
      return parts.reduce((path, k) => (/^\d+$/.test(k) ? `${path}[${k}]` : path ? `${path}.${k}` : k), '');
    });
  return [...new Set(paths)].sort();
}
/** The subschema of a docs path (`purposes[].ai`, `texts.*`). */
const schemaAt = (path: string): any =>
  path
    .split(/\.|(?=\[\])/)
    .filter(Boolean)
    .reduce((node: any, k) => {
      if (k == '[]') return node.items;
      // Any key of a map: its pattern, its value schema, or (texts.*: named keys) the first named key.
      if (k == '*') return Object.values(node.patternProperties || {})[0] || node.additionalProperties || Object.values(node.properties)[0];
      return node.properties[k];
    }, schema);

const runtimePaths = (value: unknown) => [...new Set(checkConfig(value).problems.map((p) => p.path))].sort();

describe('the JSON Schema', () => {
  it('compiles as JSON Schema 2020-12 under ajv strict mode', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(typeof validate).toBe('function');
  });

  it('is the file the build wrote', () => {
    const built = new URL('dist/candor.schema.json', root);
    if (!existsSync(built)) return expect.fail('dist/candor.schema.json is missing: run npm run build');
    expect(read(built)).toEqual(JSON.parse(JSON.stringify(schema)));
  });

  it('allows $schema and $comment in every object and forbids other unknown fields', () => {
    const objects = shapeFields().flatMap((f) =>
      f.shape.t == 'obj' ? [f.path] : f.shape.t == 'arr' && f.shape.of.t == 'obj' ? [f.path + '[]'] : [],
    );
    expect(objects).toContain('purposes[].vendors[]');
    for (const path of objects) {
      const node = schemaAt(path);
      expect(Object.keys(node.properties), path).toEqual(expect.arrayContaining(['$schema', '$comment']));
      expect(node.additionalProperties, path).toBe(false);
    }
  });

  it('allows the stamp of candor validate --stamp, a string at the top level only', () => {
    const config = read(new URL('valid/stamped.json', fixtures));
    expect(schemaPaths(config)).toEqual([]);
    expect(schema.properties.$validated.doNotSuggest).toBe(true);
    expect(schema.$defs.validated.description).toMatch(/candor validate --stamp/);
    expect(schemaPaths({ ...config, $validated: 42 })).toEqual(['$validated']);
    expect(schemaPaths({ ...config, controller: { ...config.controller, $validated: 'x' } })).toEqual(['controller.$validated']);
  });
});

describe('runtime and schema agree', () => {
  it.each(list('valid'))('valid/%s is valid for both', (file) => {
    const config = read(new URL(`valid/${file}`, fixtures));
    expect(checkConfig(config).problems).toEqual([]);
    expect(schemaPaths(config)).toEqual([]);
  });

  it.each(list('invalid'))('invalid/%s is rejected by both at the same paths', (file) => {
    const config = read(new URL(`invalid/${file}`, fixtures));
    const expected: { paths: string[]; runtimeOnly?: boolean; why?: string } = read(
      new URL(`invalid/${file.replace(/\.json$/, '.expect.json')}`, fixtures),
    );
    expect(runtimePaths(config)).toEqual([...expected.paths].sort());
    // A semantic rule the schema cannot express: only the runtime rejects (and says why in the fixture).
    if (expected.runtimeOnly) {
      expect(expected.why).toBeTruthy();
      expect(schemaPaths(config)).toEqual([]);
    } else expect(schemaPaths(config)).toEqual([...expected.paths].sort());
  });

  it('the warnings fixture has warnings, not errors', () => {
    const { problems, warnings } = checkConfig(read(new URL('valid/with-warnings.json', fixtures)));
    expect(problems).toEqual([]);
    expect(warnings.map((w) => w.path).sort()).toEqual([
      'purposes[0].justification',
      'purposes[1].retentionDays',
      'purposes[2].ai',
      'purposes[2].vendors',
      'purposes[3].vendors[0].transfer',
      'texts.de',
    ]);
  });

  it('the shop fixtures used elsewhere are valid for both', () => {
    for (const path of ['test/fixtures/shop.json', 'demo/consent.json']) {
      const config = read(new URL(path, root));
      expect(checkConfig(config).problems).toEqual([]);
      expect(schemaPaths(config)).toEqual([]);
    }
  });
});

describe('the runtime validator never throws', () => {
  it('whatever value sits at whatever place of a config', () => {
    const base = read(new URL('valid/shop-ai.json', fixtures));
    const odd: unknown[] = [null, 0, -1, 1.5, '', 'x', true, [], {}, [null], [1], [{}], { a: 1 }, { en: null }, { constructor: 1 }];
    const places = (v: any, path: string[] = []): string[][] => [
      path,
      ...(v && typeof v == 'object' ? Object.keys(v).flatMap((k) => places(v[k], [...path, k])) : []),
    ];
    let checked = 0;
    for (const path of places(base).slice(1))
      for (const value of odd) {
        const c = structuredClone(base);
        path.slice(0, -1).reduce((o: any, k) => o[k], c)[path[path.length - 1]] = structuredClone(value);
        expect(() => checkConfig(c), `${path.join('.')} = ${JSON.stringify(value)}`).not.toThrow();
        checked++;
      }
    expect(checked).toBeGreaterThan(1000);
  }, 30_000);
});

describe('field docs', () => {
  const fields = shapeFields().map((f) => f.path);

  it('document every field of the shape, and only those', () => {
    const documented = Object.keys(DOCS).filter((p) => !p.startsWith('$'));
    expect(fields.filter((p) => !DOCS[p])).toEqual([]);
    expect(documented.filter((p) => !fields.includes(p))).toEqual([]);
  });

  it('give a description and an example for every field, and every example is valid there', () => {
    const ajv = makeAjv();
    for (const path of [...fields, ...Object.keys(DOCS).filter((p) => p.startsWith('$'))]) {
      const doc = DOCS[path];
      expect(doc.description.length, path).toBeGreaterThan(5);
      expect(doc.example, path).not.toBeUndefined();
      if (path.startsWith('$')) continue;
      const check = ajv.compile({ ...schemaAt(path), $defs: schema.$defs });
      expect(check(doc.example), `${path}: ${JSON.stringify(check.errors)}`).toBe(true);
      if (doc.default !== undefined) expect(check(doc.default), `${path} default`).toBe(true);
    }
    expect(checkConfig(DOCS[''].example).problems).toEqual([]);
  });

  it("name theme keys that the stylesheets read (the banner's, or the preference center's for its own keys)", () => {
    const css = ['src/ui/styles.css', 'src/ui/preferences.css'].map((f) => readFileSync(new URL(f, root), 'utf8')).join('\n');
    // `scheme` is read as the data-scheme attribute that mount.ts sets from it.
    expect(THEME_KEYS.filter((k) => !css.includes(k == 'scheme' ? '[data-scheme=' : `var(--candor-${k},`))).toEqual([]);
  });

  it('are the field reference of docs/configuration.md, whose examples quote the validator exactly (npm run docs)', () => {
    const doc = readFileSync(new URL('docs/configuration.md', root), 'utf8');
    expect(doc).toContain('<!-- validate ');
    expect(configurationDoc(doc)).toBe(doc);
  });
});

describe('the TypeScript types', () => {
  it('name the same fields, with the same required-ness, as the shape (src/core/schema-types.ts)', () => {
    const file = new URL('src/core/schema-types.ts', root).pathname;
    const { config } = ts.readConfigFile(new URL('tsconfig.json', root).pathname, ts.sys.readFile);
    const { options } = ts.parseJsonConfigFileContent(config, ts.sys, new URL('.', root).pathname);
    const program = ts.createProgram([file], { ...options, noEmit: true });
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(diagnostics).toEqual([]);
  }, 30_000);
});
