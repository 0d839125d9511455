// @vitest-environment node
// docs/receipts.md's worked example is what the code computes: its canonical notice in format 1 and every hash it
// quotes (both formats, both languages) are those of `candor hash` on the example file, with this release's texts.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/core/config';
import { canonical, makeReceipt, notice, noticeHash } from '../src/core/receipts';
import { BUILT_IN } from '../src/ui/i18n/index';

const doc = readFileSync(join(resolve(__dirname, '..'), 'docs/receipts.md'), 'utf8');
const section = doc.slice(doc.indexOf('### Worked example'), doc.indexOf('## ISO/IEC TS 27560'));
const blocks = [...section.matchAll(/```(\w*)\n([\s\S]*?)```/g)];
const checked = parseConfig(blocks.find(([, lang]) => lang == 'json')![2]);
const config = checked.config!;

describe('docs/receipts.md, worked example', () => {
  it('is a valid configuration', () => {
    expect(checked.problems).toEqual([]);
  });

  it('shows the canonical notice in French, format 1, as canonical() writes it', () => {
    const shown = blocks.find(([, lang]) => lang == 'text')![2].replace(/\n/g, '');
    expect(shown).toBe(canonical(notice(config, 'fr')));
  });

  it('gives the size of the format-2 canonical notice in French to 0.1 KB', () => {
    const quoted = Number(/about ([\d.]+) KB of canonical text/.exec(section)![1]);
    const bytes = Buffer.byteLength(canonical(notice(config, 'fr', BUILT_IN.fr)));
    expect(Math.abs(quoted - bytes / 1024)).toBeLessThan(0.1);
  });

  it('quotes exactly the hashes of its notice in both formats and both languages', async () => {
    const hashes = new Set<string>();
    for (const language of config.languages)
      for (const builtIn of [null, BUILT_IN[language as keyof typeof BUILT_IN]]) hashes.add(await noticeHash(config, language, builtIn));
    expect(new Set(section.match(/\b[0-9a-f]{64}\b/g))).toEqual(hashes);
  });
});

describe('docs/receipts.md, ISO/IEC TS 27560 mapping (docs/compliance.md D19)', () => {
  const mapping = doc.slice(doc.indexOf('## ISO/IEC TS 27560'), doc.indexOf('## The endpoint contract'));
  /** The table's rows: [TS 27560 information, from the receipt]. */
  const rows = [...mapping.matchAll(/^\| ([^|]+) \| ([^|]+) \|/gm)]
    .map(([, info, from]) => [info.trim(), from.trim()])
    .filter(([info]) => info != 'TS 27560 information');

  it('maps every field the rule names', () => {
    const named = rows.map(([info]) => info);
    for (const field of [
      'record id',
      'principal id',
      'notice',
      'language',
      'purposes',
      'lawful basis',
      'collection method',
      'event time',
      'event type',
      'state',
      'validity',
      'withdrawal method',
    ])
      expect(
        named.some((info) => info.includes(field)),
        field,
      ).toBe(true);
  });

  it('takes each mapped value from a field a receipt has', async () => {
    const receipt = await makeReceipt(config, {
      id: '3b241101-e2bb-4255-8caf-4136c566a962',
      subject: '7f0e3a52-1c1d-4c56-9a4e-1b2b3c4d5e6f',
      time: Date.UTC(2026, 10, 3),
      event: 'given',
      method: 'save',
      language: 'fr',
      purposes: {},
      gpc: false,
    });
    const used = rows.flatMap(([, from]) => [...from.matchAll(/`(\w+)/g)].map((m) => m[1]));
    expect(used.length).toBeGreaterThan(8);
    expect(used.filter((f) => !(f in receipt))).toEqual([]);
  });
});
