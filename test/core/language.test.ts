import { describe, expect, it } from 'vitest';
import { builtInLanguage, chooseLanguage } from '../../src/core/language';
import { pick } from '../../src/core/text';
import { LANGUAGES } from '../../src/languages';

describe('the visitor’s language (docs/configuration.md, Languages)', () => {
  const offered = ['de', 'en', 'pl'];

  it('is the page language when the config offers it, a regional tag matching its language', () => {
    expect(chooseLanguage(offered, undefined, 'pl', ['de-DE', 'en'])).toBe('pl');
    expect(chooseLanguage(offered, undefined, 'de-AT', ['en'])).toBe('de');
  });

  it('else the first browser language the config offers, in the visitor’s order of preference', () => {
    expect(chooseLanguage(offered, undefined, 'fr', ['fr-FR', 'pl-PL', 'de'])).toBe('pl');
    expect(chooseLanguage(offered, undefined, '', ['it', 'de-CH', 'en-GB'])).toBe('de');
  });

  it('else the config’s first language; a forced language wins over everything', () => {
    expect(chooseLanguage(offered, undefined, 'fr', ['it', 'es'])).toBe('de');
    expect(chooseLanguage(offered, 'en', 'pl', ['pl'])).toBe('en');
  });
});

describe('whose built-in texts are shown', () => {
  it('the language’s own when Candor has them', () => {
    for (const l of LANGUAGES) expect(builtInLanguage(l, ['en'], LANGUAGES)).toBe(l);
  });

  it('a regional tag falls back to its language: de-AT → de, pt-BR → pt, case-insensitive', () => {
    expect(builtInLanguage('de-AT', ['de-AT', 'en'], LANGUAGES)).toBe('de');
    expect(builtInLanguage('pt-BR', ['pt-BR'], LANGUAGES)).toBe('pt');
    expect(builtInLanguage('EL-gr', ['el-GR'], LANGUAGES)).toBe('el');
  });

  it('a language Candor has no texts for falls back to the config’s first language, then English', () => {
    expect(builtInLanguage('lb', ['de', 'lb'], LANGUAGES)).toBe('de');
    expect(builtInLanguage('lb', ['fr-LU', 'lb'], LANGUAGES)).toBe('fr');
    expect(builtInLanguage('lb', ['lb'], LANGUAGES)).toBe('en');
    expect(builtInLanguage('xx', [], LANGUAGES)).toBe('en');
  });
});

describe('a config text in a regional language', () => {
  it('reads its language’s entry before the first configured language’s (en-GB → en)', () => {
    expect(pick({ fr: 'Mesure', en: 'Measurement' }, 'en-GB', ['fr', 'en', 'en-GB'])).toBe('Measurement');
    expect(pick({ fr: 'Mesure', 'en-GB': 'Measurement (UK)', en: 'Measurement' }, 'en-GB', ['fr'])).toBe('Measurement (UK)');
    expect(pick({ fr: 'Mesure' }, 'de-AT', ['fr'])).toBe('Mesure');
  });
});
