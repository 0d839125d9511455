// @vitest-environment node
// Every relative link and `#anchor` in the repository's Markdown resolves: the file is there (tracked, not built), and
// the anchor is a heading of it as GitHub names it. The docs' references in source comments (`docs/x.md#anchor`) too.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '..');
const tracked = execFileSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter(Boolean);
const docs = tracked.filter((f) => f.endsWith('.md'));

/** The anchors GitHub gives the headings of a Markdown file (duplicates get -1, -2, …). */
function anchors(file: string): Set<string> {
  const out = new Set<string>();
  const count = new Map<string, number>();
  const text = readFileSync(join(ROOT, file), 'utf8').replace(/^```[\s\S]*?^```/gm, '');
  for (const [, heading] of text.matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const slug = heading
      .replace(/`|\*\*|\*|_(?=\w|$)|\[([^\]]*)\]\([^)]*\)/g, '$1')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const n = count.get(slug) ?? 0;
    count.set(slug, n + 1);
    out.add(n ? `${slug}-${n}` : slug);
  }
  return out;
}

/** The relative links of a Markdown file (outside code blocks and code spans), with their line. */
function links(file: string): { line: number; target: string }[] {
  const out: { line: number; target: string }[] = [];
  let fenced = false;
  readFileSync(join(ROOT, file), 'utf8')
    .split('\n')
    .forEach((text, i) => {
      if (/^\s*```/.test(text)) fenced = !fenced;
      if (fenced) return;
      for (const [, target] of text.replace(/`[^`]*`/g, '').matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g))
        if (!/^[a-z][a-z0-9+.-]*:/i.test(target)) out.push({ line: i + 1, target });
    });
  return out;
}

/** What is wrong with `target` seen from `from` (a tracked file), or '' when it resolves. */
function broken(from: string, target: string): string {
  const [path, anchor] = target.split('#') as [string, string | undefined];
  const file = path ? normalize(join(dirname(from), decodeURI(path))).replace(/\/$/, '') : from;
  if (file.startsWith('..')) return 'points outside the repository';
  const isFile = tracked.includes(file);
  if (!isFile && !tracked.some((f) => f.startsWith(file + '/'))) return existsSync(join(ROOT, file)) ? 'not tracked by git' : 'no such file';
  if (anchor !== undefined && !(isFile && file.endsWith('.md') && anchors(file).has(anchor))) return `no heading #${anchor}`;
  return '';
}

describe('links between the docs', () => {
  it.each(docs)('every relative link and anchor of %s resolves', (file) => {
    const bad = links(file).flatMap(({ line, target }) => {
      const why = broken(file, target);
      return why ? [`${file}:${line} ${target}: ${why}`] : [];
    });
    expect(bad).toEqual([]);
  });

  it("every docs/*.md#anchor named in the source comments and the docs' prose resolves", () => {
    const bad: string[] = [];
    for (const file of tracked.filter(
      (f) => (/^(src|scripts|test|collector\/src|demo)\/.*\.(ts|tsx|mjs|js)$/.test(f) || f.endsWith('.md')) && f != 'test/docs-links.test.ts',
    ))
      for (const [, target] of readFileSync(join(ROOT, file), 'utf8').matchAll(/\b((?:docs\/[\w-]+|README|BENCHMARKS|CHANGELOG)\.md(?:#[\w-]+)?)/g)) {
        const why = broken('', target);
        if (why) bad.push(`${file}: ${target}: ${why}`);
      }
    expect(bad).toEqual([]);
  });

  it('every section named in quotes after a doc (`docs/x.md, "Heading"`, `README, "Install"`) is a heading of it', () => {
    const headings = (file: string) =>
      new Set(
        [
          ...readFileSync(join(ROOT, file), 'utf8')
            .replace(/^```[\s\S]*?^```/gm, '')
            .matchAll(/^#{1,6}\s+(.+?)\s*$/gm),
        ].map((m) => m[1].replace(/`/g, '')),
      );
    const bad: string[] = [];
    for (const file of tracked.filter((f) => /^(src|scripts|test|collector\/src|demo)\/.*\.(ts|tsx|mjs|js)$/.test(f) || f.endsWith('.md')))
      for (const [, doc, name] of readFileSync(join(ROOT, file), 'utf8').matchAll(
        /\b(docs\/[\w-]+\.md|README(?:\.md)?),? ["“]([^"”\n]{3,80})["”]/g,
      )) {
        const target = doc.endsWith('.md') ? doc : doc + '.md';
        if (tracked.includes(target) && !headings(target).has(name)) bad.push(`${file}: ${doc} "${name}"`);
      }
    expect(bad).toEqual([]);
  });

  it('every docs/contract.md §N and docs/compliance.md rule id named in the source and the docs exists', () => {
    const sections = new Set([...readFileSync(join(ROOT, 'docs/contract.md'), 'utf8').matchAll(/^## (§\d+)/gm)].map((m) => m[1]));
    const rules = new Set([...readFileSync(join(ROOT, 'docs/compliance.md'), 'utf8').matchAll(/^\| ([A-Z]\d+) \|/gm)].map((m) => m[1]));
    const bad: string[] = [];
    for (const file of tracked.filter((f) => /\.(ts|tsx|mjs|md)$/.test(f))) {
      const text = readFileSync(join(ROOT, file), 'utf8');
      for (const [, s] of text.matchAll(/contract(?:\.md)? (§\d+)/g)) if (!sections.has(s)) bad.push(`${file}: docs/contract.md ${s}`);
      for (const [, list] of text.matchAll(/compliance\.md,? ((?:[A-I]\d+(?:, | and | or |\/))*[A-I]\d+)\b/g))
        for (const id of list.split(/, | and | or |\//)) if (!rules.has(id)) bad.push(`${file}: docs/compliance.md ${id}`);
    }
    expect(bad).toEqual([]);
  });

  it("every browser test named in docs/compliance.md's 'tested in' column exists", () => {
    const named = readFileSync(join(ROOT, 'docs/compliance.md'), 'utf8')
      .split('\n')
      .filter((line) => /^\| [A-Z]\d+ \|/.test(line))
      .flatMap((line) => [...(line.split('|')[3] ?? '').matchAll(/`([\w-]+)`/g)].map((m) => m[1]));
    const files = ['test/e2e/%.test.mjs', 'test/%', 'test/core/%', 'test/ui/%'];
    const missing = named.filter((w) => w != 'engines' && w != 'ai' && !files.some((f) => existsSync(join(ROOT, f.replace('%', w)))));
    expect(named.length).toBeGreaterThan(30);
    expect(missing).toEqual([]);
  });

  it('every file path the docs quote (`src/…`, `test/…`, …) exists', () => {
    // Written by runs, never committed: the benchmark's results and the collector's embedded database.
    const written = /^(bench\/results|collector\/candor-data)\b/;
    const bad = docs.flatMap((file) =>
      [...readFileSync(join(ROOT, file), 'utf8').matchAll(/`((?:src|test|scripts|bench|demo|collector|docs)\/[\w./-]+)`/g)]
        .map((m) => m[1].replace(/\/$/, ''))
        .filter((p) => !written.test(p) && !existsSync(join(ROOT, p)) && !existsSync(join(ROOT, dirname(file), p)))
        .map((p) => `${file}: ${p}`),
    );
    expect(bad).toEqual([]);
  });

  it('test/e2e/README.md describes every browser test file', () => {
    const readme = readFileSync(join(ROOT, 'test/e2e/README.md'), 'utf8');
    const files = tracked.filter((f) => /^test\/e2e\/[\w-]+\.test\.mjs$/.test(f)).map((f) => f.slice('test/e2e/'.length));
    expect(files.filter((f) => !readme.includes(`| \`${f}\` |`))).toEqual([]);
  });

  it('no doc or comment points at a file outside the repository', () => {
    const bad = tracked
      .filter((f) => /\.(md|ts|tsx|mjs|js|json|jsonc)$/.test(f) && !f.endsWith('package-lock.json') && f != 'test/docs-links.test.ts')
      .filter((f) => /(?:^|[\s(`'"])(?:\/work\/|(?:\.\.\/)+shared\/)/m.test(readFileSync(join(ROOT, f), 'utf8')));
    expect(bad).toEqual([]);
  });
});
