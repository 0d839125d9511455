// Consent bypasses an attacker or a site's own history can cause (issue #11): an injected #candor-config,
// stale `candor` cookies on other paths or domains, markup injected under a strict-dynamic CSP, Trusted
// Types, DOM clobbering. Each test fails on a build without the fix.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ACCEPT_ALL_RAN,
  DIST,
  PAGES,
  TEXT,
  button,
  dialog,
  floatingButton,
  openPage,
  ran,
  ready,
  state,
  waitBanner,
  waitNoBanner,
  waitRan,
} from './harness.mjs';

const T = TEXT.en;
const opts = { timeout: 30_000 };

/** Every CSP / Trusted Types violation seen so far (events from an init script, and console reports). */
async function violations(page, log) {
  const events = await page.evaluate(() => window.__csp || []);
  return [...events.map((v) => `${v.directive} blocked ${v.blocked} ${v.sample || ''}`), ...log.cspConsole];
}

/** Serve the HTML pages of this context with `policy(nonce)` as their Content-Security-Policy header. */
async function withPolicy(context, policy) {
  await context.route(
    (url) => url.pathname.endsWith('.html') || url.pathname === '/',
    async (route) => {
      const response = await route.fetch();
      const body = await response.text();
      const nonce = (/nonce="([^"]+)"/.exec(body) || [])[1];
      await route.fulfill({ response, body, headers: { ...response.headers(), 'content-security-policy': policy(nonce) } });
    },
  );
}

/**
 * Gated scripts the gate has activated (no longer `type="text/plain"`), after one turn of the event loop so
 * that a scan the MutationObserver scheduled has run. Activation is synchronous, so this is what ran or loads.
 */
const activated = (page) =>
  page.evaluate(
    () =>
      new Promise((resolve) =>
        setTimeout(() =>
          resolve([...document.querySelectorAll('script[data-purpose]:not([type="text/plain"])')].map((s) => s.getAttribute('src') || s.text.trim())),
        ),
      ),
  );

/** Wait until `fn()` holds (console lines arrive asynchronously). */
async function until(fn, what) {
  for (let i = 0; i < 100 && !fn(); i++) await new Promise((r) => setTimeout(r, 50));
  assert.ok(fn(), what);
}

/** Console messages of the page (all types), as text. */
function consoleLines(page) {
  const lines = [];
  page.on('console', (m) => lines.push(`${m.type()}: ${m.text()}`));
  return lines;
}

test('an injected <p hidden id="candor-config"> with every purpose required is ignored: data-config wins, nothing runs', opts, async (t) => {
  const { page, server, log } = await openPage(t);
  const lines = consoleLines(page);
  await page.goto(server.url('/bypass/hijack.html'));
  await ready(page);
  const region = await waitBanner(page);
  assert.deepEqual(await activated(page), [], 'no gated script ran without a decision');
  assert.deepEqual(await ran(page), []);
  const s = await state(page);
  assert.equal(s.purposes.analytics, false);
  assert.equal(s.purposes.marketing, false);
  assert.equal(s.version, null);
  assert.equal(await page.evaluate(() => window.candor.config.controller.name), 'Maison Lumière SAS', 'the configuration is the one of data-config');
  assert.equal(lines.filter((l) => /ignored #candor-config/.test(l)).length, 1, `one console warning: ${lines.join('\n')}`);
  await button(region, T.rejectAll).click();
  await waitNoBanner(page);
  assert.ok(!server.requests.some((r) => r.startsWith('/evil-receipts')), 'no receipt went to the injected endpoint');
  assert.deepEqual(log.pageErrors, []);
});

test('an injected element is no configuration even without data-config: Candor fails closed', opts, async (t) => {
  const { page, server } = await openPage(t);
  const lines = consoleLines(page);
  await page.goto(server.url('/bypass/hijack-only.html'));
  await ready(page);
  const s = await state(page);
  assert.ok(s.error?.length, 'no usable configuration');
  assert.equal(s.purposes.analytics, undefined);
  assert.equal(await page.evaluate(() => window.candor.has('analytics')), false);
  assert.deepEqual(await activated(page), []);
  await until(() => lines.some((l) => /ignored #candor-config/.test(l)), lines.join('\n'));
});

test('a stale candor cookie on a deeper Path does not outlive Reject all', opts, async (t) => {
  const { page, context, server } = await openPage(t);
  // An Accept all stored by an older set-up of the site with Path=/bypass, listed first by the browser.
  const time = Math.floor(Date.now() / 1000 - 3600).toString(36);
  await context.addCookies([
    { name: 'candor', value: `1~${time}~analytics+personalization+marketing~health-offers~2026-11`, domain: '127.0.0.1', path: '/bypass' },
  ]);
  await page.goto(server.url('/bypass/cookie.html'));
  await ready(page);
  await waitRan(page, 1);
  await floatingButton(page).click();
  const d = dialog(page);
  await d.waitFor({ state: 'visible' });
  await button(d, T.rejectAll).click();
  await d.waitFor({ state: 'hidden' });
  await page.reload();
  await ready(page);
  assert.equal((await state(page)).purposes.analytics, false, 'analytics stays refused after the reload');
  assert.deepEqual(await activated(page), []);
  const cookies = (await context.cookies()).filter((c) => c.name === 'candor');
  assert.deepEqual(
    cookies.map((c) => c.path),
    ['/'],
    'one candor cookie left, the new one',
  );
});

test('Accept all with cookieDomain, then the site drops cookieDomain, Reject all, reload: analytics not granted', opts, async (t) => {
  const { page, context, server } = await openPage(t);
  // *.localhost resolves to the loopback server and takes Domain cookies (127.0.0.1 cannot).
  const site = (path) => server.origin.replace('127.0.0.1', 'www.site.localhost') + path;
  await page.goto(site('/bypass/cookie-domain.html'));
  await ready(page);
  await button(await waitBanner(page), T.acceptAll).click();
  await waitRan(page, 1);
  assert.deepEqual(
    (await context.cookies()).filter((c) => c.name === 'candor').map((c) => c.domain),
    ['.site.localhost'],
  );

  await page.goto(site('/bypass/cookie.html'));
  await ready(page);
  assert.equal((await state(page)).purposes.analytics, true, 'the shared decision still applies');
  await floatingButton(page).click();
  const d = dialog(page);
  await d.waitFor({ state: 'visible' });
  await button(d, T.rejectAll).click();
  await d.waitFor({ state: 'hidden' });

  await page.reload();
  await ready(page);
  assert.equal((await state(page)).purposes.analytics, false, 'analytics not granted again');
  assert.deepEqual(await activated(page), []);
  assert.deepEqual(
    (await context.cookies()).filter((c) => c.name === 'candor').map((c) => c.domain),
    ['www.site.localhost'],
    'the parent-domain copy is gone',
  );
});

test("strict-dynamic: a gated inline script injected without the page's nonce never runs, the page's own does", opts, async (t) => {
  const { page, context, server, log } = await openPage(t);
  await withPolicy(context, (nonce) => `script-src 'nonce-${nonce}' 'strict-dynamic'; style-src 'self'`);
  const lines = consoleLines(page);
  const response = await page.goto(server.url('/bypass/strict-dynamic.html'));
  assert.match(response.headers()['content-security-policy'], /'strict-dynamic'/);
  await ready(page);
  await page.waitForFunction(() => window.own === 'ran');
  // The same markup injected later (a comment rendered by the page's own script).
  await page.evaluate(() =>
    document
      .querySelector('main')
      .insertAdjacentHTML('beforeend', '<script type="text/plain" data-purpose="necessary">window.pwned = "late";</script>'),
  );
  await waitBanner(page); // the chunks still load: candor.js gives them its nonce
  assert.deepEqual(await activated(page), ["window.own = 'ran';"], 'only the script with the nonce was activated');
  assert.equal(await page.evaluate(() => window.pwned), undefined, 'injected markup did not run');
  await until(() => lines.some((l) => /without the nonce/.test(l)), lines.join('\n'));
  assert.equal(lines.filter((l) => /without the nonce/.test(l)).length, 1, `one warning: ${lines.join('\n')}`);
  assert.deepEqual(await violations(page, log), []);
  assert.deepEqual(log.pageErrors, []);
});

test('strict-dynamic: an injected <img name="currentScript"> before candor.js does not turn the nonce rule off', opts, async (t) => {
  // The page's config, stamped by this build's CLI: read inline without the validator (candor.js cannot find its own
  // directory here, the image stands where its script tag should be).
  const dir = mkdtempSync(join(tmpdir(), 'candor-clobber-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'consent.json');
  writeFileSync(file, readFileSync(join(PAGES, 'consent.json')));
  const r = spawnSync(process.execPath, [join(DIST, 'cli.js'), 'validate', '--stamp', file], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  const stamped = readFileSync(file, 'utf8');
  const { page, context, server } = await openPage(t);
  await context.route('**/bypass/clobber-nonce.html', async (route) => {
    const response = await route.fetch();
    const body = (await response.text()).replace('{ "$comment": "the stamped config" }', () => stamped);
    const nonce = /nonce="([^"]+)"/.exec(body)[1];
    const csp = `script-src 'nonce-${nonce}' 'strict-dynamic'; style-src 'self'`;
    await route.fulfill({ response, body, headers: { ...response.headers(), 'content-security-policy': csp } });
  });
  await page.goto(server.url('/bypass/clobber-nonce.html'));
  await ready(page);
  assert.equal(await page.evaluate(() => document.currentScript instanceof HTMLImageElement), true, 'the image clobbers currentScript');
  assert.equal(await page.evaluate(() => window.candor.has('necessary')), true, 'the config was read: necessary is granted');
  const activation = await activated(page);
  assert.equal(await page.evaluate(() => window.pwned), undefined, 'injected markup did not run');
  assert.deepEqual(activation, [], 'the injected gated script was not activated');
});

test("Trusted Types (require-trusted-types-for 'script'; trusted-types candor): banner, gated scripts, zero violations", opts, async (t) => {
  const { page, context, server, log } = await openPage(t);
  await withPolicy(context, () => "require-trusted-types-for 'script'; trusted-types candor");
  const response = await page.goto(server.url('/'));
  assert.match(response.headers()['content-security-policy'], /require-trusted-types-for/);
  await ready(page);
  const region = await waitBanner(page);
  await button(region, T.customize).click(); // the preference center is a chunk too
  const d = dialog(page);
  await d.waitFor({ state: 'visible' });
  await button(d, T.acceptAll).click();
  await waitRan(page, ACCEPT_ALL_RAN.length);
  assert.deepEqual(await ran(page), ACCEPT_ALL_RAN);
  assert.deepEqual(await violations(page, log), []);
  assert.deepEqual(log.consoleErrors, []);
  assert.deepEqual(log.pageErrors, []);
});

test('Trusted Types without candor in trusted-types: the console says what to add', opts, async (t) => {
  const { page, context, server, log } = await openPage(t);
  await withPolicy(context, () => "require-trusted-types-for 'script'; trusted-types other");
  await page.goto(server.url('/'));
  await ready(page);
  await until(
    () => /could not create the Trusted Types policy candor: add it to trusted-types/.test(log.consoleErrors.join('\n')),
    log.consoleErrors.join('\n'),
  );
  assert.doesNotMatch(log.consoleErrors.join('\n'), /invalid configuration/);
  assert.deepEqual(await activated(page), []);
});

test('<form id="candor"><input name="ready"></form> before candor.js does not stop it', opts, async (t) => {
  const { page, server } = await openPage(t);
  await page.goto(server.url('/bypass/clobber.html'));
  await ready(page);
  await waitBanner(page);
  assert.equal(await page.evaluate(() => typeof window.candor.has), 'function');
  assert.deepEqual(await ran(page), []);
});

test('<img name="currentScript" data-config> cannot configure Candor', opts, async (t) => {
  const { page, server } = await openPage(t);
  await page.goto(server.url('/bypass/clobber-script.html'));
  await ready(page);
  assert.ok(!server.requests.includes('/bypass/all-required.json'), "the clobbering element's config was not fetched");
  assert.equal(await page.evaluate(() => window.candor.has('analytics')), false);
  assert.deepEqual(await activated(page), []);
});
