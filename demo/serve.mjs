// A dependency-free static server for the Candor demo (and for browser tests, through `startServer`).
//
//   node demo/serve.mjs          → http://127.0.0.1:5173/ (PORT overrides; the next free port if busy)
//   node demo/serve.mjs --csp    → the same, with a strict Content-Security-Policy on HTML pages
//
// `/candor/*` is served from `dist/`, everything else from `demo/` (`/` → demo/index.html).
// `POST /consent-receipts` keeps the receipts Candor sends (docs/contract.md §7, `receipts.endpoint`) in memory and
// `GET /consent-receipts` lists them, so the demo shows the server side of the proof too. Its answer to a
// receipt re-issues the visitor's `candor` cookie with `Set-Cookie` (dist/server.mjs, README "Safari's 7-day
// cap on script-set cookies"), so Safari keeps the decision for `reaskAfterDays`, not 7 days.
// Run as `node demo/serve.mjs` (`npm run demo`), it sends the receipts on to Candor's collector instead —
// `CANDOR_COLLECTOR=URL`, or the collector started embedded when collector/ is installed (demo/collector.mjs) —
// which stores them, checks their notice hash and re-issues the cookie; the demo still lists what it accepted.

import { createServer } from 'node:http';
import { createReadStream, realpathSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { demoCollector, forward } from './collector.mjs';

/** The repository root: this file lives in `<root>/demo/`. */
const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Used when neither the `port` option nor `PORT` is given. */
const DEFAULT_PORT = 5173;

/** How many successive ports to try when the wanted one is busy. */
const PORT_ATTEMPTS = 20;

/**
 * Strict policy for `--csp`: Candor must work without 'unsafe-inline' (docs/compliance.md H30). Each HTML response
 * gets a fresh nonce, written into its `{{NONCE}}` placeholders, so the demo's one inline gated script
 * shows how a nonce carries over to an activated script.
 */
const cspHeader = (nonce) => `default-src 'self'; script-src 'self' 'nonce-${nonce}'; style-src 'self'; img-src 'self' data:`;

/** Where the demo's receipt endpoint lives (matches `receipts.endpoint` in demo/consent.json). */
const RECEIPTS_PATH = '/consent-receipts';

/** Receipts larger than this are refused: a receipt is a few hundred bytes. */
const MAX_BODY_BYTES = 64 * 1024;

/** Kept receipts, oldest dropped first: the demo server is not a database. */
const MAX_RECEIPTS = 1000;

/** Content types by extension; text types carry their charset. */
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
};

/**
 * Map a request path to a file under one of the roots, or return an HTTP status when it cannot be
 * served. Works on the raw path (not a URL-normalised one) so that `..` in any spelling is refused
 * rather than silently resolved.
 */
function locate(rawPath, roots) {
  let path;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    return 400; // malformed percent-encoding
  }
  if (!path.startsWith('/') || path.includes('\0') || path.includes('\\')) return 400;
  if (path.split('/').some((segment) => segment === '..' || segment === '.')) return 400;

  const [base, rest] = path === '/candor' || path.startsWith('/candor/') ? [roots.dist, path.slice('/candor'.length)] : [roots.demo, path];
  const file = resolve(base, '.' + (rest || '/'));
  // Belt and braces: whatever the decoding did, the file must stay inside its root.
  if (file !== base && !file.startsWith(base + sep)) return 404;
  return { file, trailingSlash: path.endsWith('/') };
}

/** Resolve a located path to a readable regular file (`dir/` → `dir/index.html`), or null. */
async function findFile(file) {
  try {
    const info = await stat(file);
    if (info.isFile()) return { file, size: info.size };
    if (info.isDirectory()) {
      const index = join(file, 'index.html');
      const indexInfo = await stat(index);
      if (indexInfo.isFile()) return { file: index, size: indexInfo.size };
    }
  } catch {
    // missing or unreadable: a 404 like any other
  }
  return null;
}

function sendText(res, status, text, headers = {}) {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers });
  res.end(res.req.method === 'HEAD' ? undefined : text + '\n');
}

function sendJSON(res, status, value) {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(value, null, 2) + '\n');
}

/**
 * The demo's receipt endpoint: idempotent by receipt `id`, like a real one should be (docs/contract.md §7). With
 * `collector` (its URL), the collector stores the receipt and answers (its status, `Set-Cookie` and body are
 * passed on); the demo lists only what the collector acknowledged, and answers 503 when it is unreachable
 * (the outbox keeps the receipt and sends it again).
 */
function handleReceipts(req, res, store, reissue, collector) {
  if (req.method === 'GET' || req.method === 'HEAD') return sendJSON(res, 200, [...store.values()].reverse());
  if (req.method !== 'POST') return sendText(res, 405, 'Method Not Allowed', { Allow: 'GET, HEAD, POST' });

  const chunks = [];
  let size = 0;
  req.on('data', (chunk) => {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      sendText(res, 413, 'Payload Too Large');
      req.destroy();
    } else chunks.push(chunk);
  });
  req.on('end', async () => {
    if (res.headersSent) return;
    if (collector) {
      const raw = Buffer.concat(chunks);
      let answer;
      try {
        answer = await forward(collector, req, raw);
      } catch (error) {
        console.error(`Candor demo: the collector at ${collector} did not answer (${error.message})`);
        return sendText(res, 503, 'Service Unavailable: the collector did not answer');
      }
      if (answer.status >= 200 && answer.status < 300) {
        const list = [JSON.parse(raw.toString('utf8'))].flat();
        for (const receipt of list) {
          store.delete(receipt.id);
          store.set(receipt.id, receipt);
        }
        while (store.size > MAX_RECEIPTS) store.delete(store.keys().next().value);
      }
      const headers = { 'Cache-Control': 'no-store', 'Content-Type': answer.headers['content-type'] || 'text/plain' };
      if (answer.headers['set-cookie']) headers['Set-Cookie'] = answer.headers['set-cookie'];
      res.writeHead(answer.status, headers);
      return res.end(answer.body);
    }
    let body;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      return sendText(res, 400, 'Bad Request: the body must be JSON');
    }
    // TODO lead: align with the outbox's payload once written (one receipt or an array of them).
    const receipts = Array.isArray(body) ? body : [body];
    if (!receipts.every((r) => r && typeof r == 'object' && typeof r.id == 'string')) {
      return sendText(res, 400, 'Bad Request: expected a receipt (or an array of receipts) with an id');
    }
    for (const receipt of receipts) {
      store.delete(receipt.id); // re-sending the same id replaces it instead of duplicating
      store.set(receipt.id, receipt);
      if (store.size > MAX_RECEIPTS) store.delete(store.keys().next().value);
    }
    const cookie = receipts.length == 1 && reissue(req, receipts[0]);
    res.writeHead(204, { 'Cache-Control': 'no-store', ...(cookie && { 'Set-Cookie': cookie }) });
    res.end();
  });
}

/** Start listening on `port`, or on the next ports when it is taken. */
function listen(server, port, attemptsLeft) {
  return new Promise((resolvePort, reject) => {
    const onError = (error) => {
      server.off('listening', onListening);
      if (error.code === 'EADDRINUSE' && port !== 0 && attemptsLeft > 1 && port < 65535) {
        resolvePort(listen(server, port + 1, attemptsLeft - 1));
      } else reject(error);
    };
    const onListening = () => {
      server.off('error', onError);
      resolvePort(server.address().port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, '127.0.0.1');
  });
}

/**
 * Serve the demo. Options: `port` (default `PORT` or 5173; 0 = any free port; a busy port moves on to
 * the next ones), `csp` (send the strict policy on HTML pages), `root` (the repository root holding
 * `demo/` and `dist/`). Resolves to `{ url, port, receipts, close }`; `receipts` is the endpoint's store.
 */
export async function startServer({ port, csp = false, root = REPO_ROOT, collector } = {}) {
  const roots = { demo: resolve(root, 'demo'), dist: resolve(root, 'dist') };
  const wanted = port ?? (process.env.PORT ? Number(process.env.PORT) : DEFAULT_PORT);
  if (!Number.isInteger(wanted) || wanted < 0 || wanted > 65535) throw new RangeError(`Invalid port: ${wanted}`);
  const receipts = new Map();
  // The cookie helper of this build, and the configuration's reaskAfterDays (missing: no re-issue).
  const { candorSetCookie } = await import(pathToFileURL(join(roots.dist, 'server.mjs')).href).catch(() => ({}));
  const reaskAfterDays = await readFile(join(roots.demo, 'consent.json'), 'utf8').then(
    (t) => JSON.parse(t).reaskAfterDays,
    () => undefined,
  );
  const reissue = (req, receipt) => candorSetCookie?.(req, { receipt, reaskAfterDays, secure: !!req.socket.encrypted });

  const server = createServer(async (req, res) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    const rawPath = (req.url || '/').split(/[?#]/, 1)[0];

    if (rawPath === RECEIPTS_PATH) return handleReceipts(req, res, receipts, reissue, collector);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return sendText(res, 405, 'Method Not Allowed', { Allow: 'GET, HEAD' });
    }

    const located = locate(rawPath, roots);
    if (typeof located == 'number') return sendText(res, located, located === 400 ? 'Bad Request' : 'Not Found');
    const found = await findFile(located.file);
    if (!found) return sendText(res, 404, 'Not Found');
    if (found.file !== located.file && !located.trailingSlash) {
      // `/embed` → `/embed/`, so that relative links inside the index resolve as expected
      res.writeHead(301, { Location: rawPath + '/' });
      return res.end();
    }

    const type = TYPES[extname(found.file).toLowerCase()] || 'application/octet-stream';
    const headers = { 'Content-Type': type, 'Content-Length': found.size, 'Cache-Control': 'no-cache' };
    if (type.startsWith('text/html')) {
      const nonce = randomBytes(16).toString('base64');
      const html = Buffer.from((await readFile(found.file, 'utf8')).replaceAll('{{NONCE}}', nonce));
      headers['Content-Length'] = html.length;
      if (csp) headers['Content-Security-Policy'] = cspHeader(nonce);
      res.writeHead(200, headers);
      return res.end(req.method === 'HEAD' ? undefined : html);
    }
    res.writeHead(200, headers);
    if (req.method === 'HEAD') return res.end();
    createReadStream(found.file)
      .on('error', () => res.destroy())
      .pipe(res);
  });

  const actualPort = await listen(server, wanted, PORT_ATTEMPTS);
  return {
    url: `http://127.0.0.1:${actualPort}/`,
    port: actualPort,
    receipts,
    close: () =>
      new Promise((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}

/** True when this file is the one Node was asked to run (not when imported by a test). */
function isMain() {
  if (!process.argv[1]) return false;
  try {
    return pathToFileURL(realpathSync(process.argv[1])).href === pathToFileURL(realpathSync(fileURLToPath(import.meta.url))).href;
  } catch {
    return false;
  }
}

if (isMain()) {
  const args = process.argv.slice(2);
  const portArg = args.find((a) => a.startsWith('--port='));
  const collector = await demoCollector(REPO_ROOT).catch((error) => ({ why: `the collector could not start (${error.message})` }));
  const server = await startServer({
    csp: args.includes('--csp'),
    port: portArg ? Number(portArg.slice('--port='.length)) : undefined,
    collector: collector.url,
  }).catch((error) => {
    console.error(`Candor demo: cannot start the server (${error.message})`);
    process.exit(1);
  });
  try {
    await stat(join(REPO_ROOT, 'dist', 'candor.js'));
  } catch {
    console.error('Candor demo: dist/candor.js is missing; run `npm run build` first (or `npm run demo`).');
  }
  console.log(`Candor demo: ${server.url}`);
  if (collector.url) console.log(`Candor demo: receipts go to the collector at ${collector.url} (${collector.how})`);
  else console.log(`Candor demo: receipts are kept in memory only — ${collector.why}`);
  const stop = () =>
    server
      .close()
      .then(() => collector.close?.())
      .then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
