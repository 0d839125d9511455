// From raw visits to what the report shows: per row and CPU speed, min / quartiles / median / max of every
// metric; for every compared metric, the best peer, each row's ratio to it and, for Candor's rows, whether
// Candor is best or within the run's noise; the bytes; the cost per element of the scaling runs.

import { get as httpGet } from 'node:http';
import { bundleSizes, ratio, summarize } from './stats.mjs';

/**
 * The metrics compared across managers, per CPU speed; lower is better. The reference is the best peer
 * (the lowest median among the other managers), or for long-task totals the page alone.
 */
export const COMPARED = [
  { key: 'bannerMs', label: 'time to visible banner' },
  { key: 'returningFirstGatedMs', label: 'returning visitor → first consented script' },
  { key: 'scriptCpuMs', label: 'script CPU, first visit' },
  { key: 'returningScriptCpuMs', label: 'script CPU, returning visit' },
  { key: 'ownLongestTaskMs', label: "longest task running the manager's code, first visit" },
  { key: 'returningOwnLongestTaskMs', label: "longest task running the manager's code, returning visit" },
  { key: 'longTaskMs', label: 'total long-task time, first visit', pageAlone: true },
  { key: 'returningLongTaskMs', label: 'total long-task time, returning visit', pageAlone: true },
];

/** Also summarized, shown in the detail tables. */
const DETAIL = [
  'taskCpuMs',
  'layoutCpuMs',
  'styleCpuMs',
  'ownLongestTaskCpuMs',
  'ownLongTasks',
  'blockingMs',
  'longTasks',
  'cls',
  'heapBytes',
  'domContentLoadedMs',
  'loadMs',
  'returningAllGatedMs',
  'returningTaskCpuMs',
];

/** Byte metrics (exact: the same in every round), compared with the smallest peer. */
export const BYTES = [
  { key: 'firstVisit', label: 'first visit up to the banner (brotli, with the config)' },
  { key: 'returning', label: 'returning visit (brotli, cached or not)' },
];

/** A Candor row (the rows measured against the best peer). */
export const isCandor = (row) => row.id.startsWith('candor');

/** A peer: neither Candor nor the page alone. */
const isPeer = (row) => !isCandor(row) && !row.baseline;

/**
 * The noise of a comparison: the larger interquartile range (spread of the middle half of the rounds) of
 * the two rows compared. A difference of medians below it is within the run's noise.
 */
export const noise = (a, b) => Math.max(a?.iqr ?? 0, b?.iqr ?? 0);

/** How far above the reference a median may be and still count as level with it, when within the noise (issue #16: 5 %). */
export const LEVEL = 1.05;

/**
 * 'best' when `s` is at or below the reference median; 'noise' when above it by no more than the noise and
 * by no more than 5 %; else 'behind'.
 */
export function mark(s, ref) {
  if (!s || !ref) return null;
  const diff = s.median - ref.median;
  return diff <= 0 ? 'best' : diff <= noise(s, ref) && s.median <= ref.median * LEVEL ? 'noise' : 'behind';
}

/** The manager's markup in the page (its snippet, inline config, init code): sent with every page. */
function snippet(peer) {
  if (peer.baseline) return null;
  const { head = '', tail = '' } = peer.render();
  const body = Buffer.from([head, tail].filter(Boolean).join('\n'));
  return { path: '(markup in the page)', type: 'inline', status: 200, body };
}

/** Median start and end of each request the manager made on its first visit, in request order. */
function waterfall(list) {
  const paths = new Map();
  for (const v of list) for (const r of v.resources || []) paths.set(r.path, [...(paths.get(r.path) || []), r]);
  return [...paths]
    .map(([path, rs]) => ({ path, start: summarize(rs.map((r) => r.start)).median, end: summarize(rs.map((r) => r.end)).median, n: rs.length }))
    .sort((a, b) => a.start - b.start);
}

/** GET `url` on a fresh connection (no keep-alive: a socket the server already closed is never reused). */
const get = (url) =>
  new Promise((resolve, reject) =>
    httpGet(url, { agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, type: (res.headers['content-type'] || '').split(';')[0], body: Buffer.concat(chunks) }));
      res.on('error', reject);
    }).on('error', reject),
  );

/** The bodies of `paths` from the benchmark's server (the returning visit's files, whether cached or not), one at a time, each tried 3 times. */
async function fetchFiles(origin, paths) {
  const out = [];
  for (const path of paths)
    for (let attempt = 1; ; attempt++)
      try {
        out.push({ path, ...(await get(origin + path)) });
        break;
      } catch (err) {
        if (attempt == 3) throw err;
      }
  return out;
}

/** One row (a manager, or the page alone): bytes, and per CPU speed the summaries of every metric. */
async function summarizeRow(peer, rates, visits, origin) {
  const all = rates.flatMap((cpu) => visits.get(`${peer.id}@${cpu}`) || []);
  const inline = snippet(peer);
  const withFiles = all.find((v) => v.files?.length);
  const firstFiles = [...(withFiles?.files || []), ...(inline ? [inline] : [])];
  const returningPaths = [...new Set(all.find((v) => v.returningResources && !v.error)?.returningResources.map((r) => r.path) || [])];
  const returningFiles = [...(await fetchFiles(origin, returningPaths)).filter((f) => f.status == 200), ...(inline ? [inline] : [])];
  const sizes = new Set(all.filter((v) => v.files).map((v) => bundleSizes(v.files).raw));
  const cpu = {};
  for (const rate of rates) {
    const list = visits.get(`${peer.id}@${rate}`) || [];
    // A visit that failed part-way still counts for what it measured before failing.
    const metrics = Object.fromEntries([...COMPARED.map((m) => m.key), ...DETAIL].map((key) => [key, summarize(list.map((v) => v[key]))]));
    cpu[rate] = { metrics, waterfall: waterfall(list) };
  }
  const warnings = [
    ...all.filter((v) => v.gatedBeforeConsent).map(() => 'a gated script ran before consent'),
    ...all.filter((v) => !peer.baseline && v.bannerOnReturn).map(() => 'the banner showed again on the returning visit'),
    ...(sizes.size > 1 ? ['bytes differed between rounds'] : []),
  ];
  return {
    id: peer.id,
    name: peer.name,
    version: peer.version,
    embed: peer.embed,
    baseline: !!peer.baseline,
    bytes: {
      firstVisit: peer.baseline ? null : bundleSizes(firstFiles),
      returning: peer.baseline ? null : bundleSizes(returningFiles),
    },
    cpu,
    errors: [...new Set([...all.filter((v) => v.error).map((v) => `${v.cpu}×: ${v.error}`), ...warnings])],
    visits: all,
  };
}

/** For every compared metric and CPU speed: the reference, and each row's ratio to it and mark. */
export function compare(rows, rates) {
  const peers = rows.filter(isPeer);
  const alone = rows.find((r) => r.baseline);
  const out = [];
  for (const rate of rates)
    for (const m of COMPARED) {
      const best = peers
        .filter((p) => p.cpu[rate]?.metrics[m.key])
        .sort((a, b) => a.cpu[rate].metrics[m.key].median - b.cpu[rate].metrics[m.key].median)[0];
      const refRow = m.pageAlone ? alone : best;
      const ref = refRow?.cpu[rate]?.metrics[m.key] || null;
      const entry = { key: m.key, label: m.label, cpu: rate, reference: refRow ? { id: refRow.id, name: refRow.name, ...ref } : null, rows: {} };
      if (m.pageAlone && best) entry.bestPeer = { id: best.id, name: best.name, ...best.cpu[rate].metrics[m.key] };
      for (const row of rows) {
        const s = row.cpu[rate]?.metrics[m.key];
        if (!s) continue;
        entry.rows[row.id] = {
          median: s.median,
          ratio: ref ? ratio(s.median, ref.median) : null,
          diff: ref ? s.median - ref.median : null,
          noise: noise(s, ref),
          mark: isCandor(row) ? mark(s, ref) : null,
        };
      }
      out.push(entry);
    }
  for (const b of BYTES) {
    const best = peers.filter((p) => p.bytes[b.key]).sort((x, y) => x.bytes[b.key].brotli - y.bytes[b.key].brotli)[0];
    const ref = best?.bytes[b.key].brotli;
    const entry = {
      key: b.key,
      label: b.label,
      cpu: null,
      bytes: true,
      reference: best ? { id: best.id, name: best.name, median: ref, iqr: 0 } : null,
      rows: {},
    };
    for (const row of rows) {
      const v = row.bytes[b.key]?.brotli;
      if (!Number.isFinite(v)) continue;
      entry.rows[row.id] = {
        median: v,
        ratio: ratio(v, ref),
        diff: v - ref,
        noise: 0,
        mark: isCandor(row) ? (v <= ref ? 'best' : 'behind') : null,
      };
    }
    out.push(entry);
  }
  return out;
}

/** Which figure of a scenario each dimension's cost per element is read from. */
const PER_ELEMENT = {
  purposes: ['bannerMs', 'scriptCpuMs', 'returningAllGatedMs'],
  'gated scripts': ['scriptCpuMs', 'returningAllGatedMs', 'returningScriptCpuMs'],
  'gated embeds': ['scriptCpuMs', 'taskCpuMs'],
};
const SCALING_KEYS = [
  'bannerMs',
  'scriptCpuMs',
  'taskCpuMs',
  'returningAllGatedMs',
  'returningScriptCpuMs',
  'returningLastGatedMs',
  'returningGatedRan',
];

/** How many elements of a scenario's dimension its page holds (purposes: the optional ones and the necessary one). */
const elements = (s) => (s.dimension == 'purposes' ? s.purposes + 1 : s.dimension == 'gated scripts' ? s.gated : s.embeds);

/**
 * Candor's cost per element at each size of each dimension: the growth of a figure over the base page,
 * divided by the elements added; for embeds, the same page without a consent manager is subtracted at both
 * sizes. `ratio` is the larger size's cost per element over the smaller's: flat is about 1.
 */
function perElement(scaling) {
  const find = (label) => scaling.find((s) => s.label == label);
  const base = find('base');
  const baseAlone = find('base, page alone');
  const out = [];
  for (const [dimension, keys] of Object.entries(PER_ELEMENT)) {
    const sizes = scaling.filter((s) => s.dimension == dimension).sort((a, b) => elements(a) - elements(b));
    if (sizes.length < 2 || !base) continue;
    for (const key of keys) {
      const per = sizes.map((s) => {
        const alone = s.embeds ? scaling.find((x) => x.peer == 'none' && x.embeds == s.embeds) : null;
        const v = s.summary[key]?.median;
        const b = base.summary[key]?.median;
        if (!Number.isFinite(v) || !Number.isFinite(b)) return { n: elements(s), perMs: null };
        if (s.embeds) {
          const a = alone?.summary[key]?.median;
          const a0 = baseAlone?.summary[key]?.median;
          if (!Number.isFinite(a) || !Number.isFinite(a0)) return { n: elements(s), perMs: null };
          return { n: elements(s), perMs: (v - a - (b - a0)) / s.embeds };
        }
        return { n: elements(s), perMs: (v - b) / (elements(s) - elements({ ...base, dimension })) };
      });
      const [small, big] = [per[0], per[per.length - 1]];
      out.push({ dimension, key, small, big, ratio: small.perMs > 0 && big.perMs != null ? big.perMs / small.perMs : null });
    }
  }
  return out;
}

/** Turn raw visits into the results the report and the chart read. */
export async function summarizeAll({ peers, rates, visits, scaling, origin }) {
  const rows = [];
  for (const p of peers)
    if ([...visits.keys()].some((k) => k.startsWith(`${p.id}@`) && visits.get(k).length)) rows.push(await summarizeRow(p, rates, visits, origin));
  const scaled = scaling.map((s) => ({
    label: s.label,
    dimension: s.dimension || null,
    peer: s.peer,
    purposes: s.purposes,
    gated: s.gated,
    embeds: s.embeds,
    cpu: s.cpu,
    summary: Object.fromEntries(SCALING_KEYS.map((k) => [k, summarize(s.visits.map((v) => v[k]))])),
    errors: [...new Set(s.visits.filter((v) => v.error).map((v) => v.error))],
    visits: s.visits,
  }));
  return { peers: rows, comparison: compare(rows, rates), scaling: scaled, perElement: scaled.length ? perElement(scaled) : [] };
}
