/**
 * Knowing a configuration is valid without the validator. A text that validated once on this device is
 * remembered by its hash; a text stamped by `candor validate --stamp` carries `"$validated"`, the hash of
 * the rest of it, so even a first visit skips the validator (dist/candor-check.js). Both hashes are salted
 * with the validator build's integrity, so a new version of the rules validates everything again.
 */

/** localStorage key remembering the hash of the last configuration text that validated (validate.ts writes it, trust.ts reads it). */
export const VALIDATED = 'candor-config';

/** The top-level key `candor validate --stamp` writes. */
export const STAMP = '$validated';

/** FNV-1a, 32 bits, base 36, plus the length: enough to recognise a text seen before (not a security boundary). */
export function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0).toString(36) + text.length.toString(36);
}

/** The stamp of a parsed configuration: the hash of everything but its own `$validated`. */
export function stampOf(config: { [key: string]: unknown }, salt: string): string {
  return hash(salt + JSON.stringify({ ...config, [STAMP]: undefined }));
}
