/**
 * The schema, as numbered migrations applied in order, once, on both back ends. Receipts are append-only:
 * a trigger refuses UPDATE, TRUNCATE and DELETE, except a DELETE made by the retention job (src/prune.ts),
 * which sets `candor.retention` for its own transaction and logs what it removed in `retention_log`.
 */
import type { Db } from './db.js';

/** The chain starts from this "previous hash": 64 zeros. */
export const GENESIS = '0'.repeat(64);

const MIGRATIONS: string[] = [
  `
  CREATE TABLE receipts (
    seq bigint PRIMARY KEY,
    id uuid NOT NULL UNIQUE,
    subject text NOT NULL,
    time timestamptz NOT NULL,
    event text NOT NULL,
    method text NOT NULL,
    version text NOT NULL,
    language text NOT NULL,
    purposes jsonb NOT NULL,
    gpc boolean NOT NULL,
    notice_hash text NOT NULL,
    received_at timestamptz NOT NULL,
    ip text,
    user_agent text,
    prev_chain text NOT NULL,
    chain text NOT NULL
  );
  CREATE INDEX receipts_subject ON receipts (subject, time);
  CREATE INDEX receipts_time ON receipts (time);
  CREATE INDEX receipts_received_at ON receipts (received_at);
  CREATE INDEX receipts_notice_hash ON receipts (notice_hash);

  -- The newest link of the chain; writers lock this row, so receipts get their place one transaction at a time.
  CREATE TABLE chain_head (
    one boolean PRIMARY KEY DEFAULT true CHECK (one),
    seq bigint NOT NULL,
    chain text NOT NULL
  );
  INSERT INTO chain_head VALUES (true, 0, '${GENESIS}');

  -- Each published notice, per language: its hash (what receipts carry) and its canonical text.
  CREATE TABLE notices (
    hash text PRIMARY KEY,
    format text NOT NULL,
    version text NOT NULL,
    language text NOT NULL,
    notice text NOT NULL,
    config jsonb NOT NULL,
    source text,
    added_at timestamptz NOT NULL DEFAULT now()
  );

  -- Every retention run: what was removed, and the last removed link, from which the chain goes on.
  CREATE TABLE retention_log (
    run bigserial PRIMARY KEY,
    at timestamptz NOT NULL DEFAULT now(),
    older_than_days integer NOT NULL,
    cutoff timestamptz NOT NULL,
    deleted bigint NOT NULL,
    last_seq bigint NOT NULL,
    last_chain text NOT NULL
  );

  CREATE FUNCTION candor_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF TG_OP = 'DELETE' AND TG_TABLE_NAME = 'receipts' AND current_setting('candor.retention', true) = 'on' THEN
      RETURN OLD;
    END IF;
    RAISE EXCEPTION 'candor: % is append-only (% refused)', TG_TABLE_NAME, TG_OP;
  END $$;
  CREATE TRIGGER receipts_append_only BEFORE UPDATE OR DELETE ON receipts
    FOR EACH ROW EXECUTE FUNCTION candor_append_only();
  CREATE TRIGGER receipts_no_truncate BEFORE TRUNCATE ON receipts
    FOR EACH STATEMENT EXECUTE FUNCTION candor_append_only();
  CREATE TRIGGER retention_log_append_only BEFORE UPDATE OR DELETE ON retention_log
    FOR EACH ROW EXECUTE FUNCTION candor_append_only();
  CREATE TRIGGER retention_log_no_truncate BEFORE TRUNCATE ON retention_log
    FOR EACH STATEMENT EXECUTE FUNCTION candor_append_only();
  `,
  // Notice format 2 (docs/receipts.md): receipts say which Candor made them and in which notice format their
  // hash is (null: a receipt that does not say, format 1); notices record the SDK that hashed them.
  `
  ALTER TABLE receipts ADD COLUMN sdk text;
  ALTER TABLE receipts ADD COLUMN notice_format smallint;
  ALTER TABLE notices ADD COLUMN sdk text;
  `,
];

/** Apply the migrations not applied yet. Safe to run from several processes at once (an advisory lock). */
export async function migrate(db: Db): Promise<number> {
  await db.exec('CREATE TABLE IF NOT EXISTS candor_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(27560)');
    const [{ v }] = await tx.query<{ v: number }>('SELECT coalesce(max(version), 0)::int AS v FROM candor_migrations');
    for (let i = v; i < MIGRATIONS.length; i++) {
      for (const statement of splitStatements(MIGRATIONS[i])) await tx.query(statement);
      await tx.query('INSERT INTO candor_migrations (version) VALUES ($1)', [i + 1]);
    }
    return MIGRATIONS.length - v;
  });
}

/** Split a migration into statements (`;` at the end of a line, outside `$$` bodies): prepared queries take one each. */
function splitStatements(sql: string): string[] {
  const out: string[] = [];
  let current = '';
  let inBody = false;
  for (const line of sql.split('\n')) {
    if ((line.match(/\$\$/g) || []).length % 2) inBody = !inBody;
    current += line + '\n';
    if (!inBody && /;\s*$/.test(line)) {
      out.push(current.trim());
      current = '';
    }
  }
  if (current.trim()) out.push(current.trim());
  return out.filter((s) => !/^(--[^\n]*\n?)*$/.test(s));
}
