/** The collector's settings, from environment variables (documented in collector/README.md). */

export interface Settings {
  /** postgres://… — a real PostgreSQL server; unset: embedded PGlite in `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
  host: string;
  port: number;
  /** Site origins allowed to POST from a browser on another origin (CORS); none by default. */
  origins: string[];
  /** Bearer token (or Basic password) for the admin routes; unset: those routes are off. */
  adminToken?: string;
  /** Store the client's address, truncated (IPv4 /24, IPv6 /48): off by default. */
  storeIp: boolean;
  /** Store the User-Agent header (first 256 characters): off by default. */
  storeUserAgent: boolean;
  /** Take the client address from the last X-Forwarded-For entry (behind one reverse proxy you run). */
  trustProxy: boolean;
  /** Requests per minute per client address (burst as large); 0 turns the limit off. */
  ratePerMinute: number;
  /** Largest request body, in bytes. */
  maxBodyBytes: number;
  /** Most receipts in one POST. */
  maxReceipts: number;
  /** Receipts per database transaction at most (group commit). */
  batchRows: number;
  poolSize: number;
  /** Milliseconds a request waits for the database before a 503 (PostgreSQL also ends the statement); 0: no limit. */
  dbTimeoutMs: number;
}

const flag = (v: string | undefined) => /^(1|true|yes|on)$/i.test(v ?? '');
const int = (v: string | undefined, fallback: number) => (v != null && /^\d+$/.test(v) ? Number(v) : fallback);
/** An origin as browsers send it (lowercase, no default port, no path); what is no URL (`null`) as written. */
const origin = (o: string) => {
  try {
    return new URL(o).origin;
  } catch {
    return o.replace(/\/+$/, '');
  }
};

export function settingsFrom(env: NodeJS.ProcessEnv = process.env): Settings {
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.CANDOR_DATA_DIR || './candor-data',
    host: env.HOST || '127.0.0.1',
    port: int(env.PORT, 8787),
    origins: (env.CANDOR_ORIGINS || '')
      .split(/[\s,]+/)
      .filter(Boolean)
      .map(origin),
    adminToken: env.CANDOR_ADMIN_TOKEN || undefined,
    storeIp: flag(env.CANDOR_STORE_IP),
    storeUserAgent: flag(env.CANDOR_STORE_USER_AGENT),
    trustProxy: flag(env.CANDOR_TRUST_PROXY),
    ratePerMinute: int(env.CANDOR_RATE_LIMIT, 120),
    maxBodyBytes: int(env.CANDOR_MAX_BODY, 64 * 1024),
    maxReceipts: int(env.CANDOR_MAX_RECEIPTS, 100),
    batchRows: int(env.CANDOR_BATCH_ROWS, 1000),
    poolSize: int(env.CANDOR_POOL_SIZE, 4),
    // At most 2^31 - 1 ms (24.8 days): Node runs a longer timer after 1 ms, and PostgreSQL refuses a longer statement_timeout.
    dbTimeoutMs: Math.min(int(env.CANDOR_DB_TIMEOUT, 10_000), 2 ** 31 - 1),
  };
}
