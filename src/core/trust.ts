/**
 * Which configurations skip the validator: one stamped by `candor validate --stamp` for this build's salt, or
 * one whose very text validated before on this device (its hash kept in localStorage). Any other is validated.
 */
import type { Checked } from './config';
import { resolveConfig } from './resolve';
import { hash, STAMP, stampOf } from './stamp';

/** localStorage key remembering the hash of the last configuration text that validated. */
const VALIDATED = 'candor-config';

/** The validator of dist/candor-check.js. */
export type Validate = (raw: unknown, report: boolean) => Checked;

/**
 * Validate `raw` (the config, or its text), unless it is stamped or this very text validated before on this
 * device. `unusable` says why a configuration could not even be checked (the validator reports the others).
 */
export async function trustOrCheck(
  raw: unknown,
  win: Window,
  salt: string,
  load: () => Promise<Validate>,
  unusable: (message: string) => Checked,
): Promise<Checked> {
  const text = typeof raw == 'string';
  // The text's hash, for the localStorage cache: only worked out when the stamp does not settle it.
  let key = '';
  try {
    const value = text ? JSON.parse(raw.replace(/^\uFEFF/, '')) : raw;
    if ((value[STAMP] && value[STAMP] === stampOf(value, salt)) || (text && (key = hash(salt + raw)) == win.localStorage.getItem(VALIDATED)))
      return { config: resolveConfig(value), problems: [], warnings: [] };
  } catch {}
  let validate: Validate;
  try {
    validate = await load();
  } catch (e) {
    return unusable(`could not be validated (${(e as Error).message})`);
  }
  const checked = validate(raw, true);
  if (key && checked.config)
    try {
      win.localStorage.setItem(VALIDATED, key);
    } catch {}
  return checked;
}
