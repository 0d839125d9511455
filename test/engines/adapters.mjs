// One thin adapter per engine, all with the same small surface, so the flows (flows.mjs) are written once:
//
//   engine.start()           → driver { version, session(), close() }
//   driver.session()         → a fresh profile (no cookies, no storage): { page, newPage(), close() }
//   page.goto(url) / reload()   navigate and wait for `load`
//   page.eval(expression)       the value of a JS expression in the page (promises awaited, JSON values only)
//   page.click(x, y)            a real mouse click at viewport coordinates
//   page.press(key)             a real key press: 'Tab', 'Shift+Tab', 'Escape', 'Enter'
//
// Chromium: playwright-core. Firefox: puppeteer-core over WebDriver BiDi (playwright-core cannot drive a stock
// Firefox). WebKit: WebKitGTK's WebKitWebDriver spoken to in classic WebDriver by webdriver.mjs.
import { existsSync } from 'node:fs';
import { CHROMIUM_ARGS, CHROMIUM_MISSING, CHROMIUM_PATH } from '../e2e/env.mjs';
import { webkitDriver } from './webdriver.mjs';

export const FIREFOX_PATH = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
export const WEBKIT_DRIVER_PATH = process.env.WEBKIT_DRIVER_PATH || '/usr/bin/WebKitWebDriver';
const VIEWPORT = { width: 1280, height: 800 };

/** Playwright and Puppeteer pages answer the same calls, but for key chords. */
const wrap = (page, press) => ({
  goto: async (url) => void (await page.goto(url)),
  reload: async () => void (await page.reload()),
  eval: (expression) => page.evaluate(expression),
  click: (x, y) => page.mouse.click(x, y),
  press,
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
        async session() {
          const context = await browser.newContext({ viewport: VIEWPORT, reducedMotion: 'reduce' });
          const page = async () => {
            const p = await context.newPage();
            return wrap(p, (key) => p.keyboard.press(key));
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
      const browser = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX_PATH, headless: true, defaultViewport: VIEWPORT });
      return {
        version: (await browser.version()).replace(/^firefox\//i, 'Firefox '),
        async session() {
          const context = await browser.createBrowserContext();
          const page = async () => {
            const p = await context.newPage();
            await p.setViewport(VIEWPORT);
            return wrap(p, async (key) => {
              const [modifier, name] = key.includes('+') ? key.split('+') : [null, key];
              if (modifier) await p.keyboard.down(modifier);
              await p.keyboard.press(name);
              if (modifier) await p.keyboard.up(modifier);
            });
          };
          return { page: await page(), newPage: page, close: () => context.close() };
        },
        close: () => browser.close(),
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
