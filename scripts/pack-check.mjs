// A broken package cannot land (run by `npm test`): pack the package as `npm publish` would, install the
// tarball into an empty project, and use it there as a developer would — the ES module in plain Node (no
// window: the inert instance), its types under `tsc --strict` (bundler and Node resolution), `package.json`
// through its export, and the `candor` command through `npx` on a sample configuration.
//
//   node scripts/pack-check.mjs     (dist/ must be built: `npm run build`; `npm pack` itself runs `prepack`)
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const npm = process.platform == 'win32' ? 'npm.cmd' : 'npm';
const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const tmp = mkdtempSync(join(tmpdir(), 'candor-pack-'));
let failed = 0;
const check = (what, fn) => {
  try {
    fn();
    console.log(`ok   ${what}`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${what}\n${[e.stdout, e.stderr, e.message].filter(Boolean).join('\n').trim().replace(/^/gm, '     ')}`);
  }
};

try {
  // dist/ is already built (npm test builds it first): skip prepack's second build.
  const [packed] = JSON.parse(run(npm, ['pack', '--json', '--ignore-scripts', '--pack-destination', tmp], root));
  const tgz = join(tmp, packed.filename);
  const files = packed.files.map((f) => f.path);
  console.log(`Packed ${packed.filename}: ${files.length} files, ${(packed.size / 1024).toFixed(1)} KB`);
  check('the tarball holds dist/ (ES module, types, script tag, schema, command), README and LICENSE, and no sources or tests', () => {
    for (const f of [
      'dist/candor.mjs',
      'dist/candor.d.ts',
      'dist/types/index.d.ts',
      'dist/candor.js',
      'dist/cli.js',
      'dist/candor.schema.json',
      'README.md',
      'LICENSE',
      'package.json',
    ])
      if (!files.includes(f)) throw new Error(`missing ${f}`);
    if (!files.some((f) => /^dist\/candor-mjs\/fr-[\w-]+\.mjs$/.test(f))) throw new Error('missing the ES module language chunks (dist/candor-mjs/)');
    const stray = files.filter((f) => /^(src|test|scripts|bench|demo)\//.test(f));
    if (stray.length) throw new Error(`should not ship: ${stray.join(', ')}`);
  });

  const app = join(tmp, 'app');
  run('mkdir', ['-p', app]);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
  run(npm, ['install', '--no-audit', '--no-fund', '--loglevel=error', tgz], app);

  check('ESM: `import { createCandor, version } from "candor"` in plain Node gives an inert instance and the package version', () => {
    const out = run(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `
      import { createCandor, version, checkConfig } from 'candor';
      import meta from 'candor/package.json' with { type: 'json' };
      const candor = createCandor({ config: {} });
      const state = await candor.ready;
      if (state.decided || candor.has('analytics')) throw new Error('granted without a page');
      if (version !== meta.version || candor.version !== version) throw new Error('version ' + version + ' / ' + candor.version + ' / ' + meta.version);
      if (typeof checkConfig != 'function') throw new Error('no checkConfig');
      console.log(version);`,
      ],
      app,
    );
    if (out.trim() != pkg.version) throw new Error(`printed ${out}`);
  });

  const ts = `import { createCandor, version, type Candor, type State } from 'candor';
const candor: Candor = createCandor({ config: { version: '1', controller: { name: 'A' }, policyUrl: '/privacy', purposes: [] } });
candor.ready.then((state: State) => state.decided);
const off: () => void = candor.on('change', (s) => void s.purposes);
off();
candor.destroy();
export const v: string = version + candor.version;
`;
  writeFileSync(join(app, 'index.ts'), ts);
  for (const resolution of ['bundler', 'nodenext'])
    check(`types: tsc --strict --noEmit on a TypeScript file importing "candor" (moduleResolution ${resolution})`, () => {
      const module = resolution == 'bundler' ? 'esnext' : 'nodenext';
      writeFileSync(
        join(app, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: { strict: true, noEmit: true, module, moduleResolution: resolution, target: 'es2020', lib: ['es2020', 'dom'], types: [] },
          files: ['index.ts'],
        }),
      );
      run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(app, 'tsconfig.json')], app);
    });

  copyFileSync(join(root, 'test/fixtures/shop.json'), join(app, 'consent.json'));
  check('CLI: `npx candor validate consent.json` accepts a valid configuration, `npx candor --version` prints the version', () => {
    run('npx', ['--no-install', 'candor', 'validate', 'consent.json'], app);
    const v = run('npx', ['--no-install', 'candor', '--version'], app).trim();
    if (v != pkg.version) throw new Error(`--version printed ${v}`);
  });
  check("ESM: noticeHash loads a language's chunk (fr) and equals what `npx candor hash --lang fr` prints", () => {
    const code = `
      import { readFileSync } from 'node:fs';
      import { checkConfig, noticeHash } from 'candor';
      console.log(await noticeHash(checkConfig(JSON.parse(readFileSync('consent.json', 'utf8'))).config, 'fr'));`;
    const esm = run(process.execPath, ['--input-type=module', '-e', code], app).trim();
    const cli = run('npx', ['--no-install', 'candor', 'hash', 'consent.json', '--lang', 'fr'], app).trim();
    if (!/^[0-9a-f]{64}$/.test(esm) || !cli.includes(esm)) throw new Error(`ES module ${esm}, CLI ${cli}`);
  });
  writeFileSync(join(app, 'broken.json'), '{ "version": 1 }');
  check('CLI: `npx candor validate` rejects an invalid configuration (non-zero exit)', () => {
    let code = 0;
    try {
      run('npx', ['--no-install', 'candor', 'validate', 'broken.json'], app);
    } catch (e) {
      code = e.status;
    }
    if (!code) throw new Error('exit code 0 for an invalid configuration');
  });
} catch (e) {
  failed++;
  console.log(`FAIL packing or installing the tarball\n${[e.stdout, e.stderr, e.message].filter(Boolean).join('\n')}`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
console.log(failed ? `Package check: ${failed} failed.` : 'Package check: the packed package installs and works.');
process.exit(failed ? 1 : 0);
