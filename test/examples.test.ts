// @vitest-environment node
// The React, Preact and Vue examples of docs/integrations.md compile under `tsc --strict` against the built
// declarations (dist/candor.d.ts; `npm test` builds first). Each example file is the code block whose first
// line names it (`// useConsent.ts`, `<!-- Consent.vue -->`); for a .vue file its `<script setup lang="ts">`
// is checked (its template needs vue-tsc).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '..');
const doc = readFileSync(join(ROOT, 'docs/integrations.md'), 'utf8');
const section = doc.slice(doc.indexOf('## ES module: React, Preact, Vue'), doc.indexOf('\n## ', doc.indexOf('## ES module: React, Preact, Vue') + 5));
// Inside node_modules/, so `react`, `preact` and `vue` resolve as in an app.
const WORK = join(ROOT, 'node_modules/.cache/candor-examples');
afterAll(() => rmSync(WORK, { recursive: true, force: true }));

/** The named code blocks of `text`: file name → code. */
function files(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const [, code] of text.matchAll(/```\w+\n([\s\S]*?)```/g)) {
    const name = /^(?:\/\/ |<!-- )([\w.]+)/.exec(code)?.[1];
    if (!name) continue;
    out.set(
      name.endsWith('.vue') ? name + '.ts' : name,
      name.endsWith('.vue') ? /<script setup lang="ts">([\s\S]*?)<\/script>/.exec(code)![1] : code,
    );
  }
  return out;
}

const shared = files(section.slice(0, section.indexOf('### React')));
const part = (heading: string) => section.slice(section.indexOf(heading), section.indexOf('\n### ', section.indexOf(heading) + 4) >>> 0 || undefined);

for (const [framework, jsx] of [
  ['React', 'react'],
  ['Preact', 'preact'],
  ['Vue', 'preact'],
] as const) {
  describe(`docs/integrations.md, ${framework}`, () => {
    it('the examples type-check under tsc --strict', () => {
      const dir = join(WORK, framework);
      mkdirSync(dir, { recursive: true });
      const examples = new Map([...shared, ...files(part(`### ${framework}`))]);
      expect(examples.size).toBeGreaterThan(1);
      for (const [name, code] of examples) writeFileSync(join(dir, name), code);
      // What the examples import from the app itself.
      writeFileSync(join(dir, 'consent.json'), readFileSync(join(ROOT, 'test/fixtures/shop.json')));
      writeFileSync(join(dir, 'analytics.ts'), 'export function start(): void {}\n');
      writeFileSync(join(dir, 'products.tsx'), 'export function RecommendedProducts() {\n  return null;\n}\n');
      writeFileSync(
        join(dir, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            strict: true,
            noEmit: true,
            target: 'es2020',
            module: 'esnext',
            moduleResolution: 'bundler',
            lib: ['es2020', 'dom', 'dom.iterable'],
            jsx: 'react-jsx',
            jsxImportSource: jsx,
            resolveJsonModule: true,
            skipLibCheck: true,
            types: [],
            paths: { candor: [join(ROOT, 'dist/candor.d.ts')] },
          },
          include: ['*.ts', '*.tsx'],
        }),
      );
      let output = '';
      try {
        execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', dir], { encoding: 'utf8', stdio: 'pipe' });
      } catch (e) {
        output = (e as { stdout: string }).stdout;
      }
      expect(output).toBe('');
    }, 60000);
  });
}
