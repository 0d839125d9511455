import { afterEach, describe, expect, it, vi } from 'vitest';
import { canonical, makeReceipt, notice, noticeHash, uuid } from '../../src/core/receipts';
import { sha256, sha256Bytes } from '../../src/core/sha256';
import { checkConfig } from '../../src/core/config';
import type { Config, ResolvedConfig } from '../../src/types';
import shop from '../fixtures/shop.json';
import pkg from '../../package.json';
import en from '../../src/ui/i18n/en';
import fr from '../../src/ui/i18n/fr';

/** The shop fixture, optionally changed, resolved as Candor would load it. */
function resolve(change: (c: Config) => void = () => {}): ResolvedConfig {
  const raw = structuredClone(shop) as unknown as Config;
  change(raw);
  const { config, problems } = checkConfig(raw);
  expect(problems).toEqual([]);
  return config!;
}

/** The same value with the keys of every object in reverse order. */
function reversedKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reversedKeys) as T;
  if (value && typeof value == 'object')
    return Object.fromEntries(
      Object.keys(value)
        .reverse()
        .map((k) => [k, reversedKeys((value as any)[k])]),
    ) as T;
  return value;
}

/** Every string of a given language in the fixture's language maps. */
function textsIn(value: unknown, language: string, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => textsIn(v, language, out));
  else if (value && typeof value == 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.en == 'string' && typeof o.fr == 'string') out.push(o[language] as string);
    else Object.values(o).forEach((v) => textsIn(v, language, out));
  }
  return out;
}

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
const utf8 = (s: string) => new TextEncoder().encode(s);

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('canonical', () => {
  it('sorts object keys at every depth', () => {
    expect(canonical({ b: 1, a: { d: [{ z: 1, y: 2 }], c: 'x' } })).toBe('{"a":{"c":"x","d":[{"y":2,"z":1}]},"b":1}');
  });

  it('gives one spelling whatever the key order', () => {
    const value = { purposes: [{ id: 'a', title: 'T', ai: { output: 'o', inputs: ['x', 'y'] } }], version: '1' };
    expect(canonical(reversedKeys(value))).toBe(canonical(value));
  });

  it('drops undefined members and keeps null, false, 0 and empty strings', () => {
    expect(canonical({ a: undefined, b: null, c: false, d: 0, e: '', f: { g: undefined } })).toBe('{"b":null,"c":false,"d":0,"e":"","f":{}}');
  });

  it('keeps array order and writes undefined array items as null, like JSON', () => {
    expect(canonical([3, undefined, 1])).toBe('[3,null,1]');
  });

  it('is valid JSON that parses back to the same data', () => {
    const value = { quote: 'Mesure d\'audience "AI"', unicode: 'été 🍂', nested: { list: [1, 'two', null, true] } };
    expect(JSON.parse(canonical(value))).toEqual(value);
  });
});

describe('notice', () => {
  it('holds the French texts only when shown in French', () => {
    const text = canonical(notice(resolve(), 'fr'));
    const fr = textsIn(shop, 'fr');
    const en = textsIn(shop, 'en');
    expect(fr.length).toBeGreaterThan(10);
    for (const s of fr) expect(text).toContain(JSON.stringify(s));
    for (const s of en) expect(text).not.toContain(JSON.stringify(s));
  });

  it('holds the English texts only when shown in English', () => {
    const text = canonical(notice(resolve(), 'en'));
    for (const s of textsIn(shop, 'en')) expect(text).toContain(JSON.stringify(s));
    for (const s of textsIn(shop, 'fr')) expect(text).not.toContain(JSON.stringify(s));
  });

  it('covers what the visitor is told: controller, policy, purposes, vendors, AI, data categories', () => {
    const n = notice(resolve(), 'fr') as any;
    expect(n.version).toBe('2026-11');
    expect(n.language).toBe('fr');
    expect(n.controller).toEqual({ name: 'Maison Lumière SAS', contact: 'mailto:dpo@example.com' });
    expect(n.policyUrl).toBe('https://example.com/privacy');
    expect(n.dataCategories).toEqual([{ id: 'loyalty-tier', label: 'Niveau de fidélité' }]);
    expect(n.purposes.map((p: any) => p.id)).toEqual(['necessary', 'analytics', 'personalization', 'marketing', 'health-offers']);
    const analytics = n.purposes[1];
    expect(analytics).toMatchObject({ title: "Mesure d'audience", retentionDays: 395, cookies: ['_pk_id.*', '_pk_ses.*'] });
    expect(analytics.vendors).toEqual([{ name: 'Matomo', country: 'FR', policyUrl: 'https://matomo.org/privacy-policy/' }]);
    expect(n.purposes[2].ai).toMatchObject({
      summary: 'Un modèle classe les produits pour vous.',
      output: 'classement des produits',
      inputs: ['purchase-history', 'preferences'],
      humanReview: 'mailto:dpo@example.com',
    });
    expect(n.purposes[4].sensitive).toBe(true);
  });

  it('includes text overrides for its own language only', () => {
    const config = resolve((c) => (c.texts = { fr: { acceptAll: "J'accepte tout" }, en: { acceptAll: 'Allow everything' } }));
    const text = canonical(notice(config, 'fr'));
    expect(text).toContain("J'accepte tout");
    expect(text).not.toContain('Allow everything');
  });
});

describe('noticeHash', () => {
  it('is 64 lowercase hex characters, the SHA-256 of the canonical notice', async () => {
    const config = resolve();
    const hash = await noticeHash(config, 'en');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).toBe(await sha256(canonical(notice(config, 'en'))));
  });

  it('is the same for the same config written with its keys in another order', async () => {
    const again = checkConfig(reversedKeys(structuredClone(shop))).config!;
    expect(again).not.toBeNull();
    expect(await noticeHash(again, 'fr')).toBe(await noticeHash(resolve(), 'fr'));
    expect(await noticeHash(again, 'en')).toBe(await noticeHash(resolve(), 'en'));
  });

  it('is the same on every call (a receipt can be checked later)', async () => {
    const config = resolve();
    expect(await noticeHash(config, 'fr')).toBe(await noticeHash(resolve(), 'fr'));
  });

  it('differs between English and French', async () => {
    const config = resolve();
    expect(await noticeHash(config, 'en')).not.toBe(await noticeHash(config, 'fr'));
  });

  const changes: [string, (c: any) => void][] = [
    ['a purpose title', (c) => (c.purposes[1].title.fr = 'Statistiques')],
    ['a purpose description', (c) => (c.purposes[3].description.fr = 'Publicités ciblées sur d’autres sites.')],
    ['a justification', (c) => (c.purposes[0].justification.fr = 'Indispensable.')],
    ['the AI summary', (c) => (c.purposes[2].ai.summary.fr = 'Un algorithme classe les produits.')],
    ['the AI output', (c) => (c.purposes[2].ai.output.fr = 'une note')],
    ['whether the AI trains models', (c) => (c.purposes[2].ai.trainsModels = true)],
    ['the human review contact', (c) => (c.purposes[2].ai.humanReview = 'mailto:human@example.com')],
    ['a vendor name', (c) => (c.purposes[1].vendors[0].name = 'Google Analytics')],
    ['a vendor country', (c) => (c.purposes[1].vendors[0].country = 'US')],
    ['a retention period', (c) => (c.purposes[1].retentionDays = 30)],
    ['a data category label', (c) => (c.dataCategories[0].label.fr = 'Statut fidélité')],
    ['the controller', (c) => (c.controller.name = 'Lumière Group')],
    ['the policy link', (c) => (c.policyUrl = 'https://example.com/vie-privee')],
    ['the version', (c) => (c.version = '2027-01')],
    ['a text override', (c) => (c.texts = { fr: { acceptAll: 'Oui à tout' } })],
  ];
  it.each(changes)('changes when %s changes', async (_, change) => {
    expect(await noticeHash(resolve(change), 'fr')).not.toBe(await noticeHash(resolve(), 'fr'));
  });

  it('does not change for an edit the visitor never sees in that language', async () => {
    const enOnly = resolve((c: any) => (c.purposes[1].title.en = 'Statistics'));
    expect(await noticeHash(enOnly, 'fr')).toBe(await noticeHash(resolve(), 'fr'));
    expect(await noticeHash(enOnly, 'en')).not.toBe(await noticeHash(resolve(), 'en'));
    const theme = resolve((c) => (c.theme = { accent: '#000000' }));
    expect(await noticeHash(theme, 'fr')).toBe(await noticeHash(resolve(), 'fr'));
  });
});

describe('notice format 2: built-in texts included', () => {
  it('covers every built-in text of the language shown, merged with the config overrides as the interface shows them', () => {
    const config = resolve((c) => (c.texts = { fr: { acceptAll: "J'accepte tout" }, en: { acceptAll: 'Allow everything' } }));
    const n = notice(config, 'fr', fr) as { format: string; texts: { [key: string]: string } };
    expect(n.format).toBe('candor-notice/2');
    expect(Object.keys(n.texts).sort()).toEqual(Object.keys(fr).sort());
    expect(n.texts).toEqual({ ...fr, acceptAll: "J'accepte tout" });
    const text = canonical(n);
    expect(text).toContain(JSON.stringify(fr.rejectAll));
    expect(text).not.toContain(JSON.stringify(en.rejectAll));
    expect(text).not.toContain('Allow everything');
  });

  it('changes when a built-in string changes (an upgrade or a translation fix), and only then', async () => {
    const config = resolve();
    const fixed = { ...fr, rejectAll: 'Tout refuser !' };
    expect(await noticeHash(config, 'fr', fixed)).not.toBe(await noticeHash(config, 'fr', fr));
    expect(await noticeHash(config, 'fr', { ...fr })).toBe(await noticeHash(config, 'fr', fr));
  });

  it('covers that the visitor interacts with an AI system: the kind as written, and its sentence as the interface shows it (docs/compliance.md I36)', async () => {
    const chat = resolve((c) => (c.purposes[2].ai!.interaction = 'chat'));
    const n = notice(chat, 'en', en) as { purposes: { ai?: { interaction?: string } }[]; texts: { [key: string]: string } };
    expect(n.purposes[2].ai!.interaction).toBe('chat');
    expect(n.texts['interaction.chat']).toBe('You will chat with an AI system, not a person.');
    const hash = await noticeHash(chat, 'en', en);
    expect(hash).not.toBe(await noticeHash(resolve(), 'en', en));
    expect(hash).not.toBe(
      await noticeHash(
        resolve((c) => (c.purposes[2].ai!.interaction = 'voice')),
        'en',
        en,
      ),
    );
    expect(await noticeHash(chat, 'en', { ...en, 'interaction.chat': 'You will chat with a bot.' })).not.toBe(hash);
    const own = resolve((c) => {
      c.purposes[2].ai!.interaction = 'chat';
      c.texts = { en: { 'interaction.chat': 'Our assistant is an AI system, not a person.' } };
    });
    expect((notice(own, 'en', en) as { texts: { [key: string]: string } }).texts['interaction.chat']).toBe(
      'Our assistant is an AI system, not a person.',
    );
  });

  it('is the same for two configurations showing the same texts: an override equal to the built-in string changes nothing', async () => {
    const plain = resolve();
    const same = resolve((c) => (c.texts = { fr: { rejectAll: fr.rejectAll } }));
    expect(await noticeHash(same, 'fr', fr)).toBe(await noticeHash(plain, 'fr', fr));
    // In format 1 the override itself was hashed, although the visitor read the same words.
    expect(await noticeHash(same, 'fr')).not.toBe(await noticeHash(plain, 'fr'));
    const reordered = checkConfig(reversedKeys(structuredClone(shop))).config!;
    expect(await noticeHash(reordered, 'fr', fr)).toBe(await noticeHash(plain, 'fr', fr));
  });

  it('differs from format 1, which stays reproducible as documented', async () => {
    const config = resolve();
    expect(await noticeHash(config, 'fr', fr)).not.toBe(await noticeHash(config, 'fr'));
    expect((notice(config, 'fr') as { format: string }).format).toBe('candor-notice/1');
    expect(await noticeHash(config, 'fr', null)).toBe(await sha256(canonical(notice(config, 'fr'))));
  });
});

describe('sha256', () => {
  const vectors: [string, string][] = [
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ['abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1'],
    [
      'abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu',
      'cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1',
    ],
    ['a'.repeat(1_000_000), 'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0'],
  ];

  it.each(vectors.map(([s, h]) => [s.length > 20 ? `${s.slice(0, 12)}… (${s.length} chars)` : JSON.stringify(s), s, h]))(
    'hashes %s to the FIPS 180-4 value, with Web Crypto and without',
    async (_, input, expected) => {
      expect(await sha256(input)).toBe(expected);
      expect(hex(sha256Bytes(utf8(input)))).toBe(expected);
    },
  );

  it('uses the pure-JS fallback on plain-http pages, where crypto.subtle is missing', async () => {
    const digest = vi.spyOn(crypto.subtle, 'digest');
    vi.stubGlobal('crypto', { getRandomValues: crypto.getRandomValues.bind(crypto) });
    expect(globalThis.crypto.subtle).toBeUndefined();
    expect(await sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(await sha256('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(digest).not.toHaveBeenCalled();
    digest.mockRestore();
  });

  it('gives the same notice hash with and without Web Crypto', async () => {
    const config = resolve();
    const withSubtle = await noticeHash(config, 'fr');
    vi.stubGlobal('crypto', { getRandomValues: crypto.getRandomValues.bind(crypto) });
    expect(await noticeHash(config, 'fr')).toBe(withSubtle);
  });

  it('matches Web Crypto across block boundaries, for non-ASCII text and arbitrary bytes', async () => {
    const subtle = globalThis.crypto.subtle;
    const inputs: Uint8Array<ArrayBuffer>[] = [];
    // Every length around the padding boundaries (55/56, 64, 119/120, 128) and then some.
    for (let n = 0; n <= 200; n++) inputs.push(Uint8Array.from({ length: n }, (_, i) => (i * 31 + n) & 255));
    for (const s of ['é', 'Mesure d’audience', '日本語のテキスト', '🍂'.repeat(40), 'é'.repeat(1000), 'x'.repeat(4097)]) inputs.push(utf8(s));
    const random = new Uint8Array(10_000);
    crypto.getRandomValues(random.subarray(0, 5000));
    crypto.getRandomValues(random.subarray(5000));
    inputs.push(random);
    for (const bytes of inputs) {
      const expected = hex(new Uint8Array(await subtle.digest('SHA-256', bytes)));
      expect(hex(sha256Bytes(bytes)), `length ${bytes.length}`).toBe(expected);
    }
  });

  it('does not modify its input', () => {
    const bytes = utf8('abc');
    sha256Bytes(bytes);
    expect(Array.from(bytes)).toEqual([97, 98, 99]);
  });
});

describe('uuid', () => {
  const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

  it('makes RFC 4122 version 4 ids, all different over 1000 calls', () => {
    const ids = Array.from({ length: 1000 }, uuid);
    for (const id of ids) expect(id).toMatch(V4);
    expect(new Set(ids).size).toBe(1000);
  });

  it('works without crypto.randomUUID (plain-http pages)', () => {
    vi.stubGlobal('crypto', { getRandomValues: crypto.getRandomValues.bind(crypto) });
    expect(uuid()).toMatch(V4);
  });
});

describe('makeReceipt', () => {
  const input = {
    id: '3b241101-e2bb-4255-8caf-4136c566a962',
    subject: '7f0e3a52-1c1d-4c56-9a4e-1b2b3c4d5e6f',
    time: Date.UTC(2026, 10, 3, 9, 30, 12, 345),
    event: 'given' as const,
    method: 'save' as const,
    language: 'fr',
    purposes: { necessary: true, analytics: true, personalization: false, marketing: false, 'health-offers': false },
    gpc: true,
  };

  it('records every field docs/contract.md §7 lists, with the time in ISO-8601 UTC', async () => {
    const config = resolve();
    const r = await makeReceipt(config, input, fr);
    expect(Object.keys(r).sort()).toEqual(
      ['event', 'gpc', 'id', 'language', 'method', 'noticeFormat', 'noticeHash', 'purposes', 'sdk', 'subject', 'time', 'version'].sort(),
    );
    expect(r.id).toBe(input.id);
    expect(r.subject).toBe(input.subject);
    expect(r.time).toBe('2026-11-03T09:30:12.345Z');
    expect(r.event).toBe('given');
    expect(r.method).toBe('save');
    expect(r.version).toBe('2026-11');
    expect(r.language).toBe('fr');
    expect(r.purposes).toEqual(input.purposes);
    expect(r.gpc).toBe(true);
    expect(r.sdk).toBe(pkg.version);
    expect(r.noticeFormat).toBe(2);
    expect(r.noticeHash).toBe(await noticeHash(config, 'fr', fr));
  });

  it('falls back to notice format 1 when the built-in texts could not be had, and says so', async () => {
    const config = resolve();
    const r = await makeReceipt(config, input);
    expect(r.noticeFormat).toBe(1);
    expect(r.sdk).toBe(pkg.version);
    expect(r.noticeHash).toBe(await noticeHash(config, 'fr'));
  });

  it('hashes the notice in the language the visitor saw', async () => {
    const config = resolve();
    const en = await makeReceipt(config, { ...input, language: 'en' });
    expect(en.noticeHash).toBe(await noticeHash(config, 'en'));
    expect(en.noticeHash).not.toBe((await makeReceipt(config, input)).noticeHash);
  });

  it('keeps the id chosen when the decision was made (a retry makes the same receipt) and survives a JSON round trip', async () => {
    const config = resolve();
    const [a, b] = await Promise.all([makeReceipt(config, input), makeReceipt(config, input)]);
    expect(b).toEqual(a);
    expect(JSON.parse(JSON.stringify(a))).toEqual(a);
  });
});
