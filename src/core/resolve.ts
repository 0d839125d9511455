import { DEFAULT_LANGUAGES } from '../languages';
import type { Config, ResolvedConfig } from '../types';

/** Default re-prompt delay: CNIL 2020-092 recommends asking again after about six months. */
export const REASK_DAYS = 182;

/** A copy of `v` without the `$schema` / `$comment` annotations, which docs/contract.md §6 allows anywhere. */
const strip = (v: any): any =>
  Array.isArray(v)
    ? v.map(strip)
    : v && typeof v == 'object'
      ? Object.fromEntries(
          Object.entries(v)
            .filter(([k]) => k[0] != '$')
            .map(([k, x]) => [k, strip(x)]),
        )
      : v;

/** Apply the defaults of docs/contract.md §6 to an already validated configuration. */
export function resolveConfig(config: Config): ResolvedConfig {
  const c: Config = strip(config);
  return {
    ...c,
    languages: c.languages || (c.language ? [c.language] : [...DEFAULT_LANGUAGES]),
    reaskAfterDays: c.reaskAfterDays || REASK_DAYS,
    floatingButton: c.floatingButton !== false,
    closeButton: c.closeButton === true,
    dataCategories: c.dataCategories || [],
    purposes: c.purposes.map((p) => ({ ...p, required: p.required === true, sensitive: p.sensitive === true })),
  };
}
