// @vitest-environment node
// The `candor` command as users run it: the built dist/cli.js in a child process (npm test builds first).
import Ajv2020 from 'ajv/dist/2020.js';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../src/cli';
import { jsonSchema } from '../src/cli/json-schema';
import { wantsColour } from '../src/cli/report';
import { withStamp } from '../src/cli/stamp';
import { validateText } from '../src/cli/validate';
import { checkConfig } from '../src/core/config';
import { makeReceipt, noticeHash } from '../src/core/receipts';
import { BUILT_IN } from '../src/ui/i18n/index';
import type { ResolvedConfig } from '../src/types';
import { stampOf } from '../src/core/stamp';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist/cli.js');
const fixture = (name: string) => join(root, 'test/fixtures/configs', name);
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
let tmp: string;
// Each test starts Node a few times; a loaded CI machine needs more than the default 5 s.
vi.setConfig({ testTimeout: 60_000 });

/** Run `candor …args`; NO_COLOR unset so that colour depends on the TTY alone. */
function candor(...args: string[]) {
  const env = { ...process.env };
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env, cwd: tmp });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
/** Write a temporary file and return its path. */
function file(name: string, content: string | Uint8Array): string {
  const path = join(tmp, name);
  writeFileSync(path, content);
  return path;
}
/** `validate --json` on one file: its result. */
function validateJson(path: string) {
  const r = candor('validate', '--json', path);
  return { code: r.code, result: JSON.parse(r.out)[0], raw: r };
}
/** Output that a person can read: no stack trace, no internal error names. */
function expectNoStackTrace(text: string) {
  expect(text).not.toMatch(/^\s+at /m);
  expect(text).not.toMatch(/\b(TypeError|RangeError|SyntaxError|Error):/);
}

const SHOP = readFileSync(join(root, 'test/fixtures/shop.json'), 'utf8');

beforeAll(() => {
  if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run npm run build first');
  tmp = mkdtempSync(join(tmpdir(), 'candor-cli-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('candor --help / --version / usage', () => {
  it('prints help and the version', () => {
    const help = candor('--help');
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/Usage: candor <command>/);
    expect(help.out).toMatch(/validate FILE\.json/);
    expect(help.out).toMatch(/init/);
    expect(help.out).toMatch(/hash FILE\.json \[--lang L\]/);
    expect(help.out).toMatch(/--stamp +also write "\$validated" into each valid file/);
    expect(candor('--version')).toMatchObject({ code: 0, out: pkg.version + '\n' });
  });

  it('is the package bin, an executable script', () => {
    expect(pkg.bin).toEqual({ candor: 'dist/cli.js' });
    expect(readFileSync(cli, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  it('refuses a wrong command line with exit code 2 and one line', () => {
    for (const args of [[], ['frobnicate'], ['validate'], ['validate', '--jsn', 'x.json'], ['init', '--lang', 'fr'], ['hash', '--stamp', 'x.json']]) {
      const r = candor(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expectNoStackTrace(r.err);
    }
    expect(candor('frobnicate').err).toMatch(/^candor: unknown command "frobnicate"\n/);
    expect(candor('validate', '--jsn', 'x.json').err).toMatch(/^candor: unknown option --jsn\n/);
  });
});

describe('candor validate', () => {
  it('gives every error a hint, JSON syntax mistakes included (docs/contract.md §1)', () => {
    const texts = [
      SHOP.replace('"version"', '"controller": 1, "version"').replace(/"reaskAfterDays": \d+/, '"reaskAfterDays": "182"'),
      '{"version": "1"}',
      '{"version": "1",',
      '{"version": "1" "controller": {}}',
      '{"version" "1"}',
      '{"version": }',
      '{"version": "\\u12"}',
      '{"languages": ["en"}',
      '{"version": "1"} ]',
      '{"version": @}',
      '{1: 2}',
      '{"version": "1"',
    ];
    for (const text of texts) {
      const { errors } = validateText('bad.json', text);
      expect(errors.length, text).toBeGreaterThan(0);
      expect(
        errors.filter((e) => !e.hint?.trim()).map((e) => `${e.path}: ${e.message}`),
        text,
      ).toEqual([]);
    }
  });

  it('exits 0 for a valid file', () => {
    const r = candor('validate', fixture('valid/shop-ai.json'));
    expect(r.code).toBe(0);
    expect(r.out).toBe(`${fixture('valid/shop-ai.json')}: valid\n`);
  });

  it('exits 1 and prints every error with its path, line, message and hint', () => {
    const path = fixture('invalid/automated-decision-without-review.json');
    const r = candor('validate', path);
    expect(r.code).toBe(1);
    const lines = r.out.split('\n');
    for (const field of ['logic', 'consequences', 'humanReview'])
      expect(lines).toContainEqual(
        expect.stringMatching(
          new RegExp(
            `^${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:\\d+:\\d+: error: purposes\\[2\\]\\.ai\\.${field}: required when automatedDecision is true$`,
          ),
        ),
      );
    expect(r.out).toMatch(/^ {2}hint: GDPR Art\. 13\(2\)\(f\) and 22/m);
    expect(r.out).toMatch(/: invalid \(3 errors, \d+ warnings\)\n$/);
  });

  it('suggests the closest name for an unknown field', () => {
    const r = candor('validate', fixture('invalid/unknown-fields.json'));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/error: purpose: unknown field\n {2}hint: did you mean "purposes"\?/);
    expect(r.out).toMatch(/error: purposes\[1\]\.descripton: unknown field\n {2}hint: did you mean "description"\?/);
  });

  it('prints warnings without failing', () => {
    const r = candor('validate', fixture('valid/with-warnings.json'));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/warning: purposes\[2\]\.ai: AI that targets on age/);
    expect(r.out).toMatch(/: valid \(6 warnings\)\n$/);
  });

  it('warns about a text missing in one of the languages, with its path and the language; --strict makes it an error', () => {
    const path = fixture('valid/missing-translation.json');
    const r = candor('validate', path);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/:\d+:\d+: warning: purposes\[0\]\.title: no "fr" text\n {2}hint: "fr" visitors read the "en" one: add "fr": "…"\n/);
    expect(r.out).not.toMatch(/description/);
    expect(r.out).toMatch(/: valid \(1 warning\)\n$/);
    const strict = candor('validate', '--strict', path);
    expect(strict.code).toBe(1);
    expect(strict.out).toMatch(/error: purposes\[0\]\.title: no "fr" text/);
    expect(strict.out).toMatch(/: invalid \(1 error\)\n$/);
    // Not stamped either: a browser would trust it.
    const copy = file('strict.json', readFileSync(path, 'utf8'));
    expect(candor('validate', '--strict', '--stamp', copy).code).toBe(1);
    expect(readFileSync(copy, 'utf8')).not.toContain('$validated');
    expect(candor('validate', '--strict', fixture('valid/minimal.json')).code).toBe(0);
  });

  it('warns about a language Candor has no built-in texts for, unless the config gives them all', () => {
    const config = JSON.parse(readFileSync(fixture('valid/minimal.json'), 'utf8'));
    const r = validateJson(file('lb.json', JSON.stringify({ ...config, languages: ['de', 'lb'] })));
    expect(r.result.warnings).toContainEqual(
      expect.objectContaining({ path: 'languages[1]', message: 'Candor has no built-in texts for "lb": its visitors see the buttons in "de"' }),
    );
    expect(validateJson(file('at.json', JSON.stringify({ ...config, languages: ['de-AT', 'pt-BR'] }))).result.warnings).toEqual([]);
  });

  it('warns about a cookie or key pattern that starts with candor: cleanup never deletes those names (docs/integrations.md)', () => {
    const config = JSON.parse(readFileSync(fixture('valid/minimal.json'), 'utf8'));
    const purposes = [{ ...config.purposes[0], cookies: ['_ga', 'candor_uid'], storageKeys: ['candor*'] }];
    const paths = (p: unknown) => validateText('own.json', JSON.stringify({ ...config, purposes: p })).warnings.map((w) => w.path);
    expect(paths(purposes)).toEqual(['purposes[0].cookies[1]', 'purposes[0].storageKeys[0]']);
    // `*` also matches other names: it is not inert.
    const wide = [{ ...config.purposes[0], cookies: ['*'], storageKeys: ['c*'] }];
    expect(paths(wide)).toEqual([]);
    // A required purpose's list discloses (docs/configuration.md lists the candor cookie so): it is never cleaned up.
    expect(paths([{ ...purposes[0], required: true, justification: 'The basket needs it.' }])).toEqual([]);
  });

  it('warns about a required pattern that also matches an optional purpose’s: cleanup keeps what a required purpose declares', () => {
    const config = JSON.parse(readFileSync(fixture('valid/minimal.json'), 'utf8'));
    const required = { id: 'necessary', required: true, title: 'Essential', description: 'The basket.', justification: 'The shop needs it.' };
    const optional = { ...config.purposes.find((p: { required?: boolean }) => !p.required), cookies: ['_ga*', 'cart'], storageKeys: ['ads_*'] };
    const warned = (cookies: string[], storageKeys: string[] = []) =>
      validateText('kept.json', JSON.stringify({ ...config, purposes: [{ ...required, cookies, storageKeys }, optional] }))
        .warnings.filter((w) => w.message.includes('is never deleted, so'))
        .map((w) => w.path + ' ' + w.message.split(':')[0]);
    expect(warned(['*'])).toEqual(['purposes[0].cookies[0] "*" also matches "_ga*" of purposes[1]']);
    expect(warned(['session', '_*'], ['ads_*'])).toEqual([
      'purposes[0].cookies[1] "_*" also matches "_ga*" of purposes[1]',
      'purposes[0].storageKeys[0] "ads_*" also matches "ads_*" of purposes[1]',
    ]);
    // Exact names the optional purpose does not declare, or a storage key against cookies: nothing kept by surprise.
    expect(warned(['session', 'csrf'], ['_ga'])).toEqual([]);
  });

  it('checks several files: the worst outcome decides the exit code', () => {
    expect(candor('validate', fixture('valid/minimal.json'), fixture('valid/urls.json')).code).toBe(0);
    const mixed = candor('validate', fixture('valid/minimal.json'), fixture('invalid/bad-ids.json'));
    expect(mixed.code).toBe(1);
    expect(mixed.out).toMatch(/2 files: 1 valid, 1 invalid\n$/);
    expect(candor('validate', fixture('invalid/bad-ids.json'), join(tmp, 'missing.json')).code).toBe(2);
  });

  it('exits 2 for a missing file or a directory, with one line each', () => {
    const missing = candor('validate', 'nope.json');
    expect(missing.code).toBe(2);
    expect(missing.out).toMatch(/^nope\.json: error: file not found\n {2}hint: .*\n$/);
    mkdirSync(join(tmp, 'dir'), { recursive: true });
    const dir = candor('validate', 'dir');
    expect(dir.code).toBe(2);
    expect(dir.out).toMatch(/^dir: error: is a directory, not a file\n/);
  });

  it('--json prints {file, valid, errors, warnings} for CI', () => {
    const r = candor('validate', '--json', fixture('valid/with-warnings.json'), fixture('invalid/unknown-text-key.json'), 'nope.json');
    expect(r.code).toBe(2);
    const results = JSON.parse(r.out);
    expect(results.map((x: any) => [x.file.split('/').pop(), x.valid, x.readable])).toEqual([
      ['with-warnings.json', true, true],
      ['unknown-text-key.json', false, true],
      ['nope.json', false, false],
    ]);
    expect(results[0].errors).toEqual([]);
    expect(results[0].warnings).toHaveLength(6);
    expect(results[1].errors).toContainEqual({
      path: 'texts.en.acceptAl',
      message: 'unknown text key',
      hint: 'did you mean "acceptAll"?',
      line: expect.any(Number),
      column: expect.any(Number),
    });
    expect(results[2].errors).toEqual([{ path: '', message: 'file not found', hint: expect.any(String) }]);
  });

  it('colours only on a terminal, and never with NO_COLOR', async () => {
    expect(candor('validate', fixture('invalid/bad-ids.json')).out).not.toMatch(/\x1b\[/);
    expect(wantsColour({ isTTY: true }, {})).toBe(true);
    expect(wantsColour({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(wantsColour({ isTTY: false }, {})).toBe(false);
    expect(wantsColour({}, {})).toBe(false);
    let out = '';
    const code = await main(['validate', fixture('invalid/bad-ids.json')], { out: (t) => (out += t), err: () => {}, colour: true });
    expect(code).toBe(1);
    expect(out).toMatch(/\x1b\[31merror\x1b\[39m/);
  });
});

describe('candor validate on bad input: one clear line, never a stack trace', () => {
  it('names comments pasted from JSONC, with line and column', () => {
    const path = file('comments.json', SHOP.replace('"version": "2026-11",', '"version": "2026-11", // bump me\n'));
    const { code, result, raw } = validateJson(path);
    expect(code).toBe(1);
    expect(result.errors).toEqual([
      { path: '', message: 'comments are not allowed in JSON (line 3, column 25)', hint: expect.stringContaining('"$comment"'), line: 3, column: 25 },
    ]);
    expectNoStackTrace(raw.out + raw.err);
    const text = candor('validate', path);
    expect(text.out).toBe(
      `${path}:3:25: error: comments are not allowed in JSON\n  hint: remove the comment, or move it into a "$comment" field\n${path}: invalid (1 error)\n`,
    );
    const block = validateJson(file('block.json', '/* consent */\n' + SHOP));
    expect(block.result.errors[0].message).toBe('comments are not allowed in JSON (line 1, column 1)');
  });

  it('names a trailing comma', () => {
    const { code, result } = validateJson(file('comma.json', SHOP.replace('"theme": { "accent": "#1a4d8f" }', '"theme": { "accent": "#1a4d8f", },')));
    expect(code).toBe(1);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0].message).toMatch(/^trailing comma at line 35, column \d+$/);
  });

  it('names other usual syntax mistakes', () => {
    const cases: [string, RegExp][] = [
      ["{ 'version': '1' }", /^names need double quotes, not single quotes \(line 1, column 3\)$/],
      ['{ version: "1" }', /^the name version needs double quotes \(line 1, column 3\)$/],
      ['{ "a": 1 "b": 2 }', /^missing comma \(line 1, column 10\)$/],
      ['[1, 2', /^the file ends before the array opened at line 1, column 1 is closed$/],
      ['{ "a": "\\x" }', /^"\\x" is not a JSON escape \(line 1, column 9\)$/],
      ['{ "a": 012 }', /^this is not a valid number \(line 1, column 8\)$/],
      ['{ "a": True }', /^"True" is not a JSON value \(line 1, column 8\)$/],
      ['{ "a": "x\n" }', /^a string is not closed before the end of the line/],
      ['{ "a": 1 }}', /^unexpected "}" after the end of the JSON value/],
      ['{ "a": [1, 2 }', /^unexpected "}" \(line 1, column 14\): the array opened at line 1, column 8 needs "]"$/],
    ];
    for (const [text, message] of cases) {
      const { code, result, raw } = validateJson(file('syntax.json', text));
      expect(code, text).toBe(1);
      expect(result.errors, text).toHaveLength(1);
      expect(result.errors[0].message, text).toMatch(message);
      expectNoStackTrace(raw.out + raw.err);
    }
  });

  it('accepts a UTF-8 byte order mark without a warning', () => {
    const { code, result } = validateJson(file('bom.json', '\uFEFF' + SHOP));
    expect(code).toBe(0);
    expect(result).toMatchObject({ valid: true, errors: [], warnings: [] });
  });

  it('refuses a 10 MB file without parsing it', () => {
    const r = candor('validate', file('huge.json', new Uint8Array(10 * 1024 * 1024).fill(0x20)));
    expect(r.code).toBe(2);
    expect(r.out.split('\n')[0]).toMatch(/error: file is 10\.0 MB; a configuration over 5 MB is surely a mistake$/);
  });

  it('stops reading a path that never ends (a device, an endless pipe) past 5 MB, with one clear line', async () => {
    // The old read took all of /dev/zero: gigabytes, then out of memory. Only where the device exists.
    if (!existsSync('/dev/zero')) return;
    let out = '';
    const code = await main(['validate', '/dev/zero'], { out: (t) => (out += t), err: (t) => (out += t), colour: false });
    expect(code).toBe(2);
    expect(out).toBe('/dev/zero: error: is over 5 MB and still going: not a configuration file\n  hint: check the path\n');
  });

  it('survives deeply nested garbage', () => {
    const open = validateJson(file('deep.json', '['.repeat(1_000_000)));
    expect(open.code).toBe(1);
    expect(open.result.errors).toEqual([
      expect.objectContaining({ message: 'the file ends before the array opened at line 1, column 1000000 is closed' }),
    ]);
    expectNoStackTrace(open.raw.out + open.raw.err);
    const closed = validateJson(file('deep2.json', '{"purposes":' + '['.repeat(500_000) + ']'.repeat(500_000) + '}'));
    expect(closed.code).toBe(1);
    expect(closed.result.errors).toEqual([expect.objectContaining({ path: '', message: 'nests more than 100 levels deep' })]);
    const objects = validateJson(file('deep3.json', '{"a":'.repeat(300_000) + '1' + '}'.repeat(300_000)));
    expect(objects.code).toBe(1);
    expectNoStackTrace(objects.raw.out + objects.raw.err);
  });

  it('refuses a file nested too deeply to stamp, with a reason: never an internal error (a $comment may hold anything)', async () => {
    const nested = (n: number) => SHOP.replace('{', `{"$comment": ${'{"a":'.repeat(n)}1${'}'.repeat(n)},`);
    const path = file('deep-comment.json', nested(20_000));
    for (const args of [['validate'], ['validate', '--stamp'], ['hash']]) {
      let out = '';
      const code = await main([...args, path], { out: (t) => (out += t), err: (t) => (out += t), colour: false });
      expect({ code, out }, args.join(' ')).toEqual({ code: 1, out: expect.stringContaining('error: nests more than 100 levels deep') });
    }
    // A hundred levels are fine (the configuration is the first).
    expect(validateText('ok.json', nested(99)).errors).toEqual([]);
    expect(validateText('ok.json', nested(100)).errors).toEqual([expect.objectContaining({ message: 'nests more than 100 levels deep' })]);
  });

  it('refuses bytes that are not UTF-8, and UTF-16', () => {
    const latin1 = Uint8Array.from([...Buffer.from('{\n  "version": "caf'), 0xe9, ...Buffer.from('"\n}')]);
    const r = candor('validate', file('latin1.json', latin1));
    expect(r.code).toBe(2);
    expect(r.out.split('\n')[0]).toMatch(/error: is not UTF-8 text \(byte 0xE9 at line 2, column 18\)$/);
    expectNoStackTrace(r.out + r.err);
    const utf16 = candor('validate', file('utf16.json', Buffer.from('\uFEFF' + SHOP, 'utf16le')));
    expect(utf16.code).toBe(2);
    expect(utf16.out).toMatch(/error: is UTF-16 text, not UTF-8/);
  });

  it('never writes a control character of the file to the terminal: an escape sequence in a name is shown, not obeyed', async () => {
    const config = JSON.parse(SHOP);
    // Would clear the screen and print a fake verdict, set the window title, and (OSC 52) write the clipboard.
    config['\x1b[2J\x1b[Hconsent.json: valid'] = 1;
    config.purposes[1].dataCategories.push('\x1b]0;title\x07', '\x9b31m');
    config.controller.name = { en: 'Shop', '\x1b]52;c;Y3VybCBldmlsfHNo\x07': 'x' };
    const path = file('escapes\x1b[31m.json', JSON.stringify(config, null, 2));
    let out = '';
    const code = await main(['validate', path], { out: (t) => (out += t), err: (t) => (out += t), colour: false });
    expect(code).toBe(1);
    expect(out).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f]/);
    expect(out).toContain('\\u001b[2J\\u001b[Hconsent.json: valid: unknown field');
    expect(out).toContain('"\\u001b]0;title\\u0007"');
    expect(out).toContain('escapes\\u001b[31m.json: invalid');
  });

  it('says when a file is empty, and warns about a name given twice', () => {
    expect(validateJson(file('empty.json', ' \n')).result.errors[0].message).toBe('the file is empty');
    const twice = validateJson(file('twice.json', SHOP.replace('"version": "2026-11",', '"version": "2026-10", "version": "2026-11",')));
    expect(twice.code).toBe(0);
    expect(twice.result.warnings).toContainEqual(
      expect.objectContaining({ path: 'version', message: 'this name appears twice in the same object; only the last one counts' }),
    );
  });
});

/**
 * The salt candor.js of this build stamps with: the integrity it loads candor-check.js with (the build
 * writes the same `__INTEGRITY__` map into dist/candor.js and dist/cli.js).
 */
function buildSalt(): string {
  const embed = readFileSync(join(root, 'dist/candor.js'), 'utf8');
  const loaded = /\bcheck:["']([A-Za-z0-9+/=]+)["']/.exec(embed);
  if (!loaded) throw new Error('dist/candor.js does not load candor-check.js with an integrity hash');
  return loaded[1];
}

describe('candor validate --stamp', () => {
  /** A fresh copy of test/fixtures/shop.json (its first member is "$schema"). */
  const shop = (name: string, text = SHOP) => file(name, text);
  const read = (path: string) => readFileSync(path, 'utf8');
  const parsed = (path: string) => JSON.parse(read(path).replace(/^\uFEFF/, ''));

  it('writes the stamp that dist/candor.js accepts, as one line after "$schema", and touches nothing else', () => {
    const salt = buildSalt();
    expect(salt).toBe(
      createHash('sha256')
        .update(readFileSync(join(root, 'dist/candor-check.js')))
        .digest('base64'),
    );
    const path = shop('stamp.json');
    const r = candor('validate', '--stamp', path);
    expect(r).toMatchObject({ code: 0, out: `${path}: valid, stamped\n`, err: '' });
    const stamp = parsed(path).$validated;
    expect(stamp).toBe(stampOf(JSON.parse(SHOP), salt));
    expect(read(path)).toBe(SHOP.replace('"$schema": "../../dist/candor.schema.json",\n', `$&  "$validated": "${stamp}",\n`));
    expect(parsed(path)).toEqual({ ...JSON.parse(SHOP), $validated: stamp });
    // What candor.js checks (src/core/manager.ts): the stamp of the parsed file, with the build's salt.
    expect(stampOf(parsed(path), salt)).toBe(stamp);
    expect(stampOf(parsed(path), '')).not.toBe(stamp);
    expect(readdirSync(tmp).filter((f) => f.includes('candor-stamp'))).toEqual([]);
  });

  it('leaves a file that carries its stamp as it is, and replaces a stale stamp in place', () => {
    const path = shop('again.json');
    expect(candor('validate', '--stamp', path).code).toBe(0);
    const stamped = read(path);
    expect(candor('validate', '--stamp', path)).toMatchObject({ code: 0, out: `${path}: valid, already stamped\n` });
    expect(read(path)).toBe(stamped);
    expect(candor('validate', path)).toMatchObject({ code: 0, out: `${path}: valid\n` });

    // Edited after stamping: still valid, but browsers will validate it again.
    const edited = stamped.replace('"Counts visits."', '"Counts visits, nothing else."');
    writeFileSync(path, edited);
    const stale = candor('validate', path);
    expect(stale.code).toBe(0);
    expect(stale.out).toBe(
      `${path}:3:17: warning: $validated: stale stamp: the file was edited after it was stamped, or stamped by another Candor build, so browsers will download the validator to check it\n` +
        `  hint: stamp it again with: candor validate --stamp ${path}\n${path}: valid (1 warning)\n`,
    );
    const restamped = candor('validate', '--stamp', path);
    expect(restamped).toMatchObject({ code: 0, out: `${path}: valid, stamped\n` });
    const stamp = parsed(path).$validated;
    expect(stamp).toBe(stampOf(JSON.parse(edited), buildSalt()));
    expect(read(path)).toBe(edited.replace(/"\$validated": "[^"]*"/, `"$validated": "${stamp}"`));
  });

  it('--strict --stamp stamps a file whose stamp went stale: the run replaces it (source build: salt "")', async () => {
    const path = shop('strict-stale.json');
    const run = async (...args: string[]) => {
      let out = '';
      const code = await main([...args, path], { out: (t) => (out += t), err: (t) => (out += t), colour: false });
      return { code, out };
    };
    expect(await run('validate', '--strict', '--stamp')).toEqual({ code: 0, out: `${path}: valid, stamped\n` });
    writeFileSync(path, read(path).replace('"Counts visits."', '"Counts visits, nothing else."'));
    // Checked alone, the stale stamp is a warning (an error with --strict); stamping settles it.
    expect((await run('validate', '--strict')).code).toBe(1);
    expect(await run('validate', '--strict', '--stamp')).toEqual({ code: 0, out: `${path}: valid, stamped\n` });
    expect(await run('validate', '--strict')).toEqual({ code: 0, out: `${path}: valid\n` });
  });

  it('warns that candor.js refuses a file naming catalog services until it is stamped (it says valid, browsers say invalid)', async () => {
    const config = JSON.parse(SHOP);
    config.purposes[1].services = ['matomo'];
    config.purposes[1].vendors = [{ name: 'InnoCraft Ltd', country: 'NZ', policyUrl: 'https://matomo.org/privacy-policy/', transfer: 'adequacy' }];
    const path = file('services.json', JSON.stringify(config, null, 2));
    // What the browser's validator says of it, unstamped (src/core/config.ts).
    expect(checkConfig(config).problems).toEqual([expect.objectContaining({ path: 'purposes[1].services', message: 'needs stamping' })]);
    const run = async (...args: string[]) => {
      let out = '';
      const code = await main([...args, path], { out: (t) => (out += t), err: (t) => (out += t), colour: false });
      return { code, out };
    };
    const plain = await run('validate');
    expect(plain.code).toBe(0);
    expect(plain.out).toMatch(/warning: purposes\[1\]\.services: candor\.js refuses this file until it is stamped/);
    expect(plain.out).toMatch(/hint: stamp it .* with: candor validate --stamp .*services\.json\n/);
    expect((await run('validate', '--strict')).code).toBe(1);
    expect(await run('validate', '--strict', '--stamp')).toEqual({ code: 0, out: `${path}: valid, stamped\n` });
    expect(await run('validate')).toEqual({ code: 0, out: `${path}: valid\n` });
    // Stale again (edited): refused by browsers again, and said so.
    writeFileSync(path, read(path).replace('"Counts visits."', '"Counts visits, nothing else."'));
    expect((await run('validate')).out).toMatch(/stale stamp[\s\S]*purposes\[1\]\.services: candor\.js refuses this file/);
  });

  it('keeps the formatting: indentation, spacing, line endings, byte order mark, file mode', () => {
    const config = JSON.parse(SHOP);
    delete config.$schema;
    const cases: [string, string, (stamp: string) => string][] = [
      ['minified', JSON.stringify(config), (st) => `{"$validated":"${st}",` + JSON.stringify(config).slice(1)],
      ['tabs', JSON.stringify(config, null, '\t'), (st) => JSON.stringify({ $validated: st, ...config }, null, '\t')],
      [
        'crlf',
        JSON.stringify(config, null, 4).replace(/\n/g, '\r\n') + '\r\n',
        (st) => JSON.stringify({ $validated: st, ...config }, null, 4).replace(/\n/g, '\r\n') + '\r\n',
      ],
      ['bom', '\uFEFF' + SHOP, (st) => '\uFEFF' + SHOP.replace('"../../dist/candor.schema.json",\n', `$&  "$validated": "${st}",\n`)],
      [
        'spaced',
        '{ "$comment" : "x", ' + JSON.stringify(config).slice(1),
        (st) => `{ "$validated" : "${st}", "$comment" : "x", ` + JSON.stringify(config).slice(1),
      ],
    ];
    for (const [name, text, expected] of cases) {
      const path = file(`format-${name}.json`, text);
      chmodSync(path, 0o640);
      const r = candor('validate', '--stamp', path);
      expect(r.out, name).toBe(`${path}: valid, stamped\n`);
      const stamp = parsed(path).$validated;
      expect(read(path), name).toBe(expected(stamp));
      expect(statSync(path).mode & 0o777, name).toBe(0o640);
    }
  });

  it('stamps the file a symbolic link points to, keeping the link', () => {
    const target = shop('target.json');
    const link = join(tmp, 'link.json');
    symlinkSync(target, link);
    expect(candor('validate', '--stamp', link).code).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(link, 'utf8')).toBe(read(target));
    expect(parsed(target).$validated).toEqual(expect.any(String));
  });

  it('leaves invalid, unparsable and unreadable files untouched, with the usual exit codes', () => {
    const invalid = fixture('invalid/bad-ids.json');
    const before = read(invalid);
    const r = candor('validate', '--stamp', invalid);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/: invalid \(\d+ errors?(, \d+ warnings?)?\), not stamped\n$/);
    expect(read(invalid)).toBe(before);

    // JSONC: browsers read the file with JSON.parse, so a stamp could never be read.
    const jsonc = shop('jsonc.json', SHOP.replace('"version": "2026-11",', '"version": "2026-11", // bump me'));
    const text = read(jsonc);
    const c = candor('validate', '--stamp', jsonc);
    expect(c.code).toBe(1);
    expect(c.out).toMatch(/error: comments are not allowed in JSON\n/);
    expect(c.out).toMatch(/: invalid \(1 error\), not stamped: candor\.js reads the file with JSON\.parse, which cannot parse it\n$/);
    expect(read(jsonc)).toBe(text);

    const missing = candor('validate', '--stamp', join(tmp, 'nope.json'));
    expect(missing.code).toBe(2);
    expect(existsSync(join(tmp, 'nope.json'))).toBe(false);

    const good = shop('mixed.json');
    const mixed = candor('validate', '--stamp', good, invalid);
    expect(mixed.code).toBe(1);
    expect(mixed.out).toMatch(/mixed\.json: valid, stamped\n/);
    expect(parsed(good)).toHaveProperty('$validated');
  });

  it('--json says which stamp each file carries and whether this run wrote it', () => {
    const path = shop('json.json');
    const first = JSON.parse(candor('validate', '--stamp', '--json', path, fixture('invalid/bad-ids.json')).out);
    const stamp = parsed(path).$validated;
    expect(first[0]).toMatchObject({ valid: true, stamp: { value: stamp, written: true } });
    expect(first[1]).toMatchObject({ valid: false, stamp: { value: null, written: false, reason: 'the configuration is invalid' } });
    const second = JSON.parse(candor('validate', '--stamp', '--json', path).out);
    expect(second[0].stamp).toEqual({ value: stamp, written: false, reason: 'already stamped' });
    expect(JSON.parse(candor('validate', '--json', path).out)[0]).not.toHaveProperty('stamp');
  });

  it('exits 2 when a valid file cannot be written, and leaves it as it was', async () => {
    const path = shop('locked.json');
    // The temporary file's name is taken: the write fails, whatever the user's rights.
    const squatter = join(tmp, `.locked.json.${process.pid}.candor-stamp`);
    mkdirSync(squatter);
    let out = '';
    const code = await main(['validate', '--stamp', path], { out: (t) => (out += t), err: () => {}, colour: false });
    expect(code).toBe(2);
    expect(out).toBe(`${path}: valid, not stamped: could not write the file (EEXIST)\n`);
    expect(read(path)).toBe(SHOP);
    expect(statSync(squatter).isDirectory()).toBe(true);
  });
});

describe('withStamp (the text edit behind --stamp)', () => {
  const cases: [string, string][] = [
    ['{"a":1}', '{"$validated":"S","a":1}'],
    ['{ "a": 1 }', '{ "$validated": "S", "a": 1 }'],
    ['{\n  "$schema": "x",\n  "a": [1, {"b": "}"}]\n}', '{\n  "$schema": "x",\n  "$validated": "S",\n  "a": [1, {"b": "}"}]\n}'],
    ['{\r\n\t"a" : 1\r\n}', '{\r\n\t"$validated" : "S",\r\n\t"a" : 1\r\n}'],
    ['{ "$schema": "x" }', '{ "$schema": "x", "$validated": "S" }'],
    ['{}', '{"$validated": "S"}'],
    ['{"a":1,"$validated":"old","b":{"$validated":2}}', '{"a":1,"$validated":"S","b":{"$validated":2}}'],
    ['{"$validated": {"x": [1, "]"]}, "a": "\\"}"}', '{"$validated": "S", "a": "\\"}"}'],
    ['{"\\u0024validated": 1, "a": 2}', '{"\\u0024validated": "S", "a": 2}'],
    [' \n{"$comment":"a,b", "a":null}', ' \n{"$validated":"S","$comment":"a,b", "a":null}'],
  ];
  it.each(cases)('%j', (text, expected) => {
    const out = withStamp(text, 'S');
    expect(out).toBe(expected);
    expect(JSON.parse(out)).toEqual({ ...JSON.parse(text), $validated: 'S' });
  });

  it('stamps what validateText reads as stale until stamped (source build: salt "")', () => {
    const config = JSON.parse(SHOP);
    const stamped = withStamp(SHOP, stampOf(config, 'salt'));
    expect(validateText('shop.json', stamped, 'salt').warnings).toEqual([]);
    expect(validateText('shop.json', stamped, 'another build').warnings).toEqual([
      expect.objectContaining({ path: '$validated', message: expect.stringMatching(/^stale stamp: /), line: 3, column: 17 }),
    ]);
  });
});

describe('candor init', () => {
  it('writes a commented starter config in English and French that validates without warnings', () => {
    const r = candor('init', 'starter.json');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Wrote starter\.json/);
    expect(r.out).toMatch(/stamp it so that browsers skip the validator: npx candor validate --stamp starter\.json\n$/);
    const text = readFileSync(join(tmp, 'starter.json'), 'utf8');
    const config = JSON.parse(text);
    expect(config.languages).toEqual(['en', 'fr']);
    expect(config.purposes.every((p: any) => typeof p.title == 'object' && p.title.en && p.title.fr)).toBe(true);
    expect(text.match(/"\$comment"/g)!.length).toBeGreaterThan(4);
    expect(resolve(tmp, config.$schema)).toBe(join(root, 'dist/candor.schema.json'));
    expect(config).not.toHaveProperty('$validated'); // placeholders to edit first: stamping comes later
    const check = candor('validate', 'starter.json');
    expect(check).toMatchObject({ code: 0, out: 'starter.json: valid\n' });
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    expect(ajv.validate(jsonSchema(), config)).toBe(true);
  });

  it('defaults to consent.json and never overwrites without --force', () => {
    expect(candor('init').code).toBe(0);
    const path = join(tmp, 'consent.json');
    writeFileSync(path, '{"mine": true}');
    const again = candor('init');
    expect(again.code).toBe(1);
    expect(again.err).toBe('consent.json already exists: nothing written. Pass --force to overwrite it.\n');
    expect(readFileSync(path, 'utf8')).toBe('{"mine": true}');
    expect(candor('init', '--force').code).toBe(0);
    expect(JSON.parse(readFileSync(path, 'utf8')).version).toBe('1');
    mkdirSync(join(tmp, 'dir'), { recursive: true });
    expect(candor('init', 'dir').code).toBe(2);
  });

  it('says why a starter could not be written (a folder that does not exist), exit 2, not an "unexpected error"', async () => {
    let err = '';
    const io = { out: () => {}, err: (t: string) => (err += t), colour: false };
    expect(await main(['init', 'no-such-folder/consent.json'], io)).toBe(2);
    expect(err).toBe('candor: could not write no-such-folder/consent.json: the folder no-such-folder does not exist. Nothing written.\n');
    expect(existsSync('no-such-folder')).toBe(false);
  });
});

describe('candor services', () => {
  it('lists the catalog, one service per line; a name shows every fact of it; --json for machines', () => {
    const all = candor('services');
    expect(all.code).toBe(0);
    expect(all.out.trim().split('\n').length).toBeGreaterThanOrEqual(40);
    expect(all.out).toMatch(/^posthog +PostHog \(PostHog, Inc\., US\) · analytics$/m);
    const one = candor('services', 'mixpanel');
    expect(one.out).toMatch(/storage keys .*mp_tab_id_mixpanel_\*/);
    expect(one.out).toMatch(/source +https:\/\//);
    const json = JSON.parse(candor('services', '--json', 'posthog').out);
    expect(json).toEqual([expect.objectContaining({ id: 'posthog', storageKeys: expect.arrayContaining(['ph_*_window_id']) })]);
    const none = candor('services', 'nope');
    expect(none.code).toBe(1);
    expect(none.err).toMatch(/no service matches "nope"/);
  });
});

describe('candor hash', () => {
  const shop = fixture('valid/shop-ai.json');

  /** The noticeHash of a receipt made in `language` with its built-in texts (English for one without), as in the browser. */
  const receiptHash = async (config: ResolvedConfig, language: string) =>
    (
      await makeReceipt(
        config,
        { id: 'a', subject: 's', time: 0, event: 'given', method: 'accept-all', language, purposes: {}, gpc: false },
        BUILT_IN[language] || BUILT_IN.en,
      )
    ).noticeHash;

  it('prints the noticeHash of a receipt made in that language (notice format 2), for English and French', async () => {
    const config = checkConfig(JSON.parse(readFileSync(shop, 'utf8'))).config!;
    for (const lang of ['en', 'fr']) {
      const r = candor('hash', shop, '--lang', lang);
      expect(r.code).toBe(0);
      expect(r.out).toBe((await receiptHash(config, lang)) + '\n');
      expect(r.out).toMatch(/^[0-9a-f]{64}\n$/);
      expect(candor('hash', shop, '--lang', lang, '--format', '2').out).toBe(r.out);
    }
  });

  it('reproduces format 1 receipts with --format 1, and refuses another format', async () => {
    const config = checkConfig(JSON.parse(readFileSync(shop, 'utf8'))).config!;
    const r = candor('hash', shop, '--lang', 'fr', '--format', '1');
    expect(r.code).toBe(0);
    expect(r.out).toBe((await noticeHash(config, 'fr')) + '\n');
    expect(r.out).not.toBe(candor('hash', shop, '--lang', 'fr').out);
    expect(candor('hash', shop, '--format', '3')).toMatchObject({ code: 2, err: expect.stringMatching(/--format is 1 or 2/) });
    expect(candor('validate', shop, '--format', '1')).toMatchObject({
      code: 2,
      err: expect.stringMatching(/--format is not an option of "validate"/),
    });
  });

  it('prints every language when --lang is left out, or JSON', async () => {
    const config = checkConfig(JSON.parse(readFileSync(shop, 'utf8'))).config!;
    const lines = await Promise.all(config.languages.map(async (l) => `${l}  ${await receiptHash(config, l)}`));
    expect(candor('hash', shop).out).toBe(lines.join('\n') + '\n');
    const json = JSON.parse(candor('hash', shop, '--json').out);
    const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
    const hashes = Object.fromEntries(config.languages.map((l, i) => [l, lines[i].split('  ')[1]]));
    expect(json).toEqual({ file: shop, version: '2026-11', noticeFormat: 2, sdk: version, hashes });
  });

  it('refuses a language the config does not offer, an invalid config, a missing file', () => {
    expect(candor('hash', shop, '--lang', 'de')).toMatchObject({ code: 2, err: expect.stringMatching(/^candor: "de" is not among the languages/) });
    const invalid = candor('hash', fixture('invalid/bad-ids.json'));
    expect(invalid.code).toBe(1);
    expect(invalid.err).toMatch(/error: purposes\[2\]\.id/);
    expect(candor('hash', 'nope.json').code).toBe(2);
  });
});
