/**
 * Cleanup when purposes are refused or withdrawn (COMPLIANCE A2, D17; the 2025 SHEIN fine: "reject" did
 * not stop trackers): delete the cookies and storage keys the purposes declare. Only what a script can
 * reach — not HttpOnly cookies — on this path and its parents, for this host and its parent domains.
 * Code that already ran cannot be unloaded: the interface offers a reload.
 */

/** A pattern where `*` matches any run of characters and everything else is literal (SPEC §6). */
export function patternToRegExp(pattern: string): RegExp {
  return new RegExp('^' + pattern.split('*').map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$');
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

/** Delete every cookie and storage key matching the patterns; returns what was removed. */
export function cleanup(win: Window, cookies: string[], storageKeys: string[]): string[] {
  const removed: string[] = [];
  const doc = win.document;
  const cookieRes = cookies.map(patternToRegExp);
  const keyRes = storageKeys.map(patternToRegExp);
  try {
    for (const pair of doc.cookie.split(/;\s*/)) {
      const name = pair.split('=')[0];
      if (!name || !cookieRes.some((re) => re.test(name))) continue;
      for (const path of paths(win.location.pathname))
        for (const domain of ['', ...domains(win.location.hostname)])
          doc.cookie = `${name}=;Max-Age=0;Path=${path}${domain && ';Domain=' + domain}`;
      removed.push('cookie:' + name);
    }
  } catch {}
  for (const kind of ['localStorage', 'sessionStorage'] as const)
    try {
      const store = win[kind];
      for (const key of Object.keys(store)) if (keyRes.some((re) => re.test(key))) store.removeItem(key), removed.push(`${kind}:${key}`);
    } catch {}
  return removed;
}
