import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TEXT_KEYS } from '../../src/core/text-keys';
import { LANGUAGES } from '../../src/languages';
import { BUILT_IN } from '../../src/ui/i18n/index';
import en from '../../src/ui/i18n/en';

/** The GDPR's own word for consent (Art. 4(11)) in each official language: receipts and banners use it. */
const CONSENT: { [language: string]: RegExp } = {
  bg: /съгласие/i,
  cs: /souhlas/i,
  da: /samtykke/i,
  de: /einwilligung/i,
  el: /συγκατάθεση/i,
  en: /consent/i,
  es: /consentimiento/i,
  et: /nõusolek/i,
  fi: /suostumus/i,
  fr: /consentement/i,
  ga: /toiliú/i,
  hr: /privol/i,
  hu: /hozzájárulás/i,
  it: /consenso/i,
  lt: /sutikimas/i,
  lv: /piekrišana/i,
  mt: /kunsens/i,
  nl: /toestemming/i,
  pl: /zgod/i,
  pt: /consentimento/i,
  ro: /consimțământ/i,
  sk: /súhlas/i,
  sl: /privolitev/i,
  sv: /samtycke/i,
};

const placeholders = (s: string) => (s.match(/\{\w+\}/g) || []).sort();

describe('built-in languages', () => {
  it('are the 24 official languages of the EU, one list, each with its texts file', () => {
    expect(LANGUAGES).toHaveLength(24);
    expect([...LANGUAGES].sort()).toEqual(LANGUAGES);
    const files = readdirSync('src/ui/i18n')
      .filter((f) => !['index.ts', 'lazy.ts', 'load.ts'].includes(f))
      .map((f) => f.replace(/\.ts$/, ''));
    expect(files.sort()).toEqual(LANGUAGES);
    expect(Object.keys(BUILT_IN).sort()).toEqual(LANGUAGES);
  });

  it('every language has every key, none empty, and no other key', () => {
    for (const l of LANGUAGES) {
      expect(Object.keys(BUILT_IN[l]).sort(), l).toEqual([...TEXT_KEYS].sort());
      for (const key of TEXT_KEYS) expect(BUILT_IN[l][key].trim(), `${l}.${key}`).not.toBe('');
    }
  });

  it('keeps every placeholder of the English text, and adds none', () => {
    for (const l of LANGUAGES)
      for (const key of TEXT_KEYS) expect(placeholders(BUILT_IN[l][key]), `${l}.${key}`).toEqual(placeholders((en as any)[key]));
  });

  it('uses the GDPR’s word for consent when consent is given and withdrawn', () => {
    for (const l of LANGUAGES) {
      expect(BUILT_IN[l]['event.given'], l).toMatch(CONSENT[l]);
      expect(BUILT_IN[l]['event.withdrawn'], l).toMatch(CONSENT[l]);
    }
  });

  it('names the accept button exactly when saying sensitive data is never covered by it', () => {
    for (const l of LANGUAGES) {
      const accept = BUILT_IN[l].acceptAll.toLowerCase();
      expect(BUILT_IN[l].sensitive.toLowerCase(), l).toContain(accept);
      expect(BUILT_IN[l].sensitiveGeneric.toLowerCase(), l).toContain(accept);
    }
  });

  it('words refusal as plainly as acceptance, without filler', () => {
    for (const l of LANGUAGES) {
      const { acceptAll, rejectAll } = BUILT_IN[l];
      // Same shape: neither button is a sentence, and refusal is not much longer than acceptance.
      expect(rejectAll.length, l).toBeLessThanOrEqual(acceptAll.length * 1.5 + 2);
      expect(acceptAll.split(' ').length, l).toBeLessThanOrEqual(4);
      expect(rejectAll.split(' ').length, l).toBeLessThanOrEqual(4);
    }
    const all = LANGUAGES.map((l) => Object.values(BUILT_IN[l]).join('\n')).join('\n');
    expect(all).not.toMatch(/value your privacy|respectons votre vie privée|ist uns wichtig/i);
  });

  it('docs/configuration.md lists every language', () => {
    const docs = readFileSync('docs/configuration.md', 'utf8');
    for (const l of LANGUAGES) expect(docs, l).toContain('`' + l + '`');
  });
});
