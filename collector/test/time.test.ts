/**
 * A device whose clock is wrong (a dead clock battery reads 1970, a clock set far ahead) still sends a real receipt: its
 * `time` is the device's claim, stored as sent, next to the collector's own `receivedAt`. Every time `toISOString()` can
 * write is stored and read back as it was, down to the earliest a PostgreSQL timestamptz holds (docs/receipts.md).
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openDb, parseTimestamp, pgTime, type Db } from '../src/db.js';
import { exportReceipts } from '../src/export.js';
import { prune } from '../src/prune.js';
import { subjectReceipts as storedReceipts } from '../src/records.js';
import { consentRates } from '../src/stats.js';
import { verifyChain } from '../src/verify.js';
import { storeReceipts } from '../src/store.js';
import { checkReceipt } from '../src/receipt.js';
import { collectorForSuite, DATABASE_URL, freshDb, post, receipt, removeDir, type TestServer } from './helpers.js';

let db: Db;
let server: TestServer;
const auth = { Authorization: 'Bearer t0ken' };

/** Times a JavaScript clock can give, as `toISOString()` writes them. */
const WILD = [
  '1970-01-01T00:00:00.000Z', // a dead clock battery
  '1969-12-31T23:59:59.999Z',
  '1999-12-31T23:59:59.999Z',
  '2150-06-01T12:00:00.000Z', // a clock set far ahead
  '9999-12-31T23:59:59.999Z',
  '+010000-01-01T00:00:00.000Z',
  '+275760-09-13T00:00:00.000Z', // the latest a Date holds
  '0099-06-01T00:00:00.000Z', // a year that Date.parse-like readers take for 1999
  '0001-01-01T00:00:00.000Z',
  '0000-12-31T23:59:59.999Z', // year 0 is 1 BC
  '-000001-06-01T00:00:00.000Z',
  '-004713-11-24T00:00:00.000Z', // the earliest a timestamptz holds (4714-11-24 BC)
];

collectorForSuite({ adminToken: 't0ken' }, (c) => ({ db, server } = c));

const subjectReceipts = async (subject: string) => {
  const res = await fetch(`${server.url}/subjects/${subject}/receipts`, { headers: auth });
  assert.equal(res.status, 200);
  return (await res.json()) as any[];
};

describe('a receipt whose time is far from now', () => {
  const subject = 'wild-clock';
  before(async () => {
    for (const time of WILD) {
      const res = await post(server.url, receipt({ subject, time }));
      assert.equal(res.status, 201, `${time}: ${await res.text()}`);
    }
  });

  it('is stored, and given back with the very time it was sent with', async () => {
    assert.deepEqual(
      (await subjectReceipts(subject)).map((r) => r.time),
      WILD,
    );
  });

  it('is read back the same in a session of another time zone (a PostgreSQL server set to local time)', async () => {
    // Europe/Paris writes times before 1891 with its local mean time, an offset with seconds (+00:09:21).
    const times = await db.transaction(async (tx) => {
      await tx.query("SET LOCAL TimeZone = 'Europe/Paris'");
      return (await storedReceipts(tx, subject)).map((r) => r.time);
    });
    assert.deepEqual(times, WILD);
  });

  it('keeps the chain verifiable', async () => {
    const v = await verifyChain(db);
    assert.equal(v.ok, true, JSON.stringify(v.broken));
    assert.equal(v.rows, WILD.length);
  });

  it('is exported, as NDJSON and as TS 27560 records (validity ends past the latest date: null)', async () => {
    let ndjson = '';
    assert.equal(await exportReceipts(db, { subject }, 'ndjson', (c) => void (ndjson += c)), WILD.length);
    assert.deepEqual(
      ndjson
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).time),
      WILD,
    );
    let records = '';
    await exportReceipts(db, { subject }, '27560', (c) => void (records += c));
    const list = JSON.parse(records);
    assert.deepEqual(
      list.map((r: any) => r.event.time),
      WILD,
    );
    assert.equal(list.find((r: any) => r.event.time == '1970-01-01T00:00:00.000Z').validity.until, '1971-01-31T00:00:00.000Z');
    assert.equal(list.find((r: any) => r.event.time.startsWith('+275760')).validity.until, null);
  });

  it('is in the export of the period it counts in, whose bounds may be any 4-digit days (year 0000 and 9999 too)', async () => {
    const received = (await subjectReceipts(subject))[0].receivedAt.slice(0, 10);
    const period = async (from: string, to: string) => {
      let n = 0;
      const which = { from: new Date(`${from}T00:00:00Z`), to: new Date(Date.parse(`${to}T00:00:00Z`) + 864e5) };
      await exportReceipts(db, which, 'ndjson', (line) => void (JSON.parse(line).subject == subject && n++));
      return n;
    };
    assert.equal(await period(received, received), WILD.length);
    assert.equal(await period('0000-01-01', '9999-12-31'), WILD.length);
    assert.equal(await period('1970-01-01', '1970-01-01'), 0);
  });

  it('is not pruned as "too old": retention goes by when the collector received it', async () => {
    const r = await prune(db, 30);
    assert.equal(r.deleted, 0);
    assert.equal((await subjectReceipts(subject)).length, WILD.length);
  });

  it('counts in the consent rates on the day it was received, and the page shows one bar for them', async () => {
    const today = (await subjectReceipts(subject))[0].receivedAt.slice(0, 10);
    const rates = await consentRates(db, today, today);
    const analytics = rates.filter((r) => r.purpose == 'analytics');
    assert.deepEqual(
      analytics.map((r) => [r.day, r.decisions]),
      [[today, WILD.length]],
    );
    // Nothing is counted on the days the clocks claimed.
    assert.deepEqual(await consentRates(db, '1970-01-01', '1970-01-01'), []);
    // A period in year 0000 is refused (400), not sent to PostgreSQL, which has no year 0 (a 503).
    assert.equal((await fetch(`${server.url}/stats?from=0000-01-01&to=0000-01-02`, { headers: auth })).status, 400);
    const page = await fetch(`${server.url}/stats.html`, { headers: auth });
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.equal(html.match(/<svg role="img"[\s\S]*?<\/svg>/g)?.length, 3); // necessary, analytics, marketing
    assert.equal((html.match(/<rect [^>]*><title>[^<]* given:/g) ?? []).length, 3); // one day each
  });
});

it('refuses only a time before the earliest a timestamptz holds, or no real moment, saying why', async () => {
  for (const time of ['-004713-11-23T23:59:59.999Z', '-271821-04-20T00:00:00.000Z']) {
    const res = await post(server.url, receipt({ time }));
    assert.equal(res.status, 400);
    assert.match(await res.text(), /"path":"time","message":"must be no earlier than -004713-11-24T00:00:00.000Z/);
  }
  for (const time of ['+275760-09-13T00:00:00.001Z', '-000000-01-01T00:00:00.000Z', '+002026-02-30T00:00:00.000Z', '2026-11-14T24:00:00.000Z']) {
    const res = await post(server.url, receipt({ time }));
    assert.equal(res.status, 400, time);
    assert.match(await res.text(), /"path":"time","message":"must be a real date/);
  }
});

it('stores a time written with an extended year as the same moment, as toISOString() writes it', async () => {
  const subject = 'extended-year';
  assert.equal((await post(server.url, receipt({ subject, time: '+002026-11-14T09:41:07.532Z' }))).status, 201);
  assert.deepEqual(
    (await subjectReceipts(subject)).map((r) => r.time),
    ['2026-11-14T09:41:07.532Z'],
  );
});

it('writes every time a Date holds in a form PostgreSQL reads, and reads its answer back as the same moment', () => {
  for (const t of [-8.64e15, Date.UTC(-4713, 10, 24), -62167219200001, -62167219200000, -1, 0, 1e12, 253402300800000, 8.64e15]) {
    const iso = new Date(t).toISOString();
    assert.match(pgTime(iso), /^\d{4,6}-\d\d-\d\dT[\d:.]+Z( BC)?$/, iso);
  }
  assert.equal(pgTime('-000001-06-01T00:00:00.000Z'), '0002-06-01T00:00:00.000Z BC');
  assert.equal(pgTime('+275760-09-13T00:00:00.000Z'), '275760-09-13T00:00:00.000Z');
  const read = (text: string) => parseTimestamp(text).toISOString();
  assert.equal(read('2026-11-14 09:41:07.532+00'), '2026-11-14T09:41:07.532Z');
  assert.equal(read('2026-11-14 10:41:07.5321+01'), '2026-11-14T09:41:07.532Z');
  assert.equal(read('1850-01-01 00:09:21+00:09:21'), '1850-01-01T00:00:00.000Z');
  assert.equal(read('2026-11-14 04:11:07-05:30'), '2026-11-14T09:41:07.000Z');
  assert.equal(read('0099-06-01 00:00:00+00'), '0099-06-01T00:00:00.000Z');
  assert.equal(read('0001-12-31 23:59:59.999+00 BC'), '0000-12-31T23:59:59.999Z');
  assert.equal(read('275760-09-13 00:00:00+00'), '+275760-09-13T00:00:00.000Z');
  assert.equal(read('275760-09-13 02:00:00+02'), '+275760-09-13T00:00:00.000Z');
  assert.ok(Number.isNaN(parseTimestamp('infinity').getTime()));
});

// PGlite starts every session in DateStyle ISO whatever the database says.
it('reads times back the same from a database whose DateStyle is not ISO (a server or database set to SQL, DMY)', {
  skip: !DATABASE_URL && 'PostgreSQL only',
}, async () => {
  const fresh = await freshDb();
  const [{ name }] = await fresh.db.query<{ name: string }>('SELECT current_database() AS name');
  const times = ['2026-11-14T09:41:07.532Z', '0000-12-31T23:59:59.999Z', '+010000-01-01T00:00:00.000Z'];
  await storeReceipts(
    fresh.db,
    times.map((time) => ({ receipt: checkReceipt(receipt({ subject: 'datestyle', time })).receipt!, ip: null, userAgent: null })),
  );
  // Set for the database: every session opened after this one writes times in that style unless told otherwise.
  await fresh.db.exec(`ALTER DATABASE "${name}" SET DateStyle = 'SQL, DMY'`);
  await fresh.db.close();
  const db = await openDb(fresh.url ? { url: fresh.url } : { dataDir: fresh.dataDir });
  try {
    assert.deepEqual(
      (await storedReceipts(db, 'datestyle')).map((r) => r.time),
      times,
    );
    assert.equal((await verifyChain(db)).ok, true);
  } finally {
    await db.exec(`ALTER DATABASE "${name}" RESET DateStyle`);
    await db.close();
    removeDir(fresh.dataDir);
  }
});
