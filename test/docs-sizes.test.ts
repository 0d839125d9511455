// @vitest-environment node
// The sizes the README's opening paragraph (and docs/architecture.md's, docs/configuration.md's) quote are those of
// the built dist/ (`npm test` builds first), measured as scripts/size.mjs measures them (brotli -q 11, KB of 1,024 B),
// to the nearest 0.1 KB give or take 0.1 KB: a figure left behind by a change of a chunk's size fails here.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../src/languages';

const ROOT = resolve(__dirname, '..');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const doc = (f: string) => readFileSync(join(ROOT, f), 'utf8');
const bytes = (f: string) => brotliCompressSync(readFileSync(join(ROOT, 'dist', f)), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const kb = (files: string[]) => files.map(bytes).reduce((a, b) => a + b) / 1024;

/** What the README says → the dist/ files it is the size of. */
const QUOTED: [RegExp, string[]][] = [
  [/\*\*([\d.]+) KB\*\* for `candor\.js`/, ['candor.js']],
  [/`candor-languages\.js`, ([\d.]+) KB/, ['candor-languages.js']],
  [/`candor-embeds\.js`, ([\d.]+) KB/, ['candor-embeds.js']],
  [/\*\*([\d.]+) KB\*\*\nfor a first visit up to the banner/, ['candor.js', 'candor-ui.js', 'candor-en.js']],
  [/`candor-ui\.js`, ([\d.]+) KB/, ['candor-ui.js']],
  [/`candor-en\.js`, ([\d.]+) KB/, ['candor-en.js']],
  [/validator \(([\d.]+) KB\)/, ['candor-check.js']],
  [/consent records \(([\d.]+) KB\)/, ['candor-core.js']],
  [/preference center with Preact \(([\d.]+) KB/, ['candor-prefs.js']],
  [/texts \(([\d.]+) KB in English\)/, ['candor-en-prefs.js']],
  [/returning visitor about ([\d.]+) KB with the floating button/, ['candor.js']],
];

/** The same in other docs: file → what it says → the dist/ files it is the size of. */
const ELSEWHERE: [string, RegExp, string[]][] = [
  ['docs/architecture.md', /\*\*`candor\.js`, ([\d.]+) KB/, ['candor.js']],
  ['docs/architecture.md', /\*\*First visit, ([\d.]+) KB/, ['candor.js', 'candor-ui.js', 'candor-en.js']],
  ['docs/architecture.md', /`candor-languages\.js` \(([\d.]+) KB/, ['candor-languages.js']],
  ['docs/architecture.md', /The second layer,\s+([\d.]+) KB in English/, ['candor-en-prefs.js']],
];

describe.skipIf(!existsSync(join(ROOT, 'dist/candor.js')))("the README's sizes", () => {
  it.each(QUOTED.map(([re, files]) => [files.join(' + '), re, files] as const))('%s', (_, re, files) => {
    const quoted = re.exec(readme);
    expect(quoted, `README no longer matches ${re}`).not.toBeNull();
    expect(Math.abs(Number(quoted![1]) - kb(files))).toBeLessThanOrEqual(0.15);
  });

  it.each(ELSEWHERE.map(([file, re, files]) => [`${file}: ${files.join(' + ')}`, file, re, files] as const))('%s', (_, file, re, files) => {
    const quoted = re.exec(doc(file));
    expect(quoted, `${file} no longer matches ${re}`).not.toBeNull();
    expect(Math.abs(Number(quoted![1]) - kb(files))).toBeLessThanOrEqual(0.15);
  });

  it("docs/configuration.md's range of the language chunks", () => {
    const text = doc('docs/configuration.md');
    const layers = /`candor-<code>\.js` \([^)]*?([\d.]+) to ([\d.]+) KB[\s\S]*?`candor-<code>-prefs\.js` \(the rest, ([\d.]+) to ([\d.]+) KB\)/.exec(
      text,
    );
    expect(layers, 'docs/configuration.md no longer quotes the language chunks').not.toBeNull();
    for (const [i, suffix] of [
      [1, '.js'],
      [3, '-prefs.js'],
    ] as const) {
      const sizes = LANGUAGES.map((l) => bytes(`candor-${l}${suffix}`) / 1024);
      expect(Math.abs(Number(layers![i]) - Math.min(...sizes)), `smallest candor-<code>${suffix}`).toBeLessThanOrEqual(0.15);
      expect(Math.abs(Number(layers![i + 1]) - Math.max(...sizes)), `largest candor-<code>${suffix}`).toBeLessThanOrEqual(0.15);
    }
  });
});
