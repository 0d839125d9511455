/**
 * What the validator chunk (dist/candor-check.js) registers: validate a configuration not known to be valid,
 * report to the console with `report`, and, given `win`, remember a text that validated (its salted hash in
 * localStorage, stamp.ts), so the next page view on this device skips the validator (trust.ts). Here, not in
 * candor.js: only a visit that loads the validator writes it. Called as `check` is — the playground passes the
 * text alone — it reports and remembers nothing.
 */
import { check, type Checked } from './config';
import { hash, VALIDATED } from './stamp';

export function validate(raw: unknown, report?: string, win?: Window, salt = ''): Checked {
  const checked = check(raw, report);
  if (win && typeof raw == 'string' && checked.config)
    try {
      win.localStorage.setItem(VALIDATED, hash(salt + raw));
    } catch {}
  return checked;
}
