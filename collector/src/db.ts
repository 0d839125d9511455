/**
 * One small database interface over the two back ends: PGlite (PostgreSQL compiled to WebAssembly, in
 * process, data in a folder) when no DATABASE_URL is set, and a real PostgreSQL server through node-postgres
 * otherwise. Both run the same SQL (src/schema.ts), so every query is written once.
 */
import { mkdirSync } from 'node:fs';

/** Something that runs a parameterised query: the database, or a transaction. */
export interface Queryable {
  query<T = any>(sql: string, params?: unknown[]): Promise<T[]>;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Run `fn` in one transaction: committed when it resolves (durable when this resolves), rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Run several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /**
   * PostgreSQL only: `fn` gets one connection and sends scripts of several statements (literals, no
   * parameters) in one round trip each, getting each statement's rows. A failure rolls back.
   */
  scripted?<T>(fn: (run: (sql: string) => Promise<any[][]>) => Promise<T>): Promise<T>;
  /** Quote a string as an SQL literal (for `scripted`). */
  literal?(text: string): string;
  close(): Promise<void>;
}

/** Where the data lives: a PostgreSQL URL, or a folder for PGlite (`memory://` for a throwaway one). */
export interface DbTarget {
  url?: string;
  dataDir?: string;
  /** Connections in the pool (PostgreSQL only). */
  poolSize?: number;
  /**
   * PostgreSQL only: milliseconds to get a connection — a new one connected, or one of the pool's freed — before the query
   * fails (0 or none: no limit). Without it, a database that takes no connection holds the pool until the OS gives up.
   */
  connectTimeoutMs?: number;
  /**
   * PostgreSQL only: milliseconds a query waits for the server's answer (0 or none: no limit). Past it the query fails and
   * its connection is closed, not returned to the pool: a server, a proxy or a network path that stops answering
   * mid-connection (TCP open, no byte back) ends nothing itself, and its `statement_timeout` is not heard of.
   */
  queryTimeoutMs?: number;
}

/**
 * A time as `toISOString()` writes it (src/receipt.ts), in the form PostgreSQL reads: a year past 9999 without its `+`, a
 * year 0 or before as `BC` (year 0 is 1 BC, -1 is 2 BC).
 */
export function pgTime(iso: string): string {
  const [, year, rest] = /^([+-]?\d+)(-.*)$/.exec(iso)!;
  const y = Number(year);
  return y > 0 ? `${String(y).padStart(4, '0')}${rest}` : `${String(1 - y).padStart(4, '0')}${rest} BC`;
}

/**
 * A timestamptz as PostgreSQL writes it (DateStyle ISO, set on each connection: `2026-11-14 09:41:07.532+00`, `275760-09-13 00:00:00+00`,
 * `0002-06-01 00:00:00+00 BC`, an offset with seconds for a historical local time), as a Date. The drivers' own readers
 * take years 0001–0099 for 19xx or 20xx, and miss BC: a time read back otherwise would no longer match its chain link.
 */
export function parseTimestamp(text: string): Date {
  const m = /^(\d+)-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(?:\.(\d+))?([+-])(\d\d)(?::(\d\d))?(?::(\d\d))?( BC)?$/.exec(text);
  if (!m) return new Date(Number.NaN);
  const n = (i: number) => Number(m[i] ?? 0);
  // Counted from 400 years before (a Gregorian cycle is 146,097 days): the local day of the latest moment a Date holds may
  // be past it. setUTCFullYear, not Date.UTC, which reads years 0–99 as 19xx.
  const day = new Date(0).setUTCFullYear((m[12] ? 1 - n(1) : n(1)) - 400, n(2) - 1, n(3)) + 146097 * 864e5;
  const local = day + ((n(4) * 60 + n(5)) * 60 + n(6)) * 1000 + Number((m[7] ?? '').padEnd(3, '0').slice(0, 3));
  const offset = ((n(9) * 60 + n(10)) * 60 + n(11)) * 1000;
  return new Date(local - (m[8] == '-' ? -offset : offset));
}

/** timestamptz's type id. */
const TIMESTAMPTZ = 1184;

export async function openDb(target: DbTarget): Promise<Db> {
  return target.url
    ? openPostgres(target.url, target.poolSize ?? 4, target.connectTimeoutMs, target.queryTimeoutMs)
    : openPglite(target.dataDir ?? './candor-data');
}

async function openPostgres(url: string, max: number, connectTimeoutMs = 0, queryTimeoutMs = 0): Promise<Db> {
  const { default: pg } = await import('pg');
  // Dates and bigint as the PGlite driver gives them: timestamptz → Date (read as parseTimestamp does), int8 → number
  // (sequence numbers stay far below 2^53).
  pg.types.setTypeParser(20, (v: string) => Number(v));
  pg.types.setTypeParser(TIMESTAMPTZ, parseTimestamp);
  // query_timeout: a query with no answer in time fails; a pool query's connection is then closed by the pool, a checked-out
  // one's by `using` below (node-postgres leaves it waiting for that answer, so it must not serve again).
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: connectTimeoutMs, query_timeout: queryTimeoutMs || undefined });
  pool.on('error', () => {}); // an idle client lost its connection: the pool replaces it
  // parseTimestamp reads DateStyle ISO; a server or database set to another (SQL, German) would write times it cannot
  // read. A new connection's queries run in order: this one before any other.
  pool.on('connect', (client) => void client.query("SET DateStyle = 'ISO'").catch(() => {}));
  const q = (c: { query: (s: string, p?: unknown[]) => Promise<{ rows: any[] }> }): Queryable => ({
    query: async (sql, params) => (await c.query(sql, params as any[])).rows,
  });
  /**
   * `fn` on one connection of the pool, in a transaction it begins. When it fails with the server's own error (a
   * statement_timeout, a constraint), the transaction is rolled back and the connection goes back to the pool; any other
   * failure (no answer within queryTimeoutMs, a lost connection) closes the connection, which ends its transaction on the
   * server. A connection lost while checked out is an error event on its client: caught here, not a crash of the process.
   */
  const using = async <T>(fn: (client: import('pg').PoolClient) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    const lost = () => {};
    client.on('error', lost);
    let broken: Error | undefined;
    try {
      return await fn(client);
    } catch (e) {
      if (e instanceof pg.DatabaseError) await client.query('ROLLBACK').catch((r) => void (broken = r));
      else broken = e instanceof Error ? e : new Error(String(e));
      throw e;
    } finally {
      client.off('error', lost);
      client.release(broken);
    }
  };
  return {
    kind: 'postgres',
    query: (sql, params) => q(pool).query(sql, params),
    transaction: (fn) =>
      using(async (client) => {
        await client.query('BEGIN');
        const result = await fn(q(client));
        await client.query('COMMIT');
        return result;
      }),
    async exec(sql) {
      await pool.query(sql);
    },
    scripted: (fn) =>
      using((client) =>
        fn(async (sql: string) => {
          const r: any = await client.query(sql);
          return (Array.isArray(r) ? r : [r]).map((x: { rows: any[] }) => x.rows);
        }),
      ),
    literal: (text) => pg.escapeLiteral(text),
    close: () => pool.end(),
  };
}

async function openPglite(dataDir: string): Promise<Db> {
  const { PGlite } = await import('@electric-sql/pglite');
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir, { parsers: { [TIMESTAMPTZ]: parseTimestamp } });
  const q = (c: { query: (s: string, p?: unknown[]) => Promise<{ rows: any[] }> }): Queryable => ({
    query: async (sql, params) => (await c.query(sql, params)).rows,
  });
  return {
    kind: 'pglite',
    query: (sql, params) => q(db).query(sql, params),
    transaction: (fn) => db.transaction((tx) => fn(q(tx))),
    async exec(sql) {
      await db.exec(sql);
    },
    close: () => db.close(),
  };
}
