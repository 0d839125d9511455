/** Consent rates: GET /stats (JSON) and GET /stats.html (a page with an SVG chart and no script). */
import { it } from 'node:test';
import assert from 'node:assert/strict';
import type { Db } from '../src/db.js';
import { consentRates } from '../src/stats.js';
import { collectorForSuite, post, receipt, type TestServer } from './helpers.js';

let db: Db;
let server: TestServer;
const auth = { Authorization: 'Bearer t0ken' };

collectorForSuite({ adminToken: 't0ken' }, async (c) => {
  ({ db, server } = c);
  const day1 = '2026-11-14T10:00:00.000Z';
  const day2 = '2026-11-15T10:00:00.000Z';
  await post(server.url, [
    receipt({ time: day1, event: 'given', purposes: { necessary: true, analytics: true } }),
    receipt({ time: day1, event: 'refused', method: 'reject-all', purposes: { necessary: true, analytics: false } }),
    receipt({ time: day1, event: 'dismissed', method: 'dismiss', purposes: { necessary: true, analytics: false } }),
    receipt({ time: day1, event: 'given', purposes: { necessary: true, analytics: true } }),
    receipt({ time: day1, event: 'given', language: 'en', purposes: { necessary: true, analytics: true } }),
    receipt({ time: day2, event: 'refused', method: 'reject-all', purposes: { necessary: true, analytics: false } }),
    receipt({ time: day2, event: 'expired', method: 'expiry', purposes: { necessary: true, analytics: false } }),
  ]);
});

it('gives per day, purpose and language the shares given, refused and dismissed', async () => {
  const res = await fetch(`${server.url}/stats?from=2026-11-14&to=2026-11-15`, { headers: auth });
  assert.equal(res.status, 200);
  const { rates } = await res.json();
  const analytics = rates.filter((r: any) => r.purpose == 'analytics');
  assert.deepEqual(
    analytics.map((r: any) => [r.day, r.language, r.decisions, r.given, r.refused, r.dismissed, r.givenShare]),
    [
      ['2026-11-14', 'en', 1, 1, 0, 0, 1],
      ['2026-11-14', 'fr', 4, 2, 1, 1, 0.5],
      ['2026-11-15', 'fr', 1, 0, 1, 0, 0], // the expired receipt is not a decision
    ],
  );
});

it('refuses a malformed period', async () => {
  assert.equal((await fetch(`${server.url}/stats?from=yesterday`, { headers: auth })).status, 400);
  assert.equal((await fetch(`${server.url}/stats?from=2026-11-15&to=2026-11-01`, { headers: auth })).status, 400);
  // A day that does not exist: Date.parse rolls it over, PostgreSQL refuses it (a 503 before).
  for (const q of ['from=2026-02-30&to=2026-03-01', 'from=2026-02-01&to=2026-02-29', 'from=2026-04-31'])
    assert.equal((await fetch(`${server.url}/stats?${q}`, { headers: auth })).status, 400, q);
});

it('serves a page with an inline SVG chart, no script, under a strict CSP', async () => {
  const res = await fetch(`${server.url}/stats.html?from=2026-11-14&to=2026-11-15`, { headers: auth });
  assert.equal(res.status, 200);
  const csp = res.headers.get('content-security-policy') ?? '';
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /style-src 'sha256-/);
  assert.doesNotMatch(csp, /unsafe/);
  const html = await res.text();
  assert.match(html, /<svg[^>]*role="img"/);
  assert.match(html, /<title>2026-11-14 given: 3 of 5 \(60%\)<\/title>/);
  assert.doesNotMatch(html, /<script|\sstyle="|\son\w+=/i);
  // The style block is the one the CSP hash allows.
  const style = html.match(/<style>([\s\S]*?)<\/style>/)![1];
  const { createHash } = await import('node:crypto');
  assert.ok(csp.includes(createHash('sha256').update(style).digest('base64')));
});

it('charts each purpose of the period, a new one included', async () => {
  await post(server.url, receipt({ time: '2026-11-16T10:00:00.000Z', purposes: { 'x-script': true } }));
  const html = await (await fetch(`${server.url}/stats.html?from=2026-11-16&to=2026-11-16`, { headers: auth })).text();
  assert.match(html, /<h2>x-script<\/h2>/);
});

it('counts the days of the period in UTC whatever the database session’s time zone', async () => {
  // A PostgreSQL server's TimeZone is often its system's: the period's bounds were midnights there, so a day's rates took
  // in the evening before (reported under that other day) and left out its own last hours.
  await post(server.url, [
    receipt({ time: '2026-11-20T23:30:00.000Z', purposes: { zone: true } }),
    receipt({ time: '2026-11-21T00:30:00.000Z', purposes: { zone: true } }),
    receipt({ time: '2026-11-21T23:30:00.000Z', purposes: { zone: false } }),
  ]);
  for (const zone of ['UTC', 'Pacific/Kiritimati', 'America/Los_Angeles']) {
    const rates = await db.transaction(async (tx) => {
      await tx.query(`SET LOCAL TIME ZONE '${zone}'`);
      return consentRates(tx, '2026-11-21', '2026-11-21');
    });
    assert.deepEqual(
      rates.filter((r) => r.purpose == 'zone').map((r) => [r.day, r.decisions, r.given]),
      [['2026-11-21', 2, 1]],
      zone,
    );
  }
});
