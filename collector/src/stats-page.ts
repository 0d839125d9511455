/**
 * `GET /stats.html`: the consent rates as a small page — one stacked bar chart per purpose (given, refused,
 * dismissed per day, all languages) as inline SVG, and the table by language. No script, no external
 * resource: it is served with a CSP allowing only its own style block (by hash).
 */
import { createHash } from 'node:crypto';
import type { Rate } from './stats.js';

const COLOURS = { given: '#1a7f37', refused: '#b42318', dismissed: '#98a2b3' } as const;
const STYLE = `body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#1d2939}
table{border-collapse:collapse;margin:1rem 0 2rem}td,th{padding:.2rem .6rem;border-bottom:1px solid #e4e7ec;text-align:right}
td:first-child,th:first-child,td:nth-child(2),th:nth-child(2),td:nth-child(3),th:nth-child(3){text-align:left}
.key span{display:inline-block;margin-right:1rem}svg{max-width:100%;height:auto}`;

/** The Content-Security-Policy the page is served with. */
export const STATS_CSP = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'; img-src 'none'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'`;

const escapeHtml = (s: string | number) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const pct = (n: number) => `${Math.round(n * 1000) / 10}%`;

/** Per purpose and day, the counts over every language. */
function byPurpose(rates: Rate[]): Map<string, Map<string, { given: number; refused: number; dismissed: number; decisions: number }>> {
  const out = new Map<string, Map<string, { given: number; refused: number; dismissed: number; decisions: number }>>();
  for (const r of rates) {
    const days = out.get(r.purpose) ?? out.set(r.purpose, new Map()).get(r.purpose)!;
    const d = days.get(r.day) ?? days.set(r.day, { given: 0, refused: 0, dismissed: 0, decisions: 0 }).get(r.day)!;
    d.given += r.given;
    d.refused += r.refused;
    d.dismissed += r.dismissed;
    d.decisions += r.decisions;
  }
  return out;
}

function chart(purpose: string, days: Map<string, { given: number; refused: number; dismissed: number; decisions: number }>): string {
  const list = [...days.entries()];
  const bar = 24;
  const gap = 6;
  const height = 160;
  const width = Math.max(240, list.length * (bar + gap) + 40);
  const bars = list
    .map(([day, d], i) => {
      const x = 36 + i * (bar + gap);
      let y = height;
      return (['given', 'refused', 'dismissed'] as const)
        .map((k) => {
          const h = d.decisions ? (d[k] / d.decisions) * height : 0;
          y -= h;
          return `<rect x="${x}" y="${y.toFixed(1)}" width="${bar}" height="${h.toFixed(1)}" fill="${COLOURS[k]}"><title>${escapeHtml(day)} ${k}: ${d[k]} of ${d.decisions} (${pct(d.decisions ? d[k] / d.decisions : 0)})</title></rect>`;
        })
        .join('');
    })
    .join('');
  const axis = `<text x="0" y="12" font-size="11" fill="#475467">100%</text><text x="0" y="${height}" font-size="11" fill="#475467">0%</text>`;
  const labels = list
    .map(
      ([day], i) =>
        `<text x="${36 + i * (bar + gap) + bar / 2}" y="${height + 14}" font-size="10" text-anchor="middle" fill="#475467">${escapeHtml(day.slice(5))}</text>`,
    )
    .join('');
  return `<svg role="img" aria-labelledby="t-${escapeHtml(purpose)}" viewBox="0 0 ${width} ${height + 20}" width="${width}" height="${height + 20}" xmlns="http://www.w3.org/2000/svg"><title id="t-${escapeHtml(purpose)}">Consent for ${escapeHtml(purpose)} per day</title>${axis}${bars}${labels}</svg>`;
}

export function statsPage(rates: Rate[], from: string, to: string): string {
  const purposes = byPurpose(rates);
  const key = (['given', 'refused', 'dismissed'] as const)
    .map((k) => `<span><svg width="12" height="12" aria-hidden="true"><rect width="12" height="12" fill="${COLOURS[k]}"/></svg> ${k}</span>`)
    .join('');
  const sections = [...purposes.entries()].map(([purpose, days]) => `<h2>${escapeHtml(purpose)}</h2>${chart(purpose, days)}`).join('\n');
  const rows = rates
    .map(
      (r) =>
        `<tr><td>${escapeHtml(r.day)}</td><td>${escapeHtml(r.purpose)}</td><td>${escapeHtml(r.language)}</td><td>${r.decisions}</td><td>${pct(r.givenShare)}</td><td>${pct(r.refusedShare)}</td><td>${pct(r.dismissedShare)}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Consent rates ${escapeHtml(from)} – ${escapeHtml(to)}</title><style>${STYLE}</style></head>
<body><h1>Consent rates</h1><p>Decisions made from ${escapeHtml(from)} to ${escapeHtml(to)} (UTC), per purpose: the share that gave, refused or dismissed.</p>
<p class="key">${key}</p>
${sections || '<p>No decisions in this period.</p>'}
<h2>By language</h2>
<table><thead><tr><th>Day</th><th>Purpose</th><th>Language</th><th>Decisions</th><th>Given</th><th>Refused</th><th>Dismissed</th></tr></thead><tbody>
${rows}
</tbody></table></body></html>
`;
}
