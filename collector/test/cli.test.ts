/** The operator's commands, as run from a shell: notice add/list, hash, verify, digest, prune (PGlite folder). */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { checkReceipt } from '../src/receipt.js';
import { storeReceipts } from '../src/store.js';
import { freshDb, receipt, removeDir } from './helpers.js';

const CLI = fileURLToPath(new URL('../src/cli.js', import.meta.url));
const CONFIG = fileURLToPath(new URL('../../test/fixtures/consent-2026-11.json', import.meta.url));
const skip = !!process.env.DATABASE_URL && 'the commands run on a PGlite folder here';
let dataDir: string | undefined;

const cli = async (...args: string[]) => {
  const env: NodeJS.ProcessEnv = { ...process.env, CANDOR_DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  return (await promisify(execFile)(process.execPath, [CLI, ...args], { env })).stdout;
};

before(async () => {
  if (skip) return;
  const fresh = await freshDb();
  dataDir = fresh.dataDir;
  const rows = [receipt(), receipt()].map((r) => ({ receipt: checkReceipt(r).receipt!, ip: null, userAgent: null }));
  await storeReceipts(fresh.db, rows, () => new Date('2026-01-05T10:00:00Z'));
  await storeReceipts(fresh.db, [{ receipt: checkReceipt(receipt()).receipt!, ip: null, userAgent: null }]);
  await fresh.db.close();
});
after(() => removeDir(dataDir));

it('registers notices and lists them', { skip }, async () => {
  const added = await cli('notice', 'add', CONFIG);
  assert.match(added, /^added {2}2026-11 {2}fr {2}1d3001b9d597ad368735aefc34ef5bf50e33f50ffb3e409ae829b01e92fe8bdc {2}candor-notice\/1$/m);
  assert.match(await cli('notice', 'add', CONFIG), /^known {2}2026-11 {2}en {2}a2acd79f/m);
  assert.match(await cli('notice', 'list'), /2026-11 {2}en {2}a2acd79f\w+ {2}0 receipt\(s\)/);
});

it('prints a notice hash as candor hash does', { skip }, async () => {
  assert.equal(await cli('hash', CONFIG, '--lang', 'fr', '--format', '1'), '1d3001b9d597ad368735aefc34ef5bf50e33f50ffb3e409ae829b01e92fe8bdc\n');
  const sdk = fileURLToPath(new URL('../../../dist/cli.js', import.meta.url));
  if (existsSync(sdk))
    assert.equal(
      await cli('hash', CONFIG, '--lang', 'fr'),
      execFileSync(process.execPath, [sdk, 'hash', CONFIG, '--lang', 'fr'], { encoding: 'utf8' }),
    );
});

it('prints a day’s digest, prunes with a log line, and the chain still verifies', { skip }, async () => {
  const digest = JSON.parse(await cli('digest', '--day', '2026-01-05', '--json'));
  assert.deepEqual([digest.received, digest.lastSeq], [2, 2]);
  const line = JSON.parse(await cli('prune', '--older-than-days', '30'));
  assert.deepEqual([line.event, line.olderThanDays, line.deleted, line.lastSeq], ['retention', 30, 2, 2]);
  assert.match(await cli('verify'), /^chain ok: 1 receipts \(rows 3–3\)/);
});

it('explains wrong usage with exit code 2', { skip }, async () => {
  await assert.rejects(cli('prune'), (e: any) => e.code == 2 && /older-than-days/.test(e.stderr));
  await assert.rejects(cli('frobnicate'), (e: any) => e.code == 2 && /unknown command/.test(e.stderr));
  // A day that does not exist: 2026-02-30 exported 2 March instead, 2026-13-01 said "Invalid time value".
  for (const [from, to] of [
    ['2026-02-30', '2026-03-01'],
    ['2026-13-01', '2026-12-31'],
    ['2026-01-01', '2026-04-31'],
  ])
    await assert.rejects(cli('export', '--from', from, '--to', to), (e: any) => e.code == 2 && /--from and --to are days/.test(e.stderr));
});
