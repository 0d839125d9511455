/**
 * Consent rates for the people who run the site: per day (UTC, of the decision: records.ts, DECIDED), purpose and language,
 * how many decisions gave, refused, or dismissed (closed the banner without choosing). Each receipt of a
 * visitor's decision counts once per purpose; `expired` receipts are not decisions and are left out.
 * A purpose is "given" when the decision left it on, "refused" when it left it off.
 */
import type { Queryable } from './db.js';
import { DECIDED, decidedIn } from './records.js';

export interface Rate {
  day: string;
  purpose: string;
  language: string;
  decisions: number;
  given: number;
  refused: number;
  dismissed: number;
  givenShare: number;
  refusedShare: number;
  dismissedShare: number;
}

const share = (n: number, total: number) => (total ? Math.round((n / total) * 10000) / 10000 : 0);

/**
 * Rates for the days from `from` to `to`, both included (YYYY-MM-DD, UTC). The bounds are UTC midnights whatever the
 * session's TimeZone (a PostgreSQL server's default is often its system's): `date` to `timestamptz` reads the date there.
 */
export async function consentRates(db: Queryable, from: string, to: string): Promise<Rate[]> {
  const rows = await db.query(
    `SELECT to_char(${DECIDED} AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, p.key AS purpose, r.language,
            count(*)::int AS decisions,
            (count(*) FILTER (WHERE r.event <> 'dismissed' AND p.value = 'true'))::int AS given,
            (count(*) FILTER (WHERE r.event <> 'dismissed' AND p.value <> 'true'))::int AS refused,
            (count(*) FILTER (WHERE r.event = 'dismissed'))::int AS dismissed
     FROM receipts r CROSS JOIN LATERAL jsonb_each_text(r.purposes) AS p(key, value)
     WHERE r.event <> 'expired' AND ${decidedIn("($1::date::timestamp AT TIME ZONE 'UTC')", "(($2::date + 1)::timestamp AT TIME ZONE 'UTC')")}
     GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    [from, to],
  );
  return rows.map((r) => ({
    day: r.day,
    purpose: r.purpose,
    language: r.language,
    decisions: r.decisions,
    given: r.given,
    refused: r.refused,
    dismissed: r.dismissed,
    givenShare: share(r.given, r.decisions),
    refusedShare: share(r.refused, r.decisions),
    dismissedShare: share(r.dismissed, r.decisions),
  }));
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A YYYY-MM-DD day that exists: Date.parse rolls 2026-02-30 over into March (other days), and 2026-13-01 is no date. */
export const realDay = (d = '') => DAY.test(d) && !Number.isNaN(Date.parse(d)) && new Date(d).toISOString().slice(0, 10) == d;

/** The period of a request: `from`/`to` as YYYY-MM-DD (default: the last 30 days). Null when malformed. */
export function period(from: string | undefined, to: string | undefined, now = new Date()): { from: string; to: string } | null {
  const today = now.toISOString().slice(0, 10);
  const start = new Date(now.getTime() - 29 * 864e5).toISOString().slice(0, 10);
  const f = from ?? start;
  const t = to ?? today;
  // Year 0000 is a Date's, not PostgreSQL's (no year 0), and PostgreSQL refuses a day that does not exist: either would be
  // a 503 for a malformed request.
  if (!realDay(f) || !realDay(t) || f > t || f < '0001') return null;
  if (Date.parse(t) - Date.parse(f) > 366 * 864e5) return null;
  return { from: f, to: t };
}
