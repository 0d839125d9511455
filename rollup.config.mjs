// Builds dist/: the lazy chunks first — candor-<language>-prefs.js and candor-<language>.js for each language of
// src/languages.ts (the interface's built-in texts, one language per visitor, in two layers), then those of src/chunks.json in its order, each before
// the bundle that embeds its integrity hash (see src/chunks.ts) — then candor.js (classic script, which embeds
// the hashes of the chunks it loads), candor.mjs (ES module), candor.css (stylesheet fallback) and the `candor` command.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import vm from 'node:vm';
import { brotliCompressSync } from 'node:zlib';
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import { transform } from 'lightningcss';

/** Browser code is checked without Node's types; the `candor` command (tsconfig.cli.json) with them. */
const ts = (tsconfig = './tsconfig.json') => typescript({ tsconfig, include: ['src/**/*.ts', 'src/**/*.tsx'], noEmitOnError: true });

/** Minify CSS with lightningcss (a real CSS parser: `.row :focus-visible` keeps its descendant space). */
export const minifyCss = (css, filename) => transform({ filename, code: Buffer.from(css), minify: true }).code.toString();

/**
 * `import css from './x.css?raw'` gives the minified text, and the file is also written to dist/ for
 * browsers without constructable stylesheets: src/ui/styles.css → candor.css, src/ui/preferences.css →
 * candor-preferences.css, src/core/widgets.css → candor-widgets.css.
 */
const cssRaw = () => ({
  name: 'css-raw',
  resolveId(id, importer) {
    if (id.endsWith('.css?raw')) return resolve(dirname(importer), id.slice(0, -4)) + '?raw';
  },
  load(id) {
    if (!id.endsWith('.css?raw')) return;
    const css = minifyCss(readFileSync(id.slice(0, -4), 'utf8'), id.slice(0, -4));
    const name = basename(id.slice(0, -4), '.css');
    this.emitFile({ type: 'asset', fileName: name == 'styles' ? 'candor.css' : `candor-${name}.css`, source: css });
    return `export default ${JSON.stringify(css)};`;
  },
});

/** The languages with built-in texts: the one list, src/languages.ts (one chunk each), and the default ones. */
const list = (name, file = 'src/languages.ts') =>
  [
    ...readFileSync(file, 'utf8')
      .match(new RegExp(`\\b${name} = \\[([^\\]]*)\\]`))[1]
      .matchAll(/'([^']+)'/g),
  ].map((m) => m[1]);
const LANGUAGES = list('LANGUAGES');
const DEFAULT_LANGUAGES = list('DEFAULT_LANGUAGES');
/** The keys a first visit downloads: the one list, src/ui/text-layers.ts. */
const FIRST_LAYER = list('FIRST_LAYER', 'src/ui/text-layers.ts');
/** …but English's leaves the embed placeholders' texts, which candor-embeds.js has in English, to its second layer. */
const EMBEDS_HAVE_ENGLISH = list('EMBEDS_HAVE_ENGLISH', 'src/ui/text-layers.ts');
const inFirstLayer = (language, key) => FIRST_LAYER.includes(key) && !(language == 'en' && EMBEDS_HAVE_ENGLISH.includes(key));

/**
 * The lazy chunks, `id: { entry, by }` (src/chunks.json, typed in src/chunks.ts), and the languages': the
 * default languages' hashes go into candor.js, the others' into candor-languages.js.
 */
const CHUNKS = JSON.parse(readFileSync('src/chunks.json', 'utf8'));
const BY = {
  ...Object.fromEntries(LANGUAGES.map((l) => [l, DEFAULT_LANGUAGES.includes(l) ? 'candor' : 'languages'])),
  ...Object.fromEntries(Object.entries(CHUNKS).map(([id, { by }]) => [id, by])),
};
/** package.json's version: the one place it is written (`__VERSION__` in src/). */
const VERSION = JSON.stringify(JSON.parse(readFileSync('package.json', 'utf8')).version);
/**
 * A file's sha256, base64, as bundles carry it: without the `sha256-` an integrity attribute starts with, which the
 * loader adds (src/embed.ts; 23 B brotli less in candor.js, whose eight hashes each repeated it).
 */
const sha256 = (file) =>
  createHash('sha256')
    .update(readFileSync(`dist/${file}`))
    .digest('base64');

/**
 * Replace `__INTEGRITY__` with `{ id: sha256 of dist/candor-<id>.js }` for the chunks whose `by` is `bundle`
 * (built just before), and `__VERSION__` with package.json's version.
 */
const integrity = (bundle) => ({
  name: 'integrity',
  transform(code) {
    return code
      .replace(/\b__VERSION__\b/g, VERSION)
      .replace(/\b__INTEGRITY__\b/g, () =>
        JSON.stringify(Object.fromEntries(Object.keys(BY).flatMap((id) => (BY[id] == bundle ? [[id, sha256(`candor-${id}.js`)]] : [])))),
      );
  },
});

/**
 * A language's built-in texts (src/ui/i18n/<language>.ts) in two chunks (src/ui/text-layers.ts): the second layer's,
 * dist/candor-<language>-prefs.js, registers `window['candor-<language>-prefs']` = its texts; built first, its
 * id and sha256 go into the first layer's, dist/candor-<language>.js, which registers `window['candor-<language>']`
 * = `[texts, id, sha256]` (src/chunks.ts: a tuple, and the keys quoted or not,
 * whichever compresses better (`literal`), as the smallest chunk of a first visit compresses least; 25 B brotli less in
 * English than the object it was, 436 → 411 B): a first visit carries one hash more, not a list of all languages'.
 */
const language = (id, second) => ({
  input: `language:${id}`,
  output: { file: `dist/candor-${id}${second ? '-prefs' : ''}.js`, format: 'iife' },
  plugins: [
    {
      name: 'language-entry',
      resolveId: (source) => (source == `language:${id}` ? source : null),
      load: (source) => (source == `language:${id}` ? `import t from './src/ui/i18n/${id}.ts'; window.t = t;` : null),
      // The bundled texts, run here at build time, keep the keys of their layer only.
      renderChunk(code) {
        const window = {};
        vm.runInNewContext(code, { window });
        const texts = Object.fromEntries(Object.entries(window.t).filter(([key]) => inFirstLayer(id, key) != second));
        if (second) return `window['candor-${id}-prefs'] = ${JSON.stringify(texts)};`;
        const more = `"${id}-prefs","${sha256(`candor-${id}-prefs.js`)}"`;
        return smallest([true, false].map((quoted) => `window["candor-${id}"]=[${literal(texts, quoted)},${more}];`));
      },
    },
    ts(),
    // The first layer is written here, already as small as it gets.
    second && minify(),
  ],
});

/**
 * An object literal of texts, its keys quoted (as JSON) or not: which one brotli compresses better depends on the
 * language (English: quoted, 30 B less; Greek: not, 24 B less), so the first layer's chunk takes the smaller.
 */
const literal = (texts, quoted) =>
  '{' + Object.entries(texts).map(([key, text]) => (quoted || !/^\w+$/.test(key) ? JSON.stringify(key) : key) + ':' + JSON.stringify(text)) + '}';
const smallest = (codes) => codes.sort((a, b) => brotliCompressSync(a).length - brotliCompressSync(b).length)[0];

/** dist/candor.d.ts re-exports the declarations tsc writes to dist/types (see the build script). */
const typesEntry = () => ({
  name: 'types-entry',
  writeBundle() {
    mkdirSync('dist', { recursive: true });
    writeFileSync('dist/candor.d.ts', "export * from './types/index';\n");
  },
});

/** Fail the build when a module matching `pattern` ends up in the chunk (what it must leave to another). */
const without = (pattern, why) => ({
  name: 'without',
  generateBundle(_, bundle) {
    for (const chunk of Object.values(bundle)) {
      const found = chunk.type == 'chunk' && chunk.moduleIds.find((id) => pattern.test(id.replace(/\\/g, '/')));
      if (found) this.error(`${chunk.fileName} bundles ${found}: ${why}`);
    }
  },
});

/** Fail the build unless the chunk bundles exactly one module matching `pattern` (one copy of a library). */
const once = (pattern, why) => ({
  name: 'once',
  generateBundle(_, bundle) {
    for (const chunk of Object.values(bundle)) {
      if (chunk.type != 'chunk') continue;
      const found = chunk.moduleIds.filter((id) => pattern.test(id.replace(/\\/g, '/')));
      if (found.length != 1) this.error(`${chunk.fileName} bundles ${found.length} modules of ${pattern} (${found.join(', ')}): ${why}`);
    }
  },
});

/** Preact: the preference center draws with it, the first layer does not (src/ui/dom.ts). */
const PREACT = /\/node_modules\/preact\//;

/**
 * candor.js and candor-ui.js, the bundles of a first or returning visit, leave out rollup's
 * `"use strict"` (10–15 B brotli each, issue #16): they are our TypeScript, checked to not depend on sloppy-mode
 * differences (no `with`, no undeclared writes, no `this` of a plain call, no function declared in a block;
 * test/build.test.ts), so they run the same either way.
 */
const SLOPPY = { strict: false };
/**
 * The same two quote every string with `'` (terser's `quote_style`): measured, 16 B brotli less in them; the other
 * chunks grow with it, so they keep terser's choice.
 */
const VISIT = { quote_style: 1 };

/** What some chunks need besides the common build (their own checks, externals, plugins, output and terser format). */
const EXTRA = {
  // The one chunk with Preact: only the preference center uses it.
  prefs: {
    plugins: [once(PREACT, "one Preact, its core only (import { h } from './shared')")],
  },
  ui: {
    output: SLOPPY,
    format: VISIT,
    plugins: [
      without(
        /\/src\/ui\/(preferences|purpose|records|prefs|shared)\./,
        'the preference center is candor-prefs.js (src/ui/entry.ts must not import src/ui/index.ts)',
      ),
      without(/\/src\/core\/styles\.ts$/, 'candor.js passes adoptStyles in (src/embed.ts)'),
      without(PREACT, 'the first layer draws with src/ui/dom.ts; Preact comes with the preference center (candor-prefs.js)'),
    ],
  },
  embeds: { plugins: [without(/\/src\/core\/(styles|widget)\.ts$/, 'candor.js passes the widget host in (src/core/manager.ts)')] },
};

/** A chunk of src/chunks.json: dist/candor-<id>.js, with the hashes of the chunks it loads. */
const chunk = (id) => ({
  input: CHUNKS[id].entry,
  output: { file: `dist/candor-${id}.js`, format: 'iife', ...EXTRA[id]?.output },
  external: EXTRA[id]?.external,
  plugins: [integrity(id), cssRaw(), nodeResolve(), ts(), ...(EXTRA[id]?.plugins || []), minify(id == 'ui' ? EAGER : undefined, EXTRA[id]?.format)],
});

const minify = (preamble, format) =>
  terser({ ecma: 2020, compress: { passes: 3, unsafe_arrows: true }, format: { comments: false, preamble, ...format } });
/**
 * V8's compile hint (Chromium 126+): every function is compiled with the script, off the main thread when it is streamed,
 * rather than each on its first call — in candor.js, while it holds the parser; in candor-ui.js, in the task that draws
 * the banner (docs/architecture.md, "Startup order"). Only for code that mostly runs at once.
 */
const EAGER = '//# allFunctionsCalledOnLoad';

export default [
  ...LANGUAGES.map((l) => language(l, true)),
  ...LANGUAGES.map((l) => language(l, false)),
  ...Object.keys(CHUNKS).map(chunk),
  {
    input: 'src/embed.ts',
    output: { file: 'dist/candor.js', format: 'iife', ...SLOPPY },
    plugins: [integrity('candor'), cssRaw(), nodeResolve(), ts(), minify(EAGER, VISIT)],
  },
  {
    input: 'src/index.ts',
    // Each language's texts are a chunk of their own (src/ui/i18n/load.ts), which an app's bundler splits out too.
    output: { dir: 'dist', entryFileNames: 'candor.mjs', chunkFileNames: 'candor-mjs/[name]-[hash].mjs', format: 'es' },
    external: [/^preact/, 'idb-keyval'],
    // candor.js's hashes: the stamp's salt is the validator's (src/cli/salt.ts), as the command's; and `__VERSION__` (`sdk`).
    plugins: [integrity('candor'), cssRaw(), nodeResolve(), ts(), typesEntry()],
  },
  // The server helper (`candor/server`): re-issues the candor cookie with Set-Cookie (src/server/cookie.ts).
  {
    input: 'src/server/cookie.ts',
    output: { file: 'dist/server.mjs', format: 'es' },
    external: [/^node:/],
    plugins: [nodeResolve(), ts()],
  },
  // The `candor` command (package bin, issue #7): an executable ES module for Node. scripts/schema.mjs
  // imports it to write dist/candor.schema.json.
  {
    input: 'src/cli.ts',
    // All languages inline: `candor hash` hashes any of them (src/notice.ts).
    output: { file: 'dist/cli.js', format: 'es', banner: '#!/usr/bin/env node', inlineDynamicImports: true },
    external: [/^node:/],
    plugins: [
      // candor.js's hashes: the stamp's salt is the validator's (src/cli/salt.ts).
      integrity('candor'),
      nodeResolve(),
      ts('./tsconfig.cli.json'),
      { name: 'executable', writeBundle: async () => (await import('node:fs')).chmodSync('dist/cli.js', 0o755) },
      // The vendor catalog `candor services` reads (src/cli/services.ts): data, never in a browser bundle.
      {
        name: 'catalog',
        generateBundle() {
          this.emitFile({ type: 'asset', fileName: 'services.json', source: readFileSync('src/catalog/services.json') });
        },
      },
    ],
  },
];
