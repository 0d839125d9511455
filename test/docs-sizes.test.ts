// @vitest-environment node
// The sizes the README's opening paragraph quotes are those of the built dist/ (`npm test` builds first), measured as
// scripts/size.mjs measures them (brotli -q 11, KB of 1,024 B), to the nearest 0.1 KB give or take 0.1 KB: a figure
// left behind by a change of a chunk's size fails here.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '..');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const kb = (files: string[]) =>
  files
    .map((f) => brotliCompressSync(readFileSync(join(ROOT, 'dist', f)), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length)
    .reduce((a, b) => a + b) / 1024;

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
];

describe.skipIf(!existsSync(join(ROOT, 'dist/candor.js')))("the README's sizes", () => {
  it.each(QUOTED.map(([re, files]) => [files.join(' + '), re, files] as const))('%s', (_, re, files) => {
    const quoted = re.exec(readme);
    expect(quoted, `README no longer matches ${re}`).not.toBeNull();
    expect(Math.abs(Number(quoted![1]) - kb(files))).toBeLessThanOrEqual(0.15);
  });
});
