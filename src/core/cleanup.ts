import type { ResolvedConfig } from '../types';

/**
 * Cleanup when purposes are refused or withdrawn (docs/compliance.md A2, D17; the 2025 SHEIN fine: "reject" did
 * not stop trackers): delete the cookies and storage keys the purposes declare. Only what a script can
 * reach — not HttpOnly cookies — on this path and its parents, for this host and its parent domains, with
 * `Secure` for `__Secure-` and `__Host-` cookies. Candor runs it on every page load while a purpose is
 * not granted and something it declares is present (src/core/traces.ts).
 * Code that already ran cannot be unloaded: the interface offers a reload.
 */

/**
 * One RegExp for a list of patterns where `*` matches any run of characters and everything else is literal
 * (docs/contract.md §6); an empty list matches nothing. With the `m` flag it finds a whole name among lines.
 */
export const matcher = (patterns: string[], flags?: string): RegExp =>
  new RegExp(`^(${patterns.map((p) => p.replace(/[^\w*]/g, '\\$&').replace(/\*/g, '.*')).join('|') || '(?!)'})$`, flags);

/** `a.b.example.com` → the host itself and every parent with a dot: `b.example.com`, `example.com`. */
function domains(host: string): string[] {
  const parts = host.split('.');
  const out = [];
  for (let i = 0; i < parts.length - 1; i++) out.push(parts.slice(i).join('.'));
  return out;
}

/**
 * `/shop/cart/` → `/`, `/shop`, `/shop/`, `/shop/cart`, `/shop/cart/`. A cookie is deleted only with the
 * very path it was set with, and `Path=/shop/` (e.g. `Path=' + location.pathname`) is not `Path=/shop`.
 */
function paths(pathname: string): string[] {
  const out = ['/'];
  let p = '';
  for (const part of pathname.split('/').filter(Boolean)) out.push((p += '/' + part), p + '/');
  return out;
}

/**
 * Delete the cookies and storage keys that the purposes `has` does not grant declare, except those a purpose granted or
 * required declares too (the catalog lists `_gcl_dc` for two services; a refused `*` would match the basket), granted as
 * they are now, not when the cleanup was asked for; returns what was removed.
 */
export function cleanup(win: Window, { purposes }: Pick<ResolvedConfig, 'purposes'>, has: (id: string) => boolean): string[] {
  const removed: string[] = [];
  const doc = win.document;
  /** Whether a pattern of a purpose granted (or not) matches, among its cookies or its storage keys. */
  const declared = (granted: boolean, kind: 'cookies' | 'storageKeys') =>
    matcher(purposes.filter((p) => has(p.id) == granted).flatMap((p) => p[kind] || []));
  const cookieRe = declared(false, 'cookies');
  const keyRe = declared(false, 'storageKeys');
  const keptCookie = declared(true, 'cookies');
  const keptKey = declared(true, 'storageKeys');
  try {
    for (const pair of doc.cookie.split(/;\s*/)) {
      const name = pair.split('=')[0];
      // Never a name starting with `candor`, Candor's own (docs/contract.md §7), whatever a pattern says (`*`): a refusal is
      // remembered as an acceptance is, and a waiting receipt stays.
      if (!name || !cookieRe.test(name) || keptCookie.test(name) || !name.indexOf('candor')) continue;
      // A `__Secure-` cookie is only written (so deleted) with `Secure`; a `__Host-` one with `Secure`,
      // `Path=/` and no `Domain` (RFC 6265bis §4.1.3; browsers match the prefixes case-insensitively).
      const host = /^__host-/i.test(name);
      const secure = host || /^__secure-/i.test(name) ? ';Secure' : '';
      for (const path of host ? ['/'] : paths(win.location.pathname))
        for (const domain of host ? [''] : ['', ...domains(win.location.hostname)])
          doc.cookie = `${name}=;Max-Age=0;Path=${path}${domain && ';Domain=' + domain}${secure}`;
      removed.push('cookie:' + name);
    }
  } catch {}
  for (const kind of ['localStorage', 'sessionStorage'] as const)
    try {
      const store = win[kind];
      for (const key of Object.keys(store))
        if (keyRe.test(key) && !keptKey.test(key) && key.indexOf('candor')) {
          store.removeItem(key);
          removed.push(`${kind}:${key}`);
        }
    } catch {}
  return removed;
}
