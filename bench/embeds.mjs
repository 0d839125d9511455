// Gated embeds at scale (issue #11, item 13): the time a page with N gated embeds (mostly images, some
// frames and videos, each after a paragraph) takes to load and settle in headless Chromium, with Candor
// (every embed behind its placeholder, nothing decided) and without it (the same inert markup, no candor.js).
// Prints the cost per element at 100, 1,000 and 5,000 elements; Candor's cost per element must stay flat.
//
//   npm run build && node bench/embeds.mjs [runs=3]
//
// The config is test/e2e/pages/consent.json; dist/ is served as /candor/. A figure, not a test.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, DIST } from '../test/e2e/env.mjs';

const ROOT = resolve(fileURLToPath(import.meta.url), '..', '..');
const CONFIG = readFileSync(join(ROOT, 'test/e2e/pages/consent.json'), 'utf8');
const RUNS = Number(process.argv[2]) || 3;
const SIZES = [100, 1000, 5000];

const embed = (i) => {
  const kind = i % 10 == 0 ? 'iframe' : i % 10 == 1 ? 'video' : 'img';
  const purpose = i % 3 == 0 ? 'marketing' : 'analytics';
  const end = kind == 'img' ? '' : `</${kind}>`;
  return `<p>Item ${i}</p><${kind} data-purpose="${purpose}" data-src="/x/${i}" width="320" height="180" alt="Item ${i}">${end}`;
};
const page = (n, candor) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${n} embeds</title>
${candor ? `<script type="application/json" id="candor-config">${CONFIG}</script><script src="/candor/candor.js"></script>` : ''}
</head><body>${Array.from({ length: n }, (_, i) => embed(i)).join('\n')}</body></html>`;

const server = createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  if (url.pathname.startsWith('/candor/')) {
    try {
      const body = readFileSync(join(DIST, url.pathname.slice(8)));
      res.writeHead(200, { 'content-type': url.pathname.endsWith('.css') ? 'text/css' : 'text/javascript' });
      return res.end(body);
    } catch {
      res.writeHead(404);
      return res.end();
    }
  }
  if (url.pathname == '/page') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    return res.end(page(Number(url.searchParams.get('n')), url.searchParams.get('candor') == '1'));
  }
  res.writeHead(204);
  res.end();
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });

/** Milliseconds from navigation start until the page has loaded, every placeholder is drawn (with Candor) and a frame painted. */
async function once(n, candor) {
  const context = await browser.newContext();
  const p = await context.newPage();
  await p.goto(`${origin}/page?n=${n}&candor=${candor ? 1 : 0}`, { waitUntil: 'load', timeout: 600000 });
  if (candor) await p.waitForFunction((n) => document.querySelectorAll('[data-candor-placeholder]').length == n, n, { timeout: 600000, polling: 50 });
  const ms = await p.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(performance.now())))));
  await context.close();
  return ms;
}
const median = (a) => a.sort((x, y) => x - y)[a.length >> 1];

console.log(`Gated embeds, median of ${RUNS} runs (ms from navigation start to settled; µs per element)`);
console.log(
  'elements'.padStart(8) +
    'without'.padStart(12) +
    'with Candor'.padStart(14) +
    'µs/el without'.padStart(15) +
    'µs/el with'.padStart(12) +
    'Candor µs/el'.padStart(14),
);
for (const n of SIZES) {
  const without = [],
    withCandor = [];
  for (let i = 0; i < RUNS; i++) {
    without.push(await once(n, false));
    withCandor.push(await once(n, true));
  }
  const a = median(without),
    b = median(withCandor);
  const us = (ms) => ((ms * 1000) / n).toFixed(0);
  console.log(
    String(n).padStart(8) + a.toFixed(0).padStart(12) + b.toFixed(0).padStart(14) + us(a).padStart(15) + us(b).padStart(12) + us(b - a).padStart(14),
  );
}
await browser.close();
server.close();
