/** POST /consent-receipts and the admin routes, over HTTP, as a browser or an attacker would use them. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { connect } from 'node:net';
import type { Db } from '../src/db.js';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addNotices } from '../src/notices.js';
import { settingsFrom } from '../src/settings.js';
import { count, freshDb, post, receipt, removeDir, startCollector, type TestServer } from './helpers.js';

let db: Db;
let dataDir: string | undefined;
let server: TestServer;

before(async () => {
  ({ db, dataDir } = await freshDb());
  server = await startCollector(db, { adminToken: 'admin-secret', origins: ['https://shop.example'] });
});
after(async () => {
  await server.close();
  await db.close();
  removeDir(dataDir);
});

const stored = async (id: string) => (await db.query('SELECT * FROM receipts WHERE id = $1', [id])).length;

describe('POST /consent-receipts', () => {
  it('stores a valid receipt and answers 201 directly (no redirect)', async () => {
    const r = receipt();
    const res = await post(server.url, r);
    assert.equal(res.status, 201);
    assert.equal(res.headers.get('location'), null);
    assert.deepEqual(await res.json(), { stored: 1, duplicate: 0 });
    assert.equal(await stored(r.id), 1);
  });

  it('answers a retried receipt with 2xx and does not store it twice', async () => {
    const r = receipt();
    assert.equal((await post(server.url, r)).status, 201);
    const again = await post(server.url, r);
    assert.equal(again.status, 200);
    assert.deepEqual(await again.json(), { stored: 0, duplicate: 1 });
    assert.equal(await stored(r.id), 1);
  });

  it('stores the same receipt once when retries arrive at the same time', async () => {
    const r = receipt();
    const answers = await Promise.all(Array.from({ length: 8 }, () => post(server.url, r)));
    assert.ok(answers.every((a) => a.ok));
    assert.equal(answers.filter((a) => a.status == 201).length, 1);
    assert.equal(await stored(r.id), 1);
  });

  it('accepts an array of receipts', async () => {
    const list = [receipt(), receipt(), receipt()];
    const res = await post(server.url, list);
    assert.equal(res.status, 201);
    assert.deepEqual(await res.json(), { stored: 3, duplicate: 0 });
    for (const r of list) assert.equal(await stored(r.id), 1);
  });

  it('stores neither the IP address nor the user agent by default', async () => {
    const r = receipt();
    await post(server.url, r, { 'User-Agent': 'Mozilla/5.0 test' });
    const [row] = await db.query('SELECT ip, user_agent FROM receipts WHERE id = $1', [r.id]);
    assert.deepEqual({ ...row }, { ip: null, user_agent: null });
  });

  const refused = async (body: unknown, status: number, match: RegExp, headers?: { [k: string]: string }) => {
    const before = await count(db);
    const res = await post(server.url, body, headers);
    assert.equal(res.status, status);
    const text = await res.text();
    assert.match(text, match);
    assert.equal(await count(db), before, 'nothing stored');
    // The server keeps serving.
    assert.equal((await post(server.url, receipt())).status, 201);
    return text;
  };

  it('refuses malformed JSON with 400', async () => {
    await refused('{"id": "abc",', 400, /not valid JSON/);
  });
  it('refuses a body that is not a receipt', async () => {
    await refused('"hello"', 400, /must be a receipt object/);
  });
  it('refuses an empty array', async () => {
    await refused([], 400, /no receipt/);
  });
  it('refuses wrong types, naming each field', async () => {
    const text = await refused(
      receipt({ gpc: 'no', purposes: { analytics: 'yes' }, time: 12, event: 'liked', id: 'not-a-uuid' }),
      400,
      /invalid receipt/,
    );
    const paths = JSON.parse(text).problems.map((p: any) => p.path);
    assert.deepEqual(paths.sort(), ['event', 'gpc', 'id', 'purposes.analytics', 'time']);
  });
  it('refuses unknown fields', async () => {
    await refused(receipt({ ip: '1.2.3.4' }), 400, /"path":"ip","message":"unknown field/);
  });
  it('refuses a receipt with a missing field', async () => {
    await refused({ ...receipt(), noticeHash: undefined }, 400, /"path":"noticeHash","message":"is missing"/);
  });
  it('refuses a receipt whose time is not ISO-8601 UTC', async () => {
    await refused(receipt({ time: '14/11/2026 09:41' }), 400, /ISO-8601/);
  });
  it('refuses a body that is not UTF-8 instead of storing U+FFFD in place of its bytes', async () => {
    const before = await count(db);
    const text = JSON.stringify(receipt({ version: 'v-X' }));
    const at = Buffer.byteLength(text.slice(0, text.indexOf('v-X') + 2));
    const bytes = Buffer.from(text);
    bytes[at] = 0xff; // "v-\xff": no UTF-8 text has that byte
    const res = await fetch(`${server.url}/consent-receipts`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: bytes });
    assert.equal(res.status, 400);
    assert.match(await res.text(), /UTF-8/);
    assert.equal(await count(db), before, 'nothing stored');
  });
  it('refuses a time that names no real moment (31 February, 24:00) instead of storing another day', async () => {
    await refused(receipt({ time: '2026-02-31T10:00:00.000Z' }), 400, /"path":"time","message":"must be a real date/);
    await refused(receipt({ time: '2026-11-14T24:00:00.000Z' }), 400, /"path":"time"/);
    assert.equal((await post(server.url, receipt({ time: '2028-02-29T23:59:59.999Z' }))).status, 201, 'a leap day is a real date');
  });
  it('stores the receipts of any configuration candor validate accepts: a long version, a long purpose id, four subtags', async () => {
    // The configuration's rules bound these only by the 4,000-byte cookie; refused with 400, every receipt of such
    // a site was dropped by the devices after 10 refusals, and the site had no proof at all.
    const r = receipt({
      version: 'Cookie policy of 14 November 2026, after the legal review of the new analytics vendor (v3)',
      language: 'de-Latn-CH-1901-1996',
      purposes: { necessary: true, ['a'.repeat(70)]: false },
    });
    const res = await post(server.url, r);
    assert.equal(res.status, 201, await res.text());
    assert.equal(await stored(r.id), 1);
  });
  it('refuses a field nested thousands deep with 400, not a 503 that the sender would retry for ever', async () => {
    // Valid JSON under the size limit; describing it with JSON.stringify overflowed the stack, answered 503.
    const deep = '['.repeat(20_000) + ']'.repeat(20_000);
    for (const field of ['noticeFormat', 'gpc', 'event', 'purposes']) {
      const r = receipt();
      delete r[field];
      const text = await refused(JSON.stringify(r).replace(/}$/, `,"${field}":${deep}}`), 400, new RegExp(`"path":"${field}"`));
      assert.match(text, /invalid receipt/);
    }
  });
  it('refuses a whole batch when one receipt is invalid, storing none of it', async () => {
    await refused([receipt(), receipt({ method: 'coerced' })], 400, /"index":1/);
  });
  it('refuses a 10 MB body with 413', async () => {
    await refused('x'.repeat(10 * 1024 * 1024), 413, /body larger than/);
  });
  it('refuses 10,000 receipts in one POST with 413', async () => {
    const many = Array.from({ length: 10_000 }, () => receipt());
    await refused(many, 413, /larger than|at most/);
  });
  it('refuses more receipts per POST than the limit even in a small body', async () => {
    const tiny = await startCollector(db, { maxReceipts: 2 });
    try {
      const res = await post(tiny.url, [receipt(), receipt(), receipt()]);
      assert.equal(res.status, 413);
      assert.match(await res.text(), /at most 2 receipts/);
    } finally {
      await tiny.close();
    }
  });
  it('stores nothing from a client that goes away in the middle of its body, and keeps serving', async () => {
    const before = await count(db);
    const { port } = new URL(server.url);
    const socket = connect(Number(port), '127.0.0.1');
    await once(socket, 'connect');
    const partial = JSON.stringify(receipt()).slice(0, 40);
    socket.write(`POST /consent-receipts HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 400\r\n\r\n${partial}`);
    socket.destroy();
    await once(socket, 'close');
    assert.equal((await post(server.url, receipt())).status, 201);
    assert.equal(await count(db), before + 1);
  });
  it('refuses another content type with 415', async () => {
    await refused(JSON.stringify(receipt()), 415, /application\/json/, { 'Content-Type': 'text/plain' });
  });
  it('refuses an oversized field', async () => {
    await refused(receipt({ subject: 's'.repeat(500) }), 400, /subject/);
  });
  it('refuses a version holding a lone UTF-16 surrogate with 400, and other visitors sending at the same time are stored', async () => {
    // JSON can spell "\ud800" alone; PostgreSQL cannot store it: accepted, it failed the whole transaction with 503
    // ("retry later") for every request batched with it, and the sender retried it for ever.
    const lone = JSON.stringify(receipt()).replace('"version":"2026-11"', '"version":"v\\ud800"');
    const others = Array.from({ length: 6 }, () => receipt());
    const [bad, ...good] = await Promise.all([post(server.url, lone), ...others.map((r) => post(server.url, r))]);
    assert.equal(bad.status, 400);
    assert.match(await bad.text(), /"path":"version"/);
    assert.deepEqual(
      good.map((g) => g.status),
      others.map(() => 201),
    );
    for (const r of others) assert.equal(await stored(r.id), 1);
    // A well-formed pair (an emoji) is still a valid version.
    assert.equal((await post(server.url, receipt({ version: '2026-11 🎉' }))).status, 201);
  });
});

describe('rate limit', () => {
  it('answers 429 with Retry-After once a client has used its requests, and serves other routes', async () => {
    const limited = await startCollector(db, { ratePerMinute: 3 });
    try {
      const answers = [];
      for (let i = 0; i < 5; i++) answers.push((await post(limited.url, receipt())).status);
      assert.deepEqual(answers, [201, 201, 201, 429, 429]);
      const res = await post(limited.url, receipt());
      assert.ok(Number(res.headers.get('retry-after')) > 0);
      assert.equal((await fetch(`${limited.url}/health`)).status, 200);
    } finally {
      await limited.close();
    }
  });
});

describe('rate limit by receipt', () => {
  it('counts the receipts of a batch, not one per request, and still takes a batch larger than the limit', async () => {
    // Counted by request, a client sent 100 receipts for the price of one: 12,000 a minute under the default limit.
    const limited = await startCollector(db, { ratePerMinute: 10 });
    try {
      assert.equal(
        (
          await post(
            limited.url,
            Array.from({ length: 8 }, () => receipt()),
          )
        ).status,
        201,
      );
      const second = Array.from({ length: 8 }, () => receipt());
      const res = await post(limited.url, second);
      assert.equal(res.status, 429);
      assert.ok(Number(res.headers.get('retry-after')) > 0);
      for (const r of second) assert.equal(await stored(r.id), 0);
    } finally {
      await limited.close();
    }
    const small = await startCollector(db, { ratePerMinute: 3 });
    try {
      assert.equal(
        (
          await post(
            small.url,
            Array.from({ length: 5 }, () => receipt()),
          )
        ).status,
        201,
        'with a full bucket',
      );
    } finally {
      await small.close();
    }
  });
});

describe('rate limit over IPv6', () => {
  it('counts an IPv6 client by its /64, so that moving through its own addresses gives it no more requests', async () => {
    // Counted by whole address, a client with a /64 (any home connection) had 2^64 budgets of 120 requests a minute.
    const limited = await startCollector(db, { ratePerMinute: 2, trustProxy: true });
    try {
      const from = (address: string) => post(limited.url, receipt(), { 'X-Forwarded-For': address });
      const answers = [];
      for (const a of ['2001:db8:1:2::1', '2001:db8:1:2::2', '2001:db8:1:2:ffff:ffff:ffff:ffff', '2001:0db8:0001:0002::9'])
        answers.push((await from(a)).status);
      assert.deepEqual(answers, [201, 201, 429, 429]);
      assert.equal((await from('2001:db8:1:3::1')).status, 201, 'another /64 has its own budget');
      assert.equal((await from('198.51.100.7')).status, 201);
      assert.equal((await from('::ffff:198.51.100.7')).status, 201);
      assert.equal((await from('198.51.100.7')).status, 429, 'an IPv4 address and its IPv6-mapped form are one client');
      assert.equal((await from('198.51.100.8')).status, 201, 'IPv4 addresses are counted one by one');
    } finally {
      await limited.close();
    }
  });
});

describe('CORS', () => {
  const preflight = (origin: string) =>
    fetch(`${server.url}/consent-receipts`, {
      method: 'OPTIONS',
      headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
    });

  it('allows a configured origin', async () => {
    const res = await preflight('https://shop.example');
    assert.equal(res.status, 204);
    assert.equal(res.headers.get('access-control-allow-origin'), 'https://shop.example');
    assert.equal(res.headers.get('access-control-allow-methods'), 'POST');
    assert.match(res.headers.get('access-control-allow-headers') ?? '', /Content-Type/i);
    const posted = await post(server.url, receipt(), { Origin: 'https://shop.example' });
    assert.equal(posted.headers.get('access-control-allow-origin'), 'https://shop.example');
  });

  it('gives no CORS header to another origin', async () => {
    const res = await preflight('https://evil.example');
    assert.equal(res.status, 403);
    assert.equal(res.headers.get('access-control-allow-origin'), null);
    const posted = await post(server.url, receipt(), { Origin: 'https://evil.example' });
    assert.equal(posted.headers.get('access-control-allow-origin'), null);
  });

  it('matches CANDOR_ORIGINS as browsers send the Origin header: any case, the default port, a trailing path', async () => {
    // Browsers send https://www.shop.example: written otherwise, every cross-origin receipt failed as if the server were down.
    const { origins } = settingsFrom({ CANDOR_ORIGINS: 'https://WWW.Shop.Example/, https://www.shop.example:443/fr/ http://localhost:8080' });
    assert.deepEqual(origins, ['https://www.shop.example', 'https://www.shop.example', 'http://localhost:8080']);
    const other = await startCollector(db, { origins });
    try {
      const res = await fetch(`${other.url}/consent-receipts`, {
        method: 'OPTIONS',
        headers: { Origin: 'https://www.shop.example', 'Access-Control-Request-Method': 'POST' },
      });
      assert.equal(res.status, 204);
      assert.equal(res.headers.get('access-control-allow-origin'), 'https://www.shop.example');
    } finally {
      await other.close();
    }
  });
});

describe('client data, when the operator turns it on', () => {
  it('stores the address truncated to its /24 and the user agent', async () => {
    const on = await startCollector(db, { storeIp: true, storeUserAgent: true });
    try {
      const r = receipt();
      await post(on.url, r, { 'User-Agent': 'Mozilla/5.0 (X11) ' + 'x'.repeat(400) });
      const [row] = await db.query('SELECT ip, user_agent FROM receipts WHERE id = $1', [r.id]);
      assert.equal(row.ip, '127.0.0.0');
      assert.equal(row.user_agent.length, 256);
    } finally {
      await on.close();
    }
  });
});

describe('admin routes', () => {
  it('lists every receipt of a subject, for the admin token only', async () => {
    const subject = 'a3e0c5f2-1111-4d4d-8888-123456789abc';
    const first = receipt({ subject, event: 'given' });
    const second = receipt({ subject, event: 'withdrawn', method: 'save', purposes: { necessary: true, analytics: false, marketing: false } });
    await post(server.url, first);
    await post(server.url, second);
    const url = `${server.url}/subjects/${subject}/receipts`;
    assert.equal((await fetch(url)).status, 401);
    assert.equal((await fetch(url, { headers: { Authorization: 'Bearer wrong' } })).status, 401);
    const res = await fetch(url, { headers: { Authorization: 'Bearer admin-secret' } });
    assert.equal(res.status, 200);
    const list = await res.json();
    assert.deepEqual(
      list.map((r: any) => [r.id, r.event, r.noticeKnown]),
      [
        [first.id, 'given', false],
        [second.id, 'withdrawn', false],
      ],
    );
    const basic = await fetch(url, { headers: { Authorization: 'Basic ' + Buffer.from('me:admin-secret').toString('base64') } });
    assert.equal(basic.status, 200);
  });

  it('answers 400 for a subject id no receipt can have (a NUL byte, too long), not 503', async () => {
    // PostgreSQL refuses a NUL in text: the query failed and the route answered 503, "retry later".
    for (const id of ['%00', 'a%00b', 'x'.repeat(129), 'a%20b']) {
      const res = await fetch(`${server.url}/subjects/${id}/receipts`, { headers: { Authorization: 'Bearer admin-secret' } });
      assert.equal(res.status, 400, id.slice(0, 10));
      assert.match(await res.text(), /subject id/);
    }
  });

  it('are off when no admin token is set', async () => {
    const open = await startCollector(db, {});
    try {
      assert.equal((await fetch(`${open.url}/stats`)).status, 403);
      assert.equal((await fetch(`${open.url}/subjects/x/receipts`)).status, 403);
    } finally {
      await open.close();
    }
  });

  it('answers 404 with JSON for an unknown route', async () => {
    const res = await fetch(`${server.url}/nope`);
    assert.equal(res.status, 404);
    assert.deepEqual(await res.json(), { error: 'not found' });
  });
});

describe('notice format 2 receipts', () => {
  it('accepts the sdk and noticeFormat fields, stores them, and still accepts receipts without them', async () => {
    const v2 = receipt({ sdk: '0.1.0', noticeFormat: 2 });
    const v1 = receipt();
    assert.equal((await post(server.url, v2)).status, 201);
    assert.equal((await post(server.url, v1)).status, 201);
    const [row] = await db.query('SELECT sdk, notice_format FROM receipts WHERE id = $1', [v2.id]);
    assert.deepEqual({ ...row }, { sdk: '0.1.0', notice_format: 2 });
    const [old] = await db.query('SELECT sdk, notice_format FROM receipts WHERE id = $1', [v1.id]);
    assert.deepEqual({ ...old }, { sdk: null, notice_format: null });
    const res = await fetch(`${server.url}/subjects/${v2.subject}/receipts`, { headers: { Authorization: 'Bearer admin-secret' } });
    assert.deepEqual(
      (await res.json()).map((r: any) => [r.sdk, r.noticeFormat]),
      [['0.1.0', 2]],
    );
  });

  it('refuses a noticeFormat or sdk of the wrong form, storing nothing', async () => {
    for (const bad of [
      { noticeFormat: '2' },
      { noticeFormat: 0 },
      { noticeFormat: 2.5 },
      { sdk: 1 },
      { sdk: 'x'.repeat(40) },
      { sdk: '1.0; drop' },
    ]) {
      const r = receipt(bad);
      const res = await post(server.url, r);
      assert.equal(res.status, 400, JSON.stringify(bad));
      assert.equal(await stored(r.id), 0);
    }
  });
});

describe('re-issuing the candor cookie (Safari 7-day cap)', () => {
  /** A `candor` cookie value holding the decision of `receipt()` (src/core/storage.ts: 1~time36~granted~denied~version). */
  const cookieOf = (granted = 'necessary+analytics', denied = 'marketing', time = Date.now()) =>
    `1~${Math.floor(time / 1000).toString(36)}~${granted}~${denied}~2026-11`;

  it('answers a same-site receipt with Set-Cookie re-issuing the cookie of the decision it records', async () => {
    const value = cookieOf();
    const res = await post(server.url, receipt(), { cookie: `a=1; candor=${value}`, origin: server.url, 'sec-fetch-site': 'same-origin' });
    assert.equal(res.status, 201);
    const set = res.headers.get('set-cookie') ?? '';
    assert.match(set, new RegExp(`^candor=${value.replace(/[+~]/g, '\\$&')}; Path=/; Max-Age=\\d+; SameSite=Lax$`));
    const age = Number(/Max-Age=(\d+)/.exec(set)![1]);
    assert.ok(age > 181 * 86400 && age <= 182 * 86400, `Max-Age ${age}: the configuration's reaskAfterDays (182 by default)`);
  });

  it('re-issues it where candor.js writes it: the registered configuration’s cookieDomain and reaskAfterDays', async () => {
    // A host-only copy next to the configuration's Domain one would outlive, on this host, a withdrawal made on a sibling
    // subdomain (Safari drops the script-set copy after 7 days, not the re-issued one).
    const dir = mkdtempSync(join(tmpdir(), 'candor-scope-'));
    const file = join(dir, 'consent.json');
    const base = JSON.parse(readFileSync(fileURLToPath(new URL('../../test/fixtures/consent-2026-11.json', import.meta.url)), 'utf8'));
    writeFileSync(file, JSON.stringify({ ...base, cookieDomain: 'shop.example', reaskAfterDays: 30 }));
    const fr = (await addNotices(db, file)).find((n) => n.language == 'fr')!;
    rmSync(dir, { recursive: true });
    const v = fr.format == 'candor-notice/2' ? { sdk: fr.sdk, noticeFormat: 2 } : {};
    const res = await post(server.url, receipt({ noticeHash: fr.hash, ...v }), { cookie: `candor=${cookieOf()}`, origin: server.url });
    assert.equal(res.status, 201);
    const set = res.headers.get('set-cookie') ?? '';
    assert.match(set, /; Domain=shop\.example(;|$)/);
    const age = Number(/Max-Age=(\d+)/.exec(set)![1]);
    assert.ok(age > 29 * 86400 && age <= 30 * 86400, `Max-Age ${age}: the configuration's 30 days`);
  });

  it('sends no Set-Cookie cross-site, for another decision than the receipt’s, or without a cookie', async () => {
    const cross = await post(server.url, receipt(), {
      cookie: `candor=${cookieOf()}`,
      origin: 'https://evil.example',
      'sec-fetch-site': 'cross-site',
    });
    assert.equal(cross.status, 201);
    assert.equal(cross.headers.get('set-cookie'), null);
    const other = await post(server.url, receipt(), { cookie: `candor=${cookieOf('necessary', 'analytics+marketing')}`, origin: server.url });
    assert.equal(other.status, 201);
    assert.equal(other.headers.get('set-cookie'), null);
    const none = await post(server.url, receipt(), { origin: server.url });
    assert.equal(none.headers.get('set-cookie'), null);
  });
});
