// Safari's 7-day cap, measured in WebKitGTK with tracking prevention on (run by `npm test` after the flows, about
// 6–10 s). It starts a real MiniBrowser with a persistent profile, outside WebDriver (whose sessions use a
// temporary profile where the cap does not apply):
//
//   npm run build && node test/engines/itp.mjs
//
// Two sites (http://127.0.0.1:P and http://localhost:P, one server) serve the same page: candor.js with an
// inline configuration, and a script that calls candor.acceptAll(). On the first site nothing else happens:
// the `candor` cookie is written by script only. The second site's configuration has a receipts endpoint
// that answers with `Set-Cookie` from dist/server.mjs (candorSetCookie), as a site's server would. Then
// MiniBrowser is closed and the expiry of each `candor` cookie is read from the profile's cookie database
// (sqlite3). Expected: script-set ≈ 7 days (the cap), server-set ≈ reaskAfterDays (182). Exit code 1 otherwise.
// `--no-itp` is the control: tracking prevention off, both cookies keep 182 days.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIST, HERE } from '../e2e/env.mjs';

/** Debian's MiniBrowser (package webkit2gtk-driver's dependency libwebkit2gtk), whatever the architecture. */
const MINIBROWSER =
  process.env.MINIBROWSER_PATH ||
  (() => {
    const lib = '/usr/lib';
    for (const arch of existsSync(lib) ? readdirSync(lib) : []) {
      for (const api of ['webkit2gtk-4.1', 'webkitgtk-6.0', 'webkit2gtk-4.0'])
        if (existsSync(join(lib, arch, api, 'MiniBrowser'))) return join(lib, arch, api, 'MiniBrowser');
    }
    return '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
  })();
const DAYS = 182;
/** The profile directory, removed at the end (helper processes may still be finishing their writes). */
const remove = (dir) => {
  try {
    rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  } catch {}
};
const TIMEOUT = 60_000;
const ITP = !process.argv.includes('--no-itp');

for (const [path, line] of [
  [MINIBROWSER, `MiniBrowser not found at ${MINIBROWSER} — install it with: apt-get install -y webkit2gtk-driver (or set MINIBROWSER_PATH)`],
  [join(DIST, 'server.mjs'), `${join(DIST, 'server.mjs')} not found — run \`npm run build\` first`],
]) {
  if (!existsSync(path)) {
    console.error(line);
    process.exit(1);
  }
}
if (spawnSync('sh', ['-c', 'command -v sqlite3'], { stdio: 'ignore' }).status !== 0) {
  console.error('sqlite3 not found — install it with: apt-get install -y sqlite3');
  process.exit(1);
}
if (!process.env.DISPLAY && !process.env.CANDOR_XVFB) {
  const child = spawn('xvfb-run', ['-a', process.execPath, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, CANDOR_XVFB: '1' },
  });
  child.on('error', () => {
    console.error('WebKit needs a display and DISPLAY is unset: install xvfb-run with apt-get install -y xvfb xauth');
    process.exit(1);
  });
  child.on('exit', (code) => process.exit(code ?? 1));
} else {
  await main();
}

async function main() {
  const { candorSetCookie } = await import(pathToFileURL(join(DIST, 'server.mjs')).href);
  const base = JSON.parse(readFileSync(join(HERE, '..', 'e2e', 'pages', 'consent.json'), 'utf8'));
  delete base.$schema;
  base.reaskAfterDays = DAYS;
  const config = (server) => JSON.stringify(server ? { ...base, receipts: { endpoint: '/receipts' } } : base).replace(/</g, '\\u003c');
  const log = [];
  let done;
  const finished = new Promise((resolve) => (done = resolve));

  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    const site = req.headers.host.startsWith('localhost') ? 'server' : 'script';
    if (url.pathname.startsWith('/candor/')) {
      const body = await readFile(join(DIST, url.pathname.slice(8))).catch(() => null);
      res.writeHead(body ? 200 : 404, { 'Content-Type': 'text/javascript' });
      return res.end(body);
    }
    if (url.pathname == '/receipts' && req.method == 'POST') {
      let text = '';
      for await (const chunk of req) text += chunk;
      const cookie = candorSetCookie(req, { receipt: JSON.parse(text), reaskAfterDays: DAYS, secure: false });
      log.push(`${site}: receipt POSTed, Set-Cookie: ${cookie}`);
      res.writeHead(204, cookie ? { 'Set-Cookie': cookie } : {});
      res.end();
      // The visitor is done on the second site once its receipt is answered.
      return setTimeout(() => done(), 500);
    }
    if (url.pathname == '/decided') {
      log.push(`${site}: decided, document.cookie has candor: ${url.searchParams.get('cookie')}`);
      res.writeHead(204);
      res.end();
      return;
    }
    if (url.pathname == '/accept.js') {
      res.writeHead(200, { 'Content-Type': 'text/javascript' });
      // Accept all, say so, then go on to the second site (from the first one).
      return res.end(`candor.ready.then(() => {
  candor.acceptAll();
  const has = /(^|; )candor=/.test(document.cookie);
  fetch('/decided?cookie=' + has).then(() => { if (location.hostname == '127.0.0.1') location.href = 'http://localhost:' + location.port + '/'; });
});`);
    }
    if (url.pathname == '/') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      return res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>ITP ${site}</title>
<script type="application/json" id="candor-config">${config(site == 'server')}</script>
<script src="/candor/candor.js"></script><script src="/accept.js"></script></head><body><main><h1>${site}</h1></main></body></html>`);
    }
    res.writeHead(404);
    res.end();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = server.address().port;

  const profile = mkdtempSync(join(tmpdir(), 'candor-itp-'));
  const cookies = join(profile, 'cookies.sqlite');
  const env = {
    ...process.env,
    HOME: profile,
    XDG_DATA_HOME: join(profile, 'data'),
    XDG_CACHE_HOME: join(profile, 'cache'),
    XDG_CONFIG_HOME: join(profile, 'config'),
  };
  const browser = spawn(
    MINIBROWSER,
    [...(ITP ? ['--enable-itp'] : []), `--cookies-file=${cookies}`, '--cookies-policy=always', `http://127.0.0.1:${port}/`],
    { env, stdio: ['ignore', 'ignore', 'pipe'], detached: true },
  );
  let stderr = '';
  browser.stderr.on('data', (d) => (stderr = (stderr + d).slice(-3000)));
  const timer = setTimeout(() => done(new Error('timed out')), TIMEOUT);
  const error = await finished;
  clearTimeout(timer);
  // MiniBrowser and its web and network processes (its own process group), then the profile is read.
  const exited = new Promise((resolve) => (browser.exitCode != null ? resolve() : browser.once('exit', resolve)));
  try {
    process.kill(-browser.pid, 'SIGTERM');
  } catch {}
  await exited;
  server.close();
  server.closeAllConnections();
  console.log(log.join('\n'));
  if (error) {
    console.error(`MiniBrowser did not finish: ${error.message}\n${stderr}`);
    remove(profile);
    process.exit(1);
  }

  const now = Date.now() / 1000;
  const rows = spawnSync('sqlite3', ['-separator', ' ', cookies, "SELECT host, name, expiry FROM moz_cookies WHERE name = 'candor'"], {
    encoding: 'utf8',
  });
  remove(profile);
  if (rows.status !== 0) {
    console.error(`could not read ${cookies}: ${rows.stderr}`);
    process.exit(1);
  }
  const found = Object.fromEntries(
    rows.stdout
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [host, , expiry] = line.split(' ');
        return [host, (Number(expiry) - now) / 86400];
      }),
  );
  const script = found['127.0.0.1'];
  const served = found.localhost;
  console.log(`\nWebKitGTK, tracking prevention ${ITP ? 'on (--enable-itp)' : 'off'}, persistent profile, reaskAfterDays ${DAYS}:`);
  console.log(`  candor cookie written by script only  (127.0.0.1): expires in ${script == null ? 'n/a (not stored)' : script.toFixed(2) + ' days'}`);
  console.log(`  candor cookie re-issued by the server (localhost): expires in ${served == null ? 'n/a (not stored)' : served.toFixed(2) + ' days'}`);
  const ok = script != null && served != null && (ITP ? script <= 7.01 : script > DAYS - 1) && served > DAYS - 1;
  console.log(
    ok
      ? `OK: ${ITP ? 'the script-set cookie is capped at 7 days,' : 'without tracking prevention nothing is capped;'} the server-set one keeps its lifetime`
      : `FAILED: expected ${ITP ? '≤ 7' : '≈ 182'} days and ≈ 182 days`,
  );
  process.exit(ok ? 0 : 1);
}
