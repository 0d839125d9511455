import { describe, expect, it } from 'vitest';
import { click, run, setup } from './helpers';
import { testConfig } from './fake-host';

const purposeItem = (root: ShadowRoot, title: string) =>
  Array.from(root.querySelectorAll<HTMLElement>('.purpose')).find((li) => li.querySelector('h3')!.textContent!.startsWith(title))!;

describe('purpose details', () => {
  it('shows categories, retention, recipients and storage on demand', async () => {
    const { ui, root } = setup();
    await run(() => ui.show('preferences'));
    const item = purposeItem(root, 'Audience measurement');
    const details = item.querySelector<HTMLButtonElement>('button[aria-expanded]')!;
    expect(details.textContent).toBe('Details');
    expect(details.getAttribute('aria-expanded')).toBe('false');
    const panel = root.getElementById(details.getAttribute('aria-controls')!)!;
    expect(panel.hidden).toBe(true);

    await click(details);
    expect(details.getAttribute('aria-expanded')).toBe('true');
    expect(panel.hidden).toBe(false);
    const text = panel.textContent!;
    expect(text).toContain('Data categories');
    expect(text).toContain('browsing activity, device information');
    expect(text).toContain('395 days');
    expect(text).toContain('Matomo (France)');
    expect(panel.querySelector('a')!.getAttribute('href')).toBe('https://matomo.org/privacy');
    expect(text).toContain('_pk_id.*, _pk_ses.*');
    expect(text).toContain('matomo_*');
  });

  it('uses the config label for a custom data category', async () => {
    const { ui, root } = setup();
    await run(() => ui.show('preferences'));
    expect(purposeItem(root, 'Personalized recommendations').textContent).toContain('purchase history, preferences, Loyalty tier');
  });

  it('names a category neither the config nor the built-in vocabulary labels by its id (a stamped config skips the validator)', async () => {
    const config = testConfig();
    config.purposes[1].dataCategories = ['browsing', 'shoe-size'];
    const { ui, root } = setup(config);
    await run(() => ui.show('preferences'));
    expect(purposeItem(root, 'Audience measurement').textContent).toContain('browsing activity, shoe-size');
  });

  it('shows the AI badge and the inputs → output line before the switch', async () => {
    const { ui, root, switchFor } = setup();
    await run(() => ui.show('preferences'));
    const item = purposeItem(root, 'Personalized recommendations');
    expect(item.querySelector('h3 .badge')!.textContent).toBe('AI');
    const line = item.querySelector('.io')!;
    expect(line.textContent).toBe('purchase history + preferences → product ranking');
    expect(line.compareDocumentPosition(switchFor('Personalized recommendations')) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(item.textContent).toContain('A model ranks products for you.');
    expect(item.textContent).toContain('Your data is not used to train models.');
    expect(purposeItem(root, 'Audience measurement').querySelector('.badge')).toBeNull();
  });

  it('explains an automated decision, its logic and consequences, with a link to human review', async () => {
    const { ui, root } = setup();
    await run(() => ui.show('preferences'));
    const item = purposeItem(root, 'Personalized recommendations');
    const text = item.textContent!;
    expect(text).toContain('Decisions about you are made automatically');
    expect(text).toContain('Scores products by past purchases.');
    expect(text).toContain('You see some offers first.');
    const review = Array.from(item.querySelectorAll('a')).find((a) => a.getAttribute('href') == 'mailto:review@example.com')!;
    expect(review.textContent).toBe('Ask for a human review or contest a decision');
  });

  it('has no automated-decision section when the AI does not decide', async () => {
    const config = testConfig();
    config.purposes[2].ai = { ...config.purposes[2].ai!, automatedDecision: false, trainsModels: true };
    const { ui, root } = setup(config);
    await run(() => ui.show('preferences'));
    const item = purposeItem(root, 'Personalized recommendations');
    expect(item.textContent).not.toContain('made automatically');
    expect(item.textContent).toContain('Your data is used to train models.');
  });

  it('is in French, with French category labels and units', async () => {
    const { ui, root } = setup(testConfig(), { language: 'fr' });
    await run(() => ui.show('preferences'));
    const ai = purposeItem(root, 'Recommandations personnalisées');
    expect(ai.querySelector('.badge')!.textContent).toBe('IA');
    expect(ai.querySelector('.io')!.textContent).toBe('historique d’achats + préférences → classement des produits');
    expect(ai.textContent).toContain('Niveau de fidélité');
    expect(purposeItem(root, "Mesure d'audience").textContent).toMatch(/395\sjours/);
    expect(purposeItem(root, 'Offres santé').textContent).toContain('données de santé');
  });

  it('renders markup in purpose texts literally', async () => {
    const evil = '<img src=x onerror=alert(1)>';
    const config = testConfig();
    config.purposes[1].description = evil;
    config.purposes[1].vendors = [{ name: evil }];
    config.purposes[2].ai!.output = evil;
    const { ui, root } = setup(config);
    await run(() => ui.show('preferences'));
    expect(root.querySelector('img')).toBeNull();
    expect(purposeItem(root, 'Audience measurement').textContent).toContain(evil);
    expect(purposeItem(root, 'Personalized recommendations').querySelector('.io')!.textContent).toContain(evil);
  });

  it('links only to https:, mailto: and same-origin paths', async () => {
    const config = testConfig();
    config.purposes[1].vendors = [
      { name: 'A', policyUrl: 'javascript:alert(1)' },
      { name: 'B', policyUrl: '//evil.example' },
      { name: 'C', policyUrl: '/vendors/c' },
      { name: 'D', policyUrl: 'http://plain.example' },
    ];
    const { ui, root } = setup(config);
    await run(() => ui.show('preferences'));
    const hrefs = Array.from(purposeItem(root, 'Audience measurement').querySelectorAll('a')).map((a) => a.getAttribute('href'));
    expect(hrefs).toEqual(['/vendors/c']);
  });
});

describe('human review contact (issue 15)', () => {
  it('is shown for an AI purpose that does not decide automatically, before its switch', async () => {
    const config = testConfig();
    const ai = config.purposes.find((p) => p.ai)!;
    ai.ai = { ...ai.ai!, automatedDecision: false, logic: undefined, consequences: undefined };
    const { ui, root } = setup(config);
    await run(() => ui.show('preferences'));
    const item = purposeItem(root, typeof ai.title == 'string' ? ai.title : ai.title.en);
    const link = item.querySelector<HTMLAnchorElement>('a[href="mailto:review@example.com"]')!;
    expect(link.textContent).toBe('Ask for a human review or contest a decision');
    expect(link.compareDocumentPosition(item.querySelector('[role=switch]')!) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(item.textContent).not.toContain('Decisions about you are made automatically');
  });
});
