import { matcher } from './cleanup';

/**
 * `candor validate` only: a cookie or storage-key pattern starting with `candor` matches only names cleanup never
 * deletes (Candor's own, docs/integrations.md "Cleanup on refusal and withdrawal"): a tracker so named survives a refusal.
 */
export function ownNames(value: unknown, warn: (path: string, message: string, hint?: string) => void): void {
  const purposes = (value as { purposes?: unknown })?.purposes;
  if (!Array.isArray(purposes)) return;
  purposes.forEach((p, i) => {
    // A required purpose's are listed to disclose them (Candor's own `candor` cookie among them), never cleaned up.
    for (const kind of ['cookies', 'storageKeys'])
      if (!p?.required && Array.isArray(p?.[kind]))
        p[kind].forEach((pattern: unknown, j: number) => {
          if (typeof pattern == 'string' && pattern.startsWith('candor'))
            warn(
              `purposes[${i}].${kind}[${j}]`,
              `"${pattern}" is never deleted: names starting with "candor" are Candor's own`,
              'rename that cookie or key on your site, or leave it out',
            );
        });
  });
}

/**
 * `candor validate` only: cleanup keeps what a required purpose declares (docs/integrations.md "Cleanup on refusal and
 * withdrawal"), so a required pattern that also matches an optional purpose's (`*`, `_*`) keeps that purpose's cookies or
 * keys after a refusal. Each such required pattern is named once per optional purpose it covers.
 */
export function keptNames(value: unknown, warn: (path: string, message: string, hint?: string) => void): void {
  const purposes = (value as { purposes?: unknown })?.purposes;
  if (!Array.isArray(purposes)) return;
  const list = (p: unknown, kind: string): unknown[] => {
    const l = (p as { [k: string]: unknown } | null)?.[kind];
    return Array.isArray(l) ? l : [];
  };
  purposes.forEach((req, i) => {
    if (!req?.required) return;
    for (const kind of ['cookies', 'storageKeys'])
      list(req, kind).forEach((pattern, j) => {
        if (typeof pattern != 'string') return;
        const re = matcher([pattern]);
        purposes.forEach((opt, k) => {
          // The optional pattern's shortest name (each `*` empty) stands for what it declares.
          const covered = !opt?.required && list(opt, kind).find((o) => typeof o == 'string' && re.test(o.replace(/\*/g, '')));
          if (covered)
            warn(
              `purposes[${i}].${kind}[${j}]`,
              `"${pattern}" also matches "${covered}" of purposes[${k}]: what a required purpose declares is never deleted, so that one stays after a refusal`,
              'list the required cookies and keys by their exact names',
            );
        });
      });
  });
}
