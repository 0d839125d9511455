/**
 * A purpose's `services` (ids of the vendor catalog, docs/configuration.md#services-the-vendor-catalog) expanded
 * into its `vendors`, `cookies` and `storageKeys`. What the purpose writes itself wins: a vendor of the same name
 * is kept as written, and a pattern it already lists is not repeated. Expanding twice gives the same result.
 */
import { didYouMean } from './config';

/** id → [vendor legal name, country, policy URL, cookie patterns, storage key patterns] (generated: src/catalog/compact.ts). */
export type CompactCatalog = Record<string, [string, string, string, string[], string[]]>;

type Report = (path: string, message: string, hint?: string) => void;

/** What checkConfig() calls to expand services: the configuration expanded, unknown ids reported. */
export type Expand = (value: unknown, err: Report) => unknown;

/** The expansion with `catalog`, unknown ids hinted with the closest one. */
export const expandWith =
  (catalog: CompactCatalog): Expand =>
  (value, err) =>
    expandServices(value, catalog, err);

const isObject = (v: unknown): v is { [k: string]: any } => typeof v == 'object' && v !== null && !Array.isArray(v);

/** Add what `patterns` lacks of `more`, in order; a list of another type is left to the shape check. */
function merge(list: unknown, more: string[]): unknown {
  if (list !== undefined && !Array.isArray(list)) return list;
  const out = [...((list as unknown[]) || [])];
  for (const p of more) if (!out.includes(p)) out.push(p);
  return out;
}

/**
 * The configuration with every purpose's `services` expanded (the value itself when no purpose names one).
 * Each id the catalog lacks is reported under `purposes[i].services[j]`, with the closest id.
 */
export function expandServices(value: unknown, catalog: CompactCatalog, err: Report): unknown {
  if (!isObject(value) || !Array.isArray(value.purposes) || !value.purposes.some((p) => isObject(p) && Array.isArray(p.services))) return value;
  const ids = Object.keys(catalog);
  const purposes = value.purposes.map((p, i) => {
    if (!isObject(p) || !Array.isArray(p.services)) return p;
    let vendors: unknown = p.vendors;
    let cookies: unknown = p.cookies;
    let storageKeys: unknown = p.storageKeys;
    p.services.forEach((id: unknown, j: number) => {
      const entry = typeof id == 'string' && ids.includes(id) ? catalog[id] : null;
      if (!entry) {
        if (typeof id == 'string')
          err(`purposes[${i}].services[${j}]`, `unknown service "${id}"`, didYouMean(id, ids) || 'see `candor services` for the catalog');
        return;
      }
      const [name, country, policyUrl, c, s] = entry;
      if (vendors === undefined || Array.isArray(vendors)) {
        const list = (vendors as unknown[]) || [];
        if (!list.some((v) => isObject(v) && v.name == name)) vendors = [...list, { name, country, policyUrl }];
      }
      cookies = merge(cookies, c);
      storageKeys = merge(storageKeys, s);
    });
    const out = { ...p, vendors, cookies, storageKeys };
    for (const k of ['vendors', 'cookies', 'storageKeys'] as const) if (out[k] === undefined) delete out[k];
    return out;
  });
  return { ...value, purposes };
}
