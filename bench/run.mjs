// `npm run bench` (issues #6 and #16): Candor's embeds against other consent managers from npm and the page
// alone, interleaved in headless Chromium at 1× and 4× CPU, then Candor alone as purposes, gated scripts and
// gated embeds grow (the cost per element at two sizes).
//
//   node bench/run.mjs [--rounds 7] [--cpu 1,4] [--only candor,klaro] [--scale-rounds 3] [--scale-cpu 1] [--no-scale] [--no-compare]
//
// Prints the machine, a progress line per round and Markdown tables at the end; writes
// bench/results/latest.json (every measurement), bench/results/latest.md (the tables) and bench/chart.svg.

import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from './browser.mjs';
import { writeChart } from './chart.mjs';
import { CPU_RATES, SETTLE_MS, VIEWPORT, measureVisits } from './measure.mjs';
import { BENCH_DIR, PEERS, REPO_DIR } from './peers.mjs';
import { formatReport } from './report.mjs';
import { startServer } from './server.mjs';
import { summarizeAll } from './summary.mjs';

/**
 * Cost as elements grow (issue #16: "the cost stays linear"), each dimension at two sizes so the cost per
 * element can be compared between them. The embeds pages are also measured without any consent manager
 * (`none`), whose cost is subtracted; embeds pages have no returning visit (their frames would load).
 */
const SCALING = [
  { label: 'base', peer: 'candor', purposes: 3, gated: 3, embeds: 0 },
  { label: 'base, page alone', peer: 'none', purposes: 3, gated: 3, embeds: 0 },
  // Purposes count the necessary one: at most 100 in a config (docs/contract.md).
  { label: '20 purposes', dimension: 'purposes', peer: 'candor', purposes: 19, gated: 3, embeds: 0 },
  { label: '100 purposes', dimension: 'purposes', peer: 'candor', purposes: 99, gated: 3, embeds: 0 },
  { label: '100 gated scripts', dimension: 'gated scripts', peer: 'candor', purposes: 3, gated: 100, embeds: 0 },
  { label: '1,000 gated scripts', dimension: 'gated scripts', peer: 'candor', purposes: 3, gated: 1000, embeds: 0 },
  { label: '500 gated embeds', dimension: 'gated embeds', peer: 'candor', purposes: 3, gated: 3, embeds: 500 },
  { label: '500 gated embeds, page alone', peer: 'none', purposes: 3, gated: 3, embeds: 500 },
  { label: '5,000 gated embeds', dimension: 'gated embeds', peer: 'candor', purposes: 3, gated: 3, embeds: 5000 },
  { label: '5,000 gated embeds, page alone', peer: 'none', purposes: 3, gated: 3, embeds: 5000 },
];

/** Where results go (not committed): latest.json, latest.md, visits.json and the copy of dist/. */
const RESULTS_DIR = join(BENCH_DIR, 'results');

const { values: args } = parseArgs({
  options: {
    rounds: { type: 'string', default: '7' },
    'scale-rounds': { type: 'string', default: '3' },
    'scale-cpu': { type: 'string', default: '1' },
    cpu: { type: 'string', default: CPU_RATES.join(',') },
    only: { type: 'string' },
    'no-scale': { type: 'boolean', default: false },
    'no-compare': { type: 'boolean', default: false },
  },
});
const rounds = args['no-compare'] ? 0 : Math.max(1, Number(args.rounds) || 7);
const scaleRounds = args['no-scale'] ? 0 : Math.max(1, Number(args['scale-rounds']) || 3);
const scaleCpu = Math.max(1, Number(args['scale-cpu']) || 1);
const rates = args.cpu
  .split(',')
  .map(Number)
  .filter((r) => r >= 1);
const only = args.only ? new Set(args.only.split(',')) : null;
// Candor's default embed and the page alone are in every run (the reference rows).
const peers = PEERS.filter((p) => !only || only.has(p.id) || p.id == 'candor' || p.baseline);

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

/** What the figures were measured on: printed at the start and kept in the results. */
function machine(browserVersion, loadAtStart) {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const osRelease = existsSync('/etc/os-release') ? readFileSync('/etc/os-release', 'utf8') : '';
  const git = (...a) => spawnSync('git', a, { cwd: REPO_DIR, encoding: 'utf8' });
  const head = git('rev-parse', '--short', 'HEAD');
  const dirty = git('status', '--porcelain', '--', 'src');
  return {
    nproc: availableParallelism(),
    cpu: (cpuinfo.match(/^model name\s*:\s*(.*)$/m) || [])[1] || 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: (osRelease.match(/^PRETTY_NAME="?([^"\n]*)"?$/m) || [])[1] || `Linux ${release()}`,
    chromium: browserVersion,
    node: process.version,
    candorCommit: head.status === 0 ? head.stdout.trim() + (dirty.stdout.trim() ? ' (src/ modified)' : '') : null,
    // Other work on the machine shows here (and in the spread between min and max).
    loadAverage: { start: loadAtStart.map((v) => +v.toFixed(2)), end: loadavg().map((v) => +v.toFixed(2)) },
  };
}

/** Round r starts at a different place in `list`, so no visit is always measured first (or last) in a round. */
const rotate = (list, r, of = 1) => {
  const k = Math.floor((r * list.length) / of);
  return list.map((_, i) => list[(i + k) % list.length]);
};

const ms = (v) => (Number.isFinite(v) ? `${Math.round(v)} ms` : 'failed');

/** Wait until the page shows a placeholder for each of its `n` gated embeds. */
const placeholders = (n) => (page) =>
  page.waitForFunction((n) => document.querySelectorAll('[data-candor-placeholder]').length >= n, n, { polling: 100, timeout: 120000 });

async function main() {
  const started = Date.now();
  const loadAtStart = loadavg();
  mkdirSync(RESULTS_DIR, { recursive: true });
  snapshotCandor();
  const server = await startServer(PEERS);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const info = machine(browser.version(), loadAtStart);
  console.log(
    `${new Date().toISOString()}  ${info.nproc} × ${info.cpu}, load average ${info.loadAverage.start.join(' ')}, Node ${info.node}, ` +
      `Chromium ${info.chromium}, Candor ${info.candorCommit}`,
  );
  console.log(`${server.origin}  ${peers.length} rows × CPU ${rates.map((r) => `${r}×`).join(', ')} × ${rounds} rounds`);
  try {
    // Warm-up (not counted): the first pages after launch pay for the browser's own start.
    await measureVisits(browser, server.origin, peers[0], { bytes: false });

    const phases = { mainStartedAt: Date.now() };
    const key = (id, cpu) => `${id}@${cpu}`;
    const visits = new Map(peers.flatMap((p) => rates.map((cpu) => [key(p.id, cpu), []])));
    const jobs = peers.flatMap((p) => rates.map((cpu) => ({ p, cpu })));
    for (let r = 0; r < rounds; r++) {
      const line = [];
      for (const { p, cpu } of rotate(jobs, r, rounds)) {
        const v = await measureVisits(browser, server.origin, p, { cpu });
        visits.get(key(p.id, cpu)).push(v);
        line.push([
          jobs.findIndex((j) => j.p === p && j.cpu == cpu),
          `${p.id}@${cpu}× ${p.baseline ? '' : ms(v.bannerMs)}${v.error ? ` (${v.error})` : ''}`,
        ]);
      }
      console.log(
        `round ${r + 1}/${rounds} (time to banner): ${line
          .sort((a, b) => a[0] - b[0])
          .map(([, t]) => t.trim())
          .join(', ')}`,
      );
    }

    phases.scalingStartedAt = Date.now();
    const scaling = SCALING.map((s) => ({ ...s, cpu: scaleCpu, visits: [] }));
    const byId = new Map(PEERS.map((p) => [p.id, p]));
    for (let r = 0; r < scaleRounds; r++) {
      const line = [];
      for (const s of rotate(scaling, r, scaleRounds)) {
        const v = await measureVisits(browser, server.origin, byId.get(s.peer), {
          cpu: scaleCpu,
          query: `?purposes=${s.purposes}&gated=${s.gated}&embeds=${s.embeds}`,
          expected: s.gated,
          bytes: false,
          settleMs: 0,
          heap: false,
          returning: !s.embeds,
          ready: s.embeds && s.peer != 'none' ? placeholders(s.embeds) : null,
          // A page of 5,000 embeds takes seconds to parse and lay out, with or without a consent manager.
          timeout: 120000,
        });
        s.visits.push(v);
        line.push(`${s.label} ${ms(v.scriptCpuMs)}${v.error ? ` (${v.error})` : ''}`);
      }
      console.log(`scaling ${r + 1}/${scaleRounds} (script CPU, first visit): ${line.join(', ')}`);
    }

    // The raw visits first: a summary that fails must not lose a whole run.
    writeFileSync(
      join(RESULTS_DIR, 'visits.json'),
      JSON.stringify({ visits: Object.fromEntries(visits), scaling }, (k, v) => (k == 'files' ? undefined : v)) + '\n',
    );
    const results = await summarizeAll({ peers, rates, visits, scaling, origin: server.origin });
    Object.assign(results, {
      date: new Date().toISOString(),
      command:
        `npm run bench -- --rounds ${rounds} --cpu ${rates.join(',')}` +
        (scaleRounds ? ` --scale-rounds ${scaleRounds} --scale-cpu ${scaleCpu}` : ' --no-scale') +
        (only ? ` --only ${[...only].join(',')}` : ''),
      // The commit at the start of the run: the one measured.
      machine: { ...machine(browser.version(), loadAtStart), candorCommit: info.candorCommit },
      settings: { rounds, rates, scaleRounds, scaleCpu, settleMs: SETTLE_MS, viewport: VIEWPORT, chromiumArgs: CHROMIUM_ARGS },
      durationSeconds: Math.round((Date.now() - started) / 1000),
      phaseSeconds: {
        setupAndWarmUp: Math.round((phases.mainStartedAt - started) / 1000),
        comparison: Math.round((phases.scalingStartedAt - phases.mainStartedAt) / 1000),
        scaling: Math.round((Date.now() - phases.scalingStartedAt) / 1000),
      },
    });
    writeFileSync(join(RESULTS_DIR, 'latest.json'), JSON.stringify(results, null, 2) + '\n');
    const report = formatReport(results);
    writeFileSync(join(RESULTS_DIR, 'latest.md'), report + '\n');
    if (rounds) writeChart(results, join(BENCH_DIR, 'chart.svg'));
    console.log('\n' + report + '\n');
    console.log(`wrote bench/results/latest.json, bench/results/latest.md${rounds ? ', bench/chart.svg' : ''} in ${results.durationSeconds} s`);
  } finally {
    await browser.close();
    await server.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url))
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
