// The results as Markdown tables: what `npm run bench` prints and what BENCHMARKS.md shows.

/** Per-visit metrics, in table order. `lower` is always better. */
export const METRICS = [
  { key: 'bannerMs', label: 'time to banner', format: (v) => `${Math.round(v)} ms` },
  { key: 'longTaskMs', label: 'long-task time', format: (v) => `${Math.round(v)} ms` },
  { key: 'ownLongestTaskMs', label: "longest task running the manager's code", format: (v) => `${Math.round(v)} ms` },
  { key: 'cls', label: 'CLS', format: (v) => v.toFixed(3) },
  { key: 'returningFirstGatedMs', label: 'returning: first gated script', format: (v) => `${Math.round(v)} ms` },
  { key: 'heapBytes', label: 'JS heap', format: (v) => `${(v / 1048576).toFixed(2)} MB` },
];

/** Transfer sizes, in table order. */
export const SIZES = [
  { key: 'raw', label: 'JS+CSS raw' },
  { key: 'gzip', label: 'gzip' },
  { key: 'brotli', label: 'brotli' },
];

/** Bytes as kB (1,000 bytes), one decimal. */
export const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;

/** "×1.23", or "—" when there is no ratio. */
const times = (r) => (r == null ? '—' : `×${r >= 10 ? r.toFixed(0) : r.toFixed(2)}`);

/** One Markdown table row. */
const row = (cells) => `| ${cells.join(' | ')} |`;

/** A Markdown table from a header and rows. */
const table = (head, rows) => [row(head), row(head.map(() => '---')), ...rows.map(row)].join('\n');

/** Medians with each manager's ratio to Candor's median (bytes: exact, the same in every round). */
export function summaryTable(results) {
  const head = ['consent manager', ...SIZES.map((s) => s.label), ...METRICS.map((m) => `${m.label} (median)`)];
  const rows = results.peers.map((p) => [
    `${p.name} ${p.version}`,
    ...SIZES.map((s) => (p.bytes ? `${kB(p.bytes[s.key])} ${p.id == 'candor' ? '' : times(p.ratios[s.key])}`.trim() : 'n/a')),
    ...METRICS.map((m) => {
      const s = p.metrics[m.key];
      return s ? `${m.format(s.median)} ${p.id == 'candor' ? '' : times(p.ratios[m.key])}`.trim() : 'n/a';
    }),
  ]);
  return table(head, rows);
}

/** min / median / max per metric and manager. */
export function detailTable(results) {
  const head = ['consent manager', ...METRICS.map((m) => `${m.label} min / median / max`)];
  const rows = results.peers.map((p) => [
    p.name,
    ...METRICS.map((m) => {
      const s = p.metrics[m.key];
      return s ? `${m.format(s.min)} / ${m.format(s.median)} / ${m.format(s.max)}` : 'n/a';
    }),
  ]);
  return table(head, rows);
}

/** Main-thread CPU time (thread ticks) of the first visit, to load and banner + 1 s: steadier than wall time. */
export function cpuTable(results) {
  const keys = [
    ['scriptCpuMs', 'script'],
    ['layoutCpuMs', 'layout'],
    ['styleCpuMs', 'style'],
    ['taskCpuMs', 'all tasks'],
    ['ownLongestTaskCpuMs', "longest task running the manager's code,"],
  ];
  const rows = results.peers.map((p) => [
    p.name,
    ...keys.map(([key]) => {
      const s = p.metrics[key];
      return s ? `${Math.round(s.min)} / ${Math.round(s.median)} / ${Math.round(s.max)} ms` : 'n/a';
    }),
  ]);
  return table(['consent manager', ...keys.map(([, label]) => `${label} CPU min / median / max`)], rows);
}

/** Which files each manager loaded on the first visit, with their sizes. */
export function filesTable(results) {
  const rows = [];
  for (const p of results.peers) for (const f of p.bytes?.files || []) rows.push([p.name, `\`${f.path}\``, kB(f.raw), kB(f.gzip), kB(f.brotli)]);
  return table(['consent manager', 'file (first visit)', 'raw', 'gzip', 'brotli'], rows);
}

/** Candor's first visit step by step (medians): what its banner waits for. */
export function waterfallTable(results) {
  const rows = [];
  for (const p of results.peers.filter((p) => p.id.startsWith('candor'))) {
    const m = p.metrics;
    for (const r of p.waterfall) rows.push([p.name, `\`${r.path}\``, `${Math.round(r.start)} ms`, `${Math.round(r.end)} ms`]);
    if (m.domContentLoadedMs) rows.push([p.name, 'DOMContentLoaded', '', `${Math.round(m.domContentLoadedMs.median)} ms`]);
    if (m.bannerMs) rows.push([p.name, '**banner visible**', '', `${Math.round(m.bannerMs.median)} ms`]);
  }
  return table(['consent manager', 'request / event', 'request start (median)', 'response end / event (median)'], rows);
}

/** Candor alone as purposes and gated elements grow, against its 3-purpose / 3-element base. */
export function scalingTable(results) {
  const base = results.scaling.find((s) => s.purposes == 3 && s.gated == 3);
  const ms = (s) => (s ? `${Math.round(s.min)} / ${Math.round(s.median)} / ${Math.round(s.max)} ms` : 'n/a');
  const growth = (s, key) => {
    const b = base?.[key];
    if (!s[key] || !b || s === base) return '';
    const extra = s.purposes - 3 + (s.gated - 3);
    const per = (s[key].median - b.median) / extra;
    return ` (${times(s[key].median / b.median)}, ${per >= 0 ? '+' : ''}${per.toFixed(2)} ms each)`;
  };
  // When some gated scripts never ran, say how many did and when the last of them ran.
  const returning = (s) =>
    s.returningAllGatedMs && s.returningAllGatedMs.n == s.visits.length
      ? ms(s.returningAllGatedMs) + growth(s, 'returningAllGatedMs')
      : s.returningGatedRan
        ? `incomplete: ${s.returningGatedRan.min}–${s.returningGatedRan.max} of ${s.gated} ran; the last of them at ${ms(s.returningLastGatedMs)}`
        : 'n/a';
  const rows = results.scaling.map((s) => [
    s.label,
    String(s.purposes),
    String(s.gated),
    ms(s.bannerMs) + growth(s, 'bannerMs'),
    ms(s.scriptCpuMs) + growth(s, 'scriptCpuMs'),
    returning(s),
    s.errors.length ? s.errors.join('; ') : '',
  ]);
  return table(
    [
      'scenario',
      'purposes',
      'gated scripts',
      'time to banner min / median / max',
      'script CPU, first visit (to load and banner) min / median / max',
      'returning: all gated scripts run min / median / max',
      'errors',
    ],
    rows,
  );
}

/** Everything, as one Markdown document body. */
export function formatReport(results) {
  const errors = results.peers.flatMap((p) => p.errors.map((e) => `- ${p.name}: ${e}`));
  return [
    `## Medians and ratios to Candor (${results.settings.rounds} rounds, CPU ×${results.settings.cpuThrottle})`,
    summaryTable(results),
    '## min / median / max',
    detailTable(results),
    '## Main-thread CPU time of the first visit (to the load event and banner + 1 s, whichever is later)',
    cpuTable(results),
    '## Files loaded on a first visit',
    filesTable(results),
    "## Candor's first visit, step by step",
    waterfallTable(results),
    ...(results.scaling.length ? [`## Candor as it grows (${results.settings.scaleRounds} rounds)`, scalingTable(results)] : []),
    ...(errors.length ? ['## Errors', errors.join('\n')] : []),
  ].join('\n\n');
}
