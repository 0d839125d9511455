/**
 * The notice a receipt's `noticeHash` covers, format `candor-notice/1`, exactly as docs/receipts.md
 * ("The notice hash") specifies and the browser SDK computes (src/core/receipts.ts): the collector's own
 * copy, so it needs nothing from the SDK's build. Its tests check it against `candor hash` and the worked
 * example of the docs; src/notices.ts prefers the SDK's built module when it is there.
 */
import { canonical, sha256 } from './chain.js';

type Text = string | { [lang: string]: string };

/** Default re-prompt delay of the SDK (src/core/resolve.ts), for a configuration that sets none. */
export const REASK_DAYS = 182;

/** The configuration without annotations (`$schema`, `$comment`, any key starting with `$`) and with the SDK's defaults. */
export function resolve(config: any): any {
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
  const c = strip(config);
  return {
    ...c,
    languages: c.languages || (c.language ? [c.language] : ['en', 'fr']),
    reaskAfterDays: c.reaskAfterDays || REASK_DAYS,
    dataCategories: c.dataCategories || [],
    purposes: (c.purposes || []).map((p: any) => ({ ...p, required: p.required === true, sensitive: p.sensitive === true })),
  };
}

/** A text in `language`: its entry, else the first of `languages` that has one, else any entry. */
function pick(text: Text | undefined, language: string, languages: string[]): string {
  if (text == null) return '';
  if (typeof text == 'string') return text;
  for (const l of [language, ...languages]) if (text[l] != null) return text[l];
  for (const l in text) return text[l];
  return '';
}

/** The notice object for a resolved configuration in `language`. */
export function notice(config: any, language: string): object {
  const t = (text: Text | undefined) => (text == null ? undefined : pick(text, language, config.languages));
  const custom = config.dataCategories.map((d: any) => ({ id: d.id, label: t(d.label) }));
  return {
    format: 'candor-notice/1',
    language,
    version: config.version,
    controller: config.controller,
    policyUrl: config.policyUrl,
    dataCategories: custom.length ? custom : undefined,
    texts: config.texts?.[language],
    purposes: config.purposes.map((p: any) => ({
      id: p.id,
      required: p.required,
      sensitive: p.sensitive,
      title: t(p.title),
      description: t(p.description),
      justification: t(p.justification),
      dataCategories: p.dataCategories,
      retentionDays: p.retentionDays,
      vendors: p.vendors,
      cookies: p.cookies,
      storageKeys: p.storageKeys,
      ai: p.ai && { ...p.ai, summary: t(p.ai.summary), output: t(p.ai.output), logic: t(p.ai.logic), consequences: t(p.ai.consequences) },
    })),
  };
}

/** Canonical text and hash of the notice of a configuration (already resolved) in each of its languages. */
export function noticesOf(config: any): { language: string; text: string; hash: string; format: string }[] {
  return config.languages.map((language: string) => {
    const text = canonical(notice(config, language));
    return { language, text, hash: sha256(text), format: 'candor-notice/1' };
  });
}
