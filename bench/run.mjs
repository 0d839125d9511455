// `npm run bench` (issue #6): Candor against other consent managers from npm, interleaved in headless
// Chromium with the CPU slowed 4×, then Candor alone as purposes and gated elements grow.
//
//   node bench/run.mjs [--rounds 7] [--scale-rounds 3] [--only candor,klaro] [--no-scale]
//
// Prints a progress line per round and Markdown tables at the end; writes bench/results/latest.json
// (every measurement), bench/results/latest.md (the tables) and bench/chart.svg.

import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { writeChart } from './chart.mjs';
import { CPU_THROTTLE, SETTLE_MS, VIEWPORT, measureVisits } from './measure.mjs';
import { BENCH_DIR, CANDOR, PEERS, REPO_DIR } from './peers.mjs';
import { METRICS, SIZES, formatReport } from './report.mjs';
import { startServer } from './server.mjs';
import { bundleSizes, ratio, summarize } from './stats.mjs';

/** The browser every run uses: Debian's Chromium, nothing downloaded. */
const CHROMIUM = '/usr/bin/chromium';

/** Flags that keep Chromium from doing unrelated work (or reaching out) while it is measured. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Candor alone: the base, then one dimension grown at a time (issue #6). */
const SCALING = [
  { label: 'base', purposes: 3, gated: 3 },
  { label: '10 purposes', purposes: 10, gated: 3 },
  { label: '100 purposes', purposes: 100, gated: 3 },
  { label: '100 gated scripts', purposes: 3, gated: 100 },
  { label: '1,000 gated scripts', purposes: 3, gated: 1000 },
];

/** Where results go (not committed): latest.json, latest.md, visits.json and the copy of dist/. */
const RESULTS_DIR = join(BENCH_DIR, 'results');

const { values: args } = parseArgs({
  options: {
    rounds: { type: 'string', default: '7' },
    'scale-rounds': { type: 'string', default: '3' },
    only: { type: 'string' },
    'no-scale': { type: 'boolean', default: false },
  },
});
const rounds = Math.max(1, Number(args.rounds) || 7);
const scaleRounds = args['no-scale'] ? 0 : Math.max(1, Number(args['scale-rounds']) || 3);
const only = args.only ? new Set(args.only.split(',')) : null;
const peers = PEERS.filter((p) => !only || only.has(p.id) || p.id == 'candor');

/** Build Candor when dist/ is missing, then copy it aside: others may rebuild dist/ during the run. */
function snapshotCandor() {
  const dist = join(REPO_DIR, 'dist');
  if (!existsSync(join(dist, 'candor.js'))) {
    console.log('dist/candor.js is missing: running npm run build');
    const build = spawnSync('npm', ['run', 'build'], { cwd: REPO_DIR, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('npm run build failed; run it at the repository root and try again');
  }
  const copy = join(RESULTS_DIR, 'candor-dist');
  rmSync(copy, { recursive: true, force: true });
  cpSync(dist, copy, { recursive: true, filter: (src) => !src.includes(`${dist}/types`) });
  for (const p of PEERS) if (p.root == dist) p.root = copy;
}

/** What the figures were measured on. */
function machine(browserVersion, loadAtStart) {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const osRelease = existsSync('/etc/os-release') ? readFileSync('/etc/os-release', 'utf8') : '';
  const git = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_DIR, encoding: 'utf8' });
  return {
    nproc: availableParallelism(),
    cpu: (cpuinfo.match(/^model name\s*:\s*(.*)$/m) || [])[1] || 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: (osRelease.match(/^PRETTY_NAME="?([^"\n]*)"?$/m) || [])[1] || `Linux ${release()}`,
    chromium: browserVersion,
    node: process.version,
    candorCommit: git.status === 0 ? git.stdout.trim() : null,
    // Other work on the machine shows here (and in the spread between min and max).
    loadAverage: { start: loadAtStart.map((v) => +v.toFixed(2)), end: loadavg().map((v) => +v.toFixed(2)) },
  };
}

/** Round r starts at a different manager, so none is always measured first (or last) in a round. */
const rotate = (list, r) => list.map((_, i) => list[(i + r) % list.length]);

const ms = (v) => (Number.isFinite(v) ? `${Math.round(v)} ms` : 'failed');

async function main() {
  const started = Date.now();
  const loadAtStart = loadavg();
  mkdirSync(RESULTS_DIR, { recursive: true });
  snapshotCandor();
  const server = await startServer(PEERS);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  console.log(`${server.origin}  ${peers.length} consent managers × ${rounds} rounds, CPU ×${CPU_THROTTLE}, Chromium ${browser.version()}`);
  try {
    // Warm-up (not counted): the first pages after launch pay for the browser's own start.
    await measureVisits(browser, server.origin, peers[0], { bytes: false });

    const phases = { mainStartedAt: Date.now() };
    const visits = new Map(peers.map((p) => [p.id, []]));
    for (let r = 0; r < rounds; r++) {
      const line = [];
      for (const p of rotate(peers, r)) {
        const v = await measureVisits(browser, server.origin, p);
        visits.get(p.id).push(v);
        line.push(`${p.id} ${ms(v.bannerMs)}${v.error ? ` (${v.error})` : ''}`);
      }
      const order = new Map(peers.map((p, i) => [p.id, i]));
      line.sort((a, b) => order.get(a.split(' ')[0]) - order.get(b.split(' ')[0]));
      console.log(`round ${r + 1}/${rounds}: ${line.join(', ')}`);
    }

    phases.scalingStartedAt = Date.now();
    const scaling = SCALING.map((s) => ({ ...s, visits: [] }));
    for (let r = 0; r < scaleRounds; r++) {
      const line = [];
      for (const s of rotate(scaling, r)) {
        const v = await measureVisits(browser, server.origin, CANDOR, {
          query: `?purposes=${s.purposes}&gated=${s.gated}`,
          expected: s.gated,
          bytes: false,
          settleMs: 0,
          heap: false,
        });
        s.visits.push(v);
        line.push(`${s.label} ${ms(v.bannerMs)} / ${ms(v.returningAllGatedMs)}${v.error ? ` (${v.error})` : ''}`);
      }
      console.log(`scaling ${r + 1}/${scaleRounds} (banner / returning, all gated): ${line.join(', ')}`);
    }

    // The raw visits first: a summary that fails must not lose a five-minute run.
    writeFileSync(
      join(RESULTS_DIR, 'visits.json'),
      JSON.stringify({ visits: Object.fromEntries(visits), scaling }, (k, v) => (k == 'files' ? undefined : v)) + '\n',
    );
    const results = summarizeAll(visits, scaling, machine(browser.version(), loadAtStart));
    results.durationSeconds = Math.round((Date.now() - started) / 1000);
    results.phaseSeconds = {
      setupAndWarmUp: Math.round((phases.mainStartedAt - started) / 1000),
      comparison: Math.round((phases.scalingStartedAt - phases.mainStartedAt) / 1000),
      scaling: Math.round((Date.now() - phases.scalingStartedAt) / 1000),
    };
    writeFileSync(join(RESULTS_DIR, 'latest.json'), JSON.stringify(results, null, 2) + '\n');
    const report = formatReport(results);
    writeFileSync(join(RESULTS_DIR, 'latest.md'), report + '\n');
    writeChart(results, join(BENCH_DIR, 'chart.svg'));
    console.log('\n' + report + '\n');
    console.log(`wrote bench/results/latest.json, bench/results/latest.md, bench/chart.svg in ${results.durationSeconds} s`);
  } finally {
    await browser.close();
    await server.close();
  }
}

/** Median start and end of each request the manager made on its first visit, in request order. */
function waterfall(list) {
  const paths = new Map();
  for (const v of list) for (const r of v.resources || []) paths.set(r.path, [...(paths.get(r.path) || []), r]);
  return [...paths]
    .map(([path, rs]) => ({ path, start: summarize(rs.map((r) => r.start)).median, end: summarize(rs.map((r) => r.end)).median, n: rs.length }))
    .sort((a, b) => a.start - b.start);
}

/** Turn raw visits into summaries, ratios to Candor and the machine's description. */
function summarizeAll(visits, scaling, machineInfo) {
  const summaries = peers.map((p) => {
    const list = visits.get(p.id);
    // A visit that failed part-way still counts for what it measured before failing.
    const ok = list;
    const withFiles = ok.find((v) => v.files?.length);
    const sizes = ok.filter((v) => v.files).map((v) => bundleSizes(v.files).raw);
    const metrics = Object.fromEntries(METRICS.map((m) => [m.key, summarize(ok.map((v) => v[m.key]))]));
    for (const key of [
      'blockingMs',
      'longTasks',
      'domContentLoadedMs',
      'loadMs',
      'returningAllGatedMs',
      'scriptCpuMs',
      'taskCpuMs',
      'layoutCpuMs',
      'styleCpuMs',
      'ownLongestTaskCpuMs',
      'ownLongTasks',
    ])
      metrics[key] = summarize(ok.map((v) => v[key]));
    const warnings = [
      ...ok.filter((v) => v.gatedBeforeConsent).map(() => 'a gated script ran before consent'),
      ...ok.filter((v) => v.bannerOnReturn).map(() => 'the banner showed again on the returning visit'),
      ...(new Set(sizes).size > 1 ? ['bytes differed between rounds'] : []),
    ];
    return {
      id: p.id,
      name: p.name,
      version: p.version,
      embed: p.embed,
      bytes: withFiles ? bundleSizes(withFiles.files) : null,
      metrics,
      waterfall: waterfall(list),
      errors: [...new Set([...list.filter((v) => v.error).map((v) => v.error), ...warnings])],
      visits: list.map(({ files, ...v }) => v),
    };
  });
  const base = summaries.find((s) => s.id == 'candor');
  for (const s of summaries) {
    s.ratios = {};
    for (const { key } of SIZES) s.ratios[key] = s.bytes && base.bytes ? ratio(s.bytes[key], base.bytes[key]) : null;
    for (const { key } of METRICS)
      s.ratios[key] = s.metrics[key] && base.metrics[key] ? ratio(s.metrics[key].median, base.metrics[key].median) : null;
  }
  return {
    date: new Date().toISOString(),
    command: `npm run bench -- --rounds ${rounds}${scaleRounds ? ` --scale-rounds ${scaleRounds}` : ' --no-scale'}${only ? ` --only ${[...only].join(',')}` : ''}`,
    machine: machineInfo,
    settings: { rounds, scaleRounds, cpuThrottle: CPU_THROTTLE, settleMs: SETTLE_MS, viewport: VIEWPORT, chromiumArgs: CHROMIUM_ARGS },
    peers: summaries,
    scaling: scaling.map((s) => {
      const ok = s.visits;
      return {
        label: s.label,
        purposes: s.purposes,
        gated: s.gated,
        bannerMs: summarize(ok.map((v) => v.bannerMs)),
        longTaskMsUntilBanner: summarize(ok.map((v) => v.longTaskMs)),
        // Read once the page has loaded and the banner shows.
        scriptCpuMs: summarize(ok.map((v) => v.scriptCpuMs)),
        taskCpuMs: summarize(ok.map((v) => v.taskCpuMs)),
        returningFirstGatedMs: summarize(ok.map((v) => v.returningFirstGatedMs)),
        returningAllGatedMs: summarize(ok.map((v) => v.returningAllGatedMs)),
        returningLastGatedMs: summarize(ok.map((v) => v.returningLastGatedMs)),
        returningGatedRan: summarize(ok.map((v) => v.returningGatedRan)),
        waterfall: waterfall(s.visits),
        errors: [...new Set(s.visits.filter((v) => v.error).map((v) => v.error))],
        visits: s.visits,
      };
    }),
  };
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
