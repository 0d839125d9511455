// Receipts hash the built-in texts the visitor was shown (notice format 2, docs/receipts.md): the records
// chunk asks for the decision's language texts, and still makes a receipt (format 1) when it cannot get them.
import { createStore } from 'idb-keyval';
import { JSDOM } from 'jsdom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { checkConfig } from '../../src/core/config';
import { noticeHash, uuid } from '../../src/core/receipts';
import { createServices } from '../../src/core/services';
import { createRecordStore } from '../../src/core/storage';
import { createCandor } from '../../src/module';
import { BUILT_IN } from '../../src/ui/i18n/index';
import type { Config } from '../../src/types';
import pkg from '../../package.json';
import shop from '../fixtures/shop.json';

let db = 0;
let window: Window & typeof globalThis;

const records = () => createRecordStore(uuid, () => createStore(`candor-notice-texts-${db}`, 'records'));
const config = () => checkConfig(structuredClone(shop) as unknown as Config).config!;
const decided = (language: string) => ({
  id: uuid(),
  time: Date.UTC(2026, 10, 29, 12),
  event: 'given' as const,
  method: 'accept-all' as const,
  language,
  purposes: { necessary: true },
  gpc: false,
});

beforeEach(() => {
  db++;
  window = new JSDOM('<!doctype html><html><body></body></html>', { url: 'https://shop.example/' }).window as unknown as Window & typeof globalThis;
});
afterEach(() => window.close());

describe('receipts and built-in texts', () => {
  it('hash the built-in texts of the decision language, loaded for it, and carry the SDK version and format 2', async () => {
    const asked: string[] = [];
    const services = createServices(records(), async (language) => {
      asked.push(language);
      return BUILT_IN[language];
    });
    await services.keep(window, config(), decided('fr'));
    await services.keep(window, config(), decided('en'));
    const [en, fr] = await services.receipts();
    expect(asked).toEqual(['fr', 'en']);
    expect(fr).toMatchObject({ language: 'fr', sdk: pkg.version, noticeFormat: 2, noticeHash: await noticeHash(config(), 'fr', BUILT_IN.fr) });
    expect(en).toMatchObject({ language: 'en', sdk: pkg.version, noticeFormat: 2, noticeHash: await noticeHash(config(), 'en', BUILT_IN.en) });
  });

  it('still make the receipt, in format 1, when the language texts cannot be loaded', async () => {
    const services = createServices(records(), () => Promise.reject(new Error('offline')));
    await services.keep(window, config(), decided('fr'));
    const [r] = await services.receipts();
    expect(r).toMatchObject({ language: 'fr', noticeFormat: 1, noticeHash: await noticeHash(config(), 'fr') });
  });

  it('made through the ES module API without interface (ui: null) are in format 2', async () => {
    const candor = createCandor({ config: shop, ui: null, window, document: window.document });
    await candor.ready;
    candor.acceptAll();
    const [r] = await candor.receipts();
    expect(r).toMatchObject({ method: 'api', noticeFormat: 2, sdk: pkg.version });
    expect(r.noticeHash).toBe(await noticeHash(config(), r.language, BUILT_IN[r.language] || BUILT_IN.en));
  });

  it('made through the ES module in French hash the French texts, loaded on demand, and the banner is drawn in French', async () => {
    window.document.documentElement.lang = 'fr';
    const candor = createCandor({ config: shop, window, document: window.document });
    await candor.ready;
    const banner = () => window.document.getElementById('candor')?.shadowRoot?.querySelector('[role="region"]');
    await vi.waitFor(() => expect(banner()?.textContent).toContain(BUILT_IN.fr.acceptAll));
    candor.acceptAll();
    const [r] = await candor.receipts();
    expect(r).toMatchObject({ language: 'fr', noticeFormat: 2 });
    expect(r.noticeHash).toBe(await noticeHash(config(), 'fr', BUILT_IN.fr));
    candor.destroy();
  });
});
