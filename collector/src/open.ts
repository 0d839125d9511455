/**
 * Opening the configured database, migrated. PGlite is one process's database: a second process opening
 * the same folder would corrupt it, so the folder is locked (a pid file) for as long as it is open, and a
 * command run while the server holds it says so instead.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openDb, type Db } from './db.js';
import { migrate } from './schema.js';
import type { Settings } from './settings.js';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code == 'EPERM';
  }
}

/** What PostgreSQL may take past `statement_timeout` to say it ended a statement, before the connection is given up. */
export const ANSWER_GRACE_MS = 1000;

/**
 * `timeoutMs`: the server's CANDOR_DB_TIMEOUT, how long PostgreSQL's pool may take to give a connection, and, a second
 * later (ANSWER_GRACE_MS: a server that still answers ends the statement itself at `statement_timeout` and keeps the
 * connection), how long a query waits for the server's answer before its connection is closed (db.ts); the CLI's
 * commands wait as long as they need (an export may hold a connection for minutes).
 */
export async function openCollectorDb(settings: Pick<Settings, 'databaseUrl' | 'dataDir' | 'poolSize'>, timeoutMs = 0): Promise<Db> {
  if (settings.databaseUrl) {
    // At most 2^31 - 1 ms: Node runs a longer timer after 1 ms.
    const queryTimeoutMs = timeoutMs > 0 ? Math.min(timeoutMs + ANSWER_GRACE_MS, 2 ** 31 - 1) : 0;
    const url = settings.databaseUrl;
    // Migrations on a connection of their own, without that deadline: one may wait for another process's (an advisory
    // lock) or for a table held elsewhere, or take long; cut at the deadline, it would be rolled back at every start.
    const schema = await openDb({ url, poolSize: 1, connectTimeoutMs: timeoutMs });
    try {
      await migrate(schema);
    } finally {
      await schema.close();
    }
    return openDb({ url, poolSize: settings.poolSize, connectTimeoutMs: timeoutMs, queryTimeoutMs });
  }
  if (settings.dataDir.startsWith('memory://')) {
    const db = await openDb({ dataDir: settings.dataDir });
    await migrate(db);
    return db;
  }
  const dir = resolve(settings.dataDir);
  const lock = join(dir, '.candor-collector.pid');
  if (existsSync(lock)) {
    const pid = Number(readFileSync(lock, 'utf8'));
    if (pid && pid != process.pid && alive(pid))
      throw new Error(`${dir} is in use by process ${pid} (PGlite allows one process: stop the collector first, or use DATABASE_URL)`);
  }
  const db = await openDb({ dataDir: dir });
  writeFileSync(lock, String(process.pid));
  await migrate(db);
  const close = db.close.bind(db);
  return Object.assign(db, {
    async close() {
      await close();
      rmSync(lock, { force: true });
    },
  });
}
