// A purpose that names PostHog from the vendor catalog (`"services": ["posthog"]`, docs/configuration.md,
// "Services: the vendor catalog"): stamped by dist/cli.js of this build, the file holds PostHog's cookies and
// keys, and after a withdrawal every cookie and key the catalog lists for PostHog is deleted in a real browser.
// Unstamped, the browser's validator (which has no catalog) refuses it. Page: pages/int-services/.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST, PAGES, ROOT, TEXT, button, openPage, receiptKept, settle, state, waitBanner, waitNoBanner } from './harness.mjs';

const opts = { timeout: 30_000 };
const dir = mkdtempSync(join(tmpdir(), 'candor-services-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const posthog = JSON.parse(readFileSync(join(ROOT, 'src/catalog/services.json'), 'utf8')).services.find((s) => s.id == 'posthog');
/** The catalog's PostHog patterns with `*` made a sample value: what the page's stand-in writes. */
const sample = (p) => p.replaceAll('*', 'phc_sample');
const TRACES = { cookies: posthog.cookies.map(sample), storageKeys: posthog.storageKeys.map(sample) };

/** pages/int-services.json, stamped (and so expanded) by `candor validate --stamp` of this build. */
function stamped() {
  const file = join(dir, 'int-services.json');
  writeFileSync(file, readFileSync(join(PAGES, 'int-services.json')));
  const r = spawnSync(process.execPath, [join(DIST, 'cli.js'), 'validate', '--stamp', file], { encoding: 'utf8' });
  // Warnings (PostHog Inc. is in the US and the catalog gives no transfer safeguard: docs/compliance.md E42) do not stop the stamp.
  assert.match(r.stdout, /: valid( \(\d+ warnings?\))?, stamped\n$/, r.stderr);
  return readFileSync(file, 'utf8');
}

async function visit(t, config) {
  const opened = await openPage(t, { init: [`window.catalogTraces = ${JSON.stringify(TRACES)};`] });
  await opened.page.route('**/int-services.json', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json; charset=utf-8', body: config }),
  );
  await opened.go('/int-services/');
  return opened;
}

/** PostHog's traces on the device: cookies as the browser holds them, and the keys of both storages. */
async function traces(page) {
  const names = new Set([...TRACES.cookies, ...TRACES.storageKeys]);
  const cookies = (await page.context().cookies()).filter((c) => names.has(c.name)).map((c) => 'cookie:' + c.name);
  const keys = await page.evaluate(
    (names) => [
      ...Object.keys(localStorage)
        .filter((k) => names.includes(k))
        .map((k) => 'local:' + k),
      ...Object.keys(sessionStorage)
        .filter((k) => names.includes(k))
        .map((k) => 'session:' + k),
    ],
    [...names],
  );
  return [...cookies, ...keys].sort();
}
const ALL = [...TRACES.cookies.map((c) => 'cookie:' + c), ...TRACES.storageKeys.flatMap((k) => ['local:' + k, 'session:' + k])].sort();

test('stamped with services: PostHog is listed, and a withdrawal deletes every cookie and key the catalog lists for it', opts, async (t) => {
  const config = stamped();
  assert.match(config, /"ph_\*_window_id"/, 'the stamped file holds the expanded storage keys');
  const { page, log } = await visit(t, config);
  await button(await waitBanner(page), TEXT.en.acceptAll).click();
  await waitNoBanner(page);
  await page.waitForFunction(() => window.catalogTracesWritten === true);
  assert.deepEqual(await traces(page), ALL, 'the stand-in wrote every cookie and key (test setup)');
  await receiptKept(page);

  await page.evaluate(() => window.candor.rejectAll());
  await page.waitForFunction(
    (t) =>
      t.cookies.every((c) => !document.cookie.split('; ').some((p) => p.startsWith(c + '='))) &&
      t.storageKeys.every((k) => localStorage.getItem(k) === null && sessionStorage.getItem(k) === null),
    TRACES,
  );
  assert.deepEqual(await traces(page), [], 'every cookie and key of PostHog deleted');
  assert.ok(!log.requests.includes('/candor/candor-check.js'), 'the stamped file needs no validator');
  assert.deepEqual(log.pageErrors, []);
});

test('unstamped with services: the browser refuses it, asking to stamp, and nothing optional runs', opts, async (t) => {
  const { page, log } = await visit(t, readFileSync(join(PAGES, 'int-services.json'), 'utf8'));
  const s = await state(page);
  assert.deepEqual(
    s.error.map((p) => `${p.path}: ${p.hint}`),
    ['purposes[0].services: run candor validate --stamp to expand services'],
  );
  await settle(page);
  assert.equal(await page.locator('#candor [role=region], #candor [role=dialog]').count(), 0, 'no banner');
  await page.evaluate(() => window.candor.acceptAll());
  await settle(page);
  assert.equal(await page.evaluate(() => window.catalogTracesWritten), undefined, 'the gated script did not run');
  assert.deepEqual(await traces(page), []);
  assert.equal(log.consoleErrors.filter((m) => /expand services/.test(m)).length, 1, 'reported on the console');
});
