// A small classic WebDriver (W3C) client over fetch, for WebKitGTK's WebKitWebDriver: enough for the flows
// (navigate, execute script, real pointer and key actions, tabs). Each session is a fresh MiniBrowser with an
// empty, temporary profile. WebKit needs a display: run.mjs starts everything under `xvfb-run -a` when
// DISPLAY is unset.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** New Session hangs now and then: wait this long, then try once more. */
const NEW_SESSION_TIMEOUT = 20_000;
const COMMAND_TIMEOUT = 30_000;
/** MiniBrowser's options: `--dark-mode` makes it prefer the dark color scheme (GTK's prefer-dark-theme). */
const capabilities = (args = []) => ({ capabilities: { alwaysMatch: { 'webkitgtk:browserOptions': { args: ['--automation', ...args] } } } });
/** WebDriver key codes (W3C WebDriver §17.4.2). */
const KEYS = { Tab: '\uE004', Escape: '\uE00C', Enter: '\uE007', Shift: '\uE008', Space: '\uE00D' };

const freePort = () =>
  new Promise((resolve, reject) => {
    const s = createServer()
      .once('error', reject)
      .listen(0, '127.0.0.1', () => {
        const { port } = s.address();
        s.close(() => resolve(port));
      });
  });

/**
 * A driver whose browsers prefer `languages`: WebKitGTK takes its language from the process locale (not from
 * LANGUAGE), so the locale of the first one is compiled into a folder of the run (`localedef`, Debian `locales`
 * sources in /usr/share/i18n) and named by LOCPATH and LANG.
 */
async function localeDriver(binary, languages) {
  const locale = languages[0].replace('-', '_');
  const dir = mkdtempSync(join(tmpdir(), 'candor-locale-'));
  spawnSync('localedef', ['-i', locale, '-f', 'UTF-8', join(dir, `${locale}.UTF-8`)], { stdio: 'ignore' });
  if (!existsSync(join(dir, `${locale}.UTF-8`))) {
    rmSync(dir, { recursive: true, force: true });
    return {
      skip: `WebKitGTK takes its languages from the locale, and localedef could not compile ${locale}.UTF-8 (Debian: apt-get install -y locales)`,
    };
  }
  const driver = await webkitDriver(binary, { LOCPATH: dir, LANG: `${locale}.UTF-8`, LC_ALL: `${locale}.UTF-8` });
  const close = driver.close;
  driver.close = () => close().finally(() => rmSync(dir, { recursive: true, force: true }));
  return driver;
}

/** Start `WebKitWebDriver --port=P` and return a driver (see adapters.mjs); `env`: more environment for it and its browsers. */
export async function webkitDriver(binary, env = {}) {
  const port = await freePort();
  // Downloads go where GLib's user dirs say (else to $HOME, without asking): a folder of this run.
  const config = mkdtempSync(join(tmpdir(), 'candor-webkit-'));
  const downloads = join(config, 'downloads');
  mkdirSync(downloads);
  writeFileSync(join(config, 'user-dirs.dirs'), `XDG_DOWNLOAD_DIR="${downloads}"\n`);
  const proc = spawn(binary, [`--port=${port}`], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, XDG_CONFIG_HOME: config, ...env } });
  let stderr = '';
  proc.stderr.on('data', (d) => (stderr = (stderr + d).slice(-2000)));
  const exited = new Promise((resolve) => proc.once('exit', resolve));
  const base = `http://127.0.0.1:${port}`;

  const call = async (method, path, body, timeout = COMMAND_TIMEOUT) => {
    const r = await fetch(base + path, {
      method,
      headers: body ? { 'Content-Type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(timeout),
    });
    const json = await r.json().catch(() => ({}));
    if (!r.ok) throw new Error(`WebDriver ${method} ${path}: ${json.value?.error || r.status} ${json.value?.message || ''}`.trim());
    return json.value;
  };

  // Wait for the driver to listen (it answers /status once up).
  for (let i = 0; ; i++) {
    try {
      await call('GET', '/status', undefined, 1000);
      break;
    } catch (e) {
      if (proc.exitCode != null || i > 100) throw new Error(`WebKitWebDriver did not start: ${e.message}\n${stderr}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  const newSession = async (args) => {
    try {
      return await call('POST', '/session', capabilities(args), NEW_SESSION_TIMEOUT);
    } catch {
      return call('POST', '/session', capabilities(args), NEW_SESSION_TIMEOUT);
    }
  };
  let version = '';
  const sessions = new Set();
  /** Drivers of other languages, started for the flows that ask for them. */
  const others = new Map();

  return {
    get version() {
      return version;
    },
    async session({ gpc, languages, colorScheme } = {}) {
      if (gpc) return { skip: 'WebKit has no Global Privacy Control: navigator.globalPrivacyControl is undefined in WebKitGTK 2.50, as in Safari' };
      if (languages) {
        if (!others.has(languages.join())) others.set(languages.join(), localeDriver(binary, languages));
        const other = await others.get(languages.join());
        return other.skip ? other : other.session();
      }
      const answer = await newSession(colorScheme == 'dark' ? ['--dark-mode'] : []);
      const { sessionId } = answer;
      version ||= `WebKitGTK ${answer.capabilities.browserVersion}`;
      const s = (method, path, body) => call(method, `/session/${sessionId}${path}`, body);
      sessions.add(sessionId);
      let current = await s('GET', '/window');
      await s('POST', '/window/rect', { width: 1280, height: 800 }).catch(() => {});
      const page = (handle) => {
        // Every command goes to this page's tab.
        const on = async (method, path, body) => {
          if (current != handle) await s('POST', '/window', { handle });
          current = handle;
          return s(method, path, body);
        };
        const actions = (list) => on('POST', '/actions', { actions: list }).then(() => on('DELETE', '/actions'));
        return {
          goto: (url) => on('POST', '/url', { url }),
          reload: () => on('POST', '/refresh', {}),
          back: () => on('POST', '/back', {}),
          eval: (expression) => on('POST', '/execute/sync', { script: `return ${expression};`, args: [] }),
          async download(name) {
            for (const end = Date.now() + COMMAND_TIMEOUT; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) {
              try {
                const text = readFileSync(join(downloads, name), 'utf8');
                if (text) return text;
              } catch {}
            }
            throw new Error(`${name} not in the downloads folder`);
          },
          click: (x, y) =>
            actions([
              {
                type: 'pointer',
                id: 'mouse',
                parameters: { pointerType: 'mouse' },
                actions: [
                  { type: 'pointerMove', x: Math.round(x), y: Math.round(y), origin: 'viewport' },
                  { type: 'pointerDown', button: 0 },
                  { type: 'pointerUp', button: 0 },
                ],
              },
            ]),
          press(key) {
            const names = key.split('+');
            const keys = names.map((k) => KEYS[k] || k);
            return actions([
              {
                type: 'key',
                id: 'keyboard',
                actions: [...keys.map((value) => ({ type: 'keyDown', value })), ...keys.reverse().map((value) => ({ type: 'keyUp', value }))],
              },
            ]);
          },
        };
      };
      return {
        page: page(current),
        newPage: async () => page((await s('POST', '/window/new', { type: 'tab' })).handle),
        close: async () => {
          sessions.delete(sessionId);
          await s('DELETE', '').catch(() => {});
        },
      };
    },
    async close() {
      await Promise.all([...others.values()].map((d) => d.then((d) => d.close?.())));
      await Promise.all([...sessions].map((id) => call('DELETE', `/session/${id}`).catch(() => {})));
      proc.kill('SIGTERM');
      await exited;
      rmSync(config, { recursive: true, force: true });
    },
  };
}
