// @vitest-environment node
// The built chunks (dist/, `npm run build` first) against the one list, src/chunks.json: each is built, registers
// `window['candor-<id>']`, and its sha256 is written into the bundle its `by` names — candor.js carries the
// default languages' texts only, candor-languages.js the other languages'.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { execFileSync } from 'node:child_process';
import { describe, expect, it, vi } from 'vitest';
import { bothLayers } from '../src/both-layers';
import type { FirstLayer, Load } from '../src/chunks';
import CHUNKS from '../src/chunks.json';
import { checkConfig } from '../src/core/config';
import { makeReceipt } from '../src/core/receipts';
import { hash } from '../src/core/stamp';
import { DEFAULT_LANGUAGES, LANGUAGES } from '../src/languages';
import { BUILT_IN } from '../src/ui/i18n/index';
import { EMBED_TEXTS } from '../src/core/embed-texts';
import { EMBEDS_HAVE_ENGLISH, FIRST_LAYER, inFirstLayer } from '../src/ui/text-layers';
import shop from './fixtures/shop.json';

const dist = join(__dirname, '../dist');
const read = (file: string) => readFileSync(join(dist, file), 'utf8');
/** A chunk's sha256 as bundles carry it (base64, without the `sha256-` the loader adds). */
const sri = (file: string) =>
  createHash('sha256')
    .update(readFileSync(join(dist, file)))
    .digest('base64');
/** What a chunk registers, run against a bare window. */
const registered = (id: string) => {
  const window: { [key: string]: unknown } = {};
  vm.runInNewContext(read(`candor-${id}.js`), { window, document: {}, console });
  return window;
};
/** The hashes a bundle carries, by chunk id: terser writes `{id:"<base64>",…}`, or `load("id","<base64>")` for a single one (either quote). */
const hashes = (file: string) =>
  Object.fromEntries([...read(file).matchAll(/\b["']?([a-z]+)["']?[:,]["']([A-Za-z0-9+/]{43}=)["']/g)].map((m) => [m[1], m[2]]));

describe('the chunks of src/chunks.json', () => {
  it('each registers window["candor-<id>"], and nothing else of ours', () => {
    for (const id of ['languages', 'check', 'core', 'embeds', ...LANGUAGES, ...LANGUAGES.map((l) => l + '-prefs')])
      expect(Object.keys(registered(id)), id).toEqual([`candor-${id}`]);
  });

  it('each one’s integrity is in the bundle its `by` names, and only there', () => {
    const by = (bundle: string) =>
      Object.entries(CHUNKS)
        .filter(([, c]) => c.by == bundle)
        .map(([id]) => id);
    const candor = hashes('candor.js');
    expect(Object.keys(candor).sort()).toEqual([...by('candor'), ...DEFAULT_LANGUAGES].sort());
    for (const id in candor) expect(candor[id], id).toBe(sri(`candor-${id}.js`));
    const ui = hashes('candor-ui.js');
    expect(Object.keys(ui)).toEqual(by('ui'));
    for (const id in ui) expect(ui[id], id).toBe(sri(`candor-${id}.js`));
  });

  it('candor.js carries the default languages’ hashes, candor-languages.js every other language’s', () => {
    expect(DEFAULT_LANGUAGES.every((l) => hashes('candor.js')[l] == sri(`candor-${l}.js`))).toBe(true);
    const others = registered('languages')['candor-languages'] as { [language: string]: string };
    expect(Object.keys(others).sort()).toEqual(LANGUAGES.filter((l) => !DEFAULT_LANGUAGES.includes(l)).sort());
    for (const l in others) expect(others[l], l).toBe(sri(`candor-${l}.js`));
  });
});

/** candor.js's loader, here: runs dist/candor-<id>.js if its sha256 is `integrity`, and gives what it registers. */
const load = ((id: string, integrity: string) =>
  integrity == sri(`candor-${id}.js`) ? Promise.resolve(registered(id)[`candor-${id}`]) : Promise.reject(new Error('integrity'))) as Load;

describe('each language in two chunks (src/ui/text-layers.ts)', () => {
  it('candor-<language>.js has the first layer’s texts and names candor-<language>-prefs.js, with its hash; that one has the rest', () => {
    for (const l of LANGUAGES) {
      const first = registered(l)[`candor-${l}`] as FirstLayer;
      expect(Object.keys(first[0]).sort(), l).toEqual(FIRST_LAYER.filter((k) => inFirstLayer(l, k)).sort());
      expect(first[2], l).toBe(sri(`candor-${l}-prefs.js`));
      expect(first, l).toEqual([first[0], `${l}-prefs`, first[2]]);
      const second = registered(`${l}-prefs`)[`candor-${l}-prefs`] as { [key: string]: string };
      expect(
        Object.keys(second).filter((k) => inFirstLayer(l, k)),
        l,
      ).toEqual([]);
    }
  });

  it('candor-en.js leaves to its second layer only the embed texts candor-embeds.js has in English, the same', () => {
    const [first] = registered('en')['candor-en'] as FirstLayer;
    expect(FIRST_LAYER.filter((k) => !(k in first))).toEqual(EMBEDS_HAVE_ENGLISH);
    for (const k of EMBEDS_HAVE_ENGLISH) {
      expect(EMBED_TEXTS.en[k], k).toBe(BUILT_IN.en[k]);
      expect(read('candor-embeds.js'), k).toContain(JSON.stringify(BUILT_IN.en[k]));
    }
    // Every other language keeps them: candor-embeds.js has none of theirs, and matches `fr` exactly (`fr-CA` reads candor-fr.js).
    for (const l of LANGUAGES.filter((l) => l != 'en'))
      for (const k of EMBEDS_HAVE_ENGLISH) expect(k in (registered(l)[`candor-${l}`] as FirstLayer)[0], l).toBe(true);
  });

  it('both layers, as the preference center and the records chunk load them (src/both-layers.ts), are every text of the language', async () => {
    for (const l of LANGUAGES) expect(await bothLayers(registered(l)[`candor-${l}`] as FirstLayer, load), l).toEqual(BUILT_IN[l]);
  });

  it('a receipt hashed with the texts the records chunk loads in German has the noticeHash `candor hash --lang de` prints', async () => {
    const file = join(__dirname, 'e2e/pages/i18n.json');
    const config = checkConfig(JSON.parse(readFileSync(file, 'utf8'))).config!;
    const texts = await bothLayers(registered('de')['candor-de'] as FirstLayer, load);
    const input = { id: 'a', subject: 's', time: 0, event: 'given', method: 'accept-all', language: 'de', purposes: {}, gpc: false } as const;
    const receipt = await makeReceipt(config, input, texts);
    const printed = execFileSync(process.execPath, [join(dist, 'cli.js'), 'hash', file, '--lang', 'de'], { encoding: 'utf8' }).trim();
    expect(receipt.noticeHash).toBe(printed);
    // The first layer alone would not: it is not the notice the visitor is shown in the preference center.
    expect((await makeReceipt(config, input, (registered('de')['candor-de'] as FirstLayer)[0])).noticeHash).not.toBe(printed);
  });
});

describe('what only a rarer visit runs is in the chunk loaded then, not in candor.js', () => {
  it('the embed placeholders’ composition, texts and styles are in candor-embeds.js; the floating button is in candor.js', () => {
    const candor = read('candor.js');
    const embeds = read('candor-embeds.js');
    for (const only of ['Allow and load', 'Autoriser et charger', '{vendors}', '{purpose}', '.ph{', '.allow{', 'candor-placeholders.css']) {
      expect(candor, only).not.toContain(only);
      expect(embeds, only).toContain(only);
    }
    // A returning visitor needs it on every page: nothing else to download for it (docs/contract.md §1).
    for (const own of ['Privacy settings', 'Paramètres de confidentialité', '.fab{', 'candor-widgets.css']) expect(candor, own).toContain(own);
    expect(existsSync(join(dist, 'candor-button.js')), 'no floating button chunk').toBe(false);
    // The placeholders' "Privacy settings" link has its label in English and French too.
    expect(embeds).toContain('Paramètres de confidentialité');
    expect(read('candor-widgets.css')).not.toContain('.ph');
    expect(read('candor-placeholders.css')).toContain('.ph{');
  });

  it('the validator chunk remembers a text that validated, so the next page view skips it (candor.js only reads it)', () => {
    const validate = registered('check')['candor-check'] as (raw: unknown, report: boolean, win?: unknown, salt?: string) => { config: unknown };
    const stored: { [key: string]: string } = {};
    const win = { localStorage: { setItem: (k: string, v: string) => (stored[k] = v) } };
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const text = JSON.stringify(shop);
    // Called as the playground calls it (the text alone), it remembers nothing.
    expect(validate(text, false).config).toBeTruthy();
    expect(stored).toEqual({});
    expect(validate(text, false, win, 'salt').config).toBeTruthy();
    expect(stored['candor-config']).toBe(hash('salt' + text));
  });
});

describe('compile hints (docs/architecture.md, "Startup order")', () => {
  it('candor.js and candor-ui.js start with V8’s magic comment that compiles every function with the script; no other chunk', () => {
    for (const file of ['candor.js', 'candor-ui.js']) expect(read(file).split('\n')[0]).toBe('//# allFunctionsCalledOnLoad');
    for (const id of Object.keys(CHUNKS)) if (id != 'ui') expect(read(`candor-${id}.js`)).not.toContain('allFunctionsCalledOnLoad');
  });
});
