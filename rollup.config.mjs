// Builds dist/: candor-ui.js (lazy interface chunk) first, then candor.js (classic script, which embeds the
// chunk's integrity hash), candor.mjs (ES module) and candor.css (stylesheet fallback).
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';

const ts = () => typescript({ tsconfig: './tsconfig.json', include: ['src/**/*.ts', 'src/**/*.tsx'], noEmitOnError: true });

/** Minify CSS just enough: comments and runs of white space. */
const minifyCss = (css) => css.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\s+/g, ' ').replace(/\s*([{}:;,>])\s*/g, '$1').replace(/;}/g, '}').trim();

/** `import css from './x.css?raw'` gives the minified text, and the file is written to dist/candor.css. */
const cssRaw = () => ({
  name: 'css-raw',
  resolveId(id, importer) {
    if (id.endsWith('.css?raw')) return resolve(dirname(importer), id.slice(0, -4)) + '?raw';
  },
  load(id) {
    if (!id.endsWith('.css?raw')) return;
    const css = minifyCss(readFileSync(id.slice(0, -4), 'utf8'));
    this.emitFile({ type: 'asset', fileName: 'candor.css', source: css });
    return `export default ${JSON.stringify(css)};`;
  },
});

/** Replace `__UI_INTEGRITY__` with the sha384 of the already built dist/candor-ui.js. */
const uiIntegrity = () => ({
  name: 'ui-integrity',
  transform(code) {
    if (!code.includes('__UI_INTEGRITY__')) return;
    const digest = createHash('sha384').update(readFileSync('dist/candor-ui.js')).digest('base64');
    return code.replace(/__UI_INTEGRITY__/g, JSON.stringify('sha384-' + digest));
  },
});

/** dist/candor.d.ts re-exports the declarations tsc writes to dist/types (see the build script). */
const typesEntry = () => ({
  name: 'types-entry',
  writeBundle() {
    mkdirSync('dist', { recursive: true });
    writeFileSync('dist/candor.d.ts', "export * from './types/index';\n");
  },
});

const minify = () =>
  terser({ ecma: 2019, compress: { passes: 3, unsafe_arrows: true }, format: { comments: false } });

export default [
  {
    input: 'src/ui/entry.ts',
    output: { file: 'dist/candor-ui.js', format: 'iife' },
    plugins: [cssRaw(), nodeResolve(), ts(), minify()],
  },
  {
    input: 'src/embed.ts',
    output: { file: 'dist/candor.js', format: 'iife' },
    plugins: [uiIntegrity(), nodeResolve(), ts(), minify()],
  },
  {
    input: 'src/index.ts',
    output: { file: 'dist/candor.mjs', format: 'es' },
    external: [/^preact/, 'idb-keyval'],
    plugins: [cssRaw(), nodeResolve(), ts(), typesEntry()],
  },
];
