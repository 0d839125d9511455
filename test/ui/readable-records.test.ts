import { describe, expect, it } from 'vitest';
import { BUILT_IN } from '../../src/ui/i18n/index';
import { readableRecords } from '../../src/ui/readable-records';
import { builtInLanguage } from '../../src/core/language';
import { localize } from '../../src/ui/texts';
import type { Receipt } from '../../src/types';
import { testConfig } from './fake-host';

/** A receipt of the test config (purposes necessary, analytics, personalization, marketing, health-offers). */
const receipt = (r: Partial<Receipt> & Pick<Receipt, 'time' | 'event' | 'method'>, on: string[] = []): Receipt => ({
  id: 'id-' + r.time,
  subject: 's1',
  version: '2026-11',
  language: 'en',
  gpc: false,
  noticeHash: 'h',
  sdk: '0.1.0',
  noticeFormat: 2,
  purposes: Object.fromEntries(
    ['necessary', 'analytics', 'personalization', 'marketing', 'health-offers'].map((id) => [id, id == 'necessary' || on.includes(id)]),
  ),
  ...r,
});

// Newest first, as candor.receipts() lists them: Accept all, then Save with Advertising off, then GPC, then the API.
const RECEIPTS = [
  receipt({ time: '2026-11-07T08:00:00.000Z', event: 'withdrawn', method: 'api' }),
  receipt({ time: '2026-11-06T08:00:00.000Z', event: 'updated', method: 'gpc', gpc: true }, ['analytics']),
  receipt({ time: '2026-11-05T16:30:00.000Z', event: 'updated', method: 'save' }, ['analytics', 'personalization']),
  receipt({ time: '2026-11-05T10:00:00.000Z', event: 'given', method: 'accept-all' }, ['analytics', 'personalization', 'marketing']),
];
const NOW = new Date('2026-11-08T12:00:00.000Z');
const blocks = (text: string) => text.split('\n\n');

describe('the readable records download', () => {
  it('tells, in English, each decision: date, what it was, how it was made, and what it meant per purpose', () => {
    const text = readableRecords(RECEIPTS, testConfig(), localize(testConfig(), 'en', BUILT_IN, builtInLanguage), NOW);
    const [head, withdrawn, gpc, save, given] = blocks(text);
    expect(head).toContain('Your consent records');
    expect(head).toContain('for Maison Lumière SAS');
    expect(head).toContain(new Intl.DateTimeFormat('en', { dateStyle: 'long', timeStyle: 'long' }).format(NOW));

    expect(given).toContain(
      `${new Intl.DateTimeFormat('en', { dateStyle: 'long', timeStyle: 'long' }).format(new Date(RECEIPTS[3].time))} — Consent given`,
    );
    expect(given).toContain('Chosen with “Accept all”.');
    expect(given).toContain('  Essential: Always active');
    expect(given).toContain('  Advertising: Consent given');
    expect(given).toContain('  Health offers: Refused');
    expect(given).toContain('Record id-2026-11-05T10:00:00.000Z, notice version 2026-11.');

    expect(save).toContain('Choices updated');
    expect(save).toContain('Chosen with “Save choices”.');
    expect(save).toContain('  Advertising: Consent withdrawn');
    expect(save).toContain('  Audience measurement: Consent given');
    expect(save).toContain('  Health offers: Refused');

    expect(gpc).toContain('Set by your browser’s Global Privacy Control signal.');
    expect(gpc).toContain('Your Global Privacy Control signal is honored');
    expect(gpc).toContain('  Personalized recommendations: Consent withdrawn');

    expect(withdrawn).toContain('Consent withdrawn');
    expect(withdrawn).toContain('Set by the website.');
    expect(withdrawn).toContain('  Audience measurement: Consent withdrawn');
    expect(withdrawn).toContain('  Advertising: Refused');
  });

  it('speaks the visitor’s language: French dates, titles and meanings', () => {
    const text = readableRecords(RECEIPTS.slice(2), testConfig(), localize(testConfig(), 'fr', BUILT_IN, builtInLanguage), NOW);
    const [head, save, given] = blocks(text);
    expect(head).toContain('Vos preuves de consentement');
    expect(head).toContain('au 8 novembre 2026');
    expect(given).toMatch(/^5 novembre 2026 .* — Consentement donné$/m);
    expect(given).toContain('Choix fait avec «\u00a0Tout accepter\u00a0».');
    expect(given).toContain('  Publicité\u00a0: Consentement donné');
    expect(save).toContain('  Publicité\u00a0: Consentement retiré');
    expect(save).toContain("  Mesure d'audience\u00a0: Consentement donné");
    expect(save).toContain('  Offres santé\u00a0: Refus');
    expect(text).not.toMatch(/Consent given|Advertising/);
  });

  it('names every method in every built-in language, with no placeholder or key left', () => {
    for (const language of Object.keys(BUILT_IN)) {
      const methods = ['accept-all', 'reject-all', 'save', 'api', 'dismiss', 'placeholder', 'gpc', 'expiry'] as const;
      const text = readableRecords(
        methods.map((method, i) => receipt({ time: new Date(Date.UTC(2026, 10, 1 + i)).toISOString(), event: 'updated', method })),
        testConfig(),
        localize(testConfig(), language, BUILT_IN, builtInLanguage),
        NOW,
      );
      expect(text, language).not.toMatch(/\{\w+\}|method\.|event\./);
    }
  });

  it('writes config texts as they are: plain text, nothing to interpret', () => {
    const config = testConfig();
    config.controller.name = '<script>alert(1)</script>';
    config.purposes[1].title = { en: '<b>Stats</b>', fr: '<b>Stats</b>' };
    const text = readableRecords(RECEIPTS.slice(3), config, localize(config, 'en', BUILT_IN, builtInLanguage), NOW);
    expect(text).toContain('for <script>alert(1)</script>,');
    expect(text).toContain('  <b>Stats</b>: Consent given');
  });

  it('says a purpose named `constructor` (a valid id) was refused, not withdrawn, when the record before has no choice for it', () => {
    const config = testConfig();
    config.purposes = [...config.purposes, { ...config.purposes[1], id: 'constructor', title: 'Builder' }];
    // The oldest record, and one made under an older notice without that purpose.
    const older = receipt({ time: '2026-11-04T10:00:00.000Z', event: 'refused', method: 'reject-all' });
    const first = receipt({ time: '2026-11-05T10:00:00.000Z', event: 'refused', method: 'reject-all' });
    first.purposes = { ...first.purposes, constructor: false };
    const text = readableRecords([first, first, older], config, localize(config, 'en', BUILT_IN, builtInLanguage), NOW);
    expect(text.match(/ {2}Builder: \S.*/g)).toEqual(['  Builder: Refused', '  Builder: Refused']);
  });

  it('says so when there is no record yet, and starts with a byte order mark for text editors', () => {
    const text = readableRecords([], testConfig(), localize(testConfig(), 'en', BUILT_IN, builtInLanguage), NOW);
    expect(text.startsWith('\ufeffYour consent records\n')).toBe(true);
    expect(text).toContain('No records on this device yet.');
  });
});
