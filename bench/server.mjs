// The benchmark's web server, on 127.0.0.1 only:
//   /p/<id>/?purposes=N&gated=M&embeds=K  the page with manager <id> (peers.mjs); query only for the scaling runs
//   /p/<id>/config.json?purposes=N  a manager's config file, for embeds that fetch it
//   /cm/<id>/<file>               the manager's own files: dist/ for Candor, bench/node_modules/<pkg>/ for peers
//   /privacy.html                 the page the notices link to

import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { PRIVACY_PAGE, renderPage } from './page.mjs';

/** Content types by extension. */
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/**
 * Managers' files may be cached for an hour, as a CDN would let them be: the returning visitor then
 * measures the manager's work, not the download. Pages are never cached.
 */
const ASSET_CACHE = 'public, max-age=3600';

/** Read a whole number from the query (0–10,000), or `fallback`. */
const count = (params, name, fallback) => {
  const n = params.has(name) ? Number(params.get(name)) : Number.NaN;
  return Number.isInteger(n) && n >= 0 && n <= 10000 ? n : fallback;
};

/** Start the server for `peers` on a free port; resolves to `{ origin, close() }`. */
export function startServer(peers) {
  const byId = new Map(peers.map((p) => [p.id, p]));

  const server = createServer(async (req, res) => {
    const send = (status, body, type = 'text/plain; charset=utf-8', cache = 'no-store') => {
      res.writeHead(status, { 'content-type': type, 'cache-control': cache });
      res.end(body);
    };
    try {
      const url = new URL(req.url, 'http://127.0.0.1');
      const parts = url.pathname.split('/');
      if (url.pathname == '/privacy.html') return send(200, PRIVACY_PAGE, TYPES['.html']);
      if (url.pathname == '/favicon.ico') return send(204, '');
      const peer = byId.get(parts[2]);
      if (!peer) return send(404, 'not found');
      const q = url.searchParams;
      const options = { purposes: Math.max(1, count(q, 'purposes', 3)), gated: count(q, 'gated', 3), embeds: count(q, 'embeds', 0) };
      if (parts[1] == 'p' && parts.length == 4 && parts[3] == '')
        return send(200, renderPage({ title: peer.name, ...peer.render(options) }), TYPES['.html']);
      // A config file is a static file of the site: cached like the manager's own files.
      if (parts[1] == 'p' && parts[3] == 'config.json' && peer.config)
        return send(200, JSON.stringify(peer.config(options)), TYPES['.json'], ASSET_CACHE);
      if (parts[1] != 'cm') return send(404, 'not found');
      // Only files inside the manager's root, whatever the path says.
      const rel = normalize(decodeURIComponent(parts.slice(3).join('/')));
      const file = join(peer.root, rel);
      if (rel.startsWith('..') || !file.startsWith(peer.root + sep)) return send(403, 'forbidden');
      const type = TYPES[extname(file)];
      if (!type) return send(403, 'forbidden');
      send(200, await readFile(file), type, ASSET_CACHE);
    } catch (err) {
      send(err && err.code == 'ENOENT' ? 404 : 500, String(err?.message));
    }
  });

  return new Promise((resolve, reject) => {
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ origin: `http://127.0.0.1:${port}`, close: () => new Promise((done) => server.close(done)) });
    });
  });
}
