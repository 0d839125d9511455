import { createStore } from 'idb-keyval';
import { JSDOM } from 'jsdom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { floatingButton } from '../../src/core/button';
import { lazyButton } from '../../src/core/lazy-button';
import { createCandor, type Options } from '../../src/core/manager';
import { uuid } from '../../src/core/receipts';
import { createServices } from '../../src/core/services';
import { createRecordStore } from '../../src/core/storage';
import { validate } from '../../src/core/validate';
import { widgetHost } from '../../src/core/widget';
import type { CandorHost } from '../../src/types';
import shop from '../fixtures/shop.json';

/** Let pending promises settle (the page is parsed, chunks "load"). */
const settle = () => new Promise((r) => setTimeout(r, 0));
const pages: JSDOM[] = [];
let db = 0;

function start(button: Options['button'], lang = 'en', texts?: Options['texts'], config: unknown = shop): { candor: CandorHost; doc: Document } {
  const dom = new JSDOM(`<!doctype html><html lang="${lang}"><body></body></html>`, { url: 'https://shop.example/' });
  pages.push(dom);
  const records = createRecordStore(uuid, () => createStore(`candor-button-${++db}`, 'records'));
  const candor = createCandor({
    config,
    ui: async () => () => ({ show() {}, hide() {}, destroy() {} }),
    check: async () => validate,
    services: async () => createServices(records),
    button,
    texts,
    window: dom.window as any,
    document: dom.window.document,
  });
  return { candor, doc: dom.window.document };
}

const fab = (doc: Document) => doc.querySelector('[data-candor-button]')?.shadowRoot?.querySelector('button');

afterEach(() => {
  vi.restoreAllMocks();
  for (const dom of pages.splice(0)) dom.window.close();
});

describe('the floating button, drawn on its first need', () => {
  it('is not loaded before a decision, and is loaded and shown after the first one', async () => {
    const load = vi.fn(async () => floatingButton);
    const { candor, doc } = start(load);
    await candor.ready;
    await settle();
    expect(load).not.toHaveBeenCalled();
    expect(fab(doc)).toBeUndefined();
    candor.acceptAll();
    await settle();
    expect(load).toHaveBeenCalledTimes(1);
    expect(fab(doc)!.getAttribute('aria-label')).toBe('Privacy settings');
    candor.reset();
    await settle();
    expect(doc.querySelector('[data-candor-button]')).toBeNull();
    candor.acceptAll();
    await settle();
    expect(fab(doc)).toBeDefined();
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('a failed load says so once, grants nothing, throws nothing, and the next need tries again', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const load = vi.fn().mockRejectedValueOnce(new Error('integrity')).mockResolvedValue(floatingButton);
    const { candor, doc } = start(load);
    await candor.ready;
    candor.set({ analytics: true });
    await settle();
    expect(load).toHaveBeenCalledTimes(1);
    expect(error).toHaveBeenCalledTimes(1);
    expect(String(error.mock.calls[0][0])).toMatch(/^Candor: could not load /);
    expect(fab(doc)).toBeUndefined();
    expect(candor.has('analytics')).toBe(true);
    expect(candor.has('marketing')).toBe(false);
    // The next need (another decision) loads it again, and it is there.
    candor.set({ analytics: false });
    await settle();
    expect(load).toHaveBeenCalledTimes(2);
    expect(fab(doc)).toBeDefined();
    expect(candor.has('analytics')).toBe(false);
    expect(error).toHaveBeenCalledTimes(1);
  });

  it('takes its label from the config, else the language chunk, else its own English and French', async () => {
    const fr = start(async () => floatingButton, 'fr');
    await fr.candor.ready;
    fr.candor.acceptAll();
    await settle();
    expect(fab(fr.doc)!.getAttribute('aria-label')).toBe('Paramètres de confidentialité');
    expect(fab(fr.doc)!.lang).toBe('fr');
    const de = start(
      async () => floatingButton,
      'de',
      async () => ({ floatingButton: 'Datenschutz-Einstellungen' }),
      {
        ...shop,
        languages: ['de', 'en'],
      },
    );
    await de.candor.ready;
    de.candor.acceptAll();
    await settle();
    await settle();
    expect(fab(de.doc)!.getAttribute('aria-label')).toBe('Datenschutz-Einstellungen');
    expect(fab(de.doc)!.lang).toBe('de');
    const own = start(async () => floatingButton, 'fr', undefined, { ...shop, texts: { fr: { floatingButton: 'Mes choix' } } });
    await own.candor.ready;
    own.candor.acceptAll();
    await settle();
    expect(fab(own.doc)!.getAttribute('aria-label')).toBe('Mes choix');
    expect(fab(own.doc)!.lang).toBe('fr');
  });

  it('says which language its name is in: English when the language chunk with its label fails to load', async () => {
    const de = start(
      async () => floatingButton,
      'de',
      async () => {
        throw new Error('offline');
      },
      { ...shop, languages: ['de', 'en'] },
    );
    await de.candor.ready;
    de.candor.acceptAll();
    await settle();
    await settle();
    expect(fab(de.doc)!.getAttribute('aria-label')).toBe('Privacy settings');
    expect(fab(de.doc)!.lang).toBe('en');
  });

  it('fetches no language chunk for its label when the config has it in the visitor’s language', async () => {
    const texts = vi.fn(async () => ({ floatingButton: 'Datenschutz-Einstellungen' }));
    const de = start(async () => floatingButton, 'de', texts, {
      ...shop,
      languages: ['de', 'en'],
      texts: { de: { floatingButton: 'Meine Auswahl' } },
    });
    await de.candor.ready;
    de.candor.acceptAll();
    await settle();
    expect(fab(de.doc)!.getAttribute('aria-label')).toBe('Meine Auswahl');
    expect(texts).not.toHaveBeenCalled();
  });

  it('shows what was asked last once it arrives (hidden meanwhile: not drawn)', async () => {
    let arrive!: (make: typeof floatingButton) => void;
    const load = vi.fn(() => new Promise<typeof floatingButton>((r) => (arrive = r)));
    const widget = (...a: [string, string, string]) => widgetHost(document, '/', ...a);
    const show = lazyButton(document, load, async (make) => make(document, widget, undefined, 'en', undefined, () => {}));
    show(false);
    expect(load).not.toHaveBeenCalled();
    show(true);
    show(false);
    arrive(floatingButton);
    await settle();
    expect(document.querySelector('[data-candor-button]')).toBeNull();
    show(true);
    expect(document.querySelector('[data-candor-button]')).not.toBeNull();
    expect(load).toHaveBeenCalledTimes(1);
    show(false);
  });

  it('takes the focus the interface landed elsewhere after a decision in it, unless the visitor moved it since', async () => {
    for (const moved of [false, true]) {
      document.body.innerHTML = '<div id="candor" tabindex="0"></div><main tabindex="-1">Shop</main><input>';
      const widget = (...a: [string, string, string]) => widgetHost(document, '/', ...a);
      let arrive!: (make: typeof floatingButton) => void;
      const show = lazyButton(
        document,
        () => new Promise((r) => (arrive = r)),
        async (make) => make(document, widget, undefined, 'en', undefined, () => {}),
      );
      document.getElementById('candor')!.focus();
      show(true);
      // The interface goes and lands focus on the page at once (src/ui/focus.ts).
      document.querySelector('main')!.focus();
      await settle();
      if (moved) document.querySelector('input')!.focus();
      arrive(floatingButton);
      await settle();
      const button = document.querySelector('[data-candor-button]')!.shadowRoot!.querySelector('button');
      expect(document.activeElement, moved ? 'the visitor moved on' : 'landed').toBe(
        moved ? document.querySelector('input') : (button!.getRootNode() as ShadowRoot).host,
      );
      show(false);
    }
  });
});
