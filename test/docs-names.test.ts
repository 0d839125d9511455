// @vitest-environment node
// What a user can type is documented where a user would look: every option of the `candor` command in the README
// or docs/contract.md §1, every npm script in the README or CONTRIBUTING.md, every environment variable the
// command, the demo, the test runners and the benchmark read in some Markdown file of the repository.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli';

const ROOT = resolve(__dirname, '..');
const read = (f: string) => readFileSync(join(ROOT, f), 'utf8');
const tracked = execFileSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter(Boolean);

describe('names the docs must give', () => {
  it('every option of `candor --help` is in the README or docs/contract.md', async () => {
    let help = '';
    expect(await main(['--help'], { out: (t) => void (help += t), err: () => {}, colour: false })).toBe(0);
    const options = [...new Set([...help.matchAll(/(?<![\w-])--[a-z][a-z-]*/g)].map((m) => m[0]))];
    const docs = read('README.md') + read('docs/contract.md');
    expect(options.length).toBeGreaterThan(8);
    expect(options.filter((o) => !docs.includes(o))).toEqual([]);
  });

  it('every npm script is in the README or CONTRIBUTING.md', () => {
    const scripts = Object.keys(JSON.parse(read('package.json')).scripts).filter((s) => s != 'prepare' && s != 'prepack');
    const docs = read('README.md') + read('CONTRIBUTING.md');
    expect(scripts.filter((s) => !docs.includes(s == 'test' ? 'npm test' : `npm run ${s}`))).toEqual([]);
  });

  it('every environment variable read outside the collector is named in a Markdown file', () => {
    // Not for users: the display variables the WebKit runner inherits, the runner's own re-run marker, Node's.
    const internal = ['DISPLAY', 'WAYLAND_DISPLAY', 'CANDOR_XVFB', 'NODE_ENV'];
    const code = tracked
      .filter((f) => /^(src|scripts|demo|test|bench)\/.*\.(ts|mjs|js)$/.test(f) && !/\.test\.\w+$/.test(f))
      .map(read)
      .join('\n');
    const names = [...new Set([...code.matchAll(/\benv\.([A-Z][A-Z0-9_]+)/g)].map((m) => m[1]))].filter((n) => !internal.includes(n));
    const docs = tracked
      .filter((f) => f.endsWith('.md'))
      .map(read)
      .join('\n');
    expect(names.length).toBeGreaterThan(5);
    expect(names.filter((n) => !docs.includes(n))).toEqual([]);
  });
});
