// Issue #16: a first visit downloads only the first layer's texts (src/ui/text-layers.ts). The second layer's,
// dist/candor-<language>-prefs.js, comes with the preference center — in English (its hash in candor-en.js, whose
// own is in candor.js) and in German (candor-de.js, whose hash is in candor-languages.js) — and with the records
// chunk, whose receipts hash every text: `candor hash` reproduces a German receipt.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { DIST, PAGES, button, openPage, receiptKept, settle } from './harness.mjs';
import { texts } from './translations.mjs';

const opts = { timeout: 30_000 };

const PAGE = { en: '/', de: '/i18n.html?lang=de' };
const CONFIG = { en: 'consent.json', de: 'i18n.json' };
/** A data category each page's configuration declares. */
const CATEGORY = { en: 'browsing', de: 'browsing' };

const banner = (page, T) => page.getByRole('region', { name: T.bannerLabel, exact: true });
const dialog = (page, T) => page.getByRole('dialog', { name: T.dialogTitle, exact: true });
const second = (log) => log.requests.filter((r) => /candor-[a-z]{2}-prefs\.js$/.test(r));

for (const lang of ['en', 'de']) {
  test(
    `${lang}: the banner needs no second-layer chunk; Customize loads it with the preference center, whose disclosures speak ${lang}`,
    opts,
    async (t) => {
      const T = texts(lang);
      const { page, go, log } = await openPage(t);
      await go(PAGE[lang]);
      const region = banner(page, T);
      await region.waitFor({ state: 'visible' });
      await settle(page);
      assert.ok(log.requests.includes(`/candor/candor-${lang}.js`), 'the first layer came');
      assert.equal(lang == 'de', log.requests.includes('/candor/candor-languages.js'), 'German’s hash is in candor-languages.js');
      assert.deepEqual(second(log), [], 'no second layer for the banner');
      assert.ok(!log.requests.includes('/candor/candor-prefs.js'));

      await button(region, T.customize).click();
      const d = dialog(page, T);
      await d.waitFor({ state: 'visible' });
      assert.deepEqual(second(log), [`/candor/candor-${lang}-prefs.js`], 'the second layer, once, in the language');
      assert.ok(log.requests.includes('/candor/candor-prefs.js'));
      await button(d, T.save).waitFor();
      // Every purpose's details open: data categories, retention, recipients — all second-layer texts.
      const details = d.getByRole('button', { name: T.details });
      for (let i = 0; i < (await details.count()); i++) await details.nth(i).click();
      await d.getByText(T.retention, { exact: true }).first().waitFor();
      const shown = await d.innerText();
      for (const key of ['dataCategories', 'retention', `category.${CATEGORY[lang]}`, 'vendorPolicy'])
        assert.ok(shown.includes(T[key]), `${key}: “${T[key]}” shown`);
      assert.deepEqual(log.pageErrors, []);
      assert.deepEqual(log.failedRequests, []);
    },
  );
}

test('de: a second layer that fails to load fails the opening like the preference center’s own chunk, and the next try opens it', opts, async (t) => {
  const T = texts('de');
  const { page, go, log } = await openPage(t);
  let refused = 0;
  await page.route('**/candor-de-prefs.js', (route) => (refused++ ? route.continue() : route.abort()));
  await go(PAGE.de);
  const region = banner(page, T);
  await region.waitFor({ state: 'visible' });
  const customize = button(region, T.customize);
  await customize.click();
  await page.waitForFunction(() => window.__scriptsLoading?.() === 0);
  await page.waitForFunction(() => !document.getElementById('candor').shadowRoot.querySelector('[aria-busy]'));
  assert.equal(await dialog(page, T).count(), 0, 'no preference center without its texts');
  assert.ok(
    log.consoleErrors.some((e) => e.includes('could not load the preference center')),
    log.consoleErrors.join('\n'),
  );
  assert.equal((await page.evaluate(() => window.candor.get())).decided, false, 'nothing decided');
  await customize.click();
  await dialog(page, T).waitFor({ state: 'visible' });
  assert.equal(refused, 2);
  assert.deepEqual(log.pageErrors, []);
});

test(
  'de: a receipt made from the banner hashes every German text — the records chunk loads the second layer — as `candor hash --lang de`',
  opts,
  async (t) => {
    const T = texts('de');
    const { page, go, log } = await openPage(t);
    await go(PAGE.de);
    const region = banner(page, T);
    await region.waitFor({ state: 'visible' });
    await button(region, T.acceptAll).click();
    await receiptKept(page);
    const [receipt] = await page.evaluate(() => window.candor.receipts());
    assert.deepEqual([receipt.language, receipt.noticeFormat], ['de', 2]);
    assert.ok(log.requests.includes('/candor/candor-de-prefs.js'), 'the records chunk loaded the second layer');
    const printed = execFileSync(process.execPath, [join(DIST, 'cli.js'), 'hash', join(PAGES, CONFIG.de), '--lang', 'de'], {
      encoding: 'utf8',
    }).trim();
    assert.equal(receipt.noticeHash, printed);
  },
);
