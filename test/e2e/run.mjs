// Entry of the real-browser tests (`npm test` runs it after the build):
//
//   node test/e2e/run.mjs                     every test/e2e/*.test.mjs, one headless Chromium for the run
//   node test/e2e/run.mjs flows keyboard      only the files whose name contains one of the words
//   node test/e2e/run.mjs --test-name-pattern="Reject all"   (options starting with -- go to node)
//
// Each file also runs alone: `node --test test/e2e/flows.test.mjs`.
//
// Chromium comes from /usr/bin/chromium or CHROMIUM_PATH; without it this prints one line and exits 1 — a
// missing browser must never look like a pass. The files are imported into one child process (so they share
// one browser, see harness.mjs) that uses node:test's spec reporter; its exit code is forwarded. The child
// serves a snapshot of dist/ taken at start, so a rebuild during the run cannot mix two builds (candor.js
// checks candor-ui.js against the integrity hash of its own build).

import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CHROMIUM_MISSING, CHROMIUM_PATH, DIST, HERE } from './env.mjs';

const CHILD = '--e2e-child';
const args = process.argv.slice(2);

if (args.includes(CHILD)) {
  // Child: import the selected test files; node:test runs their tests in this process, one after the other.
  const words = args.filter((a) => !a.startsWith('-'));
  const files = readdirSync(HERE)
    .filter((f) => f.endsWith('.test.mjs') && (!words.length || words.some((w) => f.includes(w))))
    .sort();
  if (!files.length) {
    console.error(`No test file in ${HERE} matches ${words.join(', ')}`);
    process.exit(1);
  }
  for (const f of files) await import(pathToFileURL(join(HERE, f)).href);
} else {
  if (!existsSync(CHROMIUM_PATH)) {
    console.error(CHROMIUM_MISSING);
    process.exit(1);
  }
  for (const f of ['candor.js', 'candor-ui.js', 'candor-prefs.js']) {
    if (!existsSync(join(DIST, f))) {
      console.error(`${join(DIST, f)} not found — run \`npm run build\` first`);
      process.exit(1);
    }
  }
  const nodeArgs = args.filter((a) => a.startsWith('--'));
  const words = args.filter((a) => !a.startsWith('-'));
  const snapshot = mkdtempSync(join(tmpdir(), 'candor-dist-'));
  cpSync(DIST, snapshot, { recursive: true });
  const child = spawn(
    process.execPath,
    ['--test-reporter=spec', '--test-reporter-destination=stdout', ...nodeArgs, fileURLToPath(import.meta.url), CHILD, ...words],
    { stdio: 'inherit', env: { ...process.env, CANDOR_DIST: snapshot } },
  );
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward).on('SIGTERM', forward);
  child.on('exit', (code, signal) => {
    rmSync(snapshot, { recursive: true, force: true });
    process.exit(code ?? (signal ? 1 : 0));
  });
}
