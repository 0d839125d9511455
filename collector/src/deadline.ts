/**
 * How long a request waits for the database (CANDOR_DB_TIMEOUT, collector/README.md): past it, the collector answers
 * 503 and the device sends the receipt again later, instead of requests piling up behind a database that does not
 * answer (a lock held by another process, a statement that never ends, a lost connection).
 */

/** The database did not answer in time. */
export class DeadlineError extends Error {}

/** `p`, or a DeadlineError after `ms` milliseconds (0: no limit). */
export function deadline<T>(p: Promise<T>, ms: number): Promise<T> {
  if (!(ms > 0)) return p;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineError(`no answer from the database in ${ms} ms`)), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}
