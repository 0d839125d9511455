/**
 * Which configurations skip the validator: one stamped by `candor validate --stamp` for this build's salt, or
 * one whose very text validated before on this device (its hash kept in localStorage). Any other is validated.
 */
import type { ResolvedConfig } from '../types';
import type { Checked } from './config';
import { resolveConfig } from './resolve';
import { hash, STAMP, stampOf, VALIDATED } from './stamp';
import type { validate } from './validate';

/** The validator of dist/candor-check.js: it also remembers a text that validated (validate.ts). */
export type Validate = typeof validate;

/** What the manager reads of a check: the config, or the problems (a trusted config has none; warnings stay in the console). */
export type Usable = Pick<Checked, 'config'> & Partial<Checked>;

/**
 * The configuration `raw` (the config, or its text) when it needs no validator: stamped for `salt`, or this
 * very text validated before on this device. Otherwise, and for anything that is not a configuration, undefined.
 */
export function known(raw: unknown, win: Window, salt: string): ResolvedConfig | undefined {
  const text = typeof raw == 'string';
  try {
    const value = text ? JSON.parse(raw.replace(/^\uFEFF/, '')) : raw;
    // The text's hash only when the stamp does not settle it.
    if ((value[STAMP] && value[STAMP] === stampOf(value, salt)) || (text && hash(salt + raw) == win.localStorage.getItem(VALIDATED)))
      return resolveConfig(value);
  } catch {}
}

/**
 * Validate `raw` (the config, or its text), unless it is stamped or this very text validated before on this
 * device. `unusable` says why a configuration could not even be checked (the validator reports the others,
 * saying `outcome`: what an invalid configuration means for the page).
 */
export async function trustOrCheck(
  raw: unknown,
  win: Window,
  salt: string,
  load: () => Promise<Validate>,
  unusable: (message: string) => Usable,
  outcome: string,
): Promise<Usable> {
  const config = known(raw, win, salt);
  if (config) return { config };
  let validate: Validate;
  try {
    validate = await load();
  } catch (e) {
    return unusable(`could not be validated (${(e as Error).message})`);
  }
  return validate(raw, outcome, win, salt);
}
