/**
 * Re-issuing the visitor's `candor` cookie in the answer to a receipt, so that Safari keeps the decision for
 * `reaskAfterDays` instead of 7 days (docs/receipts.md, "The endpoint contract"; README, "Safari's 7-day cap
 * on script-set cookies"). The rules — same site only, a well-formed current cookie, the very decision the
 * receipt records — are the SDK's own `candorSetCookie` (`candor/server`, dist/server.mjs at the repository
 * root), used when the root is built; without it the collector answers without `Set-Cookie`.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Receipt } from './receipt.js';

type SetCookie = (req: { headers: { [name: string]: string | undefined } }, options: object) => string | null;

const SERVER = fileURLToPath(new URL('../../../dist/server.mjs', import.meta.url));
let helper: Promise<SetCookie | null> | undefined;

/** `candorSetCookie` of the SDK's build, or null when the repository root is not built. */
export function cookieHelper(): Promise<SetCookie | null> {
  return (helper ??= existsSync(SERVER)
    ? import(pathToFileURL(SERVER).href).then(
        (m) => m.candorSetCookie ?? null,
        () => null,
      )
    : Promise.resolve(null));
}

/** Where and how long the configuration keeps the `candor` cookie: its `reaskAfterDays` and `cookieDomain`. */
export interface CookieScope {
  reaskAfterDays: number;
  domain?: string;
}

/**
 * The `Set-Cookie` value for the answer to `receipt`, or null. `headers`: the request's (lower-case names);
 * `scope`: the configuration's, so the cookie never outlives the decision and replaces the copy candor.js wrote;
 * `secure`: the site is on https.
 */
export async function reissue(
  headers: { [name: string]: string | undefined },
  receipt: Receipt,
  scope: CookieScope,
  secure: boolean,
): Promise<string | null> {
  if (!headers.cookie) return null;
  const set = await cookieHelper();
  return set ? set({ headers }, { receipt, ...scope, secure }) : null;
}
