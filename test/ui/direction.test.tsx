import { describe, expect, it, vi } from 'vitest';
import { TEXT_KEYS } from '../../src/core/text-keys';
import { BUILT_IN } from '../../src/ui/i18n/index';
import { testConfig } from './fake-host';
import { run, setup } from './helpers';

/** Every text, for a language Candor has no built-in texts for. */
const all = () => Object.fromEntries(TEXT_KEYS.map((k) => [k, BUILT_IN.en[k]]));

describe('the interface', () => {
  for (const [language, dir] of [
    ['ar', 'rtl'],
    ['ar-EG', 'rtl'],
    ['he', 'rtl'],
    ['en', 'ltr'],
    ['de-AT', 'ltr'],
  ] as const)
    it(`is drawn ${dir} in ${language}: the banner and the preference center (the records are in it), its arrows the way the text reads`, async () => {
      const { ui, $, banner, dialog } = setup(testConfig({ languages: ['en', 'de', language], texts: { [language]: all() } }), { language });
      const maximize = vi.spyOn(Intl.Locale.prototype, 'maximize');
      await run(() => ui.show('banner'));
      // A language with built-in texts is left to right without the likely-subtags data, slow to load the first time.
      if (dir == 'ltr') expect(maximize).not.toHaveBeenCalled();
      maximize.mockRestore();
      const root = $('.root')!;
      expect(root.dir).toBe(dir);
      expect(root.lang).toBe(language);
      expect(banner()!.closest('[dir]')).toBe(root);
      await run(() => ui.show('preferences'));
      await run(() => {});
      expect(dialog()!.closest('[dir]')).toBe(root);
      // The AI purpose's inputs lead to its output.
      expect($('.io')!.textContent).toBe(`purchase history + preferences ${dir == 'rtl' ? '←' : '→'} product ranking`);
    });
});
