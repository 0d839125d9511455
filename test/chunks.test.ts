// @vitest-environment node
// The built chunks (dist/, `npm run build` first) against the one list, src/chunks.json: each is built, registers
// `window['candor-<id>']`, and its sha256 is written into the bundle its `by` names — candor.js carries the
// default languages' texts only, candor-languages.js the other languages'.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { describe, expect, it, vi } from 'vitest';
import CHUNKS from '../src/chunks.json';
import { hash } from '../src/core/stamp';
import { DEFAULT_LANGUAGES, LANGUAGES } from '../src/languages';
import shop from './fixtures/shop.json';

const dist = join(__dirname, '../dist');
const read = (file: string) => readFileSync(join(dist, file), 'utf8');
const sri = (file: string) =>
  'sha256-' +
  createHash('sha256')
    .update(readFileSync(join(dist, file)))
    .digest('base64');
/** What a chunk registers, run against a bare window. */
const registered = (id: string) => {
  const window: { [key: string]: unknown } = {};
  vm.runInNewContext(read(`candor-${id}.js`), { window, document: {}, console });
  return window;
};
/** The hashes a bundle carries, by chunk id: terser writes `{id:"sha256-…",…}`, or `load("id","sha256-…")` for a single one. */
const hashes = (file: string) =>
  Object.fromEntries([...read(file).matchAll(/\b"?([a-z]+)"?[:,]"(sha256-[A-Za-z0-9+/=]{44})"/g)].map((m) => [m[1], m[2]]));

describe('the chunks of src/chunks.json', () => {
  it('each registers window["candor-<id>"], and nothing else of ours', () => {
    for (const id of ['languages', 'check', 'core', 'embeds', ...LANGUAGES]) expect(Object.keys(registered(id)), id).toEqual([`candor-${id}`]);
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

describe('what only a rarer visit runs is in the chunk loaded then, not in candor.js', () => {
  it('the embed placeholders’ composition, texts and styles are in candor-embeds.js; candor.js keeps the floating button’s', () => {
    const candor = read('candor.js');
    const embeds = read('candor-embeds.js');
    for (const only of ['Allow and load', 'Autoriser et charger', '{vendors}', '{purpose}', '.ph{', '.allow{', 'candor-placeholders.css']) {
      expect(candor, only).not.toContain(only);
      expect(embeds, only).toContain(only);
    }
    for (const kept of ['Privacy settings', 'Paramètres de confidentialité', '.fab{', 'candor-widgets.css']) expect(candor, kept).toContain(kept);
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
