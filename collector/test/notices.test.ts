/** Notices: the collector's hash is the SDK's (`candor hash`), registered notices mark receipts, unit checks. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Db } from '../src/db.js';
import { truncateIp, RateLimiter } from '../src/client.js';
import { noticesOf, resolve } from '../src/notice-format.js';
import { addNotices, listNotices, readNotices } from '../src/notices.js';
import { checkReceipt } from '../src/receipt.js';
import { subjectReceipts } from '../src/records.js';
import { collectorForSuite, post, receipt, type TestServer } from './helpers.js';
import { readFileSync } from 'node:fs';

const fixture = (name: string) => fileURLToPath(new URL(`../../test/fixtures/${name}`, import.meta.url));
const SDK_CLI = fileURLToPath(new URL('../../../dist/cli.js', import.meta.url));
const own = (file: string) => noticesOf(resolve(JSON.parse(readFileSync(file, 'utf8'))));

describe('notice hash', () => {
  it('gives the hashes of the worked example in docs/receipts.md', () => {
    const hashes = Object.fromEntries(own(fixture('consent-2026-11.json')).map((n) => [n.language, n.hash]));
    assert.deepEqual(hashes, {
      fr: '1d3001b9d597ad368735aefc34ef5bf50e33f50ffb3e409ae829b01e92fe8bdc',
      en: 'a2acd79fc45ef244814afc0f3ee528666b8fa3390e03ce8a7808bb8740e61532',
    });
  });

  for (const name of ['consent-2026-11.json', 'consent-rich.json'])
    it(`equals \`candor hash ${name} --lang L\` for every language`, {
      skip: !existsSync(SDK_CLI) && 'the SDK is not built (npm run build at the root)',
    }, async () => {
      for (const n of own(fixture(name))) {
        const sdk = execFileSync(process.execPath, [SDK_CLI, 'hash', fixture(name), '--lang', n.language, '--format', '1'], {
          encoding: 'utf8',
        }).trim();
        assert.equal(n.hash, sdk, `${name} ${n.language}`);
      }
      // And reading the file the way `notice add` does (the SDK's module when built) gives the same.
      const read = await readNotices(fixture(name));
      assert.deepEqual(
        read.entries.filter((e) => e.format == 'candor-notice/1').map((e) => e.hash),
        own(fixture(name)).map((n) => n.hash),
      );
      // Format 2 from the SDK's module is what `candor hash` prints by default.
      for (const e of read.entries.filter((e) => e.format == 'candor-notice/2'))
        assert.equal(e.hash, execFileSync(process.execPath, [SDK_CLI, 'hash', fixture(name), '--lang', e.language], { encoding: 'utf8' }).trim());
    });

  it("CANDOR_SDK=off: only format 1, from the collector's own copy, even with the SDK built", {
    skip: !existsSync(SDK_CLI) && 'the SDK is not built',
  }, async () => {
    const before = process.env.CANDOR_SDK;
    process.env.CANDOR_SDK = 'off';
    try {
      const read = await readNotices(fixture('consent-2026-11.json'));
      assert.deepEqual([...new Set(read.entries.map((e) => e.format))], ['candor-notice/1']);
      assert.deepEqual(
        read.entries.map((e) => e.hash),
        own(fixture('consent-2026-11.json')).map((n) => n.hash),
      );
    } finally {
      if (before === undefined) delete process.env.CANDOR_SDK;
      else process.env.CANDOR_SDK = before;
    }
  });

  it('refuses a file that is not a configuration', async () => {
    await assert.rejects(readNotices(fixture('../helpers.ts')), /cannot read|not a Candor configuration|invalid/);
  });
});

describe('registered notices', () => {
  let db: Db;
  let server: TestServer;
  collectorForSuite({ adminToken: 'k' }, (c) => ({ db, server } = c));

  it('stores each language’s notice in formats 2 and 1 and marks receipts whose notice is unknown', {
    skip: !existsSync(SDK_CLI) && 'the SDK is not built',
  }, async () => {
    const added = await addNotices(db, fixture('consent-2026-11.json'));
    assert.deepEqual(
      added.map((n) => [n.format, n.language, n.added]),
      [
        ['candor-notice/2', 'fr', true],
        ['candor-notice/2', 'en', true],
        ['candor-notice/1', 'fr', true],
        ['candor-notice/1', 'en', true],
      ],
    );
    // Format 2 holds the built-in texts of the SDK's French (here "Tout refuser", not in the configuration).
    assert.match(added[0].notice, /"format":"candor-notice\/2"/);
    assert.match(added[0].notice, /"rejectAll":"Tout refuser"/);
    assert.equal(added[2].hash, '1d3001b9d597ad368735aefc34ef5bf50e33f50ffb3e409ae829b01e92fe8bdc');
    assert.deepEqual(
      (await addNotices(db, fixture('consent-2026-11.json'))).map((n) => n.added),
      [false, false, false, false],
    );
    // The receipt of a visitor who saw the French notice, as `candor hash` prints it for each format.
    const v2 = execFileSync(process.execPath, [SDK_CLI, 'hash', fixture('consent-2026-11.json'), '--lang', 'fr'], { encoding: 'utf8' }).trim();
    assert.equal(added[0].hash, v2);
    const subject = 'b1f3d2e0-0000-4000-8000-000000000001';
    await post(server.url, receipt({ subject, sdk: '0.1.0', noticeFormat: 2, noticeHash: v2 }));
    await post(server.url, receipt({ subject, noticeHash: added[2].hash })); // a format 1 receipt (no noticeFormat)
    await post(server.url, receipt({ subject, noticeHash: 'f'.repeat(64) }));
    // A receipt claiming format 2 with a format 1 hash does not match: the format is part of the proof.
    await post(server.url, receipt({ subject, sdk: '0.1.0', noticeFormat: 2, noticeHash: added[2].hash }));
    assert.deepEqual(
      (await subjectReceipts(db, subject)).map((r) => [r.noticeFormat ?? 1, r.noticeKnown]),
      [
        [2, true],
        [1, true],
        [1, false],
        [2, false],
      ],
    );
    const list = await listNotices(db);
    const version = JSON.parse(readFileSync(fileURLToPath(new URL('../../../package.json', import.meta.url)), 'utf8')).version;
    const fr = Object.fromEntries(list.filter((n) => n.language == 'fr').map((n) => [n.format, [n.sdk, n.receipts]]));
    // Receipts per notice hash, whatever format they claim (the format 1 hash: a valid and a mismatched one).
    assert.deepEqual(fr, { 'candor-notice/2': [version, 1], 'candor-notice/1': [null, 2] });
  });
});

describe('receipt shape', () => {
  it('normalises the id to lowercase and keeps the time as sent', () => {
    const r = receipt({ id: '0F8B6A53-8F0E-4C1E-9C4E-2F7D8A1B3C5D' });
    const checked = checkReceipt(r);
    assert.equal(checked.receipt!.id, '0f8b6a53-8f0e-4c1e-9c4e-2f7d8a1b3c5d');
    assert.equal(checked.receipt!.time, r.time);
  });
  it('refuses too many purposes, bad purpose ids and impossible dates', () => {
    const many = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`p${i}`, true]));
    assert.match(JSON.stringify(checkReceipt(receipt({ purposes: many })).problems), /at most 100/);
    assert.match(JSON.stringify(checkReceipt(receipt({ purposes: { 'Bad Id': true } })).problems), /purpose ids/);
    assert.match(JSON.stringify(checkReceipt(receipt({ time: '2026-02-29T00:00:00.000Z' })).problems), /real date/);
    assert.deepEqual(checkReceipt(receipt({ time: '1970-01-01T00:00:00.000Z' })).problems, []); // a wrong clock's: stored (time.test.ts)
    assert.match(JSON.stringify(checkReceipt(receipt({ noticeHash: 'ABC' })).problems), /SHA-256/);
  });
});

describe('client address', () => {
  it('truncates IPv4 to /24 and IPv6 to /48', () => {
    assert.equal(truncateIp('203.0.113.77'), '203.0.113.0');
    assert.equal(truncateIp('::ffff:198.51.100.9'), '198.51.100.0');
    assert.equal(truncateIp('2001:db8:1:2:3:4:5:6'), '2001:db8:1::');
    assert.equal(truncateIp('2001:db8::5'), '2001:db8:0::');
    assert.equal(truncateIp('::1'), '0:0:0::');
    assert.equal(truncateIp('not an address'), null);
  });
  it('keeps its memory bounded under a flood of addresses', () => {
    let now = 0;
    const limiter = new RateLimiter(60, () => now);
    for (let i = 0; i < 150_000; i++) limiter.take(`10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`);
    now += 11e3;
    limiter.take('192.0.2.1');
    assert.ok((limiter as any).buckets.size <= 100_000);
  });
  it('limits each client to its rate, refilling over time', () => {
    let now = 0;
    const limiter = new RateLimiter(60, () => now);
    for (let i = 0; i < 60; i++) assert.equal(limiter.take('a'), 0);
    assert.ok(limiter.take('a') > 0);
    assert.equal(limiter.take('b'), 0);
    now += 1000;
    assert.equal(limiter.take('a'), 0);
  });
});
