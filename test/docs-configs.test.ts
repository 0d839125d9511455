// @vitest-environment node
// The JSON configuration examples of the guides are valid against the current schema, as `candor validate` checks
// them. A whole configuration is checked as it is; a fragment (a top-level member such as `"gpc": […]`, or a
// purpose's members) is put into a small valid configuration first, whose purposes are those the guides use.
// docs/configuration.md's examples marked `<!-- validate … -->` are checked against their printed output elsewhere
// (test/schema.test.ts); its other blocks are checked here.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateText } from '../src/cli';
import { CONFIG } from '../src/core/schema';

const ROOT = resolve(__dirname, '..');
const DOCS = ['README.md', 'docs/configuration.md', 'docs/contract.md', 'docs/integrations.md', 'docs/transparency.md', 'docs/architecture.md'];
const TOP = Object.keys((CONFIG as unknown as { props: object }).props);

/** The ```json blocks of `file` not already checked elsewhere, with their line. */
function blocks(file: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  const lines = readFileSync(join(ROOT, file), 'utf8').split('\n');
  lines.forEach((l, i) => {
    if (!/^\s*```json\s*$/.test(l) || /<!-- validate /.test(lines[i - 1] ?? '')) return;
    const end = lines.findIndex((m, j) => j > i && /^\s*```\s*$/.test(m));
    out.push({ line: i + 1, text: lines.slice(i + 1, end).join('\n') });
  });
  return out;
}

const purpose = (id: string, extra = {}) => ({
  id,
  title: 'T',
  description: 'D',
  dataCategories: ['browsing'],
  retentionDays: 30,
  vendors: [],
  ...extra,
});

/** A whole configuration for the block: as it is, or with the fragment put where it belongs. */
function whole(text: string): unknown {
  const value = JSON.parse(/^\s*"/.test(text) ? `{${text}}` : text);
  if (value.version && value.purposes) return value;
  const config = {
    version: '1',
    controller: { name: 'Maison Lumière SAS' },
    policyUrl: '/privacy',
    purposes: [
      purpose('necessary', { required: true, justification: 'J', vendors: undefined, retentionDays: undefined }),
      purpose('analytics'),
      purpose('personalization'),
      purpose('marketing'),
    ],
  };
  if (Object.keys(value).every((k) => TOP.includes(k))) {
    // A declared data category is used by a purpose, as a real file would.
    if (value.dataCategories) config.purposes[1].dataCategories.push(...value.dataCategories.map((c: { id: string }) => c.id));
    return { ...config, ...value };
  }
  const own = config.purposes.find((p) => p.id == value.id) ?? config.purposes[2];
  Object.assign(own, value, value.ai ? { dataCategories: value.ai.inputs } : {});
  return config;
}

const cases = DOCS.flatMap((file) => blocks(file).map(({ line, text }) => [`${file}:${line}`, text] as const))
  // An outline with "…" for the rest, or only the $schema line: not a configuration.
  .filter(([, text]) => !/"\.\.\."|"…"/.test(text) && !/^\s*\{\s*"\$schema"[^,]*\}\s*$/.test(text));

describe("the guides' JSON configuration examples", () => {
  it('are found', () => expect(cases.length).toBeGreaterThanOrEqual(6));

  it.each(cases)('%s is valid, without a warning', (_, text) => {
    const result = validateText('example.json', JSON.stringify(whole(text)));
    expect(result.errors).toEqual([]);
    // A catalog service outside the EEA warns until the file names its safeguard, as docs/configuration.md says next to it.
    // So does its being unstamped: browsers refuse it until `candor validate --stamp` expands it, as said there too.
    const said = (w: { message: string }) => /"services"/.test(text) && /no transfer safeguard|refuses this file until it is stamped/.test(w.message);
    expect(result.warnings.filter((w) => !said(w))).toEqual([]);
  });
});
