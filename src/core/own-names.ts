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
