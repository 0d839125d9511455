// The readable records download (issue 15; docs/receipts.md): a French visitor on the demo shop accepts all, then
// refuses all from the preference center, and downloads "Télécharger une version lisible": a text file in French,
// with French dates, the purposes by their titles, and what each decision meant for each of them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO, TEXT, button, dialog, floatingButton, openPage, waitBanner, waitNoBanner } from './harness.mjs';

const opts = { timeout: 30_000 };
const DEMO_CONFIG = JSON.parse(readFileSync(join(DEMO, 'consent.json'), 'utf8'));
const F = TEXT.fr;

test('"Télécharger une version lisible" saves candor-receipts.txt in French: dates, purpose titles, each event and its meaning', opts, async (t) => {
  const { page, go, log } = await openPage(t, { root: 'demo', locale: 'fr-FR' });
  await go('/');
  await button(await waitBanner(page, 'fr'), F.acceptAll).click();
  await waitNoBanner(page, 'fr');
  await floatingButton(page).click();
  let d = dialog(page, 'fr');
  await button(d, F.rejectAll).click();
  await d.waitFor({ state: 'hidden' });

  await floatingButton(page).click();
  d = dialog(page, 'fr');
  const records = d.getByRole('region', { name: F.records, exact: true });
  await records.getByRole('listitem').nth(1).waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), button(records, 'Télécharger une version lisible').click()]);
  assert.equal(download.suggestedFilename(), 'candor-receipts.txt');
  const text = readFileSync(await download.path(), 'utf8');
  const list = await page.evaluate(() => window.candor.receipts());
  assert.deepEqual(
    list.map((r) => `${r.event}/${r.method}`),
    ['withdrawn/reject-all', 'given/accept-all'],
  );

  assert.ok(text.startsWith('\ufeffVos preuves de consentement\n'), text.slice(0, 80));
  assert.ok(text.includes(`pour ${DEMO_CONFIG.controller.name},`), 'names the controller');
  const day = new Intl.DateTimeFormat('fr', { dateStyle: 'long' });
  for (const r of list) assert.ok(text.includes(day.format(new Date(r.time))), `the date of ${r.id} in French (${day.format(new Date(r.time))})`);
  const [, withdrawn, given] = text.split('\n\n');
  assert.match(given, /— Consentement donné\n/);
  assert.ok(given.includes('Choix fait avec «\u00a0Tout accepter\u00a0».'), given);
  assert.match(withdrawn, /— Consentement retiré\n/);
  assert.ok(withdrawn.includes('Choix fait avec «\u00a0Tout refuser\u00a0».'), withdrawn);
  for (const p of DEMO_CONFIG.purposes) {
    const after = p.required ? 'Toujours actif' : p.sensitive ? 'Refus' : 'Consentement retiré';
    const before = p.required ? 'Toujours actif' : p.sensitive ? 'Refus' : 'Consentement donné';
    assert.ok(given.includes(`  ${p.title.fr}\u00a0: ${before}`), `${p.title.fr} after Accept all: ${before}\n${given}`);
    assert.ok(withdrawn.includes(`  ${p.title.fr}\u00a0: ${after}`), `${p.title.fr} after Reject all: ${after}\n${withdrawn}`);
  }
  assert.ok(!/Consent given|Accept all|\{\w+\}/.test(text), 'nothing left in English or unfilled');
  assert.deepEqual(log.pageErrors, []);
});
