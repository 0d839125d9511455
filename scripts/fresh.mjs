// Build dist/ only when it is missing or older than what it is built from, so `npm ci` (through `prepare`)
// followed by `npm test` builds once. `npm pack` and `npm publish` always build from scratch (`prepack`).
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const newest = (path) => {
  const s = statSync(path);
  return s.isDirectory() ? Math.max(0, ...readdirSync(path).map((f) => newest(join(path, f)))) : s.mtimeMs;
};
const built = join(root, 'dist/candor.schema.json');
const sources = ['src', 'rollup.config.mjs', 'package.json', 'tsconfig.json', 'tsconfig.types.json', 'scripts/schema.mjs', 'scripts/types.mjs'];
const stale = !existsSync(built) || sources.some((s) => newest(join(root, s)) > statSync(built).mtimeMs);
if (stale) execSync('npm run build', { cwd: root, stdio: 'inherit' });
else console.log('dist/ is up to date with src/ (npm run build to rebuild anyway)');
