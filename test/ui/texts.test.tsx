import { describe, expect, it } from 'vitest';
import { TEXT_KEYS } from '../../src/core/text-keys';
import { EMBED_TEXTS } from '../../src/core/embed-texts';
import { BUTTON_TEXTS } from '../../src/core/button-texts';
import { CATEGORIES } from '../../src/core/categories';
import en from '../../src/ui/i18n/en';
import fr from '../../src/ui/i18n/fr';
import { builtInLanguage } from '../../src/core/language';
import { localize } from '../../src/ui/texts';
import { run, setup } from './helpers';
import { testConfig } from './fake-host';

/** docs/contract.md §5 table: exact built-in values. */
const SPEC: { [key: string]: [string, string] } = {
  bannerLabel: ['Privacy choices', 'Vos choix de confidentialité'],
  acceptAll: ['Accept all', 'Tout accepter'],
  rejectAll: ['Reject all', 'Tout refuser'],
  customize: ['Customize', 'Personnaliser'],
  dialogTitle: ['Privacy preferences', 'Préférences de confidentialité'],
  save: ['Save choices', 'Enregistrer mes choix'],
  close: ['Close', 'Fermer'],
  continueWithout: ['Continue without accepting', 'Continuer sans accepter'],
  floatingButton: ['Privacy settings', 'Paramètres de confidentialité'],
  allowAndLoad: ['Allow and load', 'Autoriser et charger'],
  gpcHonored: ['Your Global Privacy Control signal is honored', 'Votre signal Global Privacy Control est respecté'],
  records: ['Your consent records', 'Vos preuves de consentement'],
  download: ['Download my records', 'Télécharger mes preuves'],
  reloadOffer: ['Reload the page to stop what already ran', "Recharger la page pour arrêter ce qui s'est déjà exécuté"],
  aiBadge: ['AI', 'IA'],
};

describe('texts', () => {
  it('has exactly the keys of TEXT_KEYS in English and in French', () => {
    expect(Object.keys(en).sort()).toEqual([...TEXT_KEYS].sort());
    expect(Object.keys(fr).sort()).toEqual([...TEXT_KEYS].sort());
    expect(new Set(TEXT_KEYS).size).toBe(TEXT_KEYS.length);
    for (const value of [...Object.values(en), ...Object.values(fr)]) expect(value.trim()).not.toBe('');
  });

  it('has a label for every built-in data category', () => {
    for (const id of CATEGORIES) expect(TEXT_KEYS).toContain('category.' + id);
  });

  it('matches the docs/contract.md §5 table', () => {
    for (const key in SPEC) {
      expect((en as Record<string, string>)[key], key).toBe(SPEC[key][0]);
      expect((fr as Record<string, string>)[key], key).toBe(SPEC[key][1]);
    }
  });

  it('puts a non-breaking space before French colons', () => {
    for (const value of Object.values(fr)) expect(value).not.toMatch(/[^\u00a0]:/);
  });

  it('prefers the config override, then the built-in of the language, then English', () => {
    const config = testConfig({
      texts: { fr: { acceptAll: 'Oui à tout' }, de: { rejectAll: 'Alle ablehnen' } },
    });
    const fr_ = localize(config, 'fr', { en, fr }, builtInLanguage);
    expect(fr_.t('acceptAll')).toBe('Oui à tout');
    expect(fr_.t('rejectAll')).toBe('Tout refuser');
    const de = localize(config, 'de', { en, fr }, builtInLanguage);
    expect(de.t('rejectAll')).toBe('Alle ablehnen');
    expect(de.t('acceptAll')).toBe('Accept all');
    expect(localize(config, 'en', { en, fr }, builtInLanguage).t('acceptAll')).toBe('Accept all');
  });

  it('shows config overrides in the interface', async () => {
    const config = testConfig({ texts: { en: { acceptAll: 'Allow everything', bannerLabel: 'Cookies & you' } } });
    const { ui, banner, button } = setup(config);
    await run(() => ui.show('banner'));
    expect(banner()!.getAttribute('aria-label')).toBe('Cookies & you');
    expect(button('Allow everything').className).toBe(button('Reject all').className);
  });
});

describe('texts drawn without the interface (floating button in candor.js, placeholders in candor-embeds.js)', () => {
  it('match the interface’s built-in texts, so the floating button and placeholders read the same', () => {
    for (const table of [BUTTON_TEXTS, EMBED_TEXTS])
      for (const [language, ui] of [
        ['en', en],
        ['fr', fr],
      ] as const)
        for (const key of Object.keys(table[language])) expect(table[language][key], `${language}.${key}`).toBe((ui as any)[key]);
    expect(Object.keys(EMBED_TEXTS.en).sort()).toEqual([
      'allowAndLoad',
      'allowGrants',
      'blocked',
      'blockedGpc',
      'floatingButton',
      'interaction.chat',
      'interaction.voice',
    ]);
  });
});
