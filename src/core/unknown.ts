/**
 * Mistakes are loud: a purpose id the configuration does not declare — `when('analytic')`, `set({ typo: true })`,
 * `has('typo')`, `data-purpose="typo"` — is never granted, and the console says so once per id, with the
 * ids it knows.
 */
export function unknownIds(): (id: string, known: { [id: string]: unknown }) => void {
  const warned = new Set<string>();
  return (id, known) => {
    if ({}.hasOwnProperty.call(known, id) || warned.has(id)) return;
    warned.add(id);
    console.warn(`Candor: unknown purpose "${id}", never granted. Known purposes: ${Object.keys(known).join(', ')}`);
  };
}
