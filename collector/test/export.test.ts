/** Exports: a subject's or a period's receipts, as NDJSON and as TS 27560-shaped records, from the command line too. */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import type { Db } from '../src/db.js';
import { exportReceipts, record27560 } from '../src/export.js';
import { addNotices } from '../src/notices.js';
import { checkReceipt } from '../src/receipt.js';
import { receipts, type StoredReceipt } from '../src/records.js';
import { storeReceipts } from '../src/store.js';
import { freshDb, receipt, removeDir } from './helpers.js';

let db: Db;
let dataDir: string | undefined;
const subject = 'c0ffee00-1111-4222-8333-444455556666';
let hashFr = '';
let fmtFr = '';
let sdkFr: string | null = null;

before(async () => {
  ({ db, dataDir } = await freshDb());
  const notices = await addNotices(db, fileURLToPath(new URL('../../test/fixtures/consent-rich.json', import.meta.url)));
  // The French notice as receipts carry it now (format 2 when the SDK is built, else format 1).
  const fr = notices.find((n) => n.language == 'fr')!;
  hashFr = fr.hash;
  fmtFr = fr.format;
  sdkFr = fr.sdk;
  const v = fr.format == 'candor-notice/2' ? { sdk: fr.sdk, noticeFormat: 2 } : {};
  const rows = [
    receipt({ subject, time: '2026-11-01T10:00:00.000Z', noticeHash: hashFr, ...v, purposes: { necessary: true, triage: true, marketing: false } }),
    receipt({
      subject,
      time: '2026-11-20T10:00:00.000Z',
      event: 'withdrawn',
      method: 'save',
      noticeHash: hashFr,
      ...v,
      purposes: { necessary: true, triage: false, marketing: false },
    }),
    receipt({ time: '2026-11-05T10:00:00.000Z' }),
    receipt({ time: '2026-12-05T10:00:00.000Z' }),
  ];
  await storeReceipts(
    db,
    rows.map((r) => ({ receipt: checkReceipt(r).receipt!, ip: null, userAgent: null })),
  );
});
after(async () => {
  await db.close();
  removeDir(dataDir);
});

const collect = async (which: any, format: 'ndjson' | '27560') => {
  let text = '';
  const n = await exportReceipts(db, which, format, (chunk) => {
    text += chunk;
  });
  return { n, text };
};

it('exports a subject’s receipts as NDJSON, one receipt per line', async () => {
  const { n, text } = await collect({ subject }, 'ndjson');
  assert.equal(n, 2);
  const lines = text
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.deepEqual(
    lines.map((l) => [l.subject, l.event, l.noticeKnown]),
    [
      [subject, 'given', true],
      [subject, 'withdrawn', true],
    ],
  );
  assert.ok(lines.every((l) => l.receivedAt && l.seq));
});

it('exports a period (days included) and nothing outside it', async () => {
  const { n, text } = await collect({ from: new Date('2026-11-01T00:00:00Z'), to: new Date('2026-12-01T00:00:00Z') }, 'ndjson');
  assert.equal(n, 3);
  // The receipts' own times, not the whole line: `receivedAt` is the day the test runs, which may be any day.
  const times = text
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l).time)
    .sort();
  assert.deepEqual(times, ['2026-11-01T10:00:00.000Z', '2026-11-05T10:00:00.000Z', '2026-11-20T10:00:00.000Z']);
});

it('maps receipts to TS 27560-shaped records, with the lawful basis from the registered notice', async () => {
  const { text } = await collect({ subject }, '27560');
  const records = JSON.parse(text);
  assert.equal(records.length, 2);
  const [given, withdrawn] = records;
  assert.equal(given.piiPrincipalId, subject);
  assert.deepEqual(given.controller, { name: 'Clinique Ëxample', contact: 'mailto:dpo@example.org' });
  assert.deepEqual(given.notice, {
    version: '2026-11',
    hash: hashFr,
    format: fmtFr,
    sdk: sdkFr,
    language: 'fr',
    registered: true,
    policyUrl: 'https://example.org/privacy',
  });
  assert.deepEqual(
    given.purposes.map((p: any) => [p.purposeId, p.state, p.lawfulBasis.split(' (')[0]]),
    [
      ['necessary', 'in force', 'not consent: strictly necessary'],
      ['triage', 'given', 'explicit consent'],
      ['marketing', 'refused', 'consent'],
    ],
  );
  assert.equal(given.collectionMethod.code, 'accept-all');
  assert.deepEqual(given.validity, { from: '2026-11-01T10:00:00.000Z', until: '2027-05-20T10:00:00.000Z', reaskAfterDays: 200 });
  assert.match(given.withdrawalMethod, /Privacy settings/);
  assert.equal(withdrawn.event.type, 'withdrawn');
  assert.equal(withdrawn.purposes[1].state, 'withdrawn');
});

it('shows each purpose in the TS 27560 record as stored: a required purpose stored as false is not "in force"', async () => {
  // Candor always sends required purposes as true; a receipt saying false (forged, or edited on the device) was
  // exported as "in force", another state than the one stored.
  let stored!: StoredReceipt;
  for await (const r of receipts(db, { subject })) stored ??= r;
  const config = { purposes: [{ id: 'necessary', required: true }, { id: 'triage' }, { id: 'marketing' }] };
  const forged = { ...stored, purposes: { necessary: false, triage: true, marketing: false } };
  const states = (r: typeof stored) => (record27560(r, config) as any).purposes.map((p: any) => [p.purposeId, p.state]);
  assert.deepEqual(states(forged), [
    ['necessary', 'refused'],
    ['triage', 'given'],
    ['marketing', 'refused'],
  ]);
  assert.deepEqual(states(stored)[0], ['necessary', 'in force']);
});

it('exports from the command line', { skip: !!process.env.DATABASE_URL && 'the command line runs against PGlite here' }, async () => {
  await db.close();
  try {
    const cli = new URL('../src/cli.js', import.meta.url).pathname;
    const { stdout } = await promisify(execFile)(process.execPath, [cli, 'export', '--subject', subject, '--format', '27560'], {
      env: { ...process.env, CANDOR_DATA_DIR: dataDir },
    });
    assert.equal(JSON.parse(stdout).length, 2);
    const bad = promisify(execFile)(process.execPath, [cli, 'export', '--from', 'yesterday', '--to', '2026-11-01'], {
      env: { ...process.env, CANDOR_DATA_DIR: dataDir },
    });
    await assert.rejects(bad, (e: any) => e.code == 2 && /YYYY-MM-DD/.test(e.stderr));
  } finally {
    db = await (await import('../src/db.js')).openDb({ dataDir });
  }
});
