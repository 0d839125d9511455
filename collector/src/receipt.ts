/**
 * The receipt a browser sends (docs/receipts.md, "What a receipt is"), checked field by field. Anyone can
 * POST to the collector, so every field is checked for type, form and size, and a field the contract does
 * not name is refused: what is stored is exactly what the contract describes.
 */

export const EVENTS = ['given', 'refused', 'updated', 'withdrawn', 'dismissed', 'expired'] as const;
export const METHODS = ['accept-all', 'reject-all', 'save', 'api', 'dismiss', 'placeholder', 'gpc', 'expiry'] as const;
export const FIELDS = [
  'id',
  'subject',
  'time',
  'event',
  'method',
  'version',
  'language',
  'purposes',
  'gpc',
  'sdk',
  'noticeFormat',
  'noticeHash',
] as const;
/** Fields older receipts lack: without `noticeFormat` a receipt's hash is in notice format 1 (docs/receipts.md). */
export const OPTIONAL: readonly string[] = ['sdk', 'noticeFormat'];
/** A configuration declares at most this many purposes (the consent cookie fits 100). */
export const MAX_PURPOSES = 100;

export interface Receipt {
  id: string;
  subject: string;
  time: string;
  event: (typeof EVENTS)[number];
  method: (typeof METHODS)[number];
  version: string;
  language: string;
  purposes: { [id: string]: boolean };
  gpc: boolean;
  /** The Candor version that made the receipt; null when the receipt does not say (before notice format 2). */
  sdk: string | null;
  /** The notice format of `noticeHash` as the receipt states it; null when it does not (format 1). */
  noticeFormat: number | null;
  noticeHash: string;
}

export interface Problem {
  /** Index of the receipt in the request (0 for a single receipt). */
  index: number;
  path: string;
  message: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/**
 * Candor writes `Date.prototype.toISOString()`: UTC, milliseconds, `Z`, a year outside 0000–9999 as ±YYYYYY. Any of
 * them: the time is the device's claim (a dead clock battery reads 1970), stored next to the server's `received_at`.
 */
const ISO_TIME = /^(\d{4}|[+-]\d{6})(-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d{1,3})?Z$/;
/** The earliest moment a PostgreSQL timestamptz holds: 24 November 4714 BC (year -4713), 00:00 UTC. */
export const EARLIEST = Date.UTC(-4713, 10, 24);
export const SUBJECT = /^[A-Za-z0-9._:-]{1,128}$/;
/**
 * What a valid configuration can put in a receipt is refused by none of these: its `version` and optional purpose ids are bounded
 * only by the 4,000-byte `candor` cookie (src/core/config.ts), its language tags have any number of subtags.
 */
export const MAX_TEXT = 4000;
/** Characters without control characters; a UTF-16 surrogate only as half of a pair (PostgreSQL cannot store a lone one). */
const VERSION = new RegExp(`^(?:[^\\u0000-\\u001f\\u007f\\ud800-\\udfff]|[\\ud800-\\udbff][\\udc00-\\udfff]){1,${MAX_TEXT}}$`);
const LANGUAGE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/;
const PURPOSE_ID = new RegExp(`^[a-z0-9-]{1,${MAX_TEXT}}$`);
const HASH = /^[0-9a-f]{64}$/;
const SDK = /^[0-9A-Za-z.+-]{1,32}$/;

const isObject = (v: unknown): v is { [k: string]: unknown } => typeof v == 'object' && v !== null && !Array.isArray(v);

/** Check one receipt; returns the problems (empty when valid) and the normalised receipt. */
export function checkReceipt(value: unknown, index = 0): { receipt?: Receipt; problems: Problem[] } {
  const problems: Problem[] = [];
  const bad = (path: string, message: string) => problems.push({ index, path, message });
  if (!isObject(value)) {
    bad('', `must be a receipt object, not ${describe(value)}`);
    return { problems };
  }
  for (const k of Object.keys(value)) if (!(FIELDS as readonly string[]).includes(k)) bad(k, `unknown field (a receipt has: ${FIELDS.join(', ')})`);
  for (const k of FIELDS) if (!(k in value) && !OPTIONAL.includes(k)) bad(k, 'is missing');
  const v = value as { [k: string]: any };
  const str = (k: string, re: RegExp, form: string) => {
    if (!(k in v)) return;
    if (typeof v[k] != 'string') bad(k, `must be a string, not ${describe(v[k])}`);
    else if (!re.test(v[k])) bad(k, `must be ${form}`);
  };
  str('id', UUID, 'a UUID');
  str('subject', SUBJECT, '1 to 128 letters, digits or . _ : -');
  str('time', ISO_TIME, 'an ISO-8601 UTC time such as 2026-11-14T09:41:07.532Z');
  const time = typeof v.time == 'string' && ISO_TIME.exec(v.time);
  if (time) {
    const t = Date.parse(v.time);
    // Date.parse rolls 31 February or 24:00 over into the next day: such a time would be stored as another one.
    const back = ISO_TIME.exec(Number.isNaN(t) ? '' : new Date(t).toISOString());
    if (!back || +back[1] != +time[1] || back[2] != time[2])
      bad('time', 'must be a real date and time (not 31 February nor 24:00) that a JavaScript Date holds');
    else if (t < EARLIEST) bad('time', `must be no earlier than ${new Date(EARLIEST).toISOString()} (4714 BC), the earliest PostgreSQL stores`);
  }
  const oneOf = (k: string, list: readonly string[]) => {
    if (!(k in v)) return;
    if (typeof v[k] != 'string') bad(k, `must be a string, not ${describe(v[k])}`);
    else if (!list.includes(v[k])) bad(k, `must be one of ${list.join(', ')}`);
  };
  oneOf('event', EVENTS);
  oneOf('method', METHODS);
  str('version', VERSION, `1 to ${MAX_TEXT} characters without control characters or lone UTF-16 surrogates`);
  str('language', LANGUAGE, 'a language tag such as fr or pt-BR');
  str('noticeHash', HASH, '64 lowercase hexadecimal digits (SHA-256)');
  str('sdk', SDK, 'a version such as 0.1.0 (1 to 32 letters, digits or . + -)');
  // Any small format number is stored (a later SDK's receipt is not refused); only those known can be verified.
  if ('noticeFormat' in v && !(Number.isInteger(v.noticeFormat) && v.noticeFormat >= 1 && v.noticeFormat <= 99))
    // Not JSON.stringify: a value nested thousands deep (valid JSON, under the size limit) overflows its stack, a 503.
    bad('noticeFormat', `must be a whole number from 1 to 99, not ${typeof v.noticeFormat == 'number' ? v.noticeFormat : describe(v.noticeFormat)}`);
  if ('gpc' in v && typeof v.gpc != 'boolean') bad('gpc', `must be true or false, not ${describe(v.gpc)}`);
  if ('purposes' in v) {
    if (!isObject(v.purposes)) bad('purposes', `must be an object (purpose id → true/false), not ${describe(v.purposes)}`);
    else {
      const ids = Object.keys(v.purposes);
      if (!ids.length) bad('purposes', 'must list at least one purpose');
      if (ids.length > MAX_PURPOSES) bad('purposes', `must list at most ${MAX_PURPOSES} purposes`);
      for (const id of ids.slice(0, MAX_PURPOSES + 1)) {
        if (!PURPOSE_ID.test(id)) bad(`purposes.${id.slice(0, 64)}`, `purpose ids are 1 to ${MAX_TEXT} lowercase letters, digits or -`);
        else if (typeof v.purposes[id] != 'boolean') bad(`purposes.${id}`, `must be true or false, not ${describe(v.purposes[id])}`);
      }
    }
  }
  if (problems.length) return { problems };
  return {
    problems,
    receipt: {
      id: v.id.toLowerCase(),
      subject: v.subject,
      time: new Date(v.time).toISOString(),
      event: v.event,
      method: v.method,
      version: v.version,
      language: v.language,
      purposes: { ...v.purposes },
      gpc: v.gpc,
      sdk: v.sdk ?? null,
      noticeFormat: v.noticeFormat ?? null,
      noticeHash: v.noticeHash,
    },
  };
}

function describe(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v;
}
