// @vitest-environment node
// scripts/fresh.mjs, which `npm test` and `npm ci` run to build dist/ unless it was built from the sources as they are: run
// in a tree of its own whose build copies src/index.ts into dist/ and counts itself, so that a stale dist/ shows.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const FRESH = join(__dirname, '../scripts/fresh.mjs');
const UP_TO_DATE = 'dist/ is up to date with src/ (npm run build to rebuild anyway)';
const trees: string[] = [];
afterEach(() => {
  for (const t of trees.splice(0)) rmSync(t, { recursive: true, force: true });
});

/** A tree with scripts/fresh.mjs, a source and a package.json whose build stamps dist/ as `npm run build` does. */
function tree(source = 'export const a = 1;\n') {
  const root = mkdtempSync(join(tmpdir(), 'candor-fresh-'));
  trees.push(root);
  mkdirSync(join(root, 'scripts'));
  mkdirSync(join(root, 'src'));
  cpSync(FRESH, join(root, 'scripts/fresh.mjs'));
  writeFileSync(join(root, 'src/index.ts'), source);
  // Stand-ins for the build's other inputs.
  for (const f of ['rollup.config.mjs', 'tsconfig.json', 'tsconfig.types.json', 'scripts/catalog.mjs', 'scripts/schema.mjs', 'scripts/types.mjs'])
    writeFileSync(join(root, f), `// ${f}\n`);
  // The build: dist/ from scratch, what it was built from, a line in builds.log. The inputs do not change while it runs,
  // so it notes their hash (--begin) after the build rather than before (a change meanwhile: its own test below). It
  // refuses to start within itself (the `building` file), should a fresh.mjs run by it build again.
  writeFileSync(
    join(root, 'build.mjs'),
    `import { appendFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
writeFileSync('building', '', { flag: 'wx' });
rmSync('dist', { recursive: true, force: true });
mkdirSync('dist');
writeFileSync('dist/candor.schema.json', JSON.stringify({ from: readFileSync('src/index.ts', 'utf8') }));
appendFileSync('builds.log', 'built\\n');
`,
  );
  const build = 'node build.mjs && node scripts/fresh.mjs --begin && node scripts/fresh.mjs --stamp && node -e "fs.rmSync(\'building\')"';
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'fresh-test', private: true, scripts: { build } }));
  const run = (...args: string[]) => {
    const r = spawnSync(process.execPath, ['scripts/fresh.mjs', ...args], { cwd: root, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    return r;
  };
  return {
    root,
    run,
    builds: () => (existsSync(join(root, 'builds.log')) ? readFileSync(join(root, 'builds.log'), 'utf8').split('\n').length - 1 : 0),
    /** What dist/ was built from. */
    builtFrom: () => JSON.parse(readFileSync(join(root, 'dist/candor.schema.json'), 'utf8')).from as string,
    /** Every file under `dir` (dist, src) modified `seconds` from now. */
    touch(dir: string, seconds: number) {
      const at = new Date(Date.now() + seconds * 1000);
      for (const f of readdirSync(join(root, dir), { recursive: true })) utimesSync(join(root, dir, String(f)), at, at);
    },
  };
}

// Each run starts node, and npm for a build: seconds on a loaded machine.
describe('scripts/fresh.mjs', { timeout: 30_000 }, () => {
  it('builds a missing dist/, then says it is up to date and does not build again', () => {
    const t = tree();
    t.run();
    expect(t.builds()).toBe(1);
    expect(t.run().stdout).toContain(UP_TO_DATE);
    expect(t.builds()).toBe(1);
  });

  it('a source changed while dist/ has newer times (copied, restored from a cache): rebuilt, not tested stale', () => {
    const t = tree();
    t.run();
    writeFileSync(join(t.root, 'src/index.ts'), 'export const a = 2;\n');
    t.touch('dist', 3600);
    expect(t.run().stdout).not.toContain(UP_TO_DATE);
    expect(t.builds()).toBe(2);
    expect(t.builtFrom()).toBe('export const a = 2;\n');
    expect(t.run().stdout).toContain(UP_TO_DATE);
  });

  it('a dist/ copied from another tree, newer than these sources: rebuilt', () => {
    const other = tree('export const a = "other";\n');
    other.run();
    const t = tree();
    t.touch('src', -3600);
    cpSync(join(other.root, 'dist'), join(t.root, 'dist'), { recursive: true });
    t.run();
    expect(t.builds()).toBe(1);
    expect(t.builtFrom()).toBe('export const a = 1;\n');
  });

  it('sources touched but not changed (a checkout, a copy): not rebuilt', () => {
    const t = tree();
    t.run();
    t.touch('src', 3600);
    expect(t.run().stdout).toContain(UP_TO_DATE);
    expect(t.builds()).toBe(1);
  });

  it('a source changed during the build: dist/ is left unstamped, and the next run builds again', () => {
    const t = tree();
    t.run();
    t.run('--begin');
    writeFileSync(join(t.root, 'src/index.ts'), 'export const a = 3;\n');
    expect(t.run('--stamp').stderr).toMatch(/changed during the build/);
    expect(t.builds()).toBe(1);
    t.run();
    expect(t.builds()).toBe(2);
    expect(t.builtFrom()).toBe('export const a = 3;\n');
  });
});
