// `npm run bench:profile` (issue #16, "where the time goes"): a Chrome DevTools CPU profile (CDP Profiler
// domain) of Candor's page, a first visit and a returning visit, with the CPU slowed 4×, and the functions of
// Candor's scripts that cost the most self time.
//
//   node bench/profile.mjs [--cpu 4] [--runs 3] [--top 20] [--embed candor|candor-inline] [--shipped] [--save dir]
//
// Names are readable because, by default, Candor is rebuilt for the profile into a temporary directory
// with the same rollup config and terser compression but no name mangling and beautified output (one
// statement a line): the same code paths as dist/, with function names and useful line numbers. `--shipped`
// profiles dist/ itself (minified names). `--save dir` writes the .cpuprofile files (open them in Chrome
// DevTools, Performance panel). Times are sampled wall time on the throttled main thread, averaged over the runs.

import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from './browser.mjs';
import { PERSIST_MS, VIEWPORT } from './measure.mjs';
import { PEERS, REPO_DIR } from './peers.mjs';
import { probeScript } from './probe.mjs';
import { startServer } from './server.mjs';

const { values: args } = parseArgs({
  options: {
    cpu: { type: 'string', default: '4' },
    runs: { type: 'string', default: '3' },
    top: { type: 'string', default: '20' },
    embed: { type: 'string', default: 'candor' },
    shipped: { type: 'boolean', default: false },
    save: { type: 'string' },
  },
});
const cpu = Math.max(1, Number(args.cpu) || 4);
const runs = Math.max(1, Number(args.runs) || 3);
const top = Math.max(1, Number(args.top) || 20);

/** How long after the banner (first visit) or the last gated script (returning visit) the profile keeps recording. */
const SETTLE_MS = 500;

/** Sampling interval of the profiler, in µs (the default is 1,000). */
const SAMPLING_US = 100;

/**
 * dist/ rebuilt with names kept: the repository's sources and rollup config copied to a temporary
 * directory, terser told not to mangle and to beautify. Returns the new dist/.
 */
function readableBuild() {
  const dir = mkdtempSync(join(tmpdir(), 'candor-profile-'));
  for (const f of ['src', 'package.json', 'tsconfig.json', 'tsconfig.cli.json']) cpSync(join(REPO_DIR, f), join(dir, f), { recursive: true });
  symlinkSync(join(REPO_DIR, 'node_modules'), join(dir, 'node_modules'));
  const config = readFileSync(join(REPO_DIR, 'rollup.config.mjs'), 'utf8');
  const patched = config.replace(
    /terser\(\{([^\n]*?)format: \{ comments: false([,}])/,
    'terser({$1mangle: false, keep_fnames: true, format: { comments: false, beautify: true$2',
  );
  if (patched == config) throw new Error('rollup.config.mjs: terser options not recognised; run with --shipped to profile dist/ as it is');
  writeFileSync(join(dir, 'rollup.config.mjs'), patched);
  console.log(`building a readable copy of Candor in ${dir} (terser without mangling, beautified)…`);
  const build = spawnSync(process.execPath, [join(REPO_DIR, 'node_modules/rollup/dist/bin/rollup'), '-c', '--silent'], {
    cwd: dir,
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error('the readable build failed');
  return { dist: join(dir, 'dist'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Self and total time per function of a profile, keyed by name and position. Total time counts a
 * function once per stack, however often it recurses.
 */
function functionTimes(profile) {
  const nodes = new Map(profile.nodes.map((n) => [n.id, { ...n, self: 0 }]));
  profile.samples.forEach((id, i) => (nodes.get(id).self += (profile.timeDeltas[i + 1] ?? 0) / 1000));
  const parent = new Map();
  for (const n of nodes.values()) for (const c of n.children || []) parent.set(c, n.id);
  const key = (n) =>
    `${n.callFrame.functionName || '(anonymous)'}\t${n.callFrame.url}\t${n.callFrame.lineNumber + 1}:${n.callFrame.columnNumber + 1}`;
  const byKey = new Map();
  const entry = (k) => byKey.get(k) || byKey.set(k, { self: 0, total: 0 }).get(k);
  for (const n of nodes.values()) {
    if (!n.self) continue;
    entry(key(n)).self += n.self;
    // The sample's time counts once towards each distinct function on its stack.
    const seen = new Set();
    for (let id = n.id; id != null; id = parent.get(id)) {
      const k = key(nodes.get(id));
      if (seen.has(k)) continue;
      seen.add(k);
      entry(k).total += n.self;
    }
  }
  return byKey;
}

/** Add `b`'s times into `a`. */
function addTimes(a, b) {
  for (const [k, v] of b) {
    const e = a.get(k) || a.set(k, { self: 0, total: 0 }).get(k);
    e.self += v.self;
    e.total += v.total;
  }
}

/** Print the top functions of Candor's files, with the time per file and what the rest of the page cost. */
function report(title, times, runs) {
  const rows = [...times].map(([k, v]) => {
    const [name, url, pos] = k.split('\t');
    return { name, url, pos, self: v.self / runs, total: v.total / runs };
  });
  const candor = rows.filter((r) => r.url.includes('/cm/candor/'));
  const perFile = new Map();
  for (const r of candor) perFile.set(basename(new URL(r.url).pathname), (perFile.get(basename(new URL(r.url).pathname)) || 0) + r.self);
  const other = (pred) => rows.filter(pred).reduce((s, r) => s + r.self, 0);
  console.log(`\n## ${title}: self time in Candor's files, ${[...perFile].map(([f, t]) => `${f} ${t.toFixed(1)} ms`).join(', ')}`);
  console.log(
    `(rest of the page: parsing, layout and other native work "(program)" ${other((r) => r.name == '(program)').toFixed(1)} ms, ` +
      `GC ${other((r) => r.name == '(garbage collector)').toFixed(1)} ms, idle ${other((r) => r.name == '(idle)').toFixed(1)} ms, ` +
      `the page's inline scripts ${other((r) => /\/p\//.test(r.url)).toFixed(1)} ms)\n`,
  );
  console.log('| function | file:line:column | self ms | total ms |');
  console.log('| --- | --- | --- | --- |');
  for (const r of candor.sort((a, b) => b.self - a.self).slice(0, top))
    console.log(`| \`${r.name}\` | ${basename(new URL(r.url).pathname)}:${r.pos} | ${r.self.toFixed(1)} | ${r.total.toFixed(1)} |`);
}

async function main() {
  const peer = PEERS.find((p) => p.id == args.embed && p.id.startsWith('candor'));
  if (!peer)
    throw new Error(
      `--embed: one of ${PEERS.filter((p) => p.id.startsWith('candor'))
        .map((p) => p.id)
        .join(', ')}`,
    );
  const build = args.shipped ? { dist: join(REPO_DIR, 'dist'), cleanup: () => {} } : readableBuild();
  if (!existsSync(join(build.dist, 'candor.js'))) throw new Error(`${build.dist}/candor.js is missing: run npm run build`);
  for (const p of PEERS) if (p.id.startsWith('candor')) p.root = build.dist;
  if (args.save) mkdirSync(args.save, { recursive: true });
  const server = await startServer(PEERS);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const first = new Map();
  const back = new Map();
  try {
    console.log(
      `${peer.name} (${peer.embed}), CPU ${cpu}×, ${runs} runs, Chromium ${browser.version()}, ${args.shipped ? 'dist/ as shipped' : 'readable build'}`,
    );
    for (let r = 0; r <= runs; r++) {
      const context = await browser.newContext({ viewport: VIEWPORT });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
      await page.addInitScript({ content: probeScript(peer.findBanner) });
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: SAMPLING_US });
      const url = `${server.origin}/p/${peer.id}/`;

      await cdp.send('Profiler.start');
      await page.goto(url, { waitUntil: 'load' });
      await page.waitForFunction(() => window.__bench.bannerAt !== null, null, { polling: 50, timeout: 15000 });
      await page.waitForFunction((d) => performance.now() >= window.__bench.bannerAt + d, SETTLE_MS, { polling: 50 });
      const p1 = (await cdp.send('Profiler.stop')).profile;

      await peer.accept(page).click();
      await page.waitForFunction(() => (window.__gatedN || 0) >= 3, null, { polling: 50 });
      await page.waitForTimeout(PERSIST_MS);

      await cdp.send('Profiler.start');
      await page.goto(url, { waitUntil: 'load' });
      await page.waitForFunction(() => (window.__gatedN || 0) >= 3, null, { polling: 50, timeout: 15000 });
      await page.waitForFunction((d) => performance.now() >= window.__gatedLastAt + d, SETTLE_MS, { polling: 50 });
      const p2 = (await cdp.send('Profiler.stop')).profile;
      await context.close();
      // Run 0 warms the browser up and is not counted.
      if (r == 0) continue;
      addTimes(first, functionTimes(p1));
      addTimes(back, functionTimes(p2));
      if (args.save) {
        writeFileSync(join(args.save, `first-visit-${r}.cpuprofile`), JSON.stringify(p1));
        writeFileSync(join(args.save, `returning-visit-${r}.cpuprofile`), JSON.stringify(p2));
      }
      console.log(`run ${r}/${runs} done`);
    }
    report(`First visit, to banner + ${SETTLE_MS} ms (mean of ${runs})`, first, runs);
    report(`Returning visit, to the last gated script + ${SETTLE_MS} ms (mean of ${runs})`, back, runs);
  } finally {
    await browser.close();
    await server.close();
    build.cleanup();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
