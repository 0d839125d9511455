// A configuration stamped by `candor validate --stamp` — the dist/cli.js of the build under test — spares a
// first visitor the validator chunk (candor-check.js); an edited copy, whose stamp is stale, is validated as
// usual and still works (docs/configuration.md, "Stamping a validated config").
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ACCEPT_ALL_RAN, DIST, PAGES, TEXT, button, openPage, state, waitBanner, waitNoBanner, waitRan } from './harness.mjs';

const opts = { timeout: 30_000 };
const CHECK = '/candor/candor-check.js';
const dir = mkdtempSync(join(tmpdir(), 'candor-stamp-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** test/e2e/pages/consent.json, stamped by `candor validate --stamp` of this build. */
function stampedConfig() {
  const file = join(dir, 'consent.json');
  writeFileSync(file, readFileSync(join(PAGES, 'consent.json')));
  const r = spawnSync(process.execPath, [join(DIST, 'cli.js'), 'validate', '--stamp', file], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  // Warnings (recipients, retention: docs/compliance.md C12) do not stop the stamp.
  assert.ok(r.stdout.endsWith(`${file}: valid, stamped\n`) || / valid \(\d+ warnings?\), stamped\n$/.test(r.stdout), r.stdout);
  const text = readFileSync(file, 'utf8');
  assert.match(text, /^ {2}"\$validated": "[0-9a-z]+",$/m);
  return text;
}

/** Open the test shop with `config` served as its data-config file (/consent.json). */
async function visit(t, config) {
  const opened = await openPage(t);
  await opened.page.route('**/consent.json', (route) => route.fulfill({ status: 200, contentType: 'application/json; charset=utf-8', body: config }));
  await opened.go('/');
  return opened;
}

/** Accept all works: the gated scripts run, so the configuration was taken as valid. */
async function acceptAll(page) {
  await button(await waitBanner(page), TEXT.en.acceptAll).click();
  await waitNoBanner(page);
  await waitRan(page, ACCEPT_ALL_RAN.length);
}

test('a stamped config shows the banner on a first visit without downloading the validator', opts, async (t) => {
  const { page, log } = await visit(t, stampedConfig());
  await waitBanner(page);
  assert.equal((await state(page)).error, undefined, 'no configuration error');
  await acceptAll(page);
  assert.ok(log.requests.includes('/consent.json'), 'the config was read');
  assert.ok(!log.requests.includes(CHECK), `candor-check.js must not be requested, got ${log.requests.join(' ')}`);
  assert.deepEqual(log.pageErrors, []);
  assert.deepEqual(log.consoleErrors, []);
});

test('an edited stamped config (stale stamp) is validated again, and works', opts, async (t) => {
  const edited = stampedConfig().replace('"reaskAfterDays": 182', '"reaskAfterDays": 180');
  const { page, log } = await visit(t, edited);
  await waitBanner(page);
  assert.ok(log.requests.includes(CHECK), `candor-check.js must be requested, got ${log.requests.join(' ')}`);
  await acceptAll(page);
  assert.deepEqual(log.pageErrors, []);
  assert.deepEqual(log.consoleErrors, []);
});
