// The configuration playground (demo/playground.html, issue #7): the JSON editor checked by Candor's own
// validator, the real banner re-rendered in an iframe as you type, the language switch and the embed snippet.
//
// Served by the harness's demo server (demo/ + the dist/ snapshot of this run), and once by demo/serve.mjs
// itself with its `--csp` policy.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { DEMO, DIST, TEXT, axe, browser, checkDist, demoServer, describeViolations } from './harness.mjs';
import { startServer as startDemoServer } from '../../demo/serve.mjs';

/** demo/consent.json as the editor starts with it. */
const CONFIG_TEXT = readFileSync(join(DEMO, 'consent.json'), 'utf8');
const URL_SNIPPET = '<script src="/candor/candor.js" data-config="/consent.json"></script>';
/** Debounce of the playground (300 ms) plus a margin: how long an edit may take to be checked. */
const CHECKED = 5000;

/**
 * A fresh context on the playground, with what the page reports collected. Options: `viewport`,
 * `permissions` (e.g. the clipboard), `init` (run before any page script, in every frame), `origin`
 * (another server), `query` (e.g. `?csp=strict`).
 */
async function openPlayground(t, { viewport, permissions = [], init, origin, query = '' } = {}) {
  checkDist();
  const base = origin || (await demoServer()).origin;
  const context = await (await browser()).newContext({
    viewport: viewport || { width: 1280, height: 900 },
    locale: 'en-US',
    reducedMotion: 'reduce',
    permissions,
  });
  t.after(() => context.close().catch(() => {}));
  await context.addInitScript(() => {
    window.__csp = [];
    addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`), true);
  });
  if (init) await context.addInitScript(init);
  const page = await context.newPage();
  page.setDefaultTimeout(CHECKED + 2000);
  const log = { pageErrors: [], consoleErrors: [], csp: [] };
  page.on('pageerror', (e) => log.pageErrors.push(String(e?.stack || e)));
  page.on('console', (m) => {
    if (/Content.Security.Policy/i.test(m.text())) log.csp.push(m.text());
    if (m.type() === 'error') log.consoleErrors.push(m.text());
  });
  await page.goto(`${base}/playground.html${query}`);
  await page.locator('#pg-report[aria-busy="false"]').waitFor();
  const preview = page.frameLocator('#pg-preview');
  return { page, log, preview, context };
}

const editor = (page) => page.getByLabel('Configuration JSON (consent.json)');
const summary = (page) => page.locator('#pg-summary');
const problems = (page) => page.locator('#pg-problems > li');
const previewBanner = (preview, lang = 'en') => preview.getByRole('region', { name: TEXT[lang].bannerLabel, exact: true });
const acceptAll = (preview, lang = 'en') => previewBanner(preview, lang).getByRole('button', { name: TEXT[lang].acceptAll, exact: true });

/** Replace the editor's text (one input event, like a paste) and wait until the count says `expected`. */
async function edit(page, change, expected) {
  await editor(page).fill(change(await editor(page).inputValue()));
  await assertSummary(page, expected);
}

/** Wait for the check of the current text (the report is `aria-busy` until then), and compare the count. */
async function assertSummary(page, expected) {
  await page.locator('#pg-report[aria-busy="false"]').waitFor({ timeout: CHECKED });
  assert.equal((await summary(page).textContent()).trim(), expected);
}

/** Poll `probe` until it returns `expected` (deep-equal); fail with the last value seen. */
async function until(probe, expected, message) {
  let last;
  for (const end = Date.now() + CHECKED; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) {
    last = await probe().catch((e) => e);
    try {
      assert.deepEqual(last, expected);
      return;
    } catch {}
  }
  assert.deepEqual(last, expected, message);
}

/** The editor's caret: its offset, and the line it is on (1-based). */
const caret = (page) =>
  page.locator('#pg-config').evaluate((el) => ({
    start: el.selectionStart,
    line: el.value.slice(0, el.selectionStart).split('\n').length,
    focused: document.activeElement === el,
  }));

function assertClean(log) {
  assert.deepEqual(log.pageErrors, [], 'no uncaught error');
  assert.deepEqual(log.consoleErrors, [], 'no console error');
  assert.deepEqual(log.csp, [], 'no CSP report');
}

test('starts with the demo configuration, counts its one warning, and shows the real banner', async (t) => {
  const { page, preview, log } = await openPlayground(t);
  assert.equal(await editor(page).inputValue(), CONFIG_TEXT);
  assert.equal(await editor(page).evaluate((el) => getComputedStyle(el).fontFamily.includes('monospace')), true, 'monospace editor');
  assert.equal((await summary(page).textContent()).trim(), 'Valid, 1 warning');
  assert.equal(await problems(page).count(), 1);
  const warning = problems(page).first();
  assert.match(await warning.textContent(), /^Warning purposes\[2\]\.ai AI that targets on age/);
  assert.match(await warning.locator('.pg-hint').textContent(), /^Hint: AI Act/);

  await acceptAll(preview).waitFor();
  assert.equal(await page.locator('#pg-stale').isVisible(), false, 'not labelled stale');
  // The preview page's `data-candor-open` button opens the real preference center.
  await preview.getByRole('button', { name: 'Open the preference center' }).click();
  await preview.getByRole('dialog', { name: TEXT.en.dialogTitle, exact: true }).waitFor();
  await preview.getByRole('switch', { name: 'Audience measurement', exact: true }).waitFor();
  assertClean(log);
});

test('lists an unsafe policyUrl with its path, keeps the last valid preview dimmed, then shows the fix', async (t) => {
  const { page, preview, log } = await openPlayground(t);
  await acceptAll(preview).waitFor();

  // Type over "/privacy.html", as a user would.
  await editor(page).evaluate((el) => {
    const start = el.value.indexOf('/privacy.html');
    el.focus();
    el.setSelectionRange(start, start + '/privacy.html'.length);
  });
  await page.keyboard.type('javascript:alert(1)');
  await assertSummary(page, '1 error, 1 warning');
  const error = problems(page).first();
  assert.equal(await error.locator('.pg-path').textContent(), 'policyUrl');
  assert.match(await error.textContent(), /^Error policyUrl "javascript:alert\(1\)" is not an allowed URL/);
  assert.match(await error.locator('.pg-hint').textContent(), /https:/);
  assert.equal(await page.locator('#pg-report').getAttribute('aria-live'), 'polite');

  // The last valid version stays, dimmed and labelled.
  await page.getByText('Last valid version').waitFor();
  assert.match(await page.locator('#pg-frame').getAttribute('class'), /pg-frame--stale/);
  assert.equal(await page.locator('#pg-preview').evaluate((f) => Number(getComputedStyle(f).opacity) < 1), true, 'dimmed');
  await acceptAll(preview).waitFor();
  const srcdoc = await page.locator('#pg-preview').getAttribute('srcdoc');
  assert.ok(srcdoc.includes('"/privacy.html"') && !srcdoc.includes('javascript:'), 'the preview keeps the valid config');

  // "Show in editor" selects the field the problem names.
  await error.getByRole('button', { name: 'Show in editor: policyUrl' }).click();
  const at = await caret(page);
  assert.equal(at.focused, true);
  assert.equal(at.start, (await editor(page).inputValue()).indexOf('"policyUrl"'));

  // Fix it, and rename a purpose: the banner follows.
  await edit(
    page,
    (text) => text.replace('javascript:alert(1)', '/privacy.html').replace('"Audience measurement"', '"Visit statistics"'),
    'Valid, 1 warning',
  );
  await previewBanner(preview).getByText('Visit statistics', { exact: true }).waitFor();
  assert.equal(await page.locator('#pg-stale').isVisible(), false);
  assert.doesNotMatch(await page.locator('#pg-frame').getAttribute('class'), /stale/);
  assertClean(log);
});

test('says plainly when the text is not JSON, at which line, and goes there', async (t) => {
  const { page, preview, log } = await openPlayground(t);
  await acceptAll(preview).waitFor();
  const broken = CONFIG_TEXT.replace('"id": "analytics",', '"id": "analytics"');
  const line = broken.slice(0, broken.indexOf('"title": { "fr": "Mesure')).split('\n').length;
  await edit(page, () => broken, 'Not valid JSON');
  assert.equal(await problems(page).count(), 1);
  assert.match(await problems(page).first().textContent(), new RegExp(`This text is not valid JSON at line ${line}, column \\d+: `));
  await page.getByText('Last valid version').waitFor();

  await problems(page)
    .first()
    .getByRole('button', { name: `Go to line ${line}` })
    .click();
  const at = await caret(page);
  assert.equal(at.focused, true);
  assert.equal(at.line, line);
  // The preview kept the last valid version, still usable.
  await acceptAll(preview).waitFor();

  await edit(page, () => '', 'Not valid JSON');
  assert.match(await problems(page).first().textContent(), /not valid JSON/);
  assertClean(log);
});

test('shows the banner again after a decision made in the preview, once the config changes', async (t) => {
  const { page, preview, context, log } = await openPlayground(t);
  // The banner is fixed at the bottom of the preview frame: bring the whole frame into the page's viewport first
  // (Playwright does not scroll the page for a fixed element inside a frame).
  await page.locator('#pg-preview').scrollIntoViewIfNeeded();
  await acceptAll(preview).click();
  await previewBanner(preview).waitFor({ state: 'hidden' });
  assert.ok(
    (await context.cookies()).some((c) => c.name === 'candor'),
    'the preview recorded the decision',
  );

  await edit(page, (text) => text.replace('"Targeted advertising"', '"Ads"'), 'Valid, 1 warning');
  await previewBanner(preview).getByText('Ads', { exact: true }).waitFor();
  await acceptAll(preview).waitFor();
  assertClean(log);
});

test("switches the preview language through <html lang>, from the config's languages", async (t) => {
  const { page, preview, log } = await openPlayground(t);
  await acceptAll(preview).waitFor();
  const language = page.getByLabel('Page language');
  const options = () => language.locator('option').evaluateAll((os) => os.map((o) => o.value));
  const lang = () => preview.locator('html').getAttribute('lang');
  // The config's languages first, then every other built-in language (preview only).
  await until(async () => (await options()).length, 25);
  assert.deepEqual((await options()).slice(0, 3), ['', 'fr', 'en']);
  assert.ok((await options()).includes('de') && (await options()).includes('el'));

  await language.selectOption('fr');
  await until(lang, 'fr');
  await acceptAll(preview, 'fr').waitFor();
  await previewBanner(preview, 'fr').getByText("Mesure d'audience", { exact: true }).waitFor();

  await language.selectOption('en');
  await until(lang, 'en');
  await acceptAll(preview, 'en').waitFor();

  // "auto" leaves <html lang> out: the browser's languages decide (en-US here).
  await language.selectOption('fr');
  await until(lang, 'fr');
  await language.selectOption('');
  await until(lang, null);
  await acceptAll(preview, 'en').waitFor();

  // The choices follow the configuration's `languages`; a language no longer offered falls back to auto.
  await language.selectOption('fr');
  await until(lang, 'fr');
  await edit(page, (text) => text.replace('"languages": ["fr", "en"]', '"languages": ["en"]'), 'Valid, 1 warning');
  assert.deepEqual((await options()).slice(0, 2), ['', 'en']);
  assert.equal(await language.inputValue(), '');
  await until(lang, null);
  await acceptAll(preview, 'en').waitFor();

  // A built-in language the config does not offer: the preview adds it and shows Candor's texts in it.
  await language.selectOption('pl');
  await until(lang, 'pl');
  await preview
    .getByRole('region', { name: 'Twoje wybory dotyczące prywatności', exact: true })
    .getByRole('button', { name: 'Odrzuć wszystkie', exact: true })
    .waitFor();
  assert.match(await page.locator('#pg-lang-note').textContent(), /"pl" is not in your "languages"/);
  assertClean(log);
});

test('warns about a text missing in one of the languages, with its path and the language', async (t) => {
  const { page, log } = await openPlayground(t);
  await edit(
    page,
    (text) => text.replace('"title": { "fr": "Mesure d\'audience", "en": "Audience measurement" }', '"title": { "en": "Audience measurement" }'),
    'Valid, 2 warnings',
  );
  await problems(page).filter({ hasText: 'no "fr" text' }).filter({ hasText: 'title' }).waitFor();
  assertClean(log);
});

test('copies the embed snippet, then the inline form with the current config', async (t) => {
  const { page, log } = await openPlayground(t, { permissions: ['clipboard-read', 'clipboard-write'] });
  const copy = page.getByRole('button', { name: 'Copy embed snippet', exact: true });
  const status = page.getByRole('status');

  await copy.click();
  await status.filter({ hasText: 'Copied' }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), URL_SNIPPET);
  assert.equal(await page.getByLabel('Embed snippet').inputValue(), URL_SNIPPET);

  await edit(page, (text) => text.replace('"Targeted advertising"', '"Ads </script><b>bold</b>"'), 'Valid, 1 warning');
  await page.getByLabel('Inline: the configuration above').check();
  assert.equal(await status.textContent(), '', 'the old confirmation is gone once the snippet changed');
  await copy.click();
  await status.filter({ hasText: 'Copied' }).waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  const parts = /^<script type="application\/json" id="candor-config">([\s\S]*)<\/script>\n<script src="\/candor\/candor\.js"><\/script>$/.exec(
    copied,
  );
  assert.ok(parts, `inline form expected, got:\n${copied.slice(0, 200)}`);
  assert.ok(!parts[1].includes('<'), '"<" is escaped inside the JSON script');
  const config = JSON.parse(parts[1]);
  assert.equal(config.purposes.find((p) => p.id === 'marketing').title.en, 'Ads </script><b>bold</b>');
  assert.deepEqual({ ...config, purposes: undefined }, { ...JSON.parse(CONFIG_TEXT), purposes: undefined });
  assertClean(log);
});

test('renders a config holding "</script>" as text in the preview', async (t) => {
  const { page, preview, log } = await openPlayground(t);
  await acceptAll(preview).waitFor();
  await edit(page, (text) => text.replace('"Targeted advertising"', '"Ads </script><b>bold</b>"'), 'Valid, 1 warning');
  await previewBanner(preview).getByText('Ads </script><b>bold</b>', { exact: true }).waitFor();
  assert.equal(await preview.locator('b').count(), 0);
  assertClean(log);
});

test('selects the snippet for a manual copy when the Clipboard API is missing', async (t) => {
  const { page, log } = await openPlayground(t, {
    init: () => Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined, configurable: true }),
  });
  await page.getByRole('button', { name: 'Copy embed snippet', exact: true }).click();
  await page.getByRole('status').filter({ hasText: 'press Ctrl+C' }).waitFor();
  const selected = await page.evaluate(() => {
    const el = document.activeElement;
    return { id: el.id, readOnly: el.readOnly, text: el.value.slice(el.selectionStart, el.selectionEnd) };
  });
  assert.deepEqual(selected, { id: 'pg-snippet-text', readOnly: true, text: URL_SNIPPET });
  assertClean(log);
});

test('is usable by keyboard: from the editor to a problem and back to its line', async (t) => {
  const { page, log } = await openPlayground(t);
  await edit(page, (text) => text.replace('"closeButton": true', '"closeButon": true'), '1 error, 1 warning');
  assert.match(await problems(page).first().textContent(), /closeButon unknown field.*did you mean "closeButton"/);
  await editor(page).focus();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-label')), 'Show in editor: closeButon');
  await page.keyboard.press('Enter');
  const at = await caret(page);
  assert.equal(at.focused, true);
  assert.equal(at.start, (await editor(page).inputValue()).indexOf('"closeButon"'));
  // Tab leaves the editor (no trap): the next stop is the first problem again.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-label')), 'Show in editor: closeButon');
  assertClean(log);
});

test('stacks the panes at 320 px without horizontal scrolling', async (t) => {
  const { page, preview, log } = await openPlayground(t, { viewport: { width: 320, height: 700 } });
  await acceptAll(preview).waitFor();
  const layout = await page.evaluate(() => ({
    editor: document.getElementById('pg-config').getBoundingClientRect().toJSON(),
    report: document.getElementById('pg-report').getBoundingClientRect().toJSON(),
    frame: document.getElementById('pg-preview').getBoundingClientRect().toJSON(),
    scroll: document.documentElement.scrollWidth,
  }));
  assert.ok(layout.scroll <= 320, `page is ${layout.scroll} px wide`);
  assert.ok(layout.report.top >= layout.editor.bottom, 'problems under the editor');
  assert.ok(layout.frame.top >= layout.report.bottom, 'preview under the problems');
  assert.ok(layout.frame.width >= 250, `preview is ${layout.frame.width} px wide`);
  assertClean(log);
});

test('has no axe violation, valid or with problems listed (the preview page aside)', async (t) => {
  const { page, preview } = await openPlayground(t);
  await acceptAll(preview).waitFor();
  const context = { exclude: [['#pg-preview']] };
  let violations = await axe(page, context);
  assert.deepEqual(violations, [], describeViolations(violations));
  await edit(
    page,
    (text) => text.replace('"/privacy.html"', '"javascript:alert(1)"').replace('"floatingButton": true', '"floatingButton": "yes"'),
    '2 errors, 1 warning',
  );
  violations = await axe(page, context);
  assert.deepEqual(violations, [], describeViolations(violations));
});

test("works under script-src 'self'; style-src 'self' with no violation, the preview included", async (t) => {
  const { page, preview, log } = await openPlayground(t, { query: '?csp=strict' });
  await acceptAll(preview).waitFor();
  // Candor's styles applied (constructable stylesheets), not blocked.
  const background = await acceptAll(preview).evaluate((b) => getComputedStyle(b).backgroundColor);
  assert.notEqual(background, 'rgba(0, 0, 0, 0)');
  await edit(page, (text) => text.replace('"Targeted advertising"', '"Ads"'), 'Valid, 1 warning');
  await previewBanner(preview).getByText('Ads', { exact: true }).waitFor();
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  assert.deepEqual((await page.frame({ url: /srcdoc/ })?.evaluate(() => window.__csp || [])) ?? [], []);
  const source = readFileSync(join(DEMO, 'playground.html'), 'utf8');
  assert.doesNotMatch(source, /\son[a-z]+\s*=/i, 'no inline event handler');
  assert.doesNotMatch(source, /\sstyle\s*=/i, 'no inline style');
  assertClean(log);
});

test("runs on demo/serve.mjs --csp, linked from the shop's footer", async (t) => {
  // demo/serve.mjs serves `<root>/demo` and `<root>/dist`: a root of links to demo/ and this run's dist/.
  const root = mkdtempSync(join(tmpdir(), 'candor-playground-'));
  symlinkSync(DEMO, join(root, 'demo'), 'dir');
  symlinkSync(DIST, join(root, 'dist'), 'dir');
  const server = await startDemoServer({ port: 0, csp: true, root });
  t.after(async () => {
    await server.close();
    rmSync(root, { recursive: true, force: true });
  });
  const { page, preview, log } = await openPlayground(t, { origin: server.url.replace(/\/$/, '') });
  await acceptAll(preview).waitFor();
  await page.goto(server.url + 'en.html');
  // By keyboard: the shop's banner may cover the footer, and keyboard users follow links too.
  await page.getByRole('contentinfo').getByRole('link', { name: 'Configuration playground' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Configuration playground' }).waitFor();
  await acceptAll(preview).waitFor();
  assertClean(log);
});
