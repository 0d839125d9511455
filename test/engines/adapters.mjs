// One thin adapter per engine, all with the same small surface, so the flows (flows.mjs) are written once:
//
//   engine.start()           → driver { version, session(), close() }
//   driver.session()         → a fresh profile (no cookies, no storage): { page, newPage(), close() }
//   page.goto(url) / reload() / back()   navigate and wait for `load` (back: the previous entry of the tab's history)
//   page.eval(expression)       the value of a JS expression in the page (promises awaited, JSON values only)
//   page.click(x, y)            a real mouse click at viewport coordinates
//   page.press(key)             a real key press: 'Tab', 'Shift+Tab', 'Escape', 'Enter', 'Space'
//   page.download(name)         the text of the file the browser saved as `name` (its downloads folder)
//   driver.session({ gpc: true })  a profile whose browser sends Global Privacy Control, or { skip: why not }
//   driver.session({ languages })  a profile whose browser prefers `languages` (navigator.languages), or { skip: why not }
//   driver.session({ colorScheme: 'dark' })  a profile whose browser prefers the dark color scheme, or { skip: why not }
//
// Chromium: playwright-core. Firefox: puppeteer-core over WebDriver BiDi (playwright-core cannot drive a stock
// Firefox). WebKit: WebKitGTK's WebKitWebDriver spoken to in classic WebDriver by webdriver.mjs.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS, CHROMIUM_MISSING, CHROMIUM_PATH } from '../e2e/env.mjs';
import { webkitDriver } from './webdriver.mjs';

export const FIREFOX_PATH = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
export const WEBKIT_DRIVER_PATH = process.env.WEBKIT_DRIVER_PATH || '/usr/bin/WebKitWebDriver';
const VIEWPORT = { width: 1280, height: 800 };

/** Poll `get` until it returns something other than undefined (a download being written). */
async function poll(get, what, timeout = 10_000) {
  for (const end = Date.now() + timeout; ; await new Promise((r) => setTimeout(r, 50))) {
    const value = await get();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
  }
}

/** Playwright and Puppeteer pages answer the same calls, but for key chords. */
const wrap = (page, press, download) => ({
  goto: async (url) => void (await page.goto(url)),
  reload: async () => void (await page.reload()),
  back: async () => void (await page.goBack()),
  eval: (expression) => page.evaluate(expression),
  click: (x, y) => page.mouse.click(x, y),
  press,
  download,
});

export const ENGINES = {
  chromium: {
    binary: CHROMIUM_PATH,
    missing: CHROMIUM_MISSING,
    async start() {
      const { chromium } = await import('playwright-core');
      const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
      return {
        version: `Chromium ${browser.version()}`,
        async session({ gpc, languages, colorScheme } = {}) {
          if (gpc)
            return {
              skip: 'Chromium has no setting that turns Global Privacy Control on (navigator.globalPrivacyControl exists only behind a Blink flag, and is false there)',
            };
          const context = await browser.newContext({
            viewport: VIEWPORT,
            reducedMotion: 'reduce',
            ...(languages && { locale: languages[0] }),
            ...(colorScheme && { colorScheme }),
          });
          const page = async () => {
            const p = await context.newPage();
            const downloads = [];
            p.on('download', (d) => downloads.push(d));
            return wrap(
              p,
              (key) => p.keyboard.press(key),
              async (name) => {
                const d = await poll(() => downloads.find((d) => d.suggestedFilename() == name), `the download of ${name}`);
                return readFileSync(await d.path(), 'utf8');
              },
            );
          };
          return { page: await page(), newPage: page, close: () => context.close() };
        },
        close: () => browser.close(),
      };
    },
  },
  firefox: {
    binary: FIREFOX_PATH,
    missing: `Firefox not found at ${FIREFOX_PATH} — install it with: apt-get install -y firefox-esr (or set FIREFOX_PATH)`,
    async start() {
      const { default: puppeteer } = await import('puppeteer-core');
      // Downloads go to a folder of this run, without asking.
      const downloads = mkdtempSync(join(tmpdir(), 'candor-firefox-'));
      const launch = (prefs = {}) =>
        puppeteer.launch({
          browser: 'firefox',
          executablePath: FIREFOX_PATH,
          headless: true,
          defaultViewport: VIEWPORT,
          extraPrefsFirefox: {
            'browser.download.dir': downloads,
            'browser.download.folderList': 2,
            'browser.download.useDownloadDir': true,
            'browser.download.always_ask_before_handling_new_types': false,
            ...prefs,
          },
        });
      const browser = await launch();
      /**
       * A second Firefox, started once for the flows that ask for it (3–4 s): Global Privacy Control on, French
       * preferred (`intl.accept_languages`; the GPC flow's page is in English, a language the site offers, so the
       * French preference changes nothing there), the dark color scheme (Puppeteer's emulateMediaFeatures speaks
       * CDP, which Firefox does not: `layout.css.prefers-color-scheme.content-override` 0 is dark).
       */
      let other;
      const OTHER_LANGUAGES = ['fr-FR', 'fr'];
      return {
        version: (await browser.version()).replace(/^firefox\//i, 'Firefox '),
        async session({ gpc, languages, colorScheme } = {}) {
          if (languages && languages.join() != OTHER_LANGUAGES.join())
            return { skip: `the second Firefox prefers ${OTHER_LANGUAGES} (test/engines/adapters.mjs), not ${languages}` };
          const second = gpc || languages || colorScheme == 'dark';
          if (second)
            other ||= launch({
              'privacy.globalprivacycontrol.enabled': true,
              'privacy.globalprivacycontrol.functionality.enabled': true,
              'intl.accept_languages': OTHER_LANGUAGES.join(', '),
              'layout.css.prefers-color-scheme.content-override': 0,
            });
          const b = second ? other : browser;
          const context = await (await b).createBrowserContext();
          const page = async () => {
            const p = await context.newPage();
            await p.setViewport(VIEWPORT);
            return wrap(
              p,
              async (key) => {
                const [modifier, name] = key.includes('+') ? key.split('+') : [null, key];
                if (modifier) await p.keyboard.down(modifier);
                await p.keyboard.press(name == 'Space' ? ' ' : name); // Puppeteer over BiDi knows the space bar as ' '
                if (modifier) await p.keyboard.up(modifier);
              },
              (name) =>
                poll(() => {
                  try {
                    return readFileSync(join(downloads, name), 'utf8') || undefined;
                  } catch {}
                }, `${name} in the downloads folder`),
            );
          };
          return { page: await page(), newPage: page, close: () => context.close() };
        },
        async close() {
          await Promise.all([browser.close(), other?.then((b) => b.close())]);
          rmSync(downloads, { recursive: true, force: true });
        },
      };
    },
  },
  webkit: {
    binary: WEBKIT_DRIVER_PATH,
    missing: `WebKitWebDriver not found at ${WEBKIT_DRIVER_PATH} — install it with: apt-get install -y webkit2gtk-driver xvfb xauth (or set WEBKIT_DRIVER_PATH)`,
    start: () => webkitDriver(WEBKIT_DRIVER_PATH),
  },
};

/** The one line that says how to install the first missing browser among `names`, or null. */
export function missingBrowser(names) {
  for (const name of names) if (!existsSync(ENGINES[name].binary)) return ENGINES[name].missing;
  return null;
}
