// The results as Markdown tables: what `npm run bench` prints and what BENCHMARKS.md shows.

import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BYTES, COMPARED, compare, isCandor } from './summary.mjs';

/** Bytes as KB (1,024 bytes, as `npm run size` prints them), one decimal. */
export const kB = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

/** Milliseconds, whole. */
const ms = (v) => `${Math.round(v)} ms`;

/** "×1.23", or "—" when there is no ratio. */
const times = (r) => (r == null ? '—' : `×${r >= 10 ? r.toFixed(0) : r.toFixed(2)}`);

/** A signed difference in ms. */
const plus = (v) => (v == null ? '—' : `${v >= 0 ? '+' : '−'}${Math.round(Math.abs(v))} ms`);

/** What each mark means. */
const MARKS = { best: '✓ best', noise: '≈ within noise', behind: '✗' };

/** One Markdown table row. */
const row = (cells) => `| ${cells.join(' | ')} |`;

/** A Markdown table from a header and rows. */
const table = (head, rows) => [row(head), row(head.map(() => '---')), ...rows.map(row)].join('\n');

/** The rows measured at a speed, in the run's order. */
const rowsAt = (results, rate) => results.peers.filter((p) => p.cpu[rate]);

/** "min / median / max (IQR n)" of a summary. */
const spread = (s, f = ms) => (s ? `${f(s.min)} / ${f(s.median)} / ${f(s.max)} (IQR ${f(s.iqr)})` : 'n/a');

/** A compared figure: the median, then its ratio to the best peer (or its difference with the page alone). */
function cell(entry, id, format) {
  const r = entry.rows[id];
  if (!r) return 'n/a';
  const rel = COMPARED.find((m) => m.key == entry.key)?.pageAlone ? plus(r.diff) : times(r.ratio);
  return `${format(r.median)} ${id == entry.reference?.id ? '(ref.)' : rel}${r.mark ? ` ${MARKS[r.mark]}` : ''}`;
}

/**
 * Candor's rows against the reference of every metric: the best peer (lowest median among the other
 * managers), or the page alone for total long-task time.
 */
export function goalTable(results) {
  const candors = results.peers.filter(isCandor);
  const rows = results.comparison.map((e) => {
    const f = e.bytes ? kB : ms;
    const ref = e.reference;
    const refCell = ref ? `${ref.name}: ${f(ref.median)}${e.bytes ? '' : ` (IQR ${f(ref.iqr)})`}` : 'n/a';
    return [e.label, e.cpu ? `${e.cpu}×` : '—', refCell, ...candors.map((c) => cell(e, c.id, f))];
  });
  return table(['metric', 'CPU', 'reference: best peer (page alone for total long-task time)', ...candors.map((c) => c.name)], rows);
}

/** Every row's medians at one CPU speed, with their ratio to the best peer (long-task totals: difference with the page alone). */
export function mediansTable(results, rate) {
  const entries = results.comparison.filter((e) => e.cpu == rate);
  const head = ['consent manager', ...entries.map((e) => `${e.label} (median)`)];
  const rows = rowsAt(results, rate).map((p) => [`${p.name} ${p.version}`.trim(), ...entries.map((e) => cell(e, p.id, ms))]);
  return table(head, rows);
}

/** Bytes of a first visit up to the banner and of a returning visit, with the ratio to the smallest peer. */
export function bytesTable(results) {
  const entries = results.comparison.filter((e) => e.bytes);
  const head = ['consent manager', ...BYTES.map((b) => `${b.label}`), 'first visit raw', 'returning visit raw'];
  const rows = results.peers
    .filter((p) => !p.baseline)
    .map((p) => [
      `${p.name} ${p.version}`.trim(),
      ...entries.map((e) => cell(e, p.id, kB)),
      p.bytes.firstVisit ? kB(p.bytes.firstVisit.raw) : 'n/a',
      p.bytes.returning ? kB(p.bytes.returning.raw) : 'n/a',
    ]);
  return table(head, rows);
}

/** min / median / max and IQR per compared metric at one speed. */
export function detailTable(results, rate) {
  const head = ['consent manager', ...COMPARED.map((m) => `${m.label} min / median / max (IQR)`)];
  const rows = rowsAt(results, rate).map((p) => [p.name, ...COMPARED.map((m) => spread(p.cpu[rate].metrics[m.key]))]);
  return table(head, rows);
}

/** Main-thread CPU time (thread ticks) of the first visit, to load or banner + 1 s: steadier than wall time. */
export function cpuTable(results, rate) {
  const keys = [
    ['scriptCpuMs', 'script'],
    ['layoutCpuMs', 'layout'],
    ['styleCpuMs', 'style'],
    ['taskCpuMs', 'all tasks'],
    ['ownLongestTaskCpuMs', "longest task running the manager's code,"],
    ['returningScriptCpuMs', 'returning visit: script'],
    ['returningTaskCpuMs', 'returning visit: all tasks'],
  ];
  const f = (s) => (s ? `${Math.round(s.min)} / ${Math.round(s.median)} / ${Math.round(s.max)} ms` : 'n/a');
  const rows = rowsAt(results, rate).map((p) => [p.name, ...keys.map(([key]) => f(p.cpu[rate].metrics[key]))]);
  return table(['consent manager', ...keys.map(([, label]) => `${label} CPU min / median / max`)], rows);
}

/** The files (and inline markup) counted as each manager's bytes. */
export function filesTable(results) {
  const rows = [];
  for (const p of results.peers)
    for (const [visit, b] of [
      ['first', p.bytes.firstVisit],
      ['returning', p.bytes.returning],
    ])
      for (const f of b?.files || []) rows.push([p.name, visit, `\`${f.path}\``, kB(f.raw), kB(f.gzip), kB(f.brotli)]);
  return table(['consent manager', 'visit', 'file', 'raw', 'gzip', 'brotli'], rows);
}

/** Candor's first visit step by step (medians): what its banner waits for. */
export function waterfallTable(results, rate) {
  const rows = [];
  for (const p of results.peers.filter((p) => isCandor(p) && p.cpu[rate])) {
    const { metrics: m, waterfall } = p.cpu[rate];
    for (const r of waterfall) rows.push([p.name, `\`${r.path}\``, ms(r.start), ms(r.end)]);
    if (m.domContentLoadedMs) rows.push([p.name, 'DOMContentLoaded', '', ms(m.domContentLoadedMs.median)]);
    if (m.bannerMs) rows.push([p.name, '**banner visible**', '', ms(m.bannerMs.median)]);
  }
  return table(['consent manager', 'request / event', 'request start (median)', 'response end / event (median)'], rows);
}

/** Every scaling scenario, min / median / max. */
export function scalingTable(results) {
  const f = (s) => (s ? `${Math.round(s.min)} / ${Math.round(s.median)} / ${Math.round(s.max)} ms` : '—');
  const rows = results.scaling.map((s) => [
    s.label,
    s.peer == 'none' ? 'page alone' : 'Candor',
    String(s.purposes),
    String(s.gated),
    String(s.embeds),
    f(s.summary.bannerMs),
    f(s.summary.scriptCpuMs),
    f(s.summary.taskCpuMs),
    f(s.summary.returningAllGatedMs),
    f(s.summary.returningScriptCpuMs),
    s.errors.join('; '),
  ]);
  return table(
    [
      'scenario',
      'row',
      'purposes',
      'gated scripts',
      'gated embeds',
      'time to banner',
      'script CPU, first visit',
      'all tasks CPU, first visit',
      'returning: all gated scripts run',
      'script CPU, returning visit',
      'errors',
    ],
    rows,
  );
}

/** The scaling figures by name. */
const FIGURES = {
  bannerMs: 'time to banner',
  scriptCpuMs: 'script CPU, first visit',
  taskCpuMs: 'all tasks CPU, first visit',
  returningAllGatedMs: 'returning: all gated scripts run',
  returningScriptCpuMs: 'script CPU, returning visit',
};

/** Candor's cost per element at the two sizes of each dimension, and their ratio (flat ≈ 1). */
export function perElementTable(results) {
  const us = (p) => (p?.perMs == null ? 'n/a' : `${(p.perMs * 1000).toFixed(0)} µs`);
  const rows = results.perElement.map((e) => [
    e.dimension,
    FIGURES[e.key] || e.key,
    `${us(e.small)} at ${e.small.n}`,
    `${us(e.big)} at ${e.big.n}`,
    e.ratio == null ? 'n/a' : times(e.ratio),
  ]);
  return table(['dimension', 'figure', 'cost per element, smaller size', 'larger size', 'ratio (flat ≈ ×1)'], rows);
}

/** How the marks and the noise are defined (printed with every run). */
export const NOISE_NOTE =
  'Reference: the best peer (the lowest median among the other managers; page alone for total long-task time). ' +
  'Noise: the larger interquartile range (IQR, spread of the middle half of the rounds) of the two rows compared. ' +
  "Marks on Candor's rows: ✓ best = median at or below the reference's; ≈ within noise = above it by no more than the noise and by no more than 5 %; ✗ = behind.";

/** Everything, as one Markdown document body. */
export function formatReport(results) {
  const { rounds, rates, scaleRounds, scaleCpu } = results.settings;
  const m = results.machine;
  const errors = results.peers.flatMap((p) => p.errors.map((e) => `- ${p.name}: ${e}`));
  const out = [
    `Run ${results.date} (\`${results.command}\`, ${results.durationSeconds} s) on ${m.nproc} × ${m.cpu}, ${m.memoryGiB} GiB, ${m.os}; ` +
      `load average ${m.loadAverage.start.join(' ')} at the start, ${m.loadAverage.end.join(' ')} at the end; Node ${m.node}; ` +
      `Chromium ${m.chromium}; Candor commit ${m.candorCommit}.`,
  ];
  if (rounds) {
    out.push(`## Candor against the best peer (${rounds} rounds)`, NOISE_NOTE, goalTable(results));
    for (const rate of rates) out.push(`## Medians at ${rate}× CPU, ratio to the best peer`, mediansTable(results, rate));
    out.push('## Bytes, ratio to the smallest peer', bytesTable(results));
    for (const rate of rates)
      out.push(
        `## min / median / max at ${rate}× CPU`,
        detailTable(results, rate),
        `## Main-thread CPU time at ${rate}× CPU`,
        cpuTable(results, rate),
      );
    out.push('## Files counted as bytes', filesTable(results));
    for (const rate of rates) out.push(`## Candor's first visit step by step at ${rate}× CPU`, waterfallTable(results, rate));
  }
  if (scaleRounds)
    out.push(
      `## Candor as it grows (${scaleRounds} rounds, ${scaleCpu}× CPU)`,
      scalingTable(results),
      '## Cost per element',
      'The growth of a figure over the base page (3 purposes, 3 gated scripts) divided by the elements added; for gated embeds, ' +
        'the same page without a consent manager is subtracted at both sizes.',
      perElementTable(results),
    );
  if (errors.length) out.push('## Errors', errors.join('\n'));
  return out.join('\n\n');
}

// `node bench/report.mjs [results.json]`: bench/results/latest.md again from a run's JSON, with the current ratios, marks and tables.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = join(dirname(fileURLToPath(import.meta.url)), 'results');
  const results = JSON.parse(readFileSync(process.argv[2] || join(dir, 'latest.json'), 'utf8'));
  // Ratios and marks again, with the current definitions.
  results.comparison = compare(results.peers, results.settings.rates);
  writeFileSync(join(dir, 'latest.md'), formatReport(results) + '\n');
  console.log(`wrote ${join(dir, 'latest.md')}`);
}
