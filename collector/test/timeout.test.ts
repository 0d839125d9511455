/**
 * A database that does not answer (a lock held elsewhere, a statement that never ends) must not make requests pile up:
 * past CANDOR_DB_TIMEOUT the collector answers 503 (the device sends the receipt again later) and forgets the request.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { connect, createServer, type Socket } from 'node:net';
import type { Db } from '../src/db.js';
import { openDb } from '../src/db.js';
import { ANSWER_GRACE_MS, openCollectorDb } from '../src/open.js';
import { startServer } from '../src/server.js';
import { settingsFrom } from '../src/settings.js';
import type { AddressInfo } from 'node:net';
import { count, DATABASE_URL, freshDb, lockWaits, polled, receipt, removeDir, startCollector } from './helpers.js';

let db: Db;
let dataDir: string | undefined;

before(async () => {
  ({ db, dataDir } = await freshDb());
});
after(async () => {
  await db.close();
  removeDir(dataDir);
});

/**
 * A database address that takes TCP connections and never answers them (a database stuck before its handshake, a firewall
 * holding the connection): until `forward(url)`, from which on each new connection goes through to the database at `url`.
 * Its URL has the user and database of `like`.
 */
async function silentDatabase(like = 'postgres://candor@127.0.0.1/candor') {
  const held = new Set<Socket>();
  let target: URL | undefined;
  const server = createServer((socket) => {
    held.add(socket);
    socket.on('close', () => held.delete(socket));
    socket.on('error', () => {});
    if (!target) return;
    const db = connect(Number(target.port || 5432), target.hostname);
    db.on('error', () => socket.destroy());
    socket.pipe(db).pipe(socket);
    socket.on('close', () => db.destroy());
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  // The user and database of `like`, at this address.
  const url = new URL(like);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  return {
    url: String(url),
    forward: (to: string) => void (target = new URL(to)),
    close: () =>
      new Promise<void>((ok) => {
        for (const s of held) s.destroy();
        server.close(() => ok());
      }),
  };
}

/**
 * A TCP proxy to the database at `to` (127.0.0.1, port 0) that forwards, until `stall()`: from then on it forwards
 * nothing on the connections it has, and holds both of their sockets open without a byte (a server, a proxy or a
 * network path that stops answering mid-connection; the operating system notices nothing). Those connections stay
 * silent for good; a connection made after `resume()` goes through. Its URL has the user and database of `to`.
 */
async function stallingProxy(to: string) {
  const target = new URL(to);
  const pairs = new Set<[Socket, Socket]>();
  let stalled = false;
  // What comes in is read and dropped (read, so that the collector closing its end is seen).
  const silence = ([a, b]: [Socket, Socket]) => {
    a.unpipe(b);
    b.unpipe(a);
    a.resume();
    b.resume();
  };
  const server = createServer((socket) => {
    const db = connect(Number(target.port || 5432), target.hostname);
    const pair: [Socket, Socket] = [socket, db];
    pairs.add(pair);
    for (const s of pair) {
      s.on('error', () => {});
      s.on('close', () => {
        pairs.delete(pair);
        socket.destroy();
        db.destroy();
      });
    }
    if (stalled) silence(pair);
    else socket.pipe(db).pipe(socket);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const url = new URL(to);
  url.hostname = '127.0.0.1';
  url.port = String((server.address() as AddressInfo).port);
  let silent: Set<[Socket, Socket]> = new Set();
  return {
    url: String(url),
    stall() {
      stalled = true;
      for (const pair of pairs) silence(pair);
      silent = new Set(pairs);
    },
    resume: () => void (stalled = false),
    /** Close every connection it has (a database restarted, a proxy's connections reset). */
    cut: () => {
      for (const pair of pairs) for (const s of pair) s.destroy();
    },
    /** Connections silenced by `stall()` that the collector has not closed. */
    silentOpen: () => [...silent].filter((pair) => pairs.has(pair)).length,
    close: () =>
      new Promise<void>((ok) => {
        for (const pair of pairs) for (const s of pair) s.destroy();
        server.close(() => ok());
      }),
  };
}

/** `p`, or a failure after `ms` milliseconds: a test of a bound must not wait for the OS's. */
const within = <T>(p: Promise<T>, ms: number, what: string) =>
  Promise.race([p, new Promise<never>((_, no) => setTimeout(() => no(new Error(`${what}: still waiting after ${ms} ms`)), ms).unref())]);

/** Statements waiting for a lock (collector/test/helpers.ts), in this file's database. */
const waits = () => lockWaits(db);

/**
 * `fn` while another session (another collector process, a maintenance job) holds what `lock` takes, in a transaction that
 * stays open until `fn` ends.
 */
async function whileHeld(lock: string, fn: () => Promise<void>): Promise<void> {
  const other = await openDb({ url: DATABASE_URL });
  try {
    await other.scripted!(async (run) => {
      await run(`BEGIN; ${lock}`);
      await fn();
      await run('ROLLBACK');
    });
  } finally {
    await other.close();
  }
}

/** A receipt sent to the collector at `url` is stored: 201, and one row more. */
async function storesOne(url: string): Promise<void> {
  const before = await count(db);
  assert.equal((await send(url, receipt())).status, 201);
  assert.equal(await count(db), before + 1);
}

/** A POST that gives up after 5 s: without a bound, a hung database would hold it for ever. */
const send = (url: string, body: unknown) =>
  fetch(`${url}/consent-receipts`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(5000),
  });

describe('CANDOR_DB_TIMEOUT', () => {
  it('is 10 s by default, read in milliseconds, and 0 turns it off', () => {
    assert.equal(settingsFrom({}).dbTimeoutMs, 10_000);
    assert.equal(settingsFrom({ CANDOR_DB_TIMEOUT: '2500' }).dbTimeoutMs, 2500);
    assert.equal(settingsFrom({ CANDOR_DB_TIMEOUT: '0' }).dbTimeoutMs, 0);
    assert.equal(settingsFrom({ CANDOR_DB_TIMEOUT: 'soon' }).dbTimeoutMs, 10_000);
  });

  it('a limit longer than timers and PostgreSQL allow (2^31 - 1 ms, 24.8 days) is that longest one, not a limit of 1 ms', async () => {
    const { dbTimeoutMs } = settingsFrom({ CANDOR_DB_TIMEOUT: '99999999999' });
    assert.equal(dbTimeoutMs, 2 ** 31 - 1);
    // Node runs a longer timer after 1 ms, and PostgreSQL refuses a longer statement_timeout: every receipt was answered 503.
    // PostgreSQL as it is (its statement_timeout included); PGlite, in process, answers before any timer runs: 20 ms
    // away, as over a network.
    const later = <T>(p: () => Promise<T>) => new Promise((ok) => setTimeout(ok, 20)).then(p);
    const remote: Db = DATABASE_URL
      ? db
      : { ...db, query: (sql, params) => later(() => db.query(sql, params)), transaction: (fn) => later(() => db.transaction(fn)) };
    const server = await startCollector(remote, { dbTimeoutMs });
    try {
      await storesOne(server.url);
      assert.equal((await fetch(`${server.url}/health`)).status, 200);
    } finally {
      await server.close();
    }
  });

  it('the longest limit does not end a PostgreSQL query on the client side after 1 ms either', {
    skip: !DATABASE_URL && 'PostgreSQL only',
  }, async () => {
    // The server's client-side deadline is CANDOR_DB_TIMEOUT and a second (open.ts): past 2^31 - 1 ms, a timer of 1 ms.
    const { dbTimeoutMs } = settingsFrom({ CANDOR_DB_TIMEOUT: '99999999999' });
    const pool = await openCollectorDb({ databaseUrl: DATABASE_URL, dataDir: '', poolSize: 1 }, dbTimeoutMs);
    try {
      assert.deepEqual(await pool.query('SELECT pg_sleep(0.02) IS NOT NULL AS slept'), [{ slept: true }]);
    } finally {
      await pool.close();
    }
  });

  it('the server’s migrations at start are not cut at the query deadline: a start waiting for another process’s migration goes on', {
    timeout: 20_000,
    skip: !DATABASE_URL && 'PostgreSQL only',
  }, async () => {
    const other = await openDb({ url: DATABASE_URL });
    let server: Awaited<ReturnType<typeof startServer>> | undefined;
    try {
      await other.scripted!(async (run) => {
        // Another collector process migrating: it holds the migrations' advisory lock.
        await run('BEGIN; SELECT pg_advisory_xact_lock(27560)');
        const start = startServer(settingsFrom({ DATABASE_URL, CANDOR_DB_TIMEOUT: '200', CANDOR_RATE_LIMIT: '0', PORT: '0' }), () => {});
        let settled = false;
        start.then(
          () => void (settled = true),
          () => void (settled = true),
        );
        // The start's migration waits for the lock.
        const migrating = (waitedMs = 0) => lockWaits(db, 'advisory', waitedMs);
        assert.equal(await polled(migrating, (n) => n > 0, 5000), 1);
        // Once it has waited past the query deadline (200 ms and ANSWER_GRACE_MS, counted by the server from the statement's
        // start, which is after the collector sent it) and a margin, the start still waits, rather than failing.
        const past = () => migrating(200 + ANSWER_GRACE_MS + 300);
        assert.equal(await polled(past, (n) => n > 0, 5000), 1, 'the start waited past its deadline');
        assert.equal(await migrating(), 1);
        assert.equal(settled, false, 'the start still waits');
        await run('COMMIT');
        server = await within(start, 5000, 'the start');
      });
      assert.equal((await send(server!.url, receipt())).status, 201);
    } finally {
      await server?.close();
      await other.close();
    }
  });

  it('answers 503 when the database hangs, drops the waiting requests, and stores each receipt once when it answers again', async () => {
    let release!: () => void;
    const hung = new Promise<void>((ok) => (release = ok));
    let transactions = 0;
    // The first transaction waits until released; what the writer queues behind it waits too.
    const hanging: Db = {
      ...db,
      scripted: undefined,
      literal: undefined,
      transaction: (fn) => (transactions++ ? db.transaction(fn) : hung.then(() => db.transaction(fn))),
    };
    const server = await startCollector(hanging, { dbTimeoutMs: 300 });
    try {
      const first = receipt();
      const second = receipt();
      const answers = await Promise.all([send(server.url, first), send(server.url, second), fetch(`${server.url}/health`)]);
      assert.deepEqual(
        answers.map((r) => r.status),
        [503, 503, 200],
      );
      assert.match((await answers[0].json()).error, /retry later/);
      release();
      await server.close();
      // The device sends both again: each is stored once (the first may have been committed after its 503).
      const again = await startCollector(db, { dbTimeoutMs: 300 });
      try {
        for (const r of [first, second]) assert.ok([200, 201].includes((await send(again.url, r)).status));
      } finally {
        await again.close();
      }
      assert.equal((await db.query('SELECT id FROM receipts WHERE id = ANY($1::uuid[])', [[first.id, second.id]])).length, 2);
      // The second request left the queue when it timed out: only the first one's transaction ever ran on the hung database.
      assert.equal(transactions, 1);
    } finally {
      release();
    }
  });

  it('answers 503 on /health when the database does not answer', async () => {
    const hanging: Db = { ...db, query: () => new Promise(() => {}) };
    const server = await startCollector(hanging, { dbTimeoutMs: 200 });
    try {
      const r = await fetch(`${server.url}/health`, { signal: AbortSignal.timeout(5000) });
      assert.equal(r.status, 503);
    } finally {
      await server.close();
    }
  });

  it('PostgreSQL ends a statement waiting on a lock held elsewhere, so no connection stays stuck', {
    skip: !DATABASE_URL && 'PostgreSQL only',
  }, async () => {
    const server = await startCollector(db, { dbTimeoutMs: 300 });
    try {
      // Another collector process holds the chain head (a transaction that does not end).
      await whileHeld('SELECT seq FROM chain_head FOR UPDATE', async () => {
        const answer = send(server.url, receipt());
        assert.equal(await polled(waits, (n) => n > 0, 3000), 1, 'the write waits for the lock');
        assert.equal((await answer).status, 503);
        // The statement is cancelled by the server soon after (its statement_timeout), while the lock is still held: not
        // left waiting for it.
        assert.equal(await polled(waits, (n) => n == 0, ANSWER_GRACE_MS), 0, 'the write still waits');
      });
      await storesOne(server.url);
    } finally {
      await server.close();
    }
  });
  it('a database that takes no connection: the pool gives up connecting within the limit, not when the OS does', { timeout: 20_000 }, async () => {
    const silent = await silentDatabase();
    const pool = await openDb({ url: silent.url, connectTimeoutMs: 300 });
    try {
      await assert.rejects(within(pool.query('SELECT 1'), 3000, 'the query'), (e: Error) => !/still waiting/.test(e.message));
      // The collector's server opens its database with that limit: it says so at start instead of hanging there.
      const start = startServer(settingsFrom({ DATABASE_URL: silent.url, CANDOR_DB_TIMEOUT: '300', PORT: '0' }), () => {});
      await assert.rejects(within(start, 3000, 'the start'), (e: Error) => !/still waiting/.test(e.message));
    } finally {
      // The address first: a pool still connecting ends only once its attempts fail.
      await silent.close();
      await pool.close();
    }
  });

  it('a receipt sent while the database takes no connection gets its 503, and the next one is stored once it does', {
    timeout: 20_000,
    skip: !DATABASE_URL && 'PostgreSQL only',
  }, async () => {
    const silent = await silentDatabase(DATABASE_URL);
    const through = await openDb({ url: silent.url, connectTimeoutMs: 300 });
    const server = await startCollector(through, { dbTimeoutMs: 300 });
    try {
      assert.equal((await send(server.url, receipt())).status, 503);
      // The database takes connections again (its address answers): the pool's attempt that hung has given up, and a
      // new one gets through, rather than every receipt being refused until the OS ends the first attempt.
      silent.forward(DATABASE_URL!);
      const before = await count(db);
      let status = 0;
      const until = Date.now() + 3000;
      while ((status = (await send(server.url, receipt())).status) != 201 && Date.now() < until) await new Promise((ok) => setTimeout(ok, 50));
      assert.equal(status, 201);
      assert.equal(await count(db), before + 1);
    } finally {
      await server.close();
      await silent.close();
      await through.close();
    }
  });

  it('PostgreSQL stops answering mid-connection: each request gets its 503, the silent connections are dropped, and receipts are stored again once it answers', {
    timeout: 30_000,
    skip: !DATABASE_URL && 'PostgreSQL only',
  }, async () => {
    const proxy = await stallingProxy(DATABASE_URL!);
    const server = await startServer(
      settingsFrom({
        DATABASE_URL: proxy.url,
        CANDOR_DB_TIMEOUT: '300',
        CANDOR_POOL_SIZE: '2',
        CANDOR_ADMIN_TOKEN: 'admin-secret',
        CANDOR_RATE_LIMIT: '0',
        PORT: '0',
      }),
      () => {},
    );
    const get = (path: string) => fetch(server.url + path, { headers: { Authorization: 'Bearer admin-secret' }, signal: AbortSignal.timeout(5000) });
    const routes = ['/subjects/someone/receipts', '/stats?from=2026-01-01&to=2026-01-31', '/stats.html?from=2026-01-01&to=2026-01-31'];
    try {
      assert.equal((await send(server.url, receipt())).status, 201);
      for (const path of routes) assert.equal((await get(path)).status, 200, path);
      // TCP stays open, no byte comes back: PostgreSQL's statement_timeout cannot end anything it does not hear of.
      proxy.stall();
      const lost = receipt();
      const start = Date.now();
      assert.equal((await within(send(server.url, lost), 3000, 'the receipt')).status, 503);
      for (const path of routes) assert.equal((await within(get(path), 3000, path)).status, 503, path);
      assert.ok(Date.now() - start < 4 * 2000, `four 503s in ${Date.now() - start} ms`);
      // The collector gives up on the silent connections (closes them) rather than keeping them in its pool.
      let until = Date.now() + 5000;
      while (proxy.silentOpen() && Date.now() < until) await new Promise((ok) => setTimeout(ok, 50));
      assert.equal(proxy.silentOpen(), 0);
      // The database answers again (new connections get through). The device's outbox sends the receipt again: stored.
      proxy.resume();
      const before = await count(db);
      let status = 0;
      until = Date.now() + 5000;
      while ((status = (await send(server.url, lost)).status) != 201 && Date.now() < until) await new Promise((ok) => setTimeout(ok, 50));
      assert.equal(status, 201);
      assert.equal(await count(db), before + 1);
      assert.equal((await send(server.url, receipt())).status, 201);
      for (const path of routes) assert.equal((await get(path)).status, 200, path);
    } finally {
      await proxy.close();
      await server.close();
    }
  });

  it('a PostgreSQL connection lost during a write is a 503, not a crash of the collector', {
    timeout: 20_000,
    skip: !DATABASE_URL && 'PostgreSQL only',
  }, async () => {
    const proxy = await stallingProxy(DATABASE_URL!);
    const through = await openCollectorDb({ databaseUrl: proxy.url, dataDir: '', poolSize: 2 }, 2000);
    const server = await startCollector(through, { dbTimeoutMs: 2000 });
    try {
      // The write waits for the chain head, held by another process, when its connection is closed.
      await whileHeld('SELECT seq FROM chain_head FOR UPDATE', async () => {
        const answer = send(server.url, receipt());
        assert.equal(await polled(waits, (n) => n > 0, 3000), 1, 'the write waits for the lock');
        proxy.cut();
        assert.equal((await answer).status, 503);
      });
      await storesOne(server.url);
    } finally {
      await server.close();
      await through.close();
      await proxy.close();
    }
  });

  it('a PostgreSQL backend ended during a transaction (a restart, pg_terminate_backend: the server’s own FATAL error) fails it at once, and the pool serves again', {
    timeout: 20_000,
    skip: !DATABASE_URL && 'PostgreSQL only',
  }, async () => {
    const one = await openDb({ url: DATABASE_URL, poolSize: 1 });
    const other = await openDb({ url: DATABASE_URL });
    try {
      const started = Date.now();
      await assert.rejects(
        within(
          one.transaction(async (tx) => {
            const [{ pid }] = await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
            await Promise.all([tx.query('SELECT pg_sleep(8)'), other.query('SELECT pg_sleep(0.2), pg_terminate_backend($1)', [pid])]);
          }),
          5000,
          'the transaction',
        ),
        (e: Error) => !/still waiting/.test(e.message),
      );
      assert.ok(Date.now() - started < 5000);
      assert.deepEqual(await within(one.query('SELECT 1 AS n'), 3000, 'the next query'), [{ n: 1 }]);
    } finally {
      await one.close();
      await other.close();
    }
  });

  it('answers 503 on the admin routes when the database does not answer, as on the receipts', { timeout: 20_000 }, async () => {
    const never = () => new Promise<never>(() => {});
    const hanging: Db = { ...db, query: never, transaction: never, scripted: undefined };
    const server = await startCollector(hanging, { dbTimeoutMs: 200, adminToken: 'admin-secret' });
    try {
      for (const path of ['/subjects/someone/receipts', '/stats?from=2026-01-01&to=2026-01-31', '/stats.html?from=2026-01-01&to=2026-01-31']) {
        const r = await fetch(server.url + path, { headers: { Authorization: 'Bearer admin-secret' }, signal: AbortSignal.timeout(5000) });
        assert.equal(r.status, 503, path);
        assert.match((await r.json()).error, /retry later/, path);
      }
    } finally {
      await server.close();
    }
  });

  it('PostgreSQL ends an admin read waiting on a table lock held elsewhere, so no connection stays stuck', {
    skip: !DATABASE_URL && 'PostgreSQL only',
  }, async () => {
    const server = await startCollector(db, { dbTimeoutMs: 300, adminToken: 'admin-secret' });
    const get = (path: string) => fetch(server.url + path, { headers: { Authorization: 'Bearer admin-secret' }, signal: AbortSignal.timeout(5000) });
    try {
      // A migration or a maintenance job holds the receipts table.
      await whileHeld('LOCK TABLE receipts IN ACCESS EXCLUSIVE MODE', async () => {
        const answer = get('/stats?from=2026-01-01&to=2026-01-31');
        assert.equal(await polled(waits, (n) => n > 0, 3000), 1, 'the read waits for the lock');
        assert.equal((await answer).status, 503);
        // Cancelled by the server soon after, while the table is still held (waits, above).
        assert.equal(await polled(waits, (n) => n == 0, ANSWER_GRACE_MS), 0, 'the read still waits');
      });
      assert.equal((await get('/stats?from=2026-01-01&to=2026-01-31')).status, 200);
    } finally {
      await server.close();
    }
  });
});
