import { createStore } from 'idb-keyval';
import { JSDOM } from 'jsdom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { blockedEmbeds } from '../../src/core/blocked';
import { floatingButton } from '../../src/core/button';
import { direction } from '../../src/core/direction';
import { createCandor } from '../../src/core/manager';
import { validate } from '../../src/core/validate';
import { uuid } from '../../src/core/receipts';
import { createServices } from '../../src/core/services';
import { createRecordStore } from '../../src/core/storage';
import { TEXT_KEYS } from '../../src/core/text-keys';
import { BUILT_IN } from '../../src/ui/i18n/index';
import shop from '../fixtures/shop.json';

describe('direction', () => {
  it('is right to left for the languages written so, by script: the one given, else the one the language or its region is usually written in', () => {
    for (const l of [
      'ar',
      'ar-EG',
      'AR-eg',
      'he',
      'iw',
      'fa',
      'fa-IR',
      'ur',
      'ps',
      'sd',
      'ug',
      'yi',
      'dv',
      'ckb',
      'ku-Arab',
      'pa-Arab',
      'az-Arab-IR',
      'yi-Hebr',
      'dv-Thaa',
      // Kashmiri, Mazanderani, Northern Luri: written in Arabic script; Punjabi in Pakistan and Uzbek in Afghanistan too.
      'ks',
      'ks-IN',
      'mzn',
      'lrc',
      'pa-PK',
      'uz-AF',
      // Syriac, N'Ko, Fulah in Adlam: scripts written right to left other than Arabic and Hebrew.
      'syr',
      'nqo',
      'ff-Adlm',
    ])
      expect(direction(l), l).toBe('rtl');
  });

  it('is left to right otherwise, and for those languages in another script', () => {
    for (const l of [
      'en',
      'de-AT',
      'fr',
      'arn',
      'hea',
      'fil',
      'urd-x',
      'sd-Deva',
      'ug-Cyrl',
      'ar-Latn',
      'ar-Latn-EG',
      'ckb-Latn',
      'ks-Deva',
      'hey',
      'ku',
      'pa',
      'en-arabic',
      '',
      'not a tag',
    ])
      expect(direction(l), l).toBe('ltr');
  });

  it("asks for no likely script (its data's first load is slow) for a language Candor has texts for, in any region, unless a script is given", () => {
    const maximize = vi.spyOn(Intl.Locale.prototype, 'maximize');
    for (const l of ['en', 'en-US', 'de-AT', 'fr-CA', 'el', 'ga-IE']) expect(direction(l, BUILT_IN.en), l).toBe('ltr');
    expect(direction('de-Arab', BUILT_IN.en)).toBe('rtl');
    expect(maximize).not.toHaveBeenCalled();
    expect(direction('ks')).toBe('rtl');
    expect(maximize).toHaveBeenCalledTimes(1);
    maximize.mockRestore();
  });
});

let db = 0;
let pages: JSDOM[] = [];
afterEach(() => {
  for (const p of pages) p.window.close();
  pages = [];
});

/** The shop's configuration in `languages`, with every text given for a language Candor has no texts for. */
const config = (languages: string[]) => ({
  ...shop,
  languages,
  texts: Object.fromEntries(languages.filter((l) => !(l in BUILT_IN)).map((l) => [l, Object.fromEntries(TEXT_KEYS.map((k) => [k, BUILT_IN.en[k]]))])),
});

/** A page of the shop in `lang`, an embed waiting for marketing, Candor started with `languages` and a decision made. */
async function start(lang: string, languages: string[]) {
  const dom = new JSDOM(
    `<!doctype html><html lang="${lang}"><body><iframe data-purpose="marketing" data-src="https://video.example/embed/1" width="560" height="315"></iframe></body></html>`,
    { url: 'https://www.shop.example/' },
  );
  (dom.window as any).BroadcastChannel = BroadcastChannel;
  pages.push(dom);
  db++;
  const records = createRecordStore(uuid, () => createStore(`candor-dir-${db}`, 'records'));
  const candor = createCandor({
    config: config(languages),
    window: dom.window as any,
    document: dom.window.document,
    services: async () => createServices(records),
    check: async () => validate,
    placeholders: async () => blockedEmbeds,
    button: async () => floatingButton,
  });
  expect((await candor.ready).error).toBeUndefined();
  candor.set({ analytics: true });
  const doc = dom.window.document;
  const placeholder = await vi.waitUntil(() => doc.querySelector<HTMLElement>('[data-candor-placeholder]'));
  const button = await vi.waitUntil(() => doc.querySelector<HTMLElement>('[data-candor-button]'));
  return { candor, placeholder, button };
}

describe('the embed placeholders and the floating button', () => {
  for (const [lang, languages, dir] of [
    ['ar', ['ar', 'en'], 'rtl'],
    ['ar-EG', ['ar', 'en'], 'rtl'],
    ['he', ['en', 'he'], 'rtl'],
    ['en', ['ar', 'en'], 'ltr'],
    ['de-AT', ['de', 'en'], 'ltr'],
  ] as const)
    it(`a placeholder takes the direction of its language (${lang} among ${languages}: ${dir}), the button that of its label`, async () => {
      const { candor, placeholder, button } = await start(lang, [...languages]);
      expect(placeholder.dir).toBe(dir);
      expect(placeholder.lang).toBe(candor.get().language);
      // Browsers give `auto` the direction of the text (test/e2e/rtl.test.mjs): the label is in the visitor's language.
      expect(button.shadowRoot!.querySelector('button')!.dir).toBe('auto');
    });

  it('a placeholder in any language Candor has texts for, not only the chunk’s own English and French, asks for no likely script', async () => {
    const maximize = vi.spyOn(Intl.Locale.prototype, 'maximize');
    try {
      for (const [lang, languages] of [
        ['de', ['de', 'en']],
        ['de-AT', ['de-AT', 'en']],
        ['el', ['el']],
        ['pl', ['en', 'pl']],
      ] as const) {
        const { placeholder } = await start(lang, [...languages]);
        expect(placeholder.dir, lang).toBe('ltr');
      }
      expect(maximize).not.toHaveBeenCalled();
    } finally {
      maximize.mockRestore();
    }
  });

  it('an English Candor on a right-to-left page stays left to right', async () => {
    // Without the likely-subtags data (slow to load the first time): the embeds chunk has English texts of its own.
    const maximize = vi.spyOn(Intl.Locale.prototype, 'maximize');
    const { placeholder, button } = await start('en', ['en']);
    expect(maximize).not.toHaveBeenCalled();
    maximize.mockRestore();
    placeholder.ownerDocument.documentElement.dir = 'rtl';
    expect(placeholder.dir).toBe('ltr');
    expect(button.shadowRoot!.querySelector('button')!.dir).toBe('auto');
  });
});
