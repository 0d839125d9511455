// What the second layer discloses, in a real browser on the demo shop (demo/consent.json; docs/compliance.md C12,
// E41–E43): who trains models with the data and the separate purpose the training can be refused under, the
// safeguard of a transfer outside the EEA next to its recipient (English and French), "nobody but the controller"
// for a purpose without recipients, and the explicit statement a special-category purpose is switched on with.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO, TEXT, button, customize, openPage, state, waitBanner, waitNoBanner } from './harness.mjs';

const opts = { timeout: 30_000 };
const DEMO_CONFIG = JSON.parse(readFileSync(join(DEMO, 'consent.json'), 'utf8'));
/**
 * The demo config with a separate training purpose the recommendations name (the demo itself keeps its five
 * purposes, the set the first layer is measured with): trained by the shop, refusable on its own.
 */
const TRAINING_CONFIG = structuredClone(DEMO_CONFIG);
Object.assign(TRAINING_CONFIG.purposes.find((p) => p.id === 'personalization').ai, {
  trainsModels: true,
  trainedBy: ['controller'],
  trainingPurpose: 'model-training',
});
TRAINING_CONFIG.purposes.push({
  id: 'model-training',
  title: { fr: 'Amélioration du modèle de recommandation', en: 'Improving the recommendation model' },
  description: {
    fr: 'Utiliser vos achats passés pour entraîner le modèle de classement. Vous pouvez refuser et garder les recommandations.',
    en: 'Using your past purchases to train the ranking model. You can refuse this and keep the recommendations.',
  },
  dataCategories: ['purchase-history'],
  retentionDays: 365,
  vendors: [],
});
const title = (id, lang) => TRAINING_CONFIG.purposes.find((p) => p.id === id).title[lang];
const norm = (s) => s.replace(/\s+/g, ' ').trim();

/** The demo shop in `lang` (`/` is French, `/en.html` English), its preference center opened from the banner. */
async function preferences(t, lang = 'en', config = DEMO_CONFIG) {
  const opened = await openPage(t, { root: 'demo' });
  await opened.page.route('**/consent.json', (route) => route.fulfill({ json: config }));
  await opened.go(lang === 'fr' ? '/' : '/en.html');
  return { ...opened, d: await customize(opened.page, lang) };
}

/** The list item of a purpose, by its title. */
const item = (d, id, lang = 'en') => d.getByRole('listitem').filter({ has: d.page().getByRole('heading', { level: 3, name: title(id, lang) }) });

/** The visible text of a purpose's details panel, opened with its Details button. */
async function details(d, id, lang = 'en') {
  const li = item(d, id, lang);
  const more = li.getByRole('button', { name: lang === 'fr' ? 'Détails' : 'Details' });
  await more.click();
  const panel = li.locator('#' + (await more.getAttribute('aria-controls')));
  await panel.waitFor({ state: 'visible' });
  return norm(await panel.innerText());
}

test('model training: who trains, and a purpose of its own the visitor refuses while keeping the recommendations', opts, async (t) => {
  const { page, d } = await preferences(t, 'en', TRAINING_CONFIG);
  const text = await details(d, 'personalization');
  assert.ok(text.includes('Your data is used to train models. Who trains models with your data: Maison Lumière SAS.'), text);
  assert.ok(text.includes(`This training is a separate purpose, “${title('model-training', 'en')}”: you can refuse it and keep this one.`), text);
  // The training purpose is in the list, with its own switch, off.
  const training = d.getByRole('switch', { name: title('model-training', 'en'), exact: true });
  assert.equal(await training.getAttribute('aria-checked'), 'false');

  await d.getByRole('switch', { name: title('personalization', 'en'), exact: true }).click();
  await button(d, TEXT.en.save).click();
  await d.waitFor({ state: 'hidden' });
  await page.waitForFunction(() => window.candor.get().decided);
  const s = await state(page);
  assert.equal(s.purposes.personalization, true, 'the recommendations are on');
  assert.equal(s.purposes['model-training'], false, 'the training stays refused');
});

for (const [lang, words] of [
  ['en', 'Meta Platforms, Inc. (United States, transfer outside the EEA under the EU-US Data Privacy Framework) — privacy policy'],
  [
    'fr',
    'Meta Platforms, Inc. (États-Unis, transfert hors de l’EEE fondé sur le cadre de protection des données UE-États-Unis) — politique de confidentialité',
  ],
]) {
  test(`transfers (${lang}): a recipient outside the EEA shows its safeguard; one inside shows none`, opts, async (t) => {
    const { d } = await preferences(t, lang);
    const text = await details(d, 'marketing', lang);
    assert.ok(text.includes(words), `"${words}" in: ${text}`);
    assert.ok(text.includes(lang === 'en' ? 'Meta Platforms Ireland Ltd (Ireland) —' : 'Meta Platforms Ireland Ltd (Irlande) —'), text);
  });
}

test('recipients: a purpose nobody else receives says so', opts, async (t) => {
  const { d } = await preferences(t);
  const text = await details(d, 'health-offers');
  assert.ok(text.includes('Recipients Only Maison Lumière SAS: nobody else receives this data.'), text);
});

test('special categories: Accept all leaves them off, the switch alone does not grant, the explicit statement does', opts, async (t) => {
  const opened = await openPage(t, { root: 'demo' });
  const { page } = opened;
  await opened.go('/en.html');
  await button(await waitBanner(page), TEXT.en.acceptAll).click();
  await waitNoBanner(page);
  await page.waitForFunction(() => window.candor.get().decided);
  assert.equal((await state(page)).purposes['health-offers'], false, 'Accept all did not grant the special-category purpose');

  await page.evaluate(() => window.candor.open());
  const d = page.getByRole('dialog', { name: TEXT.en.dialogTitle, exact: true });
  await d.waitFor({ state: 'visible' });
  const name = title('health-offers', 'en');
  const sw = d.getByRole('switch', { name, exact: true });
  const statement = `I explicitly consent to the use of the following sensitive data for “${name}”: health data.`;
  const box = d.getByRole('checkbox', { name: statement, exact: true });
  assert.equal(await box.isChecked(), false, 'the statement names the purpose and the category, unticked');

  // The switch alone leads to the statement and stays off.
  await sw.click();
  await page.waitForFunction(() => document.getElementById('candor').shadowRoot.activeElement?.type === 'checkbox');
  assert.equal(await sw.getAttribute('aria-checked'), 'false', 'the switch did not turn on by itself');

  // Ticking the statement (keyboard) switches it on; Save grants it and the receipt says so.
  await page.keyboard.press('Space');
  await page.waitForFunction((n) => {
    const root = document.getElementById('candor').shadowRoot;
    return [...root.querySelectorAll('[role=switch]')].some(
      (s) => s.getAttribute('aria-checked') === 'true' && root.getElementById(s.getAttribute('aria-labelledby')).textContent === n,
    );
  }, name);
  await button(d, TEXT.en.save).click();
  await d.waitFor({ state: 'hidden' });
  await page.waitForFunction(() => window.candor.get().purposes['health-offers'] === true);
  // Newest first.
  const [last] = await page.evaluate(() => window.candor.receipts());
  assert.equal(last.method, 'save');
  assert.equal(last.purposes['health-offers'], true, 'the receipt records the explicit opt-in');
});
