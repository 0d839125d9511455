// What is inside Candor's long tasks on a first visit (issue #16: "no task running Candor's code over 50 ms at 4×"),
// from Chromium traces, and interleaved A/B runs of two builds with the benchmark's own metrics.
//
//   node bench/tasks.mjs [--rounds 5] [--cpu 4] [--only candor,candor-inline] [--over 20] [--v8] [--save dir] [--dist dir] [--returning [--new-tab] [--devtools-gc]]
//   node bench/tasks.mjs --ab <other dist/> [--rounds 8] [--cpu 1,4] [--only candor,candor-inline] [--returning]
//
// The first form loads each row's page as measure.mjs does (fresh context, the CPU slowed through CDP, the same
// probe and trace categories, `--v8` adds V8's own; `--dist` serves another build than dist/), and prints, for every task that runs Candor's code (the
// benchmark's rule: a script evaluation, function call or compile from /cm/candor/ or the page) and takes over
// `--over` ms, when it started, its wall and CPU time and what ran in it: the scripts evaluated and compiled, the
// functions called (file:line), parsing, style, layout, paint, GC, timers and events; `--save` keeps the traces
// (open them in Chrome DevTools' Performance panel). With `--returning` it traces the returning visit instead, made as
// the benchmark makes it: the first visit, the forced garbage collection that measures the heap, Accept all, PERSIST_MS;
// `--new-tab` makes it in a new tab of the same browser context (the first tab closed), as a visitor coming back later
// would. The compile of each script says whether V8 compiled it while it streamed in (off the main thread).
// The second serves dist/ and the other build side by side (two servers, the same pages) and measures each row with
// both in turn, one visit each per round (measure.mjs), then prints medians, min–max and IQR of both and their ratio.

import { parseArgs } from 'node:util';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from './browser.mjs';
import { PERSIST_MS, SETTLE_MS, VIEWPORT, endTrace, measureVisits, ownTaskEvents, startTrace, waitForGated } from './measure.mjs';
import { PEERS } from './peers.mjs';
import { probeScript } from './probe.mjs';
import { startServer } from './server.mjs';
import { summarize } from './stats.mjs';

const { values: args } = parseArgs({
  options: {
    rounds: { type: 'string', default: '5' },
    cpu: { type: 'string', default: '4' },
    only: { type: 'string', default: 'candor,candor-inline' },
    over: { type: 'string', default: '20' },
    v8: { type: 'boolean', default: false },
    save: { type: 'string' },
    dist: { type: 'string' },
    ab: { type: 'string' },
    returning: { type: 'boolean', default: false },
    'new-tab': { type: 'boolean', default: false },
    'devtools-gc': { type: 'boolean', default: false },
  },
});
const rounds = Math.max(1, Number(args.rounds) || 5);
const cpus = args.cpu
  .split(',')
  .map(Number)
  .filter((r) => r >= 1);
const cpu = cpus[0] || 4;
const over = Number(args.over) || 20;
const rows = args.only.split(',').map((id) => PEERS.find((p) => p.id == id) || fail(`no row ${id} in bench/peers.mjs`));

function fail(message) {
  throw new Error(message);
}

const SCRIPT = new Set(['EvaluateScript', 'FunctionCall', 'v8.compile']);
/** Short names for what the trace calls these. */
const KIND = {
  UpdateLayoutTree: 'style',
  RecalculateStyles: 'style',
  Layout: 'layout',
  PrePaint: 'prepaint',
  Paint: 'paint',
  Layerize: 'layerize',
  UpdateLayerTree: 'layers',
  MinorGC: 'gc',
  MajorGC: 'gc',
  'V8.GC_SCAVENGER': 'gc',
  ParseHTML: 'parse HTML',
  ParseAuthorStyleSheet: 'parse CSS',
  TimerFire: 'timer',
  FireAnimationFrame: 'rAF',
  RunMicrotasks: 'microtasks',
  HitTest: 'hit test',
  ResourceSendRequest: 'request',
  'V8.ParseFunction': 'v8 parse fn',
  'V8.PreParse': 'v8 preparse',
  'V8.CollectSourcePositions': 'v8 source positions',
  'V8.CompileIgnition': 'v8 compile',
  'v8.newInstance': 'v8 API object',
};

/** A script's path; the benchmark's probe (an init script) has no URL. */
const short = (url = '') => (url ? url.replace(/^https?:\/\/[^/]+/, '').replace(/\?.*/, '') : '(probe)');

/** Candor's tasks over `over` ms in a trace, each with what ran in it. */
function decompose(events, peer, navStart) {
  return ownTaskEvents(events, peer.id, peer.files || peer.id)
    .filter((t) => t.dur / 1000 > over)
    .sort((a, b) => a.ts - b.ts)
    .map((t) => {
      const inside = events.filter((e) => e.tid == t.tid && e.ph == 'X' && e !== t && e.ts >= t.ts && e.ts < t.ts + t.dur && e.dur);
      // Per kind, only the outermost occurrences count (a FunctionCall inside a FunctionCall is not twice).
      const parts = new Map();
      const ends = new Map();
      for (const e of inside.sort((a, b) => a.ts - b.ts || b.dur - a.dur)) {
        let key = KIND[e.name];
        if (SCRIPT.has(e.name)) {
          const d = e.args?.data || {};
          const where =
            e.name == 'FunctionCall' ? `${short(d.url)}:${d.lineNumber ?? '?'}${d.functionName ? ` ${d.functionName}` : ''}` : short(d.url);
          const kind = e.name == 'EvaluateScript' ? 'eval' : e.name == 'v8.compile' ? `compile${d.streamed ? ' (streamed)' : ''}` : 'call';
          key = `${kind} ${where}`;
        } else if (e.name == 'v8.produceCache') {
          // Two nested events; the one that says how large the cache it wrote is.
          const size = e.args?.data?.producedCacheSize;
          key = size ? `code cache (${Math.round(size / 1024)} KB)` : null;
        } else if (e.name == 'EventDispatch') key = `event ${e.args?.data?.type}`;
        if (!key) continue;
        if ((ends.get(key) || 0) > e.ts) continue;
        ends.set(key, e.ts + e.dur);
        parts.set(key, (parts.get(key) || 0) + e.dur / 1000);
      }
      // Whether the page was laid out and painted before this task: if not, its first layout may land in it.
      const before = (name) => events.filter((e) => e.tid == t.tid && e.name == name && e.ts < t.ts).length;
      return {
        layouts: before('Layout'),
        paints: before('Paint'),
        start: (t.ts - navStart) / 1000,
        wall: t.dur / 1000,
        cpu: (t.tdur || t.dur) / 1000,
        parts: [...parts].filter(([, ms]) => ms >= 0.5).sort((a, b) => b[1] - a[1]),
      };
    });
}

/** One visit of `peer` at `origin` (the first, or with `--returning` the returning one), traced; returns the decomposed
 * tasks and the banner's time (the returning visit: its first gated script's). */
async function tracedVisit(browser, origin, peer) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const open = async () => {
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
      await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
      await page.addInitScript({ content: probeScript(peer.findBanner) });
      return { page, cdp };
    };
    let { page, cdp } = await open();
    // Not `disabled-by-default-v8.compile`: with it, V8 re-parses the functions that run to log their source positions
    // (V8.CollectSourcePositions, 16–34 ms of candor.js's task at 4×, with or without a request started there), which
    // the benchmark's own trace does not ask for.
    const categories = 'toplevel,devtools.timeline' + (args.v8 ? ',v8' : '');
    const url = `${origin}/p/${peer.id}/`;
    if (!args.returning) await startTrace(cdp, categories);
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForFunction(() => window.__bench.bannerAt !== null, null, { polling: 50 });
    let { bannerAt, load } = await page.evaluate(() => ({
      bannerAt: window.__bench.bannerAt,
      load: performance.getEntriesByType('navigation')[0].loadEventEnd,
    }));
    let until = Math.max(bannerAt, load) + SETTLE_MS;
    await page.waitForFunction((t) => performance.now() >= t, until, { polling: 50 });
    if (args.returning) {
      // As measure.mjs does: the heap measured (a full collection), Accept all, the first page's work let finish.
      // `--devtools-gc`: with DevTools' collection instead, as the benchmark did before session 17.
      if (args['devtools-gc']) await cdp.send('HeapProfiler.collectGarbage');
      else await page.evaluate('gc()');
      await peer.accept(page).click({ timeout: 5000 });
      await waitForGated(page, 3, 10000);
      await page.waitForTimeout(PERSIST_MS);
      if (args['new-tab']) {
        await page.close();
        ({ page, cdp } = await open());
      } else await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
      await startTrace(cdp, categories);
      await page.goto(url, { waitUntil: 'load' });
      await waitForGated(page, 3, 10000);
      ({ bannerAt, load } = await page.evaluate(() => ({
        bannerAt: window.__gatedRanAt,
        load: Math.max(performance.getEntriesByType('navigation')[0].loadEventEnd, window.__gatedLastAt || 0),
      })));
      until = load + SETTLE_MS;
      await page.waitForFunction((t) => performance.now() >= t, until, { polling: 50 });
    }
    const events = await endTrace(cdp);
    if (args.save) writeFileSync(join(args.save, `${peer.id}-${++saved}.json`), JSON.stringify(events));
    // The navigation's start, near enough: the page's own request.
    const nav = events.findLast((e) => e.name == 'ResourceSendRequest' && e.args?.data?.url?.endsWith(`/p/${peer.id}/`));
    return { bannerAt, tasks: decompose(events, peer, nav ? nav.ts : 0) };
  } finally {
    await context.close();
  }
}

let saved = 0;
if (args.save) mkdirSync(args.save, { recursive: true });

const fmt = (ms) => (ms >= 10 ? ms.toFixed(0) : ms.toFixed(1));

async function traceMode(browser) {
  const server = await startServer(args.dist ? PEERS.map((p) => (p.files == 'candor' ? { ...p, root: resolve(args.dist) } : p)) : PEERS);
  try {
    await tracedVisit(browser, server.origin, rows[0]); // warm-up
    for (let r = 0; r < rounds; r++)
      for (const peer of r % 2 ? [...rows].reverse() : rows) {
        const { bannerAt, tasks } = await tracedVisit(browser, server.origin, peer);
        const what = args.returning ? 'returning visit, first gated script' : 'banner';
        console.log(`\n${peer.id} round ${r + 1}: ${what} ${fmt(bannerAt)} ms; the manager's tasks over ${over} ms: ${tasks.length}`);
        for (const t of tasks)
          console.log(
            `  @${fmt(t.start)} ${fmt(t.wall)} ms (CPU ${fmt(t.cpu)}; after ${t.layouts} layouts, ${t.paints} paints): ` +
              t.parts.map(([k, ms]) => `${k} ${fmt(ms)}`).join(', '),
          );
      }
  } finally {
    await server.close();
  }
}

/** The metrics compared: the benchmark's names (measure.mjs). */
const METRICS = [
  ['ownLongestTaskMs', 'longest own task'],
  ['ownLongestTaskCpuMs', 'its CPU'],
  ['ownLongTasks', 'own tasks > 50 ms'],
  ['longTaskMs', 'long-task time'],
  ['bannerMs', 'banner'],
  ['scriptCpuMs', 'script CPU'],
  ['returningFirstGatedMs', 'returning: first gated'],
  ['returningOwnLongestTaskMs', 'returning: longest own task'],
];

async function abMode(browser) {
  const other = resolve(args.ab);
  const a = await startServer(PEERS);
  const b = await startServer(PEERS.map((p) => (p.files == 'candor' ? { ...p, root: other } : p)));
  const results = { a: new Map(), b: new Map() };
  const key = (peer, rate) => `${peer.id} at ${rate}×`;
  try {
    await measureVisits(browser, a.origin, rows[0], { cpu, bytes: false, returning: false }); // warm-up
    for (let r = 0; r < rounds; r++) {
      const jobs = cpus.flatMap((rate) =>
        rows.flatMap((p) =>
          r % 2
            ? [
                ['b', p, rate],
                ['a', p, rate],
              ]
            : [
                ['a', p, rate],
                ['b', p, rate],
              ],
        ),
      );
      for (const [side, peer, rate] of r % 4 >= 2 ? jobs.reverse() : jobs) {
        const v = await measureVisits(browser, (side == 'a' ? a : b).origin, peer, {
          cpu: rate,
          bytes: false,
          heap: false,
          returning: args.returning,
        });
        if (v.error) console.log(`  ${side} ${peer.id} ${rate}×: ${v.error}`);
        const list = results[side].get(key(peer, rate)) || results[side].set(key(peer, rate), []).get(key(peer, rate));
        list.push(v);
      }
      process.stdout.write(`round ${r + 1}/${rounds}\n`);
    }
  } finally {
    await a.close();
    await b.close();
  }
  const cell = (s) => (s ? `${fmt(s.median)} (${fmt(s.min)}–${fmt(s.max)}, IQR ${fmt(s.iqr)})` : '–');
  console.log(`\nA = dist/, B = ${other}; ${rounds} rounds, interleaved; median (min–max, IQR), B/A`);
  for (const rate of cpus)
    for (const peer of rows) {
      console.log(`\n${key(peer, rate)}`);
      for (const [name, label] of METRICS) {
        const values = (side) =>
          results[side]
            .get(key(peer, rate))
            .map((v) => v[name])
            .filter(Number.isFinite);
        const sa = values('a').length ? summarize(values('a')) : null;
        const sb = values('b').length ? summarize(values('b')) : null;
        if (!sa && !sb) continue;
        const ratio = sa && sb && sa.median ? (sb.median / sa.median).toFixed(2) : '–';
        console.log(`  ${label.padEnd(28)} A ${cell(sa).padEnd(32)} B ${cell(sb).padEnd(32)} ${ratio}`);
      }
    }
}

const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
try {
  await (args.ab ? abMode(browser) : traceMode(browser));
} finally {
  await browser.close();
}
