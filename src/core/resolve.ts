import type { Config, ResolvedConfig } from '../types';

/** Default re-prompt delay: CNIL 2020-092 recommends asking again after about six months. */
export const REASK_DAYS = 182;

/** Apply the defaults of SPEC §6 to an already validated configuration. */
export function resolveConfig(c: Config): ResolvedConfig {
  return {
    ...c,
    languages: c.languages || (c.language ? [c.language] : ['en', 'fr']),
    reaskAfterDays: c.reaskAfterDays || REASK_DAYS,
    floatingButton: c.floatingButton !== false,
    closeButton: c.closeButton === true,
    dataCategories: c.dataCategories || [],
    purposes: c.purposes.map((p) => ({ ...p, required: p.required === true, sensitive: p.sensitive === true })),
  };
}
