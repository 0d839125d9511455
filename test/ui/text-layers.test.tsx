// Issue #16: a first visit downloads the first layer's texts only (src/ui/text-layers.ts). The list against the
// sources that draw each layer, the banner drawn from the first layer alone, and candor-ui.js's preference center
// waiting for the second layer's chunk as for its own.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FirstLayer, Load } from '../../src/chunks';
import { builtInLanguage } from '../../src/core/language';
import { adoptStyles } from '../../src/core/styles';
import { BUILT_IN } from '../../src/ui/i18n/index';
import en from '../../src/ui/i18n/en';
import { FIRST_LAYER } from '../../src/ui/text-layers';
import type { BuiltInTexts } from '../../src/ui/texts';
import { fakeHost, testConfig } from './fake-host';
import { accessibleName, click, named, run, track } from './helpers';

const KEYS = Object.keys(en);
const SECOND_LAYER = KEYS.filter((k) => !FIRST_LAYER.includes(k));
const layer = (texts: BuiltInTexts, first: boolean) => Object.fromEntries(Object.entries(texts).filter(([k]) => FIRST_LAYER.includes(k) == first));

/** What draws the first layer: the banner, the status and reload offer, the floating button and the placeholders. */
const FIRST_SOURCES = ['src/ui/banner.tsx', 'src/ui/app.tsx', 'src/ui/mount.ts', 'src/ui/dom.ts', 'src/core/manager.ts', 'src/core/blocked.ts'];
/** What draws the second: the preference center, its disclosures and records, the readable records. */
const SECOND_SOURCES = ['src/ui/preferences.tsx', 'src/ui/purpose.tsx', 'src/ui/records.tsx', 'src/ui/readable-records.ts', 'src/ui/shared.ts'];

/**
 * The text keys a source uses: every key written as a string literal, and the whole family of a key built at
 * run time (`'event.' + r.event`; `category` for a data category's label).
 */
function keysUsed(file: string): string[] {
  const src = readFileSync(join(__dirname, '../..', file), 'utf8');
  const literal = new Set([...src.matchAll(/'([a-zA-Z.-]+)'/g)].map((m) => m[1]));
  const families = ['event.', 'method.', 'transfer.', 'interaction.', 'category.'].filter((f) =>
    f == 'category.' ? /\bcategory\b/.test(src.replace(/\/\/.*|\/\*[\s\S]*?\*\//g, '')) : src.includes(`'${f}' +`),
  );
  return KEYS.filter((k) => literal.has(k) || families.some((f) => k.startsWith(f)));
}

describe('the two layers of built-in texts (src/ui/text-layers.ts)', () => {
  it('split every key in two, with no unknown key', () => {
    expect(FIRST_LAYER.filter((k) => !KEYS.includes(k))).toEqual([]);
    expect(new Set(FIRST_LAYER).size).toBe(FIRST_LAYER.length);
    expect(SECOND_LAYER.length).toBeGreaterThan(0);
  });

  it('the first layer is exactly what its sources use: none uses a second-layer key, each first-layer key is used there', () => {
    const used = [...new Set(FIRST_SOURCES.flatMap(keysUsed))];
    expect(
      used.filter((k) => !FIRST_LAYER.includes(k)),
      'second-layer keys a first-layer source uses',
    ).toEqual([]);
    expect(
      FIRST_LAYER.filter((k) => !used.includes(k)),
      'first-layer keys no first-layer source uses',
    ).toEqual([]);
  });

  it('every second-layer key is used by the preference center or the records', () => {
    const used = new Set(SECOND_SOURCES.flatMap(keysUsed));
    expect(SECOND_LAYER.filter((k) => !used.has(k))).toEqual([]);
  });
});

/** candor-ui.js's mountUI (src/ui/entry.ts), with a chunk loader answered by hand. */
type Entry = NonNullable<Window['candor-ui']>;
let entry: Entry;
beforeAll(async () => {
  // What the build writes into candor-ui.js: the preference center's hash.
  vi.stubGlobal('__INTEGRITY__', { prefs: 'sha256-prefs' });
  await import('../../src/ui/entry');
  entry = window['candor-ui']!;
});

afterEach(() => vi.restoreAllMocks());

/** The German interface as candor.js mounts it: its first layer's chunk given, the rest through `load`. */
function setupGerman(options: { withdrawn?: boolean; gpc?: boolean; closeButton?: boolean } = {}) {
  const host = fakeHost(testConfig({ languages: ['en', 'de'], closeButton: !!options.closeButton }), { language: 'de', gpc: !!options.gpc });
  Object.assign(host, { withdrawn: !!options.withdrawn });
  const chunk: FirstLayer = [layer(BUILT_IN.de, true), 'de-prefs', 'de-prefs-hash'];
  const calls: { id: string; integrity: string; resolve: (v: unknown) => void; reject: (e: Error) => void }[] = [];
  const load = vi.fn(
    (id: string, integrity: string) => new Promise((resolve, reject) => calls.push({ id, integrity, resolve, reject })),
  ) as unknown as Load;
  const ui = entry(host, { doc: document, base: '', language: 'de', texts: chunk, load, adoptStyles, builtInLanguage });
  track(ui);
  const root = document.getElementById('candor')!.shadowRoot!;
  const button = (name: string) => named<HTMLButtonElement>(root, 'button', name);
  /** Answer the latest request for chunk `id`. */
  const answer = async (id: string, fail = false) => {
    const call = calls.filter((c) => c.id == id).at(-1)!;
    const module = id == 'prefs' ? await import('../../src/ui/prefs') : layer(BUILT_IN.de, false);
    await run(() => (fail ? call.reject(new Error('could not load candor-' + id + '.js')) : call.resolve(module)));
  };
  return { host, ui, root, calls, button, answer, dialog: () => root.querySelector('[role="dialog"]') };
}

describe('candor-ui.js with the first layer only', () => {
  it('draws the banner, its disclosures, the status and the reload offer from the first layer as from every text', async () => {
    /** The interface's markup through a banner with every disclosure open, then after Accept all. */
    const draw = async (all: boolean) => {
      const { ui, root, button, answer } = setupGerman({ withdrawn: true, gpc: true, closeButton: true });
      await run(() => ui.show('banner'));
      if (all) {
        // Every text: what the interface has once the preference center has loaded.
        await run(() => button('Anpassen').dispatchEvent(new Event('pointerenter')));
        await answer('prefs');
        await answer('de-prefs');
      }
      for (const b of Array.from(root.querySelectorAll<HTMLButtonElement>('.brief button'))) await click(b);
      const banner = root.querySelector('.root')!.outerHTML;
      await click(button(BUILT_IN.de.acceptAll));
      return [banner, root.querySelector('.root')!.outerHTML];
    };
    const first = await draw(false);
    // No key shows as itself: each was found in the first layer.
    for (const html of first) expect(KEYS.filter((k) => /[A-Z.]/.test(k) && html.includes(k))).toEqual([]);
    expect(first[0]).toContain(BUILT_IN.de.gpcOff.split(':')[0]);
    expect(first[1]).toContain(BUILT_IN.de.reloadOffer);
    expect(await draw(true)).toEqual(first);
  });

  it('loads the second layer with the preference center, and draws it only once both are here', async () => {
    const { ui, calls, button, answer, dialog, root } = setupGerman();
    await run(() => ui.show('banner'));
    expect(calls).toEqual([]);
    await click(button('Anpassen'));
    expect(calls.map((c) => [c.id, c.integrity])).toEqual([
      ['prefs', 'sha256-prefs'],
      ['de-prefs', 'de-prefs-hash'],
    ]);
    await answer('prefs');
    expect(dialog(), 'not without the second layer').toBeNull();
    expect(button('Anpassen').getAttribute('aria-busy')).toBe('true');
    await answer('de-prefs');
    expect(dialog()).not.toBeNull();
    expect(accessibleName(dialog()!)).toBe(BUILT_IN.de.dialogTitle);
    // The disclosures, in German: data categories and recipients.
    expect(root.textContent).toContain(BUILT_IN.de.dataCategories);
    expect(root.textContent).toContain(BUILT_IN.de['category.browsing']);
  });

  it('a failed second layer fails the opening as a failed preference center does: reported, nothing drawn, tried again', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { ui, calls, button, answer, dialog } = setupGerman();
    await run(() => ui.show('banner'));
    await click(button('Anpassen'));
    await answer('prefs');
    await answer('de-prefs', true);
    expect(dialog()).toBeNull();
    expect(error).toHaveBeenCalledWith('Candor: could not load the preference center.', expect.any(Error));
    expect(button('Anpassen').hasAttribute('aria-busy')).toBe(false);
    // The next opening asks again (candor.js's loader keeps what loaded: prefs here).
    await click(button('Anpassen'));
    expect(calls.filter((c) => c.id == 'de-prefs')).toHaveLength(2);
    await answer('prefs');
    await answer('de-prefs');
    expect(dialog()).not.toBeNull();
  });
});
