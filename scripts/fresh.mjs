// Build dist/ only when it was not built from the sources as they are, so `npm ci` (through `prepare`) followed by
// `npm test` builds once. `npm pack` and `npm publish` always build from scratch (`prepack`).
//
// By content, not modification times: the build stamps dist/.build-inputs with a hash of its inputs (SOURCES: each
// file's path and bytes, sorted), and dist/ is fresh only when that stamp is the hash of the tree now. A dist/ copied
// from elsewhere, a checkout with odd times, or a source edited during the build is rebuilt rather than tested stale.
//   node scripts/fresh.mjs            build unless dist/ is fresh
//   node scripts/fresh.mjs --begin    (first step of `npm run build`) note the inputs' hash in dist/.build-inputs.pending
//   node scripts/fresh.mjs --stamp    (last step) make it dist/.build-inputs if the inputs did not change meanwhile
import { execSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const SOURCES = [
  'src',
  'rollup.config.mjs',
  'package.json',
  'tsconfig.json',
  'tsconfig.types.json',
  'scripts/catalog.mjs',
  'scripts/schema.mjs',
  'scripts/types.mjs',
];
const STAMP = join(root, 'dist/.build-inputs');
const PENDING = `${STAMP}.pending`;

/** The files under `path` (relative to the root, `/`-separated); none when it is missing. */
const files = (path) => {
  const full = join(root, path);
  if (!existsSync(full)) return [];
  return statSync(full).isDirectory() ? readdirSync(full).flatMap((f) => files(`${path}/${f}`)) : [path];
};

/** sha256 of each input's path, length and bytes, in path order. */
function inputsHash() {
  const hash = createHash('sha256');
  for (const path of SOURCES.flatMap(files).sort()) {
    const bytes = readFileSync(join(root, path));
    hash.update(`${path}\0${bytes.length}\0`).update(bytes);
  }
  return hash.digest('hex');
}

const read = (file) => (existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined);
const mode = process.argv[2];
if (mode == '--begin') {
  mkdirSync(join(root, 'dist'), { recursive: true });
  writeFileSync(PENDING, `${inputsHash()}\n`);
} else if (mode == '--stamp') {
  if (read(PENDING) == inputsHash()) renameSync(PENDING, STAMP);
  else {
    rmSync(PENDING, { force: true });
    console.warn('fresh: the sources changed during the build: dist/ is left unstamped (the next npm test builds again)');
  }
} else if (mode !== undefined) {
  console.error(`fresh: unknown argument ${mode} (--begin, --stamp, or none)`);
  process.exit(2);
} else if (read(STAMP) == inputsHash() && existsSync(join(root, 'dist/candor.schema.json'))) {
  console.log('dist/ is up to date with src/ (npm run build to rebuild anyway)');
} else {
  execSync('npm run build', { cwd: root, stdio: 'inherit' });
}
