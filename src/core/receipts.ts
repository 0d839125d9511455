import type { Method, Receipt, ReceiptEvent, ResolvedConfig, Text } from '../types';
import { pick } from './text';
import { sha256 } from './sha256';

export { uuid } from './uuid';

/**
 * The notice a visitor is shown in `language`, as plain data: every config text resolved to that language,
 * fields in a fixed order, absent ones left out. Its canonical JSON is what `noticeHash` covers (SPEC §7,
 * COMPLIANCE D18): the same config and language give the same hash on every device and page load. Built-in
 * interface strings are not included: they are fixed for a Candor release; `texts` overrides are.
 */
export function notice(config: ResolvedConfig, language: string): object {
  const t = (text: Text | undefined) => (text == null ? undefined : pick(text, language, config.languages));
  const custom = config.dataCategories.map((d) => ({ id: d.id, label: t(d.label) }));
  return {
    format: 'candor-notice/1',
    language,
    version: config.version,
    controller: config.controller,
    policyUrl: config.policyUrl,
    dataCategories: custom.length ? custom : undefined,
    texts: config.texts?.[language],
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

/** SHA-256 (hex) of the canonical notice for `config` in `language` — what `candor hash` prints. */
export function noticeHash(config: ResolvedConfig, language: string): Promise<string> {
  return sha256(canonical(notice(config, language)));
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

/** Build the consent record of one decision (SPEC §7). */
export async function makeReceipt(config: ResolvedConfig, r: ReceiptInput): Promise<Receipt> {
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
    noticeHash: await noticeHash(config, r.language),
  };
}
