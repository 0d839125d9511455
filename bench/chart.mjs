// bench/chart.svg from bench/results/latest.json: per consent manager, the bytes of a first visit (up to
// the banner, with the config) and of a returning visit, the time to banner and the returning visitor's
// first consented script, at each CPU speed. Plain SVG written by hand, with text labels, so it reads
// without any library.
//
//   node bench/chart.mjs [results.json] [chart.svg]

import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));

/** Layout, in SVG user units (px). */
const W = 1200;
const LABEL_W = 230;
const GAP = 40;
const PANELS = 3;
const PANEL_W = (W - LABEL_W - 30 - GAP * (PANELS - 1)) / PANELS;
const ROW_H = 34;
const TOP = 78;

/** Colours that keep ≥ 4.5:1 text contrast on white; the lighter bar is the first of each pair. */
const COLOR = { light: '#9db7d9', dark: '#1a4d8f', whisker: '#333333', text: '#222222', muted: '#555555' };

/** Text content escaped for XML. */
const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A "nice" axis maximum at or above `v`. */
function niceMax(v) {
  const step = 10 ** Math.floor(Math.log10(v || 1));
  return [1, 1.2, 1.6, 2, 2.4, 3, 4, 5, 6, 8, 10].map((m) => m * step).find((m) => m >= v);
}

/** The chart as SVG text. */
export function renderChart(results) {
  const rows = results.peers.filter((p) => !p.baseline);
  const rates = results.settings.rates;
  const [r1, r2] = [rates[0], rates[rates.length - 1]];
  const H = TOP + rows.length * ROW_H + 60;
  const out = [];
  const text = (x, y, s, attrs = '') => out.push(`<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" ${attrs}>${esc(s)}</text>`);
  const KB = (b) => b / 1024;
  // Each panel: two bars per row (light, dark), from a value per row, with a min–max whisker for times.
  const panels = [
    {
      title: 'Bytes, brotli (KB)',
      legend: ['returning visit', 'first visit to banner, with config'],
      values: (p) => [p.bytes.returning && { median: KB(p.bytes.returning.brotli) }, p.bytes.firstVisit && { median: KB(p.bytes.firstVisit.brotli) }],
      digits: 1,
    },
    {
      title: 'Time to banner, ms (median, min–max)',
      legend: [`CPU ${r1}×`, `CPU ${r2}×`],
      values: (p) => [p.cpu[r1]?.metrics.bannerMs, r1 == r2 ? null : p.cpu[r2]?.metrics.bannerMs],
      digits: 0,
    },
    {
      title: 'Returning visitor: first consented script, ms',
      legend: [`CPU ${r1}×`, `CPU ${r2}×`],
      values: (p) => [p.cpu[r1]?.metrics.returningFirstGatedMs, r1 == r2 ? null : p.cpu[r2]?.metrics.returningFirstGatedMs],
      digits: 0,
    },
  ];

  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" font-family="system-ui, sans-serif" font-size="13" fill="${COLOR.text}" role="img" aria-labelledby="title desc">`,
  );
  out.push(`<title id="title">Consent managers: bytes, time to banner and returning visitor at ${rates.join(' and ')}× CPU</title>`);
  out.push(
    `<desc id="desc">${esc(`${results.settings.rounds} rounds, headless Chromium ${results.machine.chromium}, CPU ${rates.join('× and ')}×, ${results.date.slice(0, 10)}`)}</desc>`,
  );
  out.push(`<rect width="${W}" height="${H}" fill="#ffffff"/>`);

  panels.forEach((panel, k) => {
    const x0 = LABEL_W + k * (PANEL_W + GAP);
    const max = niceMax(Math.max(...rows.flatMap((p) => panel.values(p).map((s) => (s ? (s.max ?? s.median) : 0)))));
    text(x0, 24, panel.title, 'font-weight="bold"');
    out.push(`<rect x="${x0}" y="36" width="12" height="12" fill="${COLOR.light}"/>`);
    text(x0 + 16, 47, panel.legend[0], `fill="${COLOR.muted}"`);
    out.push(`<rect x="${x0 + PANEL_W / 2}" y="36" width="12" height="12" fill="${COLOR.dark}"/>`);
    text(x0 + PANEL_W / 2 + 16, 47, panel.legend[1], `fill="${COLOR.muted}"`);
    for (let i = 0; i <= 4; i++) {
      const x = x0 + (PANEL_W * i) / 4;
      out.push(`<line x1="${x.toFixed(1)}" y1="${TOP - 8}" x2="${x.toFixed(1)}" y2="${TOP + rows.length * ROW_H}" stroke="#e3e3e3"/>`);
      text(x, TOP + rows.length * ROW_H + 18, `${+((max * i) / 4).toFixed(1)}`, `text-anchor="middle" fill="${COLOR.muted}"`);
    }
    const sx = (v) => x0 + (PANEL_W * v) / max;
    rows.forEach((p, i) => {
      const y = TOP + i * ROW_H;
      panel.values(p).forEach((s, j) => {
        const yb = y + 4 + j * 13;
        const mid = yb + 5.5;
        if (!s) return;
        out.push(`<rect x="${x0}" y="${yb}" width="${(sx(s.median) - x0).toFixed(1)}" height="11" fill="${j ? COLOR.dark : COLOR.light}"/>`);
        let end = sx(s.median);
        if (s.min != null && s.max != null) {
          out.push(
            `<line x1="${sx(s.min).toFixed(1)}" y1="${mid}" x2="${sx(s.max).toFixed(1)}" y2="${mid}" stroke="${COLOR.whisker}" stroke-width="1"/>`,
          );
          end = sx(s.max);
        }
        text(end + 4, mid + 4, s.median.toFixed(panel.digits), `fill="${COLOR.muted}" font-size="11"`);
      });
    });
  });

  rows.forEach((p, i) => {
    const mid = TOP + i * ROW_H + ROW_H / 2;
    text(LABEL_W - 10, mid + 4, `${p.name} ${p.version}`.trim(), `text-anchor="end"${p.id == 'candor' ? ' font-weight="bold"' : ''}`);
  });
  const m = results.machine;
  text(
    LABEL_W,
    H - 12,
    `${results.settings.rounds} rounds; ${m.nproc} × ${m.cpu}, Chromium ${m.chromium}, Node ${m.node}, ${results.date.slice(0, 10)}, commit ${m.candorCommit} — bench/results/latest.json`,
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
