import type { Method, Receipt, ReceiptEvent, ResolvedConfig, Text } from '../types';
import { pick } from './text';
import { sha256 } from './sha256';

export { uuid } from './uuid';

/** The Candor release making the receipt: package.json's version, written in by the build (rollup.config.mjs). */
declare const __VERSION__: string;

/** One language's built-in interface texts (src/ui/i18n/<language>.ts), key → text. */
export type BuiltInTexts = { [key: string]: string };

/**
 * The notice a visitor is shown in `language`, as plain data: every config text resolved to that language,
 * fields in a fixed order, absent ones left out. Its canonical JSON is what `noticeHash` covers (docs/contract.md §7,
 * docs/compliance.md D18): the same config, language and built-in texts give the same hash on every device and page
 * load. Format 2 (`builtIn` given: the built-in texts the interface shows in `language`) covers every text
 * shown, built-in strings included, as the interface merges them with the config's `texts` overrides;
 * format 1 (`builtIn` null, receipts made before it) covers the config's texts and overrides only
 * (docs/receipts.md, "The notice hash").
 */
export function notice(config: ResolvedConfig, language: string, builtIn: BuiltInTexts | null = null): object {
  const t = (text: Text | undefined) => (text == null ? undefined : pick(text, language, config.languages));
  const custom = config.dataCategories.map((d) => ({ id: d.id, label: t(d.label) }));
  const own = config.texts?.[language];
  return {
    format: builtIn ? 'candor-notice/2' : 'candor-notice/1',
    language,
    version: config.version,
    controller: config.controller,
    policyUrl: config.policyUrl,
    dataCategories: custom.length ? custom : undefined,
    texts: builtIn ? { ...builtIn, ...own } : own,
    purposes: config.purposes.map((p) => ({
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

/** JSON with object keys sorted and undefined members dropped: one spelling for one value. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => canonical(v ?? null)).join(',')}]`;
  if (value && typeof value == 'object')
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as any)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((value as any)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

/** SHA-256 (hex) of the canonical notice for `config` in `language` — what `candor hash` prints (format 1 when `builtIn` is null). */
export function noticeHash(config: ResolvedConfig, language: string, builtIn: BuiltInTexts | null = null): Promise<string> {
  return sha256(canonical(notice(config, language, builtIn)));
}

/** Fields of a receipt that the caller knows (the id is chosen when the decision is made); the hash is worked out here. */
export interface ReceiptInput {
  id: string;
  subject: string;
  time: number;
  event: ReceiptEvent;
  method: Method;
  language: string;
  purposes: { [id: string]: boolean };
  gpc: boolean;
}

/**
 * Build the consent record of one decision (docs/contract.md §7), its `noticeHash` in format 2 with `builtIn` (the
 * built-in texts of `r.language`), in format 1 when they could not be had (`noticeFormat` says which).
 */
export async function makeReceipt(config: ResolvedConfig, r: ReceiptInput, builtIn: BuiltInTexts | null = null): Promise<Receipt> {
  return {
    id: r.id,
    subject: r.subject,
    time: new Date(r.time).toISOString(),
    event: r.event,
    method: r.method,
    version: config.version,
    language: r.language,
    purposes: r.purposes,
    gpc: r.gpc,
    sdk: __VERSION__,
    noticeFormat: builtIn ? 2 : 1,
    noticeHash: await noticeHash(config, r.language, builtIn),
  };
}
