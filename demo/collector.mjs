// The demo's receipts go to Candor's collector (collector/, PostgreSQL or embedded PGlite) when there is one:
// `CANDOR_COLLECTOR=http://127.0.0.1:8787` names a running one; otherwise, when collector/ is installed and
// built (`npm run collector` once), `node demo/serve.mjs` starts it embedded, on PGlite, data in
// collector/candor-data. Without either, the demo keeps its receipts in memory (demo/serve.mjs).

import { request } from 'node:http';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * The collector to send receipts to: `{ url, close }`, or null (with the reason) when there is none.
 * `root`: the repository root.
 */
export async function demoCollector(root, env = process.env) {
  if (env.CANDOR_COLLECTOR) return { url: env.CANDOR_COLLECTOR.replace(/\/+$/, ''), close: async () => {}, how: 'CANDOR_COLLECTOR' };
  const dir = join(root, 'collector');
  const server = join(dir, 'dist', 'src', 'server.js');
  if (!existsSync(join(dir, 'node_modules', '.package-lock.json')) || !existsSync(server))
    return { why: 'the collector is not installed: run `npm run collector` once, or set CANDOR_COLLECTOR' };
  const [{ startServer }, { settingsFrom }] = await Promise.all([
    import(pathToFileURL(server).href),
    import(pathToFileURL(join(dir, 'dist', 'src', 'settings.js')).href),
  ]);
  const settings = { ...settingsFrom({ ...env, PORT: '0', HOST: '127.0.0.1' }), dataDir: env.CANDOR_DATA_DIR || join(dir, 'candor-data') };
  const running = await startServer(settings);
  // The demo's configuration is its published notice: register it, so its receipts show as verified.
  const { addNotices } = await import(pathToFileURL(join(dir, 'dist', 'src', 'notices.js')).href);
  await addNotices(running.db, join(root, 'demo', 'consent.json')).catch((e) => console.warn(`Candor demo: notice not registered (${e.message})`));
  return { url: running.url, close: () => running.close(), how: `embedded, PGlite in ${settings.dataDir}` };
}

/**
 * Send one POST body to the collector's `/consent-receipts` with the headers its checks use (the visitor's
 * cookie, Origin, Host, Fetch Metadata), and resolve to its answer: `{ status, headers, body }`.
 */
export function forward(collector, req, body) {
  const url = new URL('/consent-receipts', collector);
  const headers = { 'content-type': req.headers['content-type'] || 'application/json', 'content-length': body.length };
  for (const name of ['cookie', 'origin', 'host', 'sec-fetch-site', 'user-agent']) if (req.headers[name]) headers[name] = req.headers[name];
  headers['x-forwarded-for'] = req.socket.remoteAddress || '';
  return new Promise((resolve, reject) => {
    const out = request(url, { method: 'POST', headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    out.on('error', reject);
    out.end(body);
  });
}
