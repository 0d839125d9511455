// What the ES module costs a bundled app (issue #12): a tiny React, Preact and Vue app built with Vite,
// with and without `createCandor()` from dist/candor.mjs; prints the gzip size of the app's JavaScript and
// the difference. A Preact app shares Candor's Preact (a peer dependency: one copy); the "Preact 10 app" case
// shows what a second, private Preact costs (what bundling Preact into the ES module would cost every Preact app).
//
//   npm run build && node bench/bundle-cost.mjs <dir>
// <dir> holds node_modules with react@19, react-dom@19, vue@3 and preact10@npm:preact@10, e.g.
//   mkdir /tmp/cost && cd /tmp/cost && npm init -y && npm i react@19 react-dom@19 vue@3 preact10@npm:preact@10
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

const ROOT = resolve(new URL('..', import.meta.url).pathname);
const DEPS = resolve(process.argv[2] || '.', 'node_modules');
const CANDOR =
  "import { createCandor } from 'candor';\nexport const candor = createCandor({ config: fetch('/consent.json').then((r) => r.text()) });\n";
const apps = {
  React:
    "import { createElement } from 'react';\nimport { createRoot } from 'react-dom/client';\ncreateRoot(document.body).render(createElement('p', null, 'Hello'));\n",
  'Preact 11 (shared)': "import { h, render } from 'preact';\nrender(h('p', null, 'Hello'), document.body);\n",
  'Preact 10 (two copies)': "import { h, render } from 'preact10';\nrender(h('p', null, 'Hello'), document.body);\n",
  Vue: "import { createApp, h } from 'vue';\ncreateApp({ render: () => h('p', 'Hello') }).mount('body');\n",
};

/**
 * The gzip size of what the app loads at start (its entry and the chunks that imports statically), and of the
 * largest chunk it loads on demand (a language's built-in texts: one per visitor).
 */
async function size(code) {
  const dir = mkdtempSync(join(DEPS, '..', 'candor-cost-'));
  writeFileSync(join(dir, 'main.js'), code);
  const [result] = [].concat(
    await build({
      root: dir,
      logLevel: 'silent',
      configFile: false,
      resolve: {
        alias: [
          { find: /^candor$/, replacement: join(ROOT, 'dist/candor.mjs') },
          // The app's Preact 11 is the one Candor imports (npm dedupes a peer dependency).
          { find: /^preact(\/.*)?$/, replacement: `${ROOT}/node_modules/preact$1` },
        ],
      },
      define: { 'process.env.NODE_ENV': '"production"' },
      build: { outDir: join(dir, 'out'), lib: { entry: join(dir, 'main.js'), formats: ['es'], fileName: 'app' }, rollupOptions: { external: [] } },
    }),
  );
  const chunks = new Map(result.output.filter((o) => o.type == 'chunk').map((c) => [c.fileName, c]));
  const gz = (c) => gzipSync(c.code, { level: 9 }).length;
  const start = new Set();
  const add = (c) => {
    if (start.has(c)) return;
    start.add(c);
    for (const f of c.imports) add(chunks.get(f));
  };
  for (const c of chunks.values()) if (c.isEntry) add(c);
  const lazy = [...chunks.values()].filter((c) => !start.has(c)).map(gz);
  rmSync(dir, { recursive: true, force: true });
  return { bytes: [...start].reduce((n, c) => n + gz(c), 0), lazy: Math.max(0, ...lazy), chunks: lazy.length };
}

const kb = (n) => (n / 1024).toFixed(1) + ' KB';
console.log(
  'app'.padEnd(24) +
    'alone'.padStart(10) +
    'with Candor'.padStart(14) +
    'Candor adds'.padStart(14) +
    '   (gzip -9, Vite production build; loaded at start, then the largest on-demand chunk)',
);
for (const [name, code] of Object.entries(apps)) {
  const alone = await size(code);
  const both = await size(code + CANDOR);
  console.log(
    name.padEnd(24) +
      kb(alone.bytes).padStart(10) +
      kb(both.bytes).padStart(14) +
      ('+' + kb(both.bytes - alone.bytes)).padStart(14) +
      `   ${both.chunks} chunks on demand, largest ${kb(both.lazy)}`,
  );
}
