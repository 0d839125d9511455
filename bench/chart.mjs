// bench/chart.svg from bench/results/latest.json: per consent manager, the bytes of a first visit and the
// time to banner. Plain SVG written by hand, with text labels, so it reads without any library.
//
//   node bench/chart.mjs [results.json] [chart.svg]

import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));

/** Layout, in SVG user units (px). */
const W = 960;
const LABEL_W = 210;
const PANEL_W = (W - LABEL_W - 60) / 2;
const ROW_H = 30;
const TOP = 70;

/** Colours that keep ≥ 4.5:1 text contrast on white. */
const COLOR = { raw: '#c7d5e8', brotli: '#1a4d8f', time: '#8a4b08', whisker: '#333333', text: '#222222', muted: '#555555' };

/** Text content escaped for XML. */
const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A "nice" axis maximum at or above `v`. */
function niceMax(v) {
  const step = 10 ** Math.floor(Math.log10(v || 1));
  return [1, 1.2, 1.6, 2, 2.4, 3, 4, 5, 6, 8, 10].map((m) => m * step).find((m) => m >= v);
}

/** The chart as SVG text. */
export function renderChart(results) {
  const peers = results.peers;
  const H = TOP + peers.length * ROW_H + 60;
  const bytesMax = niceMax(Math.max(...peers.map((p) => (p.bytes ? p.bytes.raw : 0))) / 1000);
  const timeMax = niceMax(Math.max(...peers.map((p) => (p.metrics.bannerMs ? p.metrics.bannerMs.max : 0))));
  const x1 = LABEL_W;
  const x2 = LABEL_W + PANEL_W + 40;
  const out = [];
  const text = (x, y, s, attrs = '') => out.push(`<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" ${attrs}>${esc(s)}</text>`);

  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" font-family="system-ui, sans-serif" font-size="13" fill="${COLOR.text}" role="img" aria-labelledby="title desc">`,
  );
  out.push(`<title id="title">Consent managers: bytes on a first visit and time to banner</title>`);
  out.push(
    `<desc id="desc">${esc(`${results.settings.rounds} rounds, headless Chromium ${results.machine.chromium}, CPU slowed ${results.settings.cpuThrottle}×, ${results.date.slice(0, 10)}`)}</desc>`,
  );
  out.push(`<rect width="${W}" height="${H}" fill="#ffffff"/>`);
  text(x1, 24, 'JS + CSS loaded on a first visit (kB)', 'font-weight="bold"');
  text(x2, 24, `Time to banner, ms (median, min–max; CPU ×${results.settings.cpuThrottle})`, 'font-weight="bold"');
  out.push(`<rect x="${x1}" y="34" width="12" height="12" fill="${COLOR.raw}"/>`);
  text(x1 + 16, 45, 'raw', `fill="${COLOR.muted}"`);
  out.push(`<rect x="${x1 + 52}" y="34" width="12" height="12" fill="${COLOR.brotli}"/>`);
  text(x1 + 68, 45, 'brotli', `fill="${COLOR.muted}"`);

  // Axes: four gridlines per panel with their values.
  for (let i = 0; i <= 4; i++) {
    for (const [x0, max, unit] of [
      [x1, bytesMax, ''],
      [x2, timeMax, ''],
    ]) {
      const x = x0 + (PANEL_W * i) / 4;
      out.push(`<line x1="${x.toFixed(1)}" y1="${TOP - 8}" x2="${x.toFixed(1)}" y2="${TOP + peers.length * ROW_H}" stroke="#e3e3e3"/>`);
      text(x, TOP + peers.length * ROW_H + 18, `${+((max * i) / 4).toFixed(1)}${unit}`, `text-anchor="middle" fill="${COLOR.muted}"`);
    }
  }

  peers.forEach((p, i) => {
    const y = TOP + i * ROW_H;
    const mid = y + ROW_H / 2;
    text(LABEL_W - 10, mid + 4, `${p.name} ${p.version}`, `text-anchor="end"${p.id == 'candor' ? ' font-weight="bold"' : ''}`);
    if (p.bytes) {
      const raw = (PANEL_W * p.bytes.raw) / 1000 / bytesMax;
      const br = (PANEL_W * p.bytes.brotli) / 1000 / bytesMax;
      out.push(`<rect x="${x1}" y="${y + 5}" width="${raw.toFixed(1)}" height="${ROW_H - 10}" fill="${COLOR.raw}"/>`);
      out.push(`<rect x="${x1}" y="${y + 9}" width="${br.toFixed(1)}" height="${ROW_H - 18}" fill="${COLOR.brotli}"/>`);
      text(x1 + raw + 4, mid + 4, `${(p.bytes.raw / 1000).toFixed(1)} / ${(p.bytes.brotli / 1000).toFixed(1)}`, `fill="${COLOR.muted}"`);
    } else text(x1 + 4, mid + 4, 'no data', `fill="${COLOR.muted}"`);
    const t = p.metrics.bannerMs;
    if (t) {
      const sx = (v) => x2 + (PANEL_W * v) / timeMax;
      out.push(`<rect x="${x2}" y="${y + 7}" width="${(sx(t.median) - x2).toFixed(1)}" height="${ROW_H - 14}" fill="${COLOR.time}"/>`);
      out.push(
        `<line x1="${sx(t.min).toFixed(1)}" y1="${mid}" x2="${sx(t.max).toFixed(1)}" y2="${mid}" stroke="${COLOR.whisker}" stroke-width="1.5"/>`,
      );
      for (const v of [t.min, t.max])
        out.push(
          `<line x1="${sx(v).toFixed(1)}" y1="${mid - 5}" x2="${sx(v).toFixed(1)}" y2="${mid + 5}" stroke="${COLOR.whisker}" stroke-width="1.5"/>`,
        );
      text(sx(t.max) + 5, mid + 4, `${Math.round(t.median)}`, `fill="${COLOR.muted}"`);
    } else text(x2 + 4, mid + 4, 'failed', `fill="${COLOR.muted}"`);
  });

  text(
    x1,
    H - 12,
    `${results.machine.nproc} × ${results.machine.cpu}, Node ${results.machine.node}, ${results.date.slice(0, 10)} — bench/results/latest.json`,
    `fill="${COLOR.muted}" font-size="12"`,
  );
  out.push('</svg>');
  return out.join('\n') + '\n';
}

/** Write the chart for `results` to `file`. */
export function writeChart(results, file = join(HERE, 'chart.svg')) {
  writeFileSync(file, renderChart(results));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const input = process.argv[2] || join(HERE, 'results', 'latest.json');
  const output = process.argv[3] || join(HERE, 'chart.svg');
  writeChart(JSON.parse(readFileSync(input, 'utf8')), output);
  console.log(`wrote ${output}`);
}
