// Builds dist/: the lazy chunks candor-ui.js (interface) and candor-core.js (validation, records) first,
// then candor.js (classic script, which embeds the chunks' integrity hashes), candor.mjs (ES module) and candor.css (stylesheet fallback).
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';

const ts = () => typescript({ tsconfig: './tsconfig.json', include: ['src/**/*.ts', 'src/**/*.tsx'], noEmitOnError: true });

/** Minify CSS just enough: comments and runs of white space. */
const minifyCss = (css) => css.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\s+/g, ' ').replace(/\s*([{}:;,>])\s*/g, '$1').replace(/;}/g, '}').trim();

/**
 * `import css from './x.css?raw'` gives the minified text, and the file is also written to dist/ for
 * browsers without constructable stylesheets: src/ui/styles.css → candor.css, src/core/widgets.css →
 * candor-widgets.css.
 */
const cssRaw = () => ({
  name: 'css-raw',
  resolveId(id, importer) {
    if (id.endsWith('.css?raw')) return resolve(dirname(importer), id.slice(0, -4)) + '?raw';
  },
  load(id) {
    if (!id.endsWith('.css?raw')) return;
    const css = minifyCss(readFileSync(id.slice(0, -4), 'utf8'));
    const name = basename(id.slice(0, -4), '.css');
    this.emitFile({ type: 'asset', fileName: name == 'styles' ? 'candor.css' : `candor-${name}.css`, source: css });
    return `export default ${JSON.stringify(css)};`;
  },
});

/** Replace `__UI_INTEGRITY__` / `__CORE_INTEGRITY__` with the sha256 of the chunks built just before. */
const integrity = () => ({
  name: 'integrity',
  transform(code) {
    const sri = (file) => JSON.stringify('sha256-' + createHash('sha256').update(readFileSync(file)).digest('base64'));
    return code
      .replace(/__UI_INTEGRITY__/g, () => sri('dist/candor-ui.js'))
      .replace(/__CORE_INTEGRITY__/g, () => sri('dist/candor-core.js'));
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
  terser({ ecma: 2020, compress: { passes: 3, unsafe_arrows: true }, format: { comments: false } });

export default [
  {
    input: 'src/ui/entry.ts',
    output: { file: 'dist/candor-ui.js', format: 'iife' },
    plugins: [cssRaw(), nodeResolve(), ts(), minify()],
  },
  {
    input: 'src/core-entry.ts',
    output: { file: 'dist/candor-core.js', format: 'iife' },
    plugins: [nodeResolve(), ts(), minify()],
  },
  {
    input: 'src/embed.ts',
    output: { file: 'dist/candor.js', format: 'iife' },
    plugins: [integrity(), cssRaw(), nodeResolve(), ts(), minify()],
  },
  {
    input: 'src/index.ts',
    output: { file: 'dist/candor.mjs', format: 'es' },
    external: [/^preact/, 'idb-keyval'],
    plugins: [cssRaw(), nodeResolve(), ts(), typesEntry()],
  },
  // The `candor` command (package bin, issue #7): an executable ES module for Node. scripts/schema.mjs
  // imports it to write dist/candor.schema.json.
  {
    input: 'src/cli.ts',
    output: { file: 'dist/cli.js', format: 'es', banner: '#!/usr/bin/env node' },
    external: [/^node:/],
    plugins: [ts(), { name: 'executable', writeBundle: async () => (await import('node:fs')).chmodSync('dist/cli.js', 0o755) }],
  },
];
