/**
 * What the tests share: a fresh database (PGlite copied from a template made once, since creating a
 * PGlite cluster takes seconds; or the PostgreSQL of DATABASE_URL, emptied), a collector listening on
 * 127.0.0.1 on a random port, and valid receipts to send.
 */
import { cpSync, existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { after, before } from 'node:test';
import { createApp } from '../src/app.js';
import { openDb, type Db } from '../src/db.js';
import { migrate } from '../src/schema.js';
import { settingsFrom, type Settings } from '../src/settings.js';

export const DATABASE_URL = process.env.DATABASE_URL || undefined;

const TEMPLATE = join(tmpdir(), `candor-collector-pglite-template-${process.getuid?.() ?? 0}`);

/** A PGlite data folder of our own, schema applied: a copy of a template made on first use. */
export async function freshDataDir(): Promise<string> {
  if (!existsSync(TEMPLATE)) {
    const building = mkdtempSync(join(tmpdir(), 'candor-template-'));
    const db = await openDb({ dataDir: building });
    await migrate(db);
    await db.close();
    try {
      renameSync(building, TEMPLATE);
    } catch {
      rmSync(building, { recursive: true, force: true }); // another test process made it first
    }
  }
  const dir = mkdtempSync(join(tmpdir(), 'candor-collector-test-'));
  cpSync(TEMPLATE, dir, { recursive: true });
  return dir;
}

/** Empty the PostgreSQL database of DATABASE_URL (a throwaway one: scripts/with-postgres.sh). */
export async function resetPostgres(): Promise<void> {
  const db = await openDb({ url: DATABASE_URL });
  await db.exec('DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;');
  await db.close();
}

/** A fresh, migrated database of the kind under test. */
export async function freshDb(): Promise<{ db: Db; dataDir?: string; url?: string }> {
  if (DATABASE_URL) {
    await resetPostgres();
    const db = await openDb({ url: DATABASE_URL });
    await migrate(db);
    return { db, url: DATABASE_URL };
  }
  const dataDir = await freshDataDir();
  const db = await openDb({ dataDir });
  await migrate(db);
  return { db, dataDir };
}

export interface TestServer {
  url: string;
  db: Db;
  settings: Settings;
  close(): Promise<void>;
}

/** A collector on 127.0.0.1, random port, on `db`; settings from a clean environment plus `overrides`. */
export async function startCollector(db: Db, overrides: Partial<Settings> = {}): Promise<TestServer> {
  const settings = { ...settingsFrom({}), ratePerMinute: 0, ...overrides };
  const { app, writer } = createApp(db, settings);
  const server = await new Promise<Server>((ok) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => ok(s as Server));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    db,
    settings,
    async close() {
      server.closeAllConnections?.();
      await new Promise((ok) => server.close(ok));
      await writer.idle();
    },
  };
}

/**
 * A fresh database and a collector on it (settings `overrides`) for the tests of this file or `describe`: `use` gets them
 * before the first test, and may store what the tests read (awaited: a second `before` at a file's top level ran before
 * this one had ended); the collector, the database and its files go after the last test.
 */
export function collectorForSuite(overrides: Partial<Settings>, use: (c: { db: Db; server: TestServer }) => unknown): void {
  let dataDir: string | undefined;
  let c: { db: Db; server: TestServer } | undefined;
  before(async () => {
    const fresh = await freshDb();
    dataDir = fresh.dataDir;
    await use((c = { db: fresh.db, server: await startCollector(fresh.db, overrides) }));
  });
  after(async () => {
    await c?.server.close();
    await c?.db.close();
    removeDir(dataDir);
  });
}

/** A valid receipt, as Candor sends it. */
export function receipt(overrides: { [k: string]: unknown } = {}): { [k: string]: any } {
  return {
    id: randomUUID(),
    subject: randomUUID(),
    time: new Date().toISOString(),
    event: 'given',
    method: 'accept-all',
    version: '2026-11',
    language: 'fr',
    purposes: { necessary: true, analytics: true, marketing: false },
    gpc: false,
    noticeHash: '8bb0607a042bff4b3b4f796bcda06415d9f34b49a6cb19b13b2eb3d15cfd9094',
    ...overrides,
  };
}

export function post(url: string, body: unknown, headers: { [k: string]: string } = {}): Promise<Response> {
  return fetch(`${url}/consent-receipts`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body == 'string' ? body : JSON.stringify(body),
    redirect: 'manual',
  });
}

export async function count(db: Db): Promise<number> {
  const [{ n }] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM receipts');
  return n;
}

export function removeDir(dir: string | undefined): void {
  if (dir) rmSync(dir, { recursive: true, force: true });
}

/**
 * Statements of `db`'s database waiting for a lock (of `event`, or any), as pg_stat_activity says, read on a connection of
 * `db`'s pool, each reading its own transaction: a transaction sees pg_stat_activity as it was at its first reading
 * (PostgreSQL keeps that view until the transaction ends), so the session holding the lock, in its transaction, would
 * see no waiter come or go. `waitedMs`: only those whose statement began that long ago at least (the server's clock).
 */
export const lockWaits = async (db: Db, event?: string, waitedMs = 0) =>
  (
    await db.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'
        AND ($1::text IS NULL OR wait_event = $1) AND clock_timestamp() - query_start >= $2::float8 * interval '1 ms'`,
      [event ?? null, waitedMs],
    )
  )[0].n as number;

/** `read()` again until `done` says yes of what it read, for `ms` milliseconds at most: what it read last. */
export async function polled<T>(read: () => Promise<T>, done: (value: T) => boolean, ms: number): Promise<T> {
  const until = Date.now() + ms;
  let value = await read();
  while (!done(value) && Date.now() < until) {
    await new Promise((ok) => setTimeout(ok, 10));
    value = await read();
  }
  return value;
}
