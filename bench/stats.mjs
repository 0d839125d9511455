// Summaries of repeated measurements, and the transfer sizes of a set of files.

import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** The `q` quantile (0–1) of sorted values, interpolated linearly between the two nearest. */
const quantile = (v, q) => {
  const i = (v.length - 1) * q;
  const lo = Math.floor(i);
  return lo + 1 < v.length ? v[lo] + (v[lo + 1] - v[lo]) * (i - lo) : v[lo];
};

/**
 * min / first quartile / median / third quartile / max of the finite values, with `iqr` = q3 − q1 (the
 * spread of the middle half of the rounds), or null when there are none.
 */
export function summarize(values) {
  const v = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (!v.length) return null;
  const q1 = quantile(v, 0.25);
  const q3 = quantile(v, 0.75);
  return { min: v[0], q1, median: quantile(v, 0.5), q3, max: v[v.length - 1], iqr: q3 - q1, n: v.length };
}

/** Sizes as a server would send a file: raw, gzip -9, brotli -q 11 (each file compressed on its own). */
export function transferSizes(body) {
  return {
    raw: body.length,
    gzip: gzipSync(body, { level: 9 }).length,
    brotli: brotliCompressSync(body, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
    }).length,
  };
}

/** Per-file and total sizes of the JS, CSS and JSON files and inline snippets among `files` ({ path, type, body }). */
export function bundleSizes(files) {
  const list = files
    .filter((f) => /javascript|css|json|inline/.test(f.type))
    .map((f) => ({ path: f.path, type: f.type, ...transferSizes(f.body) }))
    .sort((a, b) => a.path.localeCompare(b.path));
  const total = (key) => list.reduce((sum, f) => sum + f[key], 0);
  return { files: list, raw: total('raw'), gzip: total('gzip'), brotli: total('brotli') };
}

/** `value / base`, or null when either is missing. */
export const ratio = (value, base) => (Number.isFinite(value) && Number.isFinite(base) && base > 0 ? value / base : null);
