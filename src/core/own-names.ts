import { matcher } from './cleanup';

type Warn = (path: string, message: string, hint?: string) => void;

/** A `cookies` or `storageKeys` pattern of the raw configuration, with where it is. */
interface Declared {
  purpose: number;
  required: boolean;
  kind: 'cookies' | 'storageKeys';
  path: string;
  pattern: string;
}

/** Every string pattern the purposes declare, in file order. */
function declared(value: unknown): Declared[] {
  const purposes = (value as { purposes?: unknown })?.purposes;
  if (!Array.isArray(purposes)) return [];
  return purposes.flatMap((p, i) =>
    (['cookies', 'storageKeys'] as const).flatMap((kind) => {
      const list: unknown = p?.[kind];
      return Array.isArray(list)
        ? list.flatMap((pattern, j) =>
            typeof pattern == 'string' ? [{ purpose: i, required: !!p.required, kind, path: `purposes[${i}].${kind}[${j}]`, pattern }] : [],
          )
        : [];
    }),
  );
}

/**
 * `candor validate` only: a cookie or storage-key pattern starting with `candor` matches only names cleanup never
 * deletes (Candor's own, docs/integrations.md "Cleanup on refusal and withdrawal"): a tracker so named survives a refusal.
 * A required purpose's are listed to disclose them (Candor's own `candor` cookie among them), never cleaned up.
 */
export function ownNames(value: unknown, warn: Warn): void {
  for (const d of declared(value))
    if (!d.required && d.pattern.startsWith('candor'))
      warn(
        d.path,
        `"${d.pattern}" is never deleted: names starting with "candor" are Candor's own`,
        'rename that cookie or key on your site, or leave it out',
      );
}

/**
 * `candor validate` only: cleanup keeps what a required purpose declares (docs/integrations.md "Cleanup on refusal and
 * withdrawal"), so a required pattern that also matches an optional purpose's (`*`, `_*`) keeps that purpose's cookies or
 * keys after a refusal. Each such required pattern is named once per optional purpose it covers, with its first pattern
 * covered; the optional pattern's shortest name (each `*` empty) stands for what it declares.
 */
export function keptNames(value: unknown, warn: Warn): void {
  const all = declared(value);
  for (const r of all) {
    if (!r.required) continue;
    const re = matcher([r.pattern]);
    const covered = new Map<number, string>();
    for (const o of all)
      if (!o.required && o.kind == r.kind && !covered.has(o.purpose) && re.test(o.pattern.replace(/\*/g, ''))) covered.set(o.purpose, o.pattern);
    for (const [k, pattern] of covered)
      warn(
        r.path,
        `"${r.pattern}" also matches "${pattern}" of purposes[${k}]: what a required purpose declares is never deleted, so that one stays after a refusal`,
        'list the required cookies and keys by their exact names',
      );
  }
}
