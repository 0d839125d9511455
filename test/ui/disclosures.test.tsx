// What the second layer discloses (docs/compliance.md C12, E41–E43): who trains models with the data and the purpose
// the training can be refused under, the safeguard of each transfer outside the EEA, "nobody but the controller"
// for an empty recipients list, and the explicit statement a sensitive purpose is switched on with.
import { describe, expect, it } from 'vitest';
import { BUILT_IN } from '../../src/ui/i18n/index';
import { LANGUAGES } from '../../src/languages';
import { testConfig } from './fake-host';
import { click, run, setup } from './helpers';

const purposeItem = (root: ShadowRoot, title: string) =>
  Array.from(root.querySelectorAll<HTMLElement>('.purpose')).find((li) => li.querySelector('h3')!.textContent!.startsWith(title))!;
/** The purpose's details panel, opened. */
async function panel(root: ShadowRoot, title: string) {
  const details = purposeItem(root, title).querySelector<HTMLButtonElement>('button[aria-expanded]')!;
  await click(details);
  return root.getElementById(details.getAttribute('aria-controls')!)!;
}
const norm = (s: string) => s.replace(/\s+/g, ' ');

/** The test config with a training purpose the personalisation names, trained by the controller and a vendor. */
function trainingConfig() {
  const config = testConfig();
  config.purposes[2].ai = {
    ...config.purposes[2].ai!,
    automatedDecision: false,
    trainsModels: true,
    trainedBy: ['controller', 'Acme AI'],
    trainingPurpose: 'model-training',
  };
  config.purposes.push({
    id: 'model-training',
    required: false,
    sensitive: false,
    title: { en: 'Improving our models', fr: 'Amélioration de nos modèles' },
    description: { en: 'Your purchases train our ranking model.', fr: 'Vos achats entraînent notre modèle de classement.' },
    vendors: [{ name: 'Acme AI', country: 'US', transfer: 'dpf' }],
  });
  return config;
}

describe('model training (docs/compliance.md E41)', () => {
  it('says who trains models with the data and that the training is a purpose of its own, by title', async () => {
    const { ui, root } = setup(trainingConfig());
    await run(() => ui.show('preferences'));
    const text = norm((await panel(root, 'Personalized recommendations')).textContent!);
    expect(text).toContain('Your data is used to train models. Who trains models with your data: Maison Lumière SAS, Acme AI.');
    expect(text).toContain('This training is a separate purpose, “Improving our models”: you can refuse it and keep this one.');
  });

  it('lets the visitor keep the personalisation and refuse the training', async () => {
    const { ui, root, host, switchFor, button } = setup(trainingConfig());
    await run(() => ui.show('preferences'));
    await click(switchFor('Personalized recommendations'));
    expect(switchFor('Improving our models').getAttribute('aria-checked')).toBe('false');
    await click(button('Save choices'));
    expect(host.state.purposes).toMatchObject({ personalization: true, 'model-training': false });
    expect(root.querySelector('[role="dialog"]')).toBeNull();
  });

  it('says it in French', async () => {
    const { ui, root } = setup(trainingConfig(), { language: 'fr' });
    await run(() => ui.show('preferences'));
    const text = (await panel(root, 'Recommandations personnalisées')).textContent!;
    expect(text).toContain('Qui entraîne des modèles avec vos données\u00a0: Maison Lumière SAS, Acme AI.');
    expect(text).toContain('«\u00a0Amélioration de nos modèles\u00a0»');
  });

  it('says nothing of trainers when no model is trained', async () => {
    const { ui, root } = setup();
    await run(() => ui.show('preferences'));
    const text = (await panel(root, 'Personalized recommendations')).textContent!;
    expect(text).toContain('Your data is not used to train models.');
    expect(text).not.toContain('Who trains');
  });
});

describe('recipients and transfers (docs/compliance.md C12, E42)', () => {
  it('shows the safeguard of a transfer outside the EEA next to the recipient and its country', async () => {
    const { ui, root } = setup(trainingConfig());
    await run(() => ui.show('preferences'));
    const text = norm((await panel(root, 'Improving our models')).textContent!);
    expect(text).toContain('Acme AI (United States, transfer outside the EEA under the EU-US Data Privacy Framework)');
  });

  it.each([
    ['adequacy', 'transfer outside the EEA under an EU adequacy decision'],
    ['scc', 'transfer outside the EEA under standard contractual clauses'],
  ])('names the %s safeguard', async (transfer, words) => {
    const config = testConfig();
    config.purposes[1].vendors!.push({ name: 'Cloud Ltd', country: 'GB', transfer });
    const { ui, root } = setup(config);
    await run(() => ui.show('preferences'));
    expect(norm((await panel(root, 'Audience measurement')).textContent!)).toContain(`Cloud Ltd (United Kingdom, ${words})`);
  });

  it('has a translated text for every safeguard, and for the other new texts, in every language', () => {
    const keys = ['transfer.adequacy', 'transfer.scc', 'transfer.dpf', 'trainedBy', 'trainingSeparate', 'vendorsNone', 'sensitiveConsent'];
    for (const l of LANGUAGES.filter((l) => l != 'en')) for (const k of keys) expect(BUILT_IN[l][k], `${l} ${k}`).not.toBe(BUILT_IN.en[k]);
  });

  it('says that nobody but the controller receives the data when the recipients list is empty', async () => {
    const config = testConfig();
    config.purposes[3].vendors = [];
    const { ui, root } = setup(config);
    await run(() => ui.show('preferences'));
    const item = purposeItem(root, 'Advertising');
    expect(item.querySelector('button[aria-expanded]')).not.toBeNull();
    const text = (await panel(root, 'Advertising')).textContent!;
    expect(text).toContain('Recipients');
    expect(text).toContain('Only Maison Lumière SAS: nobody else receives this data.');
  });
});

describe('the explicit opt-in for special categories (docs/compliance.md E43)', () => {
  it('is a statement naming the purpose and the category, unticked at first', async () => {
    const { ui, root, switchFor } = setup();
    await run(() => ui.show('preferences'));
    const box = purposeItem(root, 'Health offers').querySelector<HTMLInputElement>('.consent input')!;
    expect(box.type).toBe('checkbox');
    expect(box.checked).toBe(false);
    expect(box.closest('label')!.textContent).toBe(
      'I explicitly consent to the use of the following sensitive data for “Health offers”: health data.',
    );
    // The switch stays named by the title, and is described by the note and the statement.
    const sw = switchFor('Health offers');
    const described = sw
      .getAttribute('aria-describedby')!
      .split(' ')
      .map((id) => root.getElementById(id)!.textContent);
    expect(described[1]).toContain('I explicitly consent');
    // Other purposes have no statement.
    expect(root.querySelectorAll('.consent')).toHaveLength(1);
  });

  it('does not switch on from the switch alone: activating it leads to the statement', async () => {
    const { ui, root, host, switchFor, button } = setup();
    await run(() => ui.show('preferences'));
    await click(switchFor('Health offers'));
    expect(switchFor('Health offers').getAttribute('aria-checked')).toBe('false');
    expect(root.activeElement).toBe(purposeItem(root, 'Health offers').querySelector('.consent input'));
    await click(button('Save choices'));
    expect(host.state.purposes['health-offers']).toBe(false);
  });

  it('ticking the statement switches it on, and the switch turns it off in one activation', async () => {
    const { ui, root, host, switchFor, button } = setup();
    await run(() => ui.show('preferences'));
    const box = () => purposeItem(root, 'Health offers').querySelector<HTMLInputElement>('.consent input')!;
    await click(box());
    expect(switchFor('Health offers').getAttribute('aria-checked')).toBe('true');
    await click(switchFor('Health offers'));
    expect(switchFor('Health offers').getAttribute('aria-checked')).toBe('false');
    expect(box().checked).toBe(false);
    await click(box());
    await click(button('Save choices'));
    expect(host.decisions.at(-1)).toMatchObject({ method: 'save', switches: { 'health-offers': true } });
    expect(host.state.purposes['health-offers']).toBe(true);
  });

  it('Accept all still leaves it off unless the statement is ticked', async () => {
    const { ui, host, button } = setup();
    await run(() => ui.show('preferences'));
    await click(button('Accept all'));
    expect(host.state.purposes['health-offers']).toBe(false);
  });

  it('without a listed special category, names the purpose; in French too', async () => {
    const config = testConfig();
    config.purposes[4].dataCategories = ['purchase-history'];
    const { ui, root } = setup(config, { language: 'fr' });
    await run(() => ui.show('preferences'));
    expect(purposeItem(root, 'Offres santé').querySelector('.consent')!.textContent).toBe(
      'Je consens explicitement à l’utilisation de données sensibles pour «\u00a0Offres santé\u00a0».',
    );
  });
});
