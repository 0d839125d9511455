// Shared helpers for the real-browser tests (test/e2e/*.test.mjs): one headless Chromium for the whole run,
// a fresh browser context (no cookies, no IndexedDB) per test, and a small static server on 127.0.0.1 that
// serves `/candor/*` from dist/ and everything else from test/e2e/pages/ (or another root, e.g. demo/).
//
// Server features the tests rely on:
//   ?csp=strict   → `Content-Security-Policy: default-src 'self'; script-src 'self'; style-src 'self'` (HTML)
//   ?csp=nonce    → `default-src 'self'; script-src 'nonce-…'; style-src 'self'`, and `{{NONCE}}` in the page
//                   is replaced by that fresh nonce (docs/compliance.md H30, H31)
//   ?v=2          → the page's `{{CONFIG}}` becomes `/consent.json?v=2`, which serves the fixture with a
//                   bumped `version` (docs/contract.md §7: a version change re-asks every visitor)
//   ?receipts=K[&fail=N] → the page's `{{CONFIG}}` becomes `/consent.json?receipts=K[&fail=N]`, which serves the
//                   fixture with `receipts.endpoint` the keyed endpoint below (`/consent-receipts?key=K[&fail=N]`)
//   ?lang=fr      → the page's `{{LANG}}` (the `<html lang>`), default `en`
//   ?slow=1       → the page's `{{SLOW}}` becomes `?delay=300` (a gated script answered late: order tests)
//   ?tamper=1     → the page's `{{CANDOR}}` (where candor.js comes from) becomes `/candor-tampered`, default `/candor`
//   ?delay=MS     → any static file is answered after MS milliseconds (script order tests)
//   /candor-tampered/* → dist/ too, but candor-ui.js with one byte more (its integrity no longer matches);
//   /candor-tampered-<id>/* the same for candor-<id>.js (`/candor-tampered-de/`: the German texts)
//   watch: true   → (option of startServer, for drivers without console events, test/engines) every HTML page
//                   gets `<script src="/__watch.js">` first in <head> (it logs `securitypolicyviolation`
//                   events and uncaught errors on window.__csp / window.__errors), and every CSP header a
//                   `report-uri /__csp-report`; the reports land in `server.cspReports`
//   POST /consent-receipts → 204 (receipts endpoint, used by the demo config)
//   /consent-receipts?key=K[&fail=N] → the receipts endpoint of docs/receipts.md with its own state per key K
//                   (see `receiptEndpoint` below): POST answers 503 to the first N POSTs, then 201 (stored) or
//                   200 (that `id` was already stored); GET lists `{ accepted, posts }` (transparency.test.mjs);
//                   `&redirect=302` (or 301, 303, 307, 308) answers every POST with that redirect to /privacy.html
//
// Playwright CSS and role selectors pierce open shadow roots, so `page.locator('#candor [role=dialog]')` and
// `page.getByRole('button', { name: 'Accept all' })` reach into Candor's UI.

import { createServer } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { extname, join, resolve, sep } from 'node:path';
import { after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

import { CHROMIUM_ARGS, CHROMIUM_MISSING, CHROMIUM_PATH, DIST, HERE, ROOT } from './env.mjs';

export { CHROMIUM_ARGS, CHROMIUM_MISSING, CHROMIUM_PATH, DIST, HERE, ROOT };
export const PAGES = join(HERE, 'pages');
export const DEMO = join(ROOT, 'demo');
export const SCREENSHOTS = join(HERE, 'screenshots');

/** The strict policy of the issue: no inline script or style at all. */
export const STRICT_CSP = "default-src 'self'; script-src 'self'; style-src 'self'";
/** Nonce policy: only scripts carrying the page's nonce may run (not even 'self'). */
export const nonceCsp = (nonce) => `default-src 'self'; script-src 'nonce-${nonce}'; style-src 'self'`;

/** Texts of docs/contract.md §5, exactly. */
export const TEXT = {
  en: {
    bannerLabel: 'Privacy choices',
    acceptAll: 'Accept all',
    rejectAll: 'Reject all',
    customize: 'Customize',
    dialogTitle: 'Privacy preferences',
    save: 'Save choices',
    close: 'Close',
    floatingButton: 'Privacy settings',
    reloadOffer: 'Reload the page to stop what already ran',
  },
  fr: {
    bannerLabel: 'Vos choix de confidentialité',
    acceptAll: 'Tout accepter',
    rejectAll: 'Tout refuser',
    customize: 'Personnaliser',
    dialogTitle: 'Préférences de confidentialité',
    save: 'Enregistrer mes choix',
    close: 'Fermer',
    floatingButton: 'Paramètres de confidentialité',
    reloadOffer: "Recharger la page pour arrêter ce qui s'est déjà exécuté",
  },
};

/** Purpose titles of test/e2e/pages/consent.json (the switches' accessible names). */
export const TITLES = {
  analytics: 'Audience measurement',
  personalization: 'Personalised recommendations',
  marketing: 'Advertising',
  'health-offers': 'Adaptive clothing offers',
};
export const OPTIONAL = Object.keys(TITLES);

/** What the validator says of pages/tr-invalid.html's configuration (the AI and sensitive-data rules), `path: message`, sorted. */
export const TR_INVALID_PROBLEMS = [
  'purposes[1].ai.consequences: required when automatedDecision is true',
  'purposes[1].ai.humanReview: required when automatedDecision is true',
  'purposes[1].ai.inputs[1]: "browsing" is not among this purpose\'s dataCategories',
  'purposes[1].ai.logic: required when automatedDecision is true',
  'purposes[2].dataCategories[0]: "health" is a special category (GDPR Art. 9) but the purpose is not sensitive',
];

/** What the gated test scripts push on `window.ran` when every optional purpose but the sensitive one is granted, in document order. */
export const ACCEPT_ALL_RAN = ['analytics', 'personalization', 'marketing', 'analytics+marketing'];

// ---------------------------------------------------------------------------------------------------------
// Static server

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json',
  '.woff2': 'font/woff2',
  '.webp': 'image/webp',
};

/** `version` served for `/consent.json?v=2`. */
export const BUMPED_VERSION = '2027-01';

/**
 * Serve `/candor/*` from `dist` and everything else from `root`. Resolves to `{ origin, url(path), close,
 * requests, receipts }`; `requests` lists every path asked for (tests clear it when they need to).
 */
/**
 * A page sent in two parts, the cut inside an inline gated script's text, 400 ms apart: the parser inserts
 * the script element before its text is complete (what a slow network does to a long page).
 */
async function streamedPage(res) {
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
  res.write(
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Streamed</title>' +
      '<script src="/candor/candor.js" data-config="/consent.json"></script></head><body><main><h1>Streamed</h1>' +
      '<script type="text/plain" data-purpose="analytics">window.streamed = (window.streamed || []).concat(["first half',
  );
  await new Promise((r) => setTimeout(r, 400));
  res.end(' + second half"]);</script><p>After the script.</p></main></body></html>');
}

/** The watcher `watch: true` puts first in every page: what classic WebDriver cannot listen to. */
const WATCH_JS = `window.__csp = []; window.__errors = [];
addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' blocked ' + e.blockedURI + ' ' + (e.sample || '')), true);
addEventListener('error', (e) => e.message && window.__errors.push(e.message));
addEventListener('unhandledrejection', (e) => window.__errors.push('unhandled rejection: ' + (e.reason && e.reason.message || e.reason)));`;

export async function startServer({ root = PAGES, dist = DIST, watch = false } = {}) {
  const requests = [];
  const receipts = [];
  const cspReports = [];
  const endpoints = new Map();
  /** `/consent.json` served otherwise (the same URL, another text): `server.consent.text` replaces it, `.edits` changes members. */
  const consent = { text: null, edits: {} };
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://127.0.0.1');
      const path = decodeURIComponent(url.pathname);
      requests.push(path + url.search);
      if (path === '/consent-receipts' && url.searchParams.has('key')) return await receiptEndpoint(req, res, url, endpoints);
      if (path === '/consent-receipts') {
        if (req.method !== 'POST') return send(res, 200, 'application/json', JSON.stringify(receipts));
        let body = '';
        for await (const chunk of req) body += chunk;
        receipts.push(body);
        res.writeHead(204, { 'Cache-Control': 'no-store' });
        return res.end();
      }
      if (watch && path === '/__watch.js') return send(res, 200, TYPES['.js'], WATCH_JS);
      if (watch && path === '/__csp-report') {
        let body = '';
        for await (const chunk of req) body += chunk;
        cspReports.push(body);
        return send(res, 204, 'text/plain', '');
      }
      if (path === '/favicon.ico') return send(res, 204, 'image/x-icon', ''); // no 404 noise in the console
      if (path === '/stream.html') return streamedPage(res);
      if (path.split('/').includes('..') || path.includes('\0')) return send(res, 400, 'text/plain', 'Bad Request');
      const tamper = /^\/candor-tampered(?:-([a-z]+))?\//.exec(path);
      const tampered = tamper && `/candor-${tamper[1] || 'ui'}.js`;
      const [base, rest] =
        path === '/candor' || path.startsWith('/candor/') ? [dist, path.slice(7)] : tamper ? [dist, path.slice(tamper[0].length - 1)] : [root, path];
      let file = resolve(base, '.' + (rest.endsWith('/') || rest === '' ? rest + '/index.html' : rest));
      if (file !== base && !file.startsWith(base + sep)) return send(res, 404, 'text/plain', 'Not Found');
      try {
        if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      } catch {
        return send(res, 404, 'text/plain', 'Not Found');
      }
      let body;
      try {
        body = await readFile(file);
      } catch {
        return send(res, 404, 'text/plain', 'Not Found');
      }
      const delay = Number(url.searchParams.get('delay'));
      if (delay > 0) await new Promise((r) => setTimeout(r, Math.min(delay, 5000)));
      const type = TYPES[extname(file).toLowerCase()] || 'application/octet-stream';
      const headers = {};
      if (rest === tampered) body = Buffer.concat([body, Buffer.from(' ')]);
      if (path === '/consent.json' && consent.text != null) body = Buffer.from(consent.text);
      if (path === '/consent.json' && (url.searchParams.get('v') === '2' || url.searchParams.has('receipts') || Object.keys(consent.edits).length)) {
        const config = { ...JSON.parse(body.toString('utf8')), ...consent.edits };
        if (url.searchParams.get('v') === '2') config.version = BUMPED_VERSION;
        if (url.searchParams.has('receipts')) config.receipts = { endpoint: `/consent-receipts?${receiptsQuery(url)}` };
        body = Buffer.from(JSON.stringify(config));
      }
      if (type.startsWith('text/html')) {
        const csp = url.searchParams.get('csp');
        const nonce = randomBytes(16).toString('base64');
        const lang = /^[a-zA-Z-]{2,12}$/.test(url.searchParams.get('lang') || '') ? url.searchParams.get('lang') : 'en';
        const query = [url.searchParams.get('v') === '2' && 'v=2', url.searchParams.has('receipts') && receiptsQuery(url, 'receipts')].filter(
          Boolean,
        );
        const config = `/consent.json${query.length ? `?${query.join('&')}` : ''}`;
        let html = body.toString('utf8');
        if (watch) html = html.replace(/<head>/i, '<head><script nonce="{{NONCE}}" src="/__watch.js"></script>');
        body = Buffer.from(
          html
            .replaceAll('{{NONCE}}', nonce)
            .replaceAll('{{LANG}}', lang)
            .replaceAll('{{CONFIG}}', config)
            .replaceAll('{{SLOW}}', url.searchParams.get('slow') === '1' ? '?delay=300' : '')
            .replaceAll('{{CANDOR}}', url.searchParams.get('tamper') === '1' ? '/candor-tampered' : '/candor'),
        );
        if (csp === 'strict') headers['Content-Security-Policy'] = STRICT_CSP;
        if (csp === 'nonce') {
          headers['Content-Security-Policy'] = nonceCsp(nonce);
          headers['X-Test-Nonce'] = nonce;
        }
        if (watch && headers['Content-Security-Policy']) headers['Content-Security-Policy'] += '; report-uri /__csp-report';
      }
      send(res, 200, type, body, headers);
    } catch (e) {
      send(res, 500, 'text/plain', String(e?.stack));
    }
  });
  await new Promise((ok, fail) => server.once('error', fail).listen(0, '127.0.0.1', ok));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    url: (p = '/') => origin + p,
    requests,
    receipts,
    cspReports,
    consent,
    /** What the keyed receipts endpoint saw for `key`: `{ accepted: [receipt…], posts: [{ id, status, contentType }] }`. */
    receiptLog: (key) => endpoints.get(key) || { accepted: [], posts: [] },
    close: () =>
      new Promise((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}

/** `key=K[&fail=N]` (or `<name>=K[&fail=N]`) from a page's or config's `?receipts=K[&fail=N]`. */
function receiptsQuery(url, name = 'key') {
  const q = new URLSearchParams({ [name]: url.searchParams.get('receipts') });
  if (Number(url.searchParams.get('fail')) > 0) q.set('fail', url.searchParams.get('fail'));
  return q.toString();
}

/**
 * The receipts endpoint contract of docs/receipts.md, with state per `?key=` so tests never share it:
 *   POST ?key=K[&fail=N] → 503 to the first N POSTs of key K (a server that is down), then 201 when the
 *                          receipt is stored, 200 when a receipt with that `id` already was (idempotent);
 *                          415 without `Content-Type: application/json`, 400 unless the body is a JSON object
 *                          with a string `id`. No response body.
 *   GET  ?key=K          → `{ accepted: [receipt…], posts: [{ id, status, contentType }] }`, in arrival order.
 */
async function receiptEndpoint(req, res, url, endpoints) {
  const key = url.searchParams.get('key');
  if (!endpoints.has(key)) endpoints.set(key, { accepted: [], posts: [] });
  const log = endpoints.get(key);
  if (req.method !== 'POST') return send(res, 200, 'application/json', JSON.stringify(log));
  let body = '';
  for await (const chunk of req) body += chunk;
  const contentType = req.headers['content-type'] || '';
  let receipt;
  try {
    receipt = JSON.parse(body);
  } catch {}
  const id = receipt && typeof receipt === 'object' && typeof receipt.id === 'string' ? receipt.id : null;
  const failed = log.posts.filter((p) => p.status === 503).length;
  const redirect = Number(url.searchParams.get('redirect')) || 0;
  const status = redirect
    ? redirect
    : !/^application\/json\b/i.test(contentType)
      ? 415
      : !id
        ? 400
        : failed < (Number(url.searchParams.get('fail')) || 0)
          ? 503
          : log.accepted.some((r) => r.id === id)
            ? 200
            : 201;
  if (status === 201) log.accepted.push(receipt);
  log.posts.push({ id, status, contentType });
  res.writeHead(status, { 'Cache-Control': 'no-store', ...(redirect && { Location: '/privacy.html' }) });
  res.end();
}

function send(res, status, type, body, headers = {}) {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', ...headers });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

// ---------------------------------------------------------------------------------------------------------
// Browser and pages

let browserPromise;
let serverPromise;
let demoServerPromise;

/** The one Chromium of the run (launched on first use). */
export function browser() {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(CHROMIUM_MISSING);
  return (browserPromise ||= chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS }));
}

/** The server of test/e2e/pages (started on first use). */
export const server = () => (serverPromise ||= startServer());
/** A server of demo/ with the same dist/ (for axe on the demo page). */
export const demoServer = () => (demoServerPromise ||= startServer({ root: DEMO }));

after(async () => {
  await Promise.all([
    browserPromise?.then(
      (b) => b.close(),
      () => {},
    ),
    serverPromise?.then((s) => s.close()),
    demoServerPromise?.then((s) => s.close()),
  ]);
});

/** Fails fast with one clear line when the build is missing. */
export function checkDist() {
  for (const f of ['candor.js', 'candor-ui.js']) {
    if (!existsSync(join(DIST, f))) throw new Error(`${join(DIST, f)} is missing — run \`npm run build\` first`);
  }
}

/** Listens for CSP violations from the very start of every document (init scripts are not subject to CSP). */
const WATCH = () => {
  window.__csp = [];
  addEventListener(
    'securitypolicyviolation',
    (e) => {
      window.__csp.push({ directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample, source: e.sourceFile });
    },
    true,
  );
};

/**
 * Counts the external scripts of the page still loading (parsed, injected by Candor: gated scripts it activates,
 * its lazy chunks), from the very start of every document: `settle` waits for none to be left.
 */
const TRACK_SCRIPTS = () => {
  let loading = 0;
  const seen = new WeakSet();
  const watch = (el) => {
    if (el.tagName !== 'SCRIPT' || !el.src || seen.has(el) || !/^(|text\/javascript|application\/javascript|module)$/i.test(el.type)) return;
    seen.add(el);
    loading++;
    const done = () => {
      loading--;
      el.removeEventListener('load', done);
      el.removeEventListener('error', done);
    };
    el.addEventListener('load', done);
    el.addEventListener('error', done);
  };
  new MutationObserver((records) => {
    for (const r of records) for (const n of r.addedNodes) if (n.nodeType === 1) [n, ...n.querySelectorAll('script')].forEach(watch);
  }).observe(document, { childList: true, subtree: true });
  window.__scriptsLoading = () => loading;
};

/**
 * A fresh context and page for test `t`, closed when the test ends. Options: `viewport`, `deviceScaleFactor`,
 * `init` (functions or strings run before any page script), `cookies`, `lang` (the `Accept-Language` and
 * `navigator.languages`), `root` ('demo' for the demo server). Everything the page reports is collected:
 * `pageErrors` (uncaught exceptions, unhandled rejections), `consoleErrors`, `cspConsole` (console lines about
 * Content Security Policy), `failedRequests` (network failures and HTTP ≥ 400).
 */
export async function openPage(t, options = {}) {
  checkDist();
  const srv = await (options.root === 'demo' ? demoServer() : server());
  const b = await browser();
  const context = await b.newContext({
    viewport: options.viewport || { width: 1280, height: 800 },
    deviceScaleFactor: options.deviceScaleFactor || 1,
    locale: options.locale || 'en-US',
    reducedMotion: options.reducedMotion || 'reduce',
    colorScheme: options.colorScheme || 'light',
  });
  t.after(() => context.close().catch(() => {}));
  await context.addInitScript(WATCH);
  await context.addInitScript(TRACK_SCRIPTS);
  for (const script of options.init || []) await context.addInitScript(script);
  if (options.cookies) await context.addCookies(options.cookies.map((c) => ({ url: srv.origin, ...c })));
  const page = await context.newPage();
  page.setDefaultTimeout(options.timeout || 5000);
  const log = { pageErrors: [], consoleErrors: [], cspConsole: [], failedRequests: [], requests: [] };
  page.on('pageerror', (e) => log.pageErrors.push(String(e?.stack || e)));
  page.on('console', (m) => {
    if (/Content.Security.Policy/i.test(m.text())) log.cspConsole.push(m.text());
    if (m.type() === 'error') log.consoleErrors.push(m.text());
  });
  page.on('request', (r) => log.requests.push(new URL(r.url()).pathname));
  page.on('requestfailed', (r) => log.failedRequests.push(`${r.url()} (${r.failure()?.errorText})`));
  page.on('response', (r) => r.status() >= 400 && log.failedRequests.push(`${r.url()} (HTTP ${r.status()})`));
  return {
    context,
    page,
    server: srv,
    log,
    /** Navigate (path relative to the server) and wait until `candor.ready` resolved. */
    async go(path = '/', { waitReady = true } = {}) {
      await page.goto(srv.url(path));
      if (waitReady) await ready(page);
      return page;
    },
    async reload() {
      await page.reload();
      await ready(page);
    },
  };
}

/** Wait for `window.candor.ready`. */
export async function ready(page) {
  await page.waitForFunction(() => window.candor?.ready && typeof window.candor.ready.then == 'function');
  await page.evaluate(() => window.candor.ready.then(() => undefined));
}

/**
 * Let pending activations and lazy loads happen, by waiting on what the page shows, not on time: the document
 * has loaded, `candor.ready` resolved (when Candor is on the page), no script it parsed or Candor injected (gated
 * scripts, lazy chunks) is still loading, and two frames were rendered after that (an interface chunk that
 * loaded has mounted). What a test then finds missing was not going to happen. (The argument once was a time.)
 */
export async function settle(page) {
  await page.waitForFunction(() => document.readyState === 'complete');
  if (await page.evaluate(() => !!window.candor?.ready)) await ready(page);
  await page.waitForFunction(() => !window.__scriptsLoading || window.__scriptsLoading() === 0);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await page.waitForFunction(() => !window.__scriptsLoading || window.__scriptsLoading() === 0);
}

/** The receipt of the last decision was kept: nothing waits in localStorage for candor-core.js (a reload would fetch it). */
/** The outbox as Candor keeps it (IndexedDB `candor` / `records`, key `outbox`), or null before it exists (never creates it). */
export const outbox = (page) =>
  page.evaluate(async () => {
    if (!(await indexedDB.databases()).some((db) => db.name === 'candor')) return null;
    return new Promise((resolve, reject) => {
      const open = indexedDB.open('candor');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const db = open.result;
        if (!db.objectStoreNames.contains('records')) {
          db.close();
          return resolve(null);
        }
        const get = db.transaction('records', 'readonly').objectStore('records').get('outbox');
        get.onsuccess = () => {
          db.close();
          resolve(get.result || []);
        };
        get.onerror = () => {
          db.close();
          reject(get.error);
        };
      };
    });
  });

export const receiptKept = (page) => page.waitForFunction(() => !localStorage.getItem('candor-pending'));

// ---------------------------------------------------------------------------------------------------------
// Candor surfaces

export const banner = (page, lang = 'en') => page.getByRole('region', { name: TEXT[lang].bannerLabel, exact: true });
export const dialog = (page, lang = 'en') => page.getByRole('dialog', { name: TEXT[lang].dialogTitle, exact: true });
export const button = (scope, name) => scope.getByRole('button', { name, exact: true });
export const floatingButton = (page) => page.locator('[data-candor-button] button');
export const switchFor = (scope, id) => scope.getByRole('switch', { name: TITLES[id], exact: true });

/** Wait for the banner and return it. */
export async function waitBanner(page, lang = 'en') {
  const b = banner(page, lang);
  try {
    await b.waitFor({ state: 'visible' });
  } catch (e) {
    // Say why: an invalid config (Candor then shows nothing), another language, or no UI at all.
    const why = await page
      .evaluate(() => {
        const s = window.candor?.get ? window.candor.get() : null;
        const host = document.getElementById('candor');
        const region = host?.shadowRoot?.querySelector('[role=region]');
        return { state: s, host: !!host, region: region?.getAttribute('aria-label') };
      })
      .catch((err) => String(err));
    e.message = `no banner named "${TEXT[lang].bannerLabel}": ${JSON.stringify(why)}\n${e.message}`;
    throw e;
  }
  return b;
}

/** Wait until no banner is visible (none is rendered, or it is hidden). */
export async function waitNoBanner(page, lang = 'en') {
  await banner(page, lang).waitFor({ state: 'hidden' });
}

/** Assert that no banner shows up after `ready` (give the lazy UI chunk time to appear if it wrongly would). */
export async function assertNoBanner(page, lang = 'en') {
  await settle(page);
  assert.equal(await banner(page, lang).count(), 0, 'no banner expected');
}

/** Open the preference center from the banner's Customize button and return the dialog. */
export async function customize(page, lang = 'en') {
  await button(await waitBanner(page, lang), TEXT[lang].customize).click();
  const d = dialog(page, lang);
  await d.waitFor({ state: 'visible' });
  return d;
}

/** `window.ran` (gated scripts that ran on this page view, in order). */
export const ran = (page) => page.evaluate(() => (window.ran || []).slice());
/** The persistent trail gated scripts leave in localStorage (survives reloads; Candor does not know the key). */
export const trail = (page) => page.evaluate(() => JSON.parse(localStorage.getItem('e2e.ran') || '[]'));
export const state = (page) => page.evaluate(() => window.candor.get());

/** Optional cookies/keys the gated scripts set (declared in consent.json, so Candor must delete them on withdrawal). */
export async function optionalTraces(page) {
  const cookies = (await page.context().cookies()).map((c) => c.name).filter((n) => /^(_pk_|_mk_)/.test(n));
  const keys = await page.evaluate(() => Object.keys(localStorage).filter((k) => /^matomo_/.test(k)));
  return [...cookies, ...keys];
}

/** Assert the "nothing optional" invariant (docs/compliance.md A1): no gated script ran, no optional cookie or key. */
export async function assertNothingOptional(page, where = '') {
  await settle(page);
  assert.deepEqual(await ran(page), [], `no gated script should have run ${where}`);
  assert.deepEqual(await trail(page), [], `no gated script should ever have run ${where}`);
  assert.deepEqual(await optionalTraces(page), [], `no optional cookie or storage key ${where}`);
  const s = await state(page);
  for (const id of OPTIONAL) assert.equal(s.purposes[id], false, `purpose ${id} must be off ${where}`);
}

/** Wait until `window.ran` has at least `n` entries. */
export const waitRan = (page, n) => page.waitForFunction((n) => (window.ran || []).length >= n, n);

/** The `candor` cookie value, or undefined. */
export async function candorCookie(page) {
  return (await page.context().cookies()).find((c) => c.name === 'candor');
}

/**
 * Describe the deeply focused element (through shadow roots): its tag, accessible-ish name, whether it lives
 * in Candor's host / dialog / banner / floating button, and a stable id for cycle detection.
 */
export function focused(page) {
  return page.evaluate(() => {
    let a = document.activeElement;
    while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
    if (!a || a === document.body) return { tag: a ? 'body' : null, uid: 0, name: '', inCandor: false };
    const ids = (window.__focusIds ||= new WeakMap());
    if (!ids.has(a)) ids.set(a, (window.__focusNext = (window.__focusNext || 0) + 1));
    const closest = (el, sel) => {
      for (let n = el; n; n = n.parentElement || n.getRootNode?.().host || null) {
        if (n.matches?.(sel)) return n;
      }
      return null;
    };
    const name = (el) => {
      const by = el.getAttribute('aria-labelledby');
      const root = el.getRootNode();
      const labelled = by
        ?.split(/\s+/)
        .map((id) => root.getElementById(id))
        .filter(Boolean)
        .map((n) => n.textContent)
        .join(' ');
      return (el.getAttribute('aria-label') || labelled || el.textContent || el.getAttribute('name') || '').trim().replace(/\s+/g, ' ').slice(0, 60);
    };
    return {
      uid: ids.get(a),
      tag: a.tagName.toLowerCase(),
      role: a.getAttribute('role'),
      name: name(a),
      checked: a.getAttribute('aria-checked'),
      inCandor: !!closest(a, '#candor, [data-candor-button]'),
      inDialog: !!closest(a, '[role=dialog]'),
      inBanner: !!closest(a, '[role=region]') && !!closest(a, '#candor'),
      inFloating: !!closest(a, '[data-candor-button]'),
      inMain: !!closest(a, 'main'),
      id: a.id || null,
    };
  });
}

/** Inject axe-core (from node_modules) and run it on the whole document; returns the violations, summarised. */
export async function axe(page, context = document_) {
  const source = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  if (!(await page.evaluate(() => !!window.axe))) await page.addScriptTag({ content: source });
  const violations = await page.evaluate(async (ctx) => {
    const result = await window.axe.run(ctx === '__document__' ? document : ctx, { resultTypes: ['violations'] });
    // Known axe false positive, left out on purpose: axe's `region` rule exempts a page's skip link only when
    // `skipLink.compareDocumentPosition(firstPageLink) === FOLLOWING`; when the first non-fragment link of the
    // flattened tree is inside a shadow root (Candor's policy link, host placed early so the banner is early in
    // the tab order, docs/compliance.md G26), compareDocumentPosition also sets DISCONNECTED, so the page's own
    // `<a href="#main">` skip link is reported as "content not in a landmark". Only such skip links are dropped.
    const isSkipLink = (target) => {
      const el = target.length === 1 && document.querySelector(target[0]);
      const href = el && el.tagName === 'A' && el.getAttribute('href');
      return !!href && /^#./.test(href) && !!document.getElementById(decodeURIComponent(href.slice(1)));
    };
    for (const v of result.violations) {
      if (v.id === 'region') v.nodes = v.nodes.filter((n) => !isSkipLink(n.target));
    }
    return result.violations
      .filter((v) => v.nodes.length)
      .map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.slice(0, 5).map((n) => `${JSON.stringify(n.target)} ${n.failureSummary.replace(/\s+/g, ' ').slice(0, 300)}`),
      }));
  }, context);
  return violations;
}
const document_ = '__document__';

/** Human-readable list of axe violations for an assertion message. */
export const describeViolations = (list) => list.map((v) => `- ${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.join('\n    ')}`).join('\n');

/** One focused element as text, for failure messages. */
export const describeFocus = (f) =>
  `${f.tag}${f.role ? `[role=${f.role}]` : ''}${f.name ? ` "${f.name}"` : ''}${f.inDialog ? ' (dialog)' : f.inBanner ? ' (banner)' : f.inFloating ? ' (floating)' : ''}`;

/**
 * Press Tab (Shift+Tab with `shift`) until `until(focused, visited)` holds; returns every element visited.
 * Throws with the visited path after `max` presses.
 */
export async function tabUntil(page, until, { max = 60, shift = false } = {}) {
  const visited = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(shift ? 'Shift+Tab' : 'Tab');
    const f = await focused(page);
    visited.push(f);
    if (until(f, visited)) return visited;
  }
  throw new Error(`not reached after ${max} ${shift ? 'Shift+Tab' : 'Tab'} presses: ${visited.map(describeFocus).join(' → ')}`);
}
