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
 * (docs/contract.md §6); an empty list matches nothing.
 */
export const matcher = (patterns: string[]): RegExp =>
  new RegExp(`^(${patterns.map((p) => p.replace(/[^\w*]/g, '\\$&').replace(/\*/g, '.*')).join('|') || '(?!)'})$`);

/** The cookie names in `document.cookie`'s text. */
export const cookieNames = (jar: string): string[] => jar.split(/;\s*/).map((pair) => pair.split('=')[0]);

/**
 * Of `names`, those to delete: a pattern of a purpose `has` does not grant matches them, and none of a purpose granted
 * or required does (the catalog lists `_gcl_dc` for two services; a refused `*` would match the basket), granted as
 * they are now. Never a name starting with `candor`, Candor's own (docs/contract.md §7), whatever a pattern says (`*`):
 * a refusal is remembered as an acceptance is, and a waiting receipt stays. `names` is read only when a purpose not
 * granted declares some pattern of that kind (each read of `document.cookie` is a round trip to the cookie store); when
 * it throws (storage blocked), nothing is there.
 */
export function doomed(
  purposes: ResolvedConfig['purposes'],
  has: (id: string) => boolean,
  kind: 'cookies' | 'storageKeys',
  names: () => string[],
): string[] {
  const declared = (granted: boolean) => purposes.filter((p) => has(p.id) == granted).flatMap((p) => p[kind] || []);
  const refused = declared(false);
  const re = matcher(refused);
  const kept = matcher(declared(true));
  try {
    return refused.length ? names().filter((name) => name && re.test(name) && !kept.test(name) && name.indexOf('candor')) : [];
  } catch {
    return [];
  }
}

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

/** Delete the cookies and storage keys `doomed` names; returns what was removed. */
export function cleanup(win: Window, { purposes }: Pick<ResolvedConfig, 'purposes'>, has: (id: string) => boolean): string[] {
  const removed: string[] = [];
  const doc = win.document;
  for (const name of doomed(purposes, has, 'cookies', () => cookieNames(doc.cookie))) {
    // A `__Secure-` cookie is only written (so deleted) with `Secure`; a `__Host-` one with `Secure`,
    // `Path=/` and no `Domain` (RFC 6265bis §4.1.3; browsers match the prefixes case-insensitively).
    const host = /^__host-/i.test(name);
    const secure = host || /^__secure-/i.test(name) ? ';Secure' : '';
    for (const path of host ? ['/'] : paths(win.location.pathname))
      for (const domain of host ? [''] : ['', ...domains(win.location.hostname)])
        doc.cookie = `${name}=;Max-Age=0;Path=${path}${domain && ';Domain=' + domain}${secure}`;
    removed.push('cookie:' + name);
  }
  for (const kind of ['localStorage', 'sessionStorage'] as const)
    for (const key of doomed(purposes, has, 'storageKeys', () => Object.keys(win[kind])))
      try {
        win[kind].removeItem(key);
        removed.push(`${kind}:${key}`);
      } catch {}
  return removed;
}
