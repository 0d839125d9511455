import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // What rollup.config.mjs writes in at build: the version receipts carry (`sdk`).
  define: { __VERSION__: JSON.stringify(JSON.parse(readFileSync('package.json', 'utf8')).version) },
  // Vite 8 transforms with oxc (the `esbuild` option is ignored): JSX goes to Preact's automatic runtime, or to the
  // file's own `@jsx h` as in the build — without the development props (__self, __source) the build never has.
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact', development: false } },
  test: {
    environment: 'jsdom',
    include: ['test/**/*.test.{ts,tsx}'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    setupFiles: ['test/setup.ts'],
  },
});
