/**
 * The retention job: remove receipts received before a cut-off, oldest first, as one prefix of the chain
 * (rows up to some `seq`), so that what remains still verifies: the run is logged in `retention_log` with
 * the last removed row's link, from which `verify` continues. Only this job may delete: it sets
 * `candor.retention` for its own transaction, which the append-only trigger lets through.
 */
import type { Db } from './db.js';

export interface PruneResult {
  cutoff: string;
  deleted: number;
  lastSeq: number | null;
}

export async function prune(db: Db, olderThanDays: number, now = new Date()): Promise<PruneResult> {
  const cutoff = new Date(now.getTime() - olderThanDays * 864e5).toISOString();
  return db.transaction(async (tx) => {
    // Writers wait while the prefix is cut, so the chain head cannot move under us.
    await tx.query('SELECT seq FROM chain_head FOR UPDATE');
    const [{ last }] = await tx.query<{ last: number | null }>(
      `SELECT CASE WHEN EXISTS (SELECT 1 FROM receipts WHERE received_at >= $1)
                   THEN (SELECT min(seq) - 1 FROM receipts WHERE received_at >= $1)
                   ELSE (SELECT max(seq) FROM receipts) END AS last`,
      [cutoff],
    );
    const [first] = await tx.query<{ seq: number }>('SELECT min(seq) AS seq FROM receipts');
    if (last == null || first?.seq == null || Number(last) < Number(first.seq)) return { cutoff, deleted: 0, lastSeq: null };
    const [edge] = await tx.query<{ chain: string }>('SELECT chain FROM receipts WHERE seq = $1', [last]);
    await tx.query("SELECT set_config('candor.retention', 'on', true)");
    const [{ deleted }] = await tx.query<{ deleted: number }>(
      'WITH d AS (DELETE FROM receipts WHERE seq <= $1 RETURNING 1) SELECT count(*)::int AS deleted FROM d',
      [last],
    );
    await tx.query("SELECT set_config('candor.retention', 'off', true)");
    await tx.query('INSERT INTO retention_log (older_than_days, cutoff, deleted, last_seq, last_chain) VALUES ($1, $2, $3, $4, $5)', [
      olderThanDays,
      cutoff,
      deleted,
      last,
      edge.chain,
    ]);
    return { cutoff, deleted: deleted, lastSeq: Number(last) };
  });
}
