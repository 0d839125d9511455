// The shared visitor flows (flows.mjs) in Chromium, Firefox and WebKit, against the built dist/ (part of
// `npm test`; Chromium's deeper suite is test/e2e):
//
//   node test/engines/run.mjs                   every engine
//   node test/engines/run.mjs webkit firefox    only these engines
//   node test/engines/run.mjs --test-name-pattern="Shift\+Tab"   (options starting with -- go to node)
//
// A missing browser fails the run with one line saying how to install it. WebKit needs a display: when
// DISPLAY is unset the runner starts itself again under `xvfb-run -a`. Each engine's run time is printed at
// the end. The child serves a snapshot of dist/ taken at start, like test/e2e/run.mjs.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DIST } from '../e2e/env.mjs';
import { ENGINES, missingBrowser } from './adapters.mjs';

const CHILD = '--engines-child';
const SELF = fileURLToPath(import.meta.url);
const args = process.argv.slice(2);
const names = args.filter((a) => !a.startsWith('-'));
const unknown = names.filter((n) => !ENGINES[n]);
if (unknown.length) {
  console.error(`Unknown engine ${unknown.join(', ')}: choose among ${Object.keys(ENGINES).join(', ')}`);
  process.exit(1);
}
const engines = names.length ? names : Object.keys(ENGINES);

if (args.includes(CHILD)) {
  const { describe, test, before, after } = await import('node:test');
  const { startServer } = await import('../e2e/harness.mjs');
  const { FLOWS } = await import('./flows.mjs');
  const times = [];
  for (const name of engines) {
    describe(name, { concurrency: 1 }, () => {
      let driver, server, start;
      before(async () => {
        start = performance.now();
        [driver, server] = await Promise.all([ENGINES[name].start(), startServer({ watch: true })]);
      });
      after(async () => {
        await Promise.all([driver?.close(), server?.close()]);
        times.push(`${name.padEnd(8)} ${((performance.now() - start) / 1000).toFixed(1).padStart(5)} s  ${driver ? driver.version : ''}`);
      });
      for (const [title, flow] of FLOWS) {
        test(title, { timeout: 60_000 }, async (t) => {
          server.requests.length = 0;
          server.cspReports.length = 0;
          server.consent.text = null;
          server.consent.edits = {};
          const session = async (options) => {
            const s = await driver.session(options);
            if (!s.skip) t.after(() => s.close().catch(() => {}));
            return s;
          };
          await flow({ session, server, skip: (reason) => t.skip(reason) });
        });
      }
    });
  }
  after(() => console.log(`\nRun time per engine (browser start, ${FLOWS.length} flows, shutdown):\n  ${times.join('\n  ')}`));
} else {
  const missing = missingBrowser(engines);
  if (missing) {
    console.error(missing);
    process.exit(1);
  }
  for (const f of ['candor.js', 'candor-ui.js', 'candor-prefs.js']) {
    if (!existsSync(join(DIST, f))) {
      console.error(`${join(DIST, f)} not found — run \`npm run build\` first`);
      process.exit(1);
    }
  }
  // WebKitGTK needs a display: start again under a virtual one.
  if (engines.includes('webkit') && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    if (spawnSync('sh', ['-c', 'command -v xvfb-run && command -v xauth'], { stdio: 'ignore' }).status !== 0) {
      console.error('WebKit needs a display and DISPLAY is unset: install xvfb-run with apt-get install -y xvfb xauth (or set DISPLAY)');
      process.exit(1);
    }
    const child = spawn('xvfb-run', ['-a', process.execPath, SELF, ...args], { stdio: 'inherit' });
    child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  } else {
    const snapshot = mkdtempSync(join(tmpdir(), 'candor-dist-'));
    cpSync(DIST, snapshot, { recursive: true });
    const nodeArgs = args.filter((a) => a.startsWith('--'));
    const child = spawn(process.execPath, ['--test-reporter=spec', '--test-reporter-destination=stdout', ...nodeArgs, SELF, CHILD, ...engines], {
      stdio: 'inherit',
      env: { ...process.env, CANDOR_DIST: snapshot },
    });
    const forward = (signal) => child.kill(signal);
    process.on('SIGINT', forward).on('SIGTERM', forward);
    child.on('exit', (code, signal) => {
      rmSync(snapshot, { recursive: true, force: true });
      process.exit(code ?? (signal ? 1 : 0));
    });
  }
}
