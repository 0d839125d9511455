// @vitest-environment node
/**
 * The contract between Candor and the collector (docs/receipts.md, "The endpoint contract"): every receipt the client
 * makes (makeReceipt, sent as the outbox sends it: JSON.stringify) from a configuration the validator accepts — the
 * longest values it allows, unusual but valid language tags, 100 purposes, any Unicode in the version, any time a device
 * clock gives — passes the collector's checks. The receipts are also written to collector/test/fixtures/client-receipts.json,
 * which the collector's own suite stores in PostgreSQL (collector/test/client-receipts.test.ts); `vitest run -u` rewrites
 * it when what the client makes changes (a release's `sdk`, the notice format).
 */
import { describe, expect, it } from 'vitest';
import { checkReceipt } from '../../collector/src/receipt';
import { settingsFrom } from '../../collector/src/settings';
import { checkConfig } from '../../src/core/config';
import { makeReceipt, uuid, type ReceiptInput } from '../../src/core/receipts';
import type { Method, ReceiptEvent, ResolvedConfig } from '../../src/types';

/** The earliest moment a PostgreSQL timestamptz holds: 24 November 4714 BC, UTC. */
const EARLIEST = Date.UTC(-4713, 10, 24);

const purpose = (id: string, required = false) => ({
  id,
  title: 'Title',
  description: 'What it does.',
  ...(required ? { required: true, justification: 'The site needs it.' } : { dataCategories: ['browsing'] }),
});

const base = (edit: object) => ({
  version: '2026-11',
  controller: { name: 'Example', contact: 'mailto:dpo@example.com' },
  policyUrl: '/privacy',
  languages: ['en'],
  purposes: [purpose('necessary', true), purpose('analytics')],
  ...edit,
});

function config(edit: object = {}): ResolvedConfig {
  const { config, problems } = checkConfig(base(edit));
  expect(problems).toEqual([]);
  return config!;
}

/** The largest `n` for which `make(n)` is a valid configuration (the validator's bound, found by bisection). */
function longest(make: (n: number) => unknown): number {
  let [lo, hi] = [1, 70000];
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (checkConfig(make(mid)).config) lo = mid;
    else hi = mid - 1;
  }
  expect(checkConfig(make(lo + 1)).config).toBeNull();
  return lo;
}

/** A version of `n` characters cycling through `alphabet`. */
const text = (alphabet: string[], n: number) => Array.from({ length: n }, (_, i) => alphabet[i % alphabet.length]).join('');
/** Characters a version may hold: astral (a pair), combining, right-to-left, line and paragraph separators, BOM, noncharacters, C1 controls. */
const UNICODE = ['🎉', 'e\u0301', 'ע', 'ب', '\u2028', '\u2029', '\ufeff', '\uffff', '\ufffe', '"', '\\', '</script>', '𝒳', '中', '\u0085', '\u0096'];

const EVENTS: ReceiptEvent[] = ['given', 'refused', 'updated', 'withdrawn', 'dismissed', 'expired'];
const METHODS: Method[] = ['accept-all', 'reject-all', 'save', 'api', 'dismiss', 'placeholder', 'gpc', 'expiry'];
/** The built-in texts of a language, as the language chunk gives them (notice format 2). */
const BUILT_IN = { 'banner.title': 'Cookies 🍪', 'banner.acceptAll': 'Accept all' };

/** Every case: a configuration, the decision, and whether it is hashed with built-in texts (format 2). */
function cases(): { name: string; config: ResolvedConfig; input: Partial<ReceiptInput>; builtIn?: boolean }[] {
  const plain = config();
  const out: ReturnType<typeof cases> = [];
  // Every event and every method.
  for (let i = 0; i < METHODS.length; i++)
    out.push({
      name: `${EVENTS[i % EVENTS.length]} by ${METHODS[i]}`,
      config: plain,
      input: { event: EVENTS[i % EVENTS.length], method: METHODS[i] },
    });
  out.push({ name: 'gpc, notice format 2', config: plain, input: { gpc: true }, builtIn: true });
  // Any time a device clock gives, down to the earliest PostgreSQL stores.
  for (const time of [
    0,
    -1,
    Date.UTC(1999, 11, 31, 23, 59, 59, 999),
    Date.UTC(2150, 5, 1),
    253402300800000,
    8.64e15,
    Date.parse('0099-06-01T00:00:00.000Z'),
    Date.parse('0000-06-01T00:00:00.000Z'),
    -62167219200001,
    EARLIEST,
  ])
    out.push({ name: `time ${new Date(time).toISOString()}`, config: plain, input: { time } });
  // The longest version, plain and in Unicode.
  const ascii = ['a', 'Z', '0', '.', '-', '_', '~', '(', ')', '*', '!', "'"];
  out.push({
    name: 'the longest ASCII version',
    config: config({
      version: text(
        ascii,
        longest((n) => base({ version: text(ascii, n) })),
      ),
    }),
    input: {},
  });
  const unicode = longest((n) => base({ version: text(UNICODE, n) }));
  out.push({ name: 'the longest Unicode version', config: config({ version: text(UNICODE, unicode) }), input: {}, builtIn: true });
  // C1 controls, as text decoded from cp1252 as latin1 holds (an en dash read as U+0096): valid, and stored as sent.
  out.push({ name: 'a version with C1 controls', config: config({ version: '2026\u009611\u0085' }), input: {} });
  // 100 purposes, the longest ids (required ones too: they are in every receipt, not in the cookie).
  const many = (n: number) =>
    base({ purposes: Array.from({ length: 100 }, (_, i) => purpose(`p${String(i).padStart(2, '0')}-${'x'.repeat(n)}`.slice(0, n + 4), i < 10)) });
  const ids = longest(many);
  const hundred = config(many(ids));
  out.push({
    name: '100 purposes with the longest ids',
    config: hundred,
    input: { purposes: Object.fromEntries(hundred.purposes.map((p, i) => [p.id, p.required || i % 2 == 0])) },
  });
  // Ids that name what every object inherits.
  const inherited = config({ purposes: [purpose('constructor', true), purpose('prototype'), purpose('valueof'), purpose('0')] });
  out.push({
    name: 'purposes constructor, prototype, valueof, 0',
    config: inherited,
    input: { purposes: { constructor: true, prototype: false, valueof: true, 0: false } },
  });
  // Unusual but valid language tags, and the longest.
  const tags = ['yue', 'zh-Hant-HK', 'sr-Latn-RS', 'de-CH-1901', 'es-419', 'en-GB-oxendict', 'sgn-BE-FR', 'pt-BR', 'ca-ES-valencia'];
  const languages = config({ languages: tags });
  for (const language of tags) out.push({ name: `language ${language}`, config: languages, input: { language }, builtIn: true });
  const tag = (n: number) => `en-${Array.from({ length: n }, (_, i) => `v${String(i).padStart(4, '0')}`).join('-')}`;
  const long = tag(longest((n) => base({ languages: [tag(n)] })));
  out.push({ name: 'the longest language tag', config: config({ languages: [long] }), input: { language: long } });
  return out;
}

describe('every receipt Candor makes from a configuration the validator accepts', async () => {
  const all = cases();
  const made = await Promise.all(
    all.map(async (c, i) => {
      const input: ReceiptInput = {
        id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        subject: i % 2 ? `5b1f3d2e-7a64-4f0a-b1c9-${String(i).padStart(12, '0')}` : 'S:_.-'.repeat(26).slice(0, 128),
        time: Date.UTC(2026, 10, 14, 9, 41, 7, 532),
        event: 'given',
        method: 'accept-all',
        language: c.config.languages[0],
        purposes: Object.fromEntries(c.config.purposes.map((p) => [p.id, true])),
        gpc: false,
        ...c.input,
      };
      return makeReceipt(c.config, input, c.builtIn ? BUILT_IN : null);
    }),
  );

  it.each(all.map((c, i) => [c.name, i]))('passes the collector’s checks: %s', (_, i) => {
    const sent = JSON.stringify(made[i as number]); // what the outbox POSTs
    expect(Buffer.byteLength(sent)).toBeLessThan(settingsFrom({}).maxBodyBytes);
    const { receipt, problems } = checkReceipt(JSON.parse(sent));
    expect(problems).toEqual([]);
    expect(receipt).toEqual(JSON.parse(sent));
  });

  it('with a subject made by uuid() too', async () => {
    const r = await makeReceipt(config(), {
      id: uuid(),
      subject: uuid(),
      time: Date.now(),
      event: 'given',
      method: 'api',
      language: 'en',
      purposes: { necessary: true, analytics: true },
      gpc: false,
    });
    expect(checkReceipt(JSON.parse(JSON.stringify(r))).problems).toEqual([]);
  });

  it('is the one the collector’s suite stores (collector/test/fixtures/client-receipts.json)', async () => {
    await expect(JSON.stringify(made, null, 1) + '\n').toMatchFileSnapshot('../../collector/test/fixtures/client-receipts.json');
  });
});

it('only a time before the earliest PostgreSQL stores (a Date goes back to 271821 BC) is refused, saying why', async () => {
  const r = await makeReceipt(config(), {
    id: uuid(),
    subject: uuid(),
    time: EARLIEST - 1,
    event: 'given',
    method: 'api',
    language: 'en',
    purposes: { necessary: true, analytics: true },
    gpc: false,
  });
  expect(checkReceipt(JSON.parse(JSON.stringify(r))).problems).toEqual([
    { index: 0, path: 'time', message: expect.stringMatching(/^must be no earlier than -004713-11-24T00:00:00.000Z/) },
  ]);
});
