/**
 * A read for an admin route under CANDOR_DB_TIMEOUT (collector/README.md), as receipt writes are: past it the route
 * answers 503 (a DeadlineError), and on PostgreSQL its statements are ended then too (`SET LOCAL statement_timeout`), so a
 * long report or a table lock held elsewhere does not keep one of the pool's connections, which receipts need.
 */
import type { Db, Queryable } from './db.js';
import { deadline } from './deadline.js';

/** `read` on `db`, within `ms` milliseconds (0: no limit). */
export function bounded<T>(db: Db, ms: number, read: (q: Queryable) => Promise<T>): Promise<T> {
  if (!(ms > 0)) return read(db);
  const run =
    db.kind == 'postgres'
      ? db.transaction(async (tx) => {
          await tx.query(`SET LOCAL statement_timeout = ${Math.floor(ms)}`);
          return read(tx);
        })
      : read(db);
  return deadline(run, ms);
}
