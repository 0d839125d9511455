// After `tsc -p tsconfig.types.json`: make dist/types usable under every `moduleResolution` a project may
// use (bundler, node16, nodenext): relative specifiers get their `.js` extension (or `/index.js`), and the
// build-only `*.css?raw` imports become plain string declarations.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const dist = new URL('../dist/', import.meta.url).pathname;
const files = (dir) => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : [join(dir, f)]));

for (const file of [join(dist, 'candor.d.ts'), ...files(join(dist, 'types'))].filter((f) => f.endsWith('.d.ts'))) {
  const text = readFileSync(file, 'utf8')
    .replace(/^export \{ default as (\w+) \} from '[^']*\.css\?raw';$/gm, 'export declare const $1: string;')
    .replace(/^import (\w+) from '[^']*\.css\?raw';$/gm, 'declare const $1: string;')
    .replace(/((?:from |import\()')(\.\.?\/[^']*)'/g, (all, before, spec) => {
      const base = join(dirname(file), spec);
      if (existsSync(base + '.d.ts')) return `${before}${spec}.js'`;
      if (existsSync(join(base, 'index.d.ts'))) return `${before}${spec}/index.js'`;
      return all;
    });
  writeFileSync(file, text);
}
