import { createStore } from 'idb-keyval';
import { JSDOM } from 'jsdom';
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { validate } from '../../src/core/validate';
import { createCandor, type Options } from '../../src/core/manager';
import { blockedEmbeds } from '../../src/core/blocked';
import { resolveConfig } from '../../src/core/resolve';
import { stampOf } from '../../src/core/stamp';
import { uuid } from '../../src/core/receipts';
import { createServices } from '../../src/core/services';
import { createRecordStore } from '../../src/core/storage';
import type { CandorHost } from '../../src/types';
import { BUILT_IN } from '../../src/ui/i18n/index';
import shop from '../fixtures/shop.json';

let db = 0;
let pages: JSDOM[] = [];
let services: Mock<Options['services']>;
/** The validator loader (dist/candor-check.js in the script-tag build). */
let validator: Mock<Options['check']>;

/** A page of the shop (pages opened with the same jar share cookies, like tabs of one site). */
function page(html = '', jar?: JSDOM['cookieJar']): JSDOM {
  const dom = new JSDOM(`<!doctype html><html lang="en"><body>${html}</body></html>`, {
    url: 'https://www.shop.example/catalog/shoes',
    cookieJar: jar,
  });
  // jsdom has no BroadcastChannel; Node's works between the "tabs" of one test.
  (dom.window as any).BroadcastChannel = BroadcastChannel;
  pages.push(dom);
  return dom;
}

function start(dom: JSDOM, config: unknown = shop, extra: Partial<Options> = {}): CandorHost {
  const records = createRecordStore(uuid, () => createStore(`candor-int-${db}`, 'records'));
  services = vi.fn(async () => createServices(records));
  validator = vi.fn(async () => validate);
  return createCandor({
    config,
    window: dom.window as any,
    document: dom.window.document,
    services,
    check: validator,
    placeholders: async () => blockedEmbeds,
    ...extra,
  });
}

const settle = (ms = 0) => new Promise((r) => setTimeout(r, ms));
/** dataLayer entries as plain arrays (gtag pushes Arguments objects). */
const layer = (dom: JSDOM) => ((dom.window as any).dataLayer || []).map((e: any) => (e.length != null ? Array.from(e) : e));

beforeEach(() => {
  db++;
  pages = [];
});
afterEach(() => {
  for (const p of pages) p.window.close();
  vi.restoreAllMocks();
});

describe('Google Consent Mode v2', () => {
  it('pushes a default that denies every type but security_storage while candor starts, before any decision', () => {
    const dom = page();
    start(dom);
    const [first, second] = layer(dom);
    expect(first).toEqual([
      'consent',
      'default',
      {
        ad_storage: 'denied',
        ad_user_data: 'denied',
        ad_personalization: 'denied',
        analytics_storage: 'denied',
        functionality_storage: 'denied',
        personalization_storage: 'denied',
        security_storage: 'granted',
        wait_for_update: 500,
      },
    ]);
    expect(second).toEqual(['set', 'ads_data_redaction', true]);
  });

  it('pushes an update through the purpose map on each decision, and an event for tag managers', async () => {
    const dom = page();
    const candor = start(dom);
    await candor.ready;
    expect(layer(dom)).toHaveLength(2); // no update while undecided
    candor.set({ analytics: true });
    const entries = layer(dom);
    expect(entries[2]).toEqual([
      'consent',
      'update',
      { analytics_storage: 'granted', ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied' },
    ]);
    expect(entries[3]).toEqual(['set', 'ads_data_redaction', true]);
    expect(entries[4]).toMatchObject({ event: 'candor_consent_update', candor: { analytics: true, marketing: false } });
    candor.acceptAll();
    expect(layer(dom)[5]).toEqual([
      'consent',
      'update',
      { analytics_storage: 'granted', ad_storage: 'granted', ad_user_data: 'granted', ad_personalization: 'granted' },
    ]);
    expect(layer(dom)[6]).toEqual(['set', 'ads_data_redaction', false]);
  });

  it('grants a type mapped to required purposes only once ready, also on a first visit; a type mapped to [] is never granted', async () => {
    const dom = page();
    const candor = start(dom, { ...shop, googleConsentMode: { security_storage: ['necessary'], ad_storage: [], analytics_storage: ['analytics'] } });
    await candor.ready;
    expect(layer(dom)[2]).toEqual(['consent', 'update', { security_storage: 'granted', ad_storage: 'denied', analytics_storage: 'denied' }]);
    candor.acceptAll();
    expect(layer(dom).at(-3)).toEqual(['consent', 'update', { security_storage: 'granted', ad_storage: 'denied', analytics_storage: 'granted' }]);
  });

  it('restores a returning visitor’s choices on every page view', async () => {
    const first = page();
    const a = start(first);
    await a.ready;
    a.acceptAll();
    const second = page('', first.cookieJar);
    await start(second).ready;
    expect(layer(second)[2]).toEqual(['consent', 'update', expect.objectContaining({ ad_storage: 'granted' })]);
  });

  it('an element named dataLayer (DOM clobbering) neither stops Candor nor its Consent Mode: a real data layer replaces it', async () => {
    // A comment field's `<img name>` or `<div id>` makes a window.dataLayer without push().
    const dom = page('<div id="dataLayer"></div><img name="dataLayer" alt="">');
    let candor!: CandorHost;
    expect(() => (candor = start(dom))).not.toThrow();
    expect((await candor.ready).error).toBeUndefined();
    candor.set({ analytics: true });
    expect(candor.has('analytics')).toBe(true);
    expect(layer(dom).map((e: unknown[]) => e[1])).toEqual(['default', 'ads_data_redaction', 'update', 'ads_data_redaction', undefined]);
  });
});

describe('embeds', () => {
  const html = '<iframe data-purpose="marketing" data-src="https://video.example/embed/1" width="560" height="315" title="Lookbook video"></iframe>';

  it('stand behind a placeholder naming the purpose until allowed', async () => {
    const dom = page(html);
    const candor = start(dom);
    await candor.ready;
    const doc = dom.window.document;
    const iframe = doc.querySelector('iframe')!;
    const host = await vi.waitUntil(() => doc.querySelector<HTMLElement>('[data-candor-placeholder]'));
    expect(iframe.getAttribute('src')).toBeNull();
    expect(iframe.hidden).toBe(true);
    expect(host.nextElementSibling).toBe(iframe);
    expect(host.style.width).toBe('560px');
    expect(host.style.height).toBe('315px');
    const root = host.shadowRoot!;
    expect(root.querySelector('[role=group]')!.getAttribute('aria-label')).toBe('Advertising');
    expect(root.textContent).toContain('needs your consent for “Advertising”');
    const [allow, settings] = Array.from(root.querySelectorAll('button'));
    expect(allow.textContent).toBe('Allow and load');
    expect(settings.textContent).toBe('Privacy settings');
  });

  it('"Allow and load" grants that purpose only, with a receipt, and loads the embed', async () => {
    const dom = page(html);
    const candor = start(dom);
    await candor.ready;
    const doc = dom.window.document;
    (await vi.waitUntil(() => doc.querySelector<HTMLElement>('[data-candor-placeholder]'))).shadowRoot!.querySelector('button')!.click();
    const iframe = doc.querySelector('iframe')!;
    expect(iframe.getAttribute('src')).toBe('https://video.example/embed/1');
    expect(iframe.hidden).toBe(false);
    expect(doc.querySelector('[data-candor-placeholder]')).toBeNull();
    expect(candor.has('marketing')).toBe(true);
    expect(candor.has('analytics')).toBe(false);
    // The other purposes are still unanswered: the banner stays.
    expect(candor.get().decided).toBe(false);
    expect((await candor.receipts())[0]).toMatchObject({ event: 'given', method: 'placeholder', purposes: { marketing: true, analytics: false } });
  });

  it('of a special-category purpose: "Allow and load" grants nothing and opens the preference center, where the explicit statement is', async () => {
    const dom = page(html);
    const sensitive = { ...shop, purposes: shop.purposes.map((p) => (p.id == 'marketing' ? { ...p, sensitive: true } : p)) };
    const candor = start(dom, sensitive);
    await candor.ready;
    const doc = dom.window.document;
    const open = vi.spyOn(candor, 'open');
    const allow = (await vi.waitUntil(() => doc.querySelector<HTMLElement>('[data-candor-placeholder]'))).shadowRoot!.querySelector('button')!;
    allow.click();
    expect(open).toHaveBeenCalledWith(allow);
    expect(candor.has('marketing')).toBe(false);
    expect(doc.querySelector('iframe')!.getAttribute('src')).toBeNull();
    expect(await candor.receipts()).toEqual([]);
  });

  it.each([
    ['a purpose the configuration does not declare', 'nosuch'],
    ['a declared purpose and an undeclared one', 'marketing nosuch'],
  ])('naming %s: never load, offer no "Allow and load", record nothing, and say so in the console', async (_, ids) => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const dom = page(`<iframe data-purpose="${ids}" data-src="https://video.example/embed/1" width="560" height="315"></iframe>`);
    const candor = start(dom);
    await candor.ready;
    const doc = dom.window.document;
    const root = (await vi.waitUntil(() => doc.querySelector<HTMLElement>('[data-candor-placeholder]'))).shadowRoot!;
    // Only the way to the preference center: a button that could load nothing would record a decision the visitor did not make.
    expect(Array.from(root.querySelectorAll('button'), (b) => b.textContent)).toEqual(['Privacy settings']);
    expect(warn.mock.calls.map((c) => c[0])).toContainEqual(expect.stringContaining('unknown purpose "nosuch"'));
    expect(candor.has('marketing')).toBe(false);
    expect(candor.get().decided).toBe(false);
    expect(doc.querySelector('iframe')!.getAttribute('src')).toBeNull();
    expect(await candor.receipts()).toEqual([]);
  });

  it('of a purpose the visitor\'s Global Privacy Control signal keeps off: offer no "Allow and load" (it would record a refusal)', async () => {
    const dom = page(html);
    Object.defineProperty(dom.window.navigator, 'globalPrivacyControl', { value: true, configurable: true });
    const candor = start(dom);
    await candor.ready;
    expect(candor.get().gpc).toBe(true);
    const doc = dom.window.document;
    const root = (await vi.waitUntil(() => doc.querySelector<HTMLElement>('[data-candor-placeholder]'))).shadowRoot!;
    expect(Array.from(root.querySelectorAll('button'), (b) => b.textContent)).toEqual(['Privacy settings']);
    expect(await candor.receipts()).toEqual([]);
  });

  it('of a purpose the signal keeps off: say so, not that consent would load it (no consent can while the signal is on)', async () => {
    const dom = page(
      '<iframe data-purpose="analytics marketing" data-src="https://video.example/embed/1" width="560" height="315"></iframe>' +
        '<iframe data-purpose="analytics" data-src="https://video.example/embed/2" width="560" height="315"></iframe>',
    );
    Object.defineProperty(dom.window.navigator, 'globalPrivacyControl', { value: true, configurable: true });
    await start(dom, withVendors(['Google Ads'])).ready;
    const doc = dom.window.document;
    await vi.waitUntil(() => doc.querySelectorAll('[data-candor-placeholder]').length == 2);
    const [both, analytics] = Array.from(doc.querySelectorAll<HTMLElement>('[data-candor-placeholder]'), (h) => h.shadowRoot!);
    // Only the purpose the signal keeps off is named there, and no recipients: nothing is there to allow.
    expect(both.querySelector('#m')!.textContent).toBe(
      'This content is blocked: your Global Privacy Control signal is honored and keeps “Advertising” off.',
    );
    expect(both.querySelector('[role=group]')!.getAttribute('aria-label')).toBe('Audience measurement, Advertising');
    expect(Array.from(both.querySelectorAll('button'), (b) => b.textContent)).toEqual(['Privacy settings']);
    // A purpose the signal leaves alone is asked for as without it.
    expect(analytics.querySelector('#m')!.textContent).toBe(
      'This content is blocked because it needs your consent for “Audience measurement”. Recipients if you allow: Matomo.',
    );
    expect(Array.from(analytics.querySelectorAll('button'), (b) => b.textContent)).toEqual(['Allow and load', 'Privacy settings']);
  });

  it('of a purpose the signal keeps off: the sentence follows `texts.<language>.blockedGpc` and the language (French built in)', async () => {
    const dom = page(html);
    Object.defineProperty(dom.window.navigator, 'globalPrivacyControl', { value: true, configurable: true });
    const own = { ...shop, texts: { en: { blockedGpc: 'GPC is on: {purpose} stays off here.' } } };
    await start(dom, own).ready;
    const doc = dom.window.document;
    await vi.waitUntil(() => doc.querySelector('[data-candor-placeholder]'));
    expect(placeholderRoot(doc).querySelector('#m')!.textContent).toBe('GPC is on: Advertising stays off here.');

    const fr = page(html);
    fr.window.document.documentElement.lang = 'fr';
    Object.defineProperty(fr.window.navigator, 'globalPrivacyControl', { value: true, configurable: true });
    await start(fr).ready;
    const root = await vi.waitUntil(() => fr.window.document.querySelector<HTMLElement>('[data-candor-placeholder]')?.shadowRoot);
    expect(root!.querySelector('#m')!.textContent).toBe(
      'Ce contenu est bloqué\u00a0: votre signal Global Privacy Control est respecté et désactive « Publicité ».',
    );

    // Another language's from its chunk (dist/candor-de.js in candor.js).
    const de = page(html);
    de.window.document.documentElement.lang = 'de';
    Object.defineProperty(de.window.navigator, 'globalPrivacyControl', { value: true, configurable: true });
    await start(de, { ...shop, languages: ['en', 'de'] }, { texts: async () => BUILT_IN.de }).ready;
    const deRoot = await vi.waitUntil(() => de.window.document.querySelector<HTMLElement>('[data-candor-placeholder]')?.shadowRoot);
    expect(deRoot!.querySelector('#m')!.textContent).toBe(
      'Dieser Inhalt ist blockiert: Ihr Global-Privacy-Control-Signal wird beachtet und schaltet „Advertising“ aus.',
    );
  });

  it('of a purpose whose AI system the visitor interacts with: say so after why it is blocked, in their language, as what "Allow and load" leads to (docs/compliance.md I36)', async () => {
    const interacting = (kind: string) => ({
      ...shop,
      purposes: shop.purposes.map((p) => (p.id == 'personalization' ? { ...p, ai: { ...p.ai, interaction: kind } } : p)),
    });
    const embeds =
      '<iframe data-purpose="personalization" data-src="https://chat.example/widget" width="320" height="480"></iframe>' +
      '<iframe data-purpose="personalization marketing" data-src="https://chat.example/widget?ads" width="320" height="480"></iframe>' +
      html;
    const draw = async (config: unknown, lang = 'en') => {
      const dom = page(embeds);
      dom.window.document.documentElement.lang = lang;
      await start(dom, config).ready;
      const doc = dom.window.document;
      await vi.waitUntil(() => doc.querySelectorAll('[data-candor-placeholder]').length == 3);
      return Array.from(doc.querySelectorAll<HTMLElement>('[data-candor-placeholder]'), (h) => h.shadowRoot!);
    };
    const [chat, both, ads] = await draw(interacting('chat'));
    expect(chat.querySelector('#m')!.textContent).toBe(
      'This content is blocked because it needs your consent for “Personalised recommendations”. You will chat with an AI system, not a person.',
    );
    expect(chat.querySelector('.allow')!.getAttribute('aria-describedby')).toBe('m');
    // Once for an embed of several purposes, one of them interacting; not at all for an embed of none.
    expect(both.querySelector('#m')!.textContent).toBe(
      'This content is blocked because it needs your consent for “Personalised recommendations, Advertising”. You will chat with an AI system, not a person.',
    );
    expect(ads.querySelector('#m')!.textContent).not.toMatch(/AI system/);
    // In French, from candor-embeds.js's own texts; `voice` speaks.
    const [fr] = await draw(interacting('voice'), 'fr');
    expect(fr.querySelector('#m')!.textContent).toMatch(/ Vous parlerez à un système d’IA, pas à une personne\.$/);
    // An AI purpose the visitor does not interact with (no `interaction`) says nothing of the kind.
    const [plain] = await draw(shop);
    expect(plain.querySelector('#m')!.textContent).toBe('This content is blocked because it needs your consent for “Personalised recommendations”.');
  });

  it("show a title and vendor names with `$` in them as written (no replacement patterns such as $& or $')", async () => {
    const config = {
      ...shop,
      purposes: shop.purposes.map((p) =>
        p.id == 'marketing' ? { ...p, title: { en: "Ads $& $' $$ $1", fr: 'Pub' }, vendors: [{ name: "Pay$'Co" }, { name: 'A$&B' }] } : p,
      ),
    };
    const dom = page(html);
    await start(dom, config).ready;
    const doc = dom.window.document;
    await vi.waitUntil(() => doc.querySelector('[data-candor-placeholder]'));
    const message = placeholderRoot(doc).querySelector('#m')!.textContent;
    expect(message).toContain("needs your consent for “Ads $& $' $$ $1”");
    expect(message).toContain("Pay$'Co, A$&B");

    // Under Global Privacy Control, the sentence that says the signal keeps it off shows the title as written too.
    const gpc = page(html);
    Object.defineProperty(gpc.window.navigator, 'globalPrivacyControl', { value: true, configurable: true });
    await start(gpc, config).ready;
    await vi.waitUntil(() => gpc.window.document.querySelector('[data-candor-placeholder]'));
    expect(placeholderRoot(gpc.window.document).querySelector('#m')!.textContent).toBe(
      "This content is blocked: your Global Privacy Control signal is honored and keeps “Ads $& $' $$ $1” off.",
    );
  });

  /** The shop with recipients on Advertising, one of them also Audience measurement's (Matomo). */
  const withVendors = (names: string[]) => ({
    ...shop,
    purposes: shop.purposes.map((p) => (p.id == 'marketing' ? { ...p, vendors: names.map((name) => ({ name })) } : p)),
  });
  const placeholderRoot = (doc: Document) => (doc.querySelector('[data-candor-placeholder]') as HTMLElement).shadowRoot!;
  /** What the button's aria-describedby points to, read as a screen reader reads a description. */
  const description = (button: Element) => {
    const root = button.getRootNode() as ShadowRoot;
    return button
      .getAttribute('aria-describedby')!
      .split(' ')
      .map((id) => root.getElementById(id)!.textContent)
      .join(' ');
  };

  it('say next to "Allow and load" whom it grants consent to, the purpose\'s recipients, each once (in configuration order), and describe the button with it', async () => {
    const dom = page(
      '<iframe data-purpose="marketing analytics" data-src="https://video.example/embed/1" width="560" height="315" title="Lookbook video"></iframe>',
    );
    await start(dom, withVendors(['Google Ads', 'Matomo'])).ready;
    const root = placeholderRoot(dom.window.document);
    expect(root.textContent).toContain('Recipients if you allow: Matomo, Google Ads.');
    const allow = root.querySelector('button')!;
    // The contract's label stays the button's name; purpose and recipients are its description.
    expect(allow.textContent).toBe('Allow and load');
    expect(allow.hasAttribute('aria-label')).toBe(false);
    expect(description(allow)).toBe(
      'This content is blocked because it needs your consent for “Advertising, Audience measurement”. Recipients if you allow: Matomo, Google Ads.',
    );
  });

  it('name no recipients when the purpose declares none, and the button is described by the purpose alone', async () => {
    const dom = page(html);
    await start(dom).ready;
    const root = placeholderRoot(dom.window.document);
    expect(root.textContent).not.toContain('Recipients');
    expect(description(root.querySelector('button')!)).toBe('This content is blocked because it needs your consent for “Advertising”.');
  });

  it("write recipient names as text, never as markup, in the visitor's language", async () => {
    const dom = page(html);
    dom.window.document.documentElement.lang = 'fr';
    await start(dom, withVendors(['<img src=x onerror="window.pwned=1">', 'Régie & Cie'])).ready;
    const root = placeholderRoot(dom.window.document);
    expect(root.querySelector('img')).toBeNull();
    expect(root.textContent).toContain('Destinataires si vous autorisez\u00a0: <img src=x onerror="window.pwned=1">, Régie & Cie.');
    expect(root.querySelector('button')!.textContent).toBe('Autoriser et charger');
  });

  it('placeholders also come for embeds added later', async () => {
    const dom = page();
    const candor = start(dom);
    await candor.ready;
    const doc = dom.window.document;
    doc.body.insertAdjacentHTML('beforeend', '<img data-purpose="marketing" data-src="/pixel.png" alt="Campaign">');
    await vi.waitFor(() => expect(doc.querySelectorAll('[data-candor-placeholder]')).toHaveLength(1));
  });

  it('come from their own chunk, fetched on the first blocked embed only; the embed stays inert while it loads or if it fails', async () => {
    const calls: { resolve: (m: typeof blockedEmbeds) => void; reject: (e: Error) => void }[] = [];
    const chunk = vi.fn(() => new Promise<typeof blockedEmbeds>((resolve, reject) => calls.push({ resolve, reject })));
    const none = page('<p>No embed here</p>');
    await start(none, shop, { placeholders: chunk }).ready;
    await settle();
    expect(chunk).not.toHaveBeenCalled();

    const dom = page(html);
    const candor = start(dom, shop, { placeholders: chunk });
    await candor.ready;
    const doc = dom.window.document;
    const iframe = doc.querySelector('iframe')!;
    await vi.waitFor(() => expect(chunk).toHaveBeenCalledTimes(1));
    vi.spyOn(console, 'error').mockImplementation(() => {});
    calls[0].reject(new Error('could not load candor-embeds.js'));
    await settle();
    // No placeholder, and nothing loaded: only consent activates the embed.
    expect(doc.querySelector('[data-candor-placeholder]')).toBeNull();
    expect(iframe.getAttribute('src')).toBeNull();
    // The next blocked embed tries again.
    doc.body.insertAdjacentHTML('beforeend', '<img data-purpose="marketing" data-src="/pixel.png" alt="Campaign">');
    await vi.waitFor(() => expect(chunk).toHaveBeenCalledTimes(2));
    candor.set({ marketing: true });
    expect(iframe.getAttribute('src')).toBe('https://video.example/embed/1');
    calls[1].resolve(blockedEmbeds);
    await settle();
    // Activated while the chunk was on its way: no placeholder is drawn for it afterwards.
    expect(doc.querySelector('[data-candor-placeholder]')).toBeNull();
    expect(iframe.hidden).toBe(false);
  });
});

describe('cleanup after a refusal or withdrawal', () => {
  it('deletes the cookies and storage keys refused purposes declare, and nothing else', async () => {
    const dom = page();
    const { document: doc, localStorage, sessionStorage } = dom.window;
    const candor = start(dom);
    await candor.ready;
    candor.acceptAll();
    doc.cookie = '_pk_id.1.abcd=1;Path=/';
    doc.cookie = '_mk_id=2;Path=/;Domain=shop.example';
    doc.cookie = 'cart=3;Path=/';
    localStorage.setItem('matomo_visits', '4');
    sessionStorage.setItem('matomo_session', '5');
    localStorage.setItem('theme', 'dark');
    candor.rejectAll();
    await settle();
    expect(doc.cookie).not.toMatch(/_pk_id|_mk_id/);
    expect(doc.cookie).toMatch(/cart=3/);
    expect(localStorage.getItem('matomo_visits')).toBeNull();
    expect(sessionStorage.getItem('matomo_session')).toBeNull();
    expect(localStorage.getItem('theme')).toBe('dark');
  });

  it('keeps what a granted or required purpose declares too, when a refused one declares it as well', async () => {
    // The catalog lists `_gcl_dc` for two services: refusing one must not break the other, granted; nor a required
    // purpose's cart by a refused purpose's broad pattern.
    const shared = {
      ...shop,
      purposes: shop.purposes.map((p) =>
        p.id == 'marketing'
          ? { ...p, cookies: ['_gcl_*', 'cart'], storageKeys: ['ads_*'] }
          : p.id == 'analytics'
            ? { ...p, cookies: ['_gcl_dc'], storageKeys: ['ads_shared'] }
            : p.id == 'necessary'
              ? { ...p, cookies: ['cart'] }
              : p,
      ),
    };
    const dom = page();
    const { document: doc, localStorage } = dom.window;
    const candor = start(dom, shared);
    await candor.ready;
    candor.acceptAll();
    doc.cookie = '_gcl_dc=1;Path=/';
    doc.cookie = '_gcl_au=2;Path=/';
    doc.cookie = 'cart=3;Path=/';
    localStorage.setItem('ads_shared', '4');
    localStorage.setItem('ads_own', '5');
    candor.set({ marketing: false });
    await vi.waitFor(() => expect(doc.cookie).not.toMatch(/_gcl_au/));
    expect(localStorage.getItem('ads_own')).toBeNull();
    expect(doc.cookie).toMatch(/_gcl_dc=1/);
    expect(doc.cookie).toMatch(/cart=3/);
    expect(localStorage.getItem('ads_shared')).toBe('4');
    // The next page load finds only what the cleanup keeps: it does not load the records chunk for nothing.
    await candor.receipts();
    const next = page('', dom.cookieJar);
    next.window.localStorage.setItem('ads_shared', '4');
    await start(next, shared).ready;
    expect(services).not.toHaveBeenCalled();
    // A cookie of the refused purpose alone is a reason.
    next.window.document.cookie = '_gcl_au=2;Path=/';
    await start(page('', dom.cookieJar), shared).ready;
    expect(services).toHaveBeenCalled();
  });

  it('never deletes what Candor keeps itself, whatever a refused purpose declares (a refusal is remembered like an acceptance)', async () => {
    // A purpose declaring everything (`*`, or a prefix such as `c*`) matched the `candor` cookie and the `candor-*` keys.
    const broad = { ...shop, purposes: shop.purposes.map((p) => (p.id == 'marketing' ? { ...p, cookies: ['*'], storageKeys: ['c*'] } : p)) };
    const first = page();
    const { document: doc, localStorage } = first.window;
    doc.cookie = 'cart=3;Path=/';
    localStorage.setItem('cart', '4');
    const candor = start(first, broad);
    await candor.ready;
    // A decision an earlier page view left waiting for its receipt, and receipts waiting to be sent.
    const left = uuid();
    localStorage.setItem(
      'candor-pending',
      JSON.stringify([{ id: left, time: Date.now(), event: 'given', method: 'api', language: 'en', purposes: {}, gpc: false }]),
    );
    localStorage.setItem('candor-outbox', '1');
    candor.rejectAll();
    await vi.waitFor(() => expect(doc.cookie).not.toMatch(/cart=/));
    expect(localStorage.getItem('cart')).toBeNull();
    expect(doc.cookie).toMatch(/candor=1~/);
    expect(localStorage.getItem('candor-outbox')).toBe('1');
    expect((await candor.receipts()).map((r) => r.id)).toContain(left);
    const next = start(page('', first.cookieJar), broad);
    await next.ready;
    expect(next.get().decided).toBe(true);
  });

  it('runs again on every page load while the refusal stands, loading the records chunk only when something declared is there', async () => {
    const first = page();
    const candor = start(first);
    await candor.ready;
    candor.acceptAll();
    candor.rejectAll();
    await candor.receipts();
    // A tracker still in memory wrote its cookie back after the withdrawal; the next page load removes it.
    first.window.document.cookie = '_pk_id.1.ab=1;Path=/';
    const second = page('', first.cookieJar);
    second.window.sessionStorage.setItem('matomo_s', '1');
    second.window.localStorage.setItem('theme', 'dark');
    await start(second).ready;
    await vi.waitFor(() => expect(second.window.document.cookie).not.toMatch(/_pk_id/));
    expect(second.window.sessionStorage.getItem('matomo_s')).toBeNull();
    expect(second.window.localStorage.getItem('theme')).toBe('dark');
    expect(services).toHaveBeenCalled();
    // Nothing declared left: the next page load does not load the records chunk.
    const third = page('', first.cookieJar);
    // (cleanup is decided synchronously as the stored decision is applied, before `ready` resolves)
    await start(third).ready;
    expect(services).not.toHaveBeenCalled();
  });

  it('reads document.cookie once on a page load, for the stored decision and the cleanup check alike', async () => {
    const first = page();
    const candor = start(first);
    await candor.ready;
    candor.rejectAll();
    await candor.receipts();
    const second = page('', first.cookieJar);
    const doc = second.window.document;
    const cookie = Object.getOwnPropertyDescriptor(second.window.Document.prototype, 'cookie')!;
    let reads = 0;
    Object.defineProperty(doc, 'cookie', {
      get() {
        reads++;
        return cookie.get!.call(doc);
      },
      set(value) {
        cookie.set!.call(doc, value);
      },
      configurable: true,
    });
    const returning = start(second);
    await returning.ready;
    expect(returning.get().decided).toBe(true);
    expect(reads).toBe(1);
  });

  it('after a withdrawal, cleans up again when the page is hidden (trackers write as they leave)', async () => {
    const dom = page();
    const { document: doc } = dom.window;
    const candor = start(dom);
    await candor.ready;
    candor.acceptAll();
    doc.cookie = '_mk_uid=1;Path=/';
    candor.rejectAll();
    await vi.waitFor(() => expect(doc.cookie).not.toMatch(/_mk_uid/));
    doc.cookie = '_mk_uid=2;Path=/';
    Object.defineProperty(doc, 'hidden', { value: true, configurable: true });
    doc.dispatchEvent(new dom.window.Event('visibilitychange'));
    await vi.waitFor(() => expect(doc.cookie).not.toMatch(/_mk_uid/));
  });

  it('listens for the page being hidden only once something granted is withdrawn: a page view without a withdrawal runs none of its code as it is left', async () => {
    const first = page();
    const a = start(first);
    await a.ready;
    a.acceptAll();
    await a.receipts();
    const second = page('', first.cookieJar);
    const added = vi.spyOn(second.window.document, 'addEventListener');
    const hiding = () => added.mock.calls.filter(([type]) => type == 'visibilitychange').length;
    const b = start(second);
    await b.ready;
    expect(b.has('marketing')).toBe(true);
    b.set({ analytics: true });
    expect(hiding()).toBe(0);
    b.set({ marketing: false });
    expect(hiding()).toBe(1);
    b.rejectAll();
    expect(hiding()).toBe(1);
  });
});

describe('tabs', () => {
  it('a decision in one tab applies in the others, running their newly allowed scripts', async () => {
    const gated = '<script type="text/plain" data-purpose="analytics" src="/analytics.js"></script>';
    const tab1 = page(gated);
    const tab2 = page(gated, tab1.cookieJar);
    const a = start(tab1);
    const b = start(tab2);
    await Promise.all([a.ready, b.ready]);
    const onChange = vi.fn();
    b.on('change', onChange);
    a.set({ analytics: true });
    // The other tab hears of it through the BroadcastChannel: wait for that, however long the machine takes.
    await vi.waitUntil(() => b.has('analytics'), { timeout: 5000 });
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(tab2.window.document.querySelector('script')!.getAttribute('type')).toBeNull();
  });

  it('a decision in another tab while this one still loads its config is applied once the config is read', async () => {
    const tab1 = page();
    const tab2 = page('', tab1.cookieJar);
    const a = start(tab1);
    let give!: (config: unknown) => void;
    const b = start(tab2, new Promise((resolve) => (give = resolve)));
    await a.ready;
    a.set({ analytics: true });
    await settle(50);
    give(shop);
    const state = await b.ready;
    expect(state.decided).toBe(true);
    expect(b.has('analytics')).toBe(true);
    expect(b.has('marketing')).toBe(false);
  });
});

describe('the validated-config cache', () => {
  it('does not load the validator again for a config text that validated before', async () => {
    const text = JSON.stringify(shop);
    const first = page();
    await start(first, text).ready;
    expect(validator).toHaveBeenCalledTimes(1);
    const second = page('', first.cookieJar);
    // Same origin, same localStorage.
    second.window.localStorage.setItem('candor-config', first.window.localStorage.getItem('candor-config')!);
    const candor = start(second, text);
    expect((await candor.ready).error).toBeUndefined();
    expect(validator).not.toHaveBeenCalled();
  });

  it('validates again when the text changes, and an invalid change grants nothing', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const dom = page();
    await start(dom, JSON.stringify(shop)).ready;
    const candor = start(dom, JSON.stringify({ ...shop, policyUrl: 'http://insecure.example' }));
    const state = await candor.ready;
    expect(validator).toHaveBeenCalled();
    expect(state.error![0].path).toBe('policyUrl');
  });

  it('fails closed when the validator cannot be loaded', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const candor = start(page(), JSON.stringify(shop), { check: () => Promise.reject(new Error('could not load candor-check.js')) });
    const state = await candor.ready;
    expect(state.error![0].message).toMatch(/could not be validated/);
    expect(candor.has('necessary')).toBe(false);
  });
});

describe('a config stamped by `candor validate --stamp`', () => {
  const stamped = (value: any, salt: string) => JSON.stringify({ ...value, $validated: stampOf(value, salt) }, null, 2);

  it('is used without loading the validator, even on a first visit', async () => {
    const candor = start(page(), stamped(shop, 'build-1'), { salt: 'build-1' });
    const state = await candor.ready;
    expect(state.error).toBeUndefined();
    expect(validator).not.toHaveBeenCalled();
    expect(Object.keys(state.purposes)).toEqual(shop.purposes.map((p) => p.id));
  });

  it('is validated when the file changed after stamping, or the stamp is from another build', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const edited = JSON.parse(stamped(shop, 'build-1'));
    edited.policyUrl = 'http://insecure.example';
    const state = await start(page(), JSON.stringify(edited), { salt: 'build-1' }).ready;
    expect(validator).toHaveBeenCalled();
    expect(state.error![0].path).toBe('policyUrl');

    const other = start(page(), stamped(shop, 'build-1'), { salt: 'build-2' });
    expect((await other.ready).error).toBeUndefined();
    expect(validator).toHaveBeenCalled();
  });
});

describe('a decision whose records chunk never arrived', () => {
  it('is kept by the next page view, once', async () => {
    const first = page();
    const candor = start(first, shop, { services: () => new Promise(() => {}) });
    await candor.ready;
    candor.acceptAll();
    expect(JSON.parse(first.window.localStorage.getItem('candor-pending')!)).toHaveLength(1);

    const second = page('', first.cookieJar);
    second.window.localStorage.setItem('candor-pending', first.window.localStorage.getItem('candor-pending')!);
    const next = start(second);
    await next.ready;
    next.rejectAll();
    // Both receipts are kept in the background: wait until they are there, then check their order.
    await vi.waitUntil(async () => (await next.receipts()).length == 2, { timeout: 5000 });
    const kept = await next.receipts();
    expect(kept.map((r) => r.event)).toEqual(['withdrawn', 'given']);
    expect(second.window.localStorage.getItem('candor-pending')).toBeNull();
  });
});

describe('Services.keep', () => {
  const decided = (time: number) => ({
    id: uuid(),
    time,
    event: 'given' as const,
    method: 'accept-all' as const,
    language: 'en',
    purposes: { analytics: true },
    gpc: false,
  });

  it('keeps the decision in hand when localStorage cannot hold it', async () => {
    const dom = page();
    Object.defineProperty(dom.window, 'localStorage', {
      get: () => {
        throw new Error('blocked');
      },
    });
    const services = createServices(createRecordStore(uuid, () => createStore(`candor-keep-${db}`, 'records')));
    await services.keep(dom.window as any, resolveConfig(shop as any), decided(1));
    expect((await services.receipts()).map((r) => r.event)).toEqual(['given']);
  });

  it('keeps each waiting decision once, whichever call finds it first', async () => {
    const dom = page();
    const storage = dom.window.localStorage;
    storage.setItem('candor-pending', JSON.stringify([decided(1), decided(2)]));
    const services = createServices(createRecordStore(uuid, () => createStore(`candor-keep2-${db}`, 'records')));
    const config = resolveConfig(shop as any);
    await Promise.all([services.keep(dom.window as any, config), services.keep(dom.window as any, config)]);
    expect((await services.receipts()).map((r) => r.time)).toEqual(['1970-01-01T00:00:00.002Z', '1970-01-01T00:00:00.001Z']);
    expect(storage.getItem('candor-pending')).toBeNull();
  });
});

describe('receipts.endpoint', () => {
  it('POSTs each decision’s receipt, and a later page view sends what the server refused before', async () => {
    const dom = page();
    const bodies: string[] = [];
    let up = false;
    (dom.window as any).fetch = vi.fn(async (_url: string, init: RequestInit) => {
      if (!up) return new Response(null, { status: 503 });
      bodies.push(init.body as string);
      return new Response(null, { status: 201 });
    });
    const config = { ...shop, receipts: { endpoint: '/consent-receipts' } };
    const candor = start(dom, config);
    await candor.ready;
    candor.acceptAll();
    await candor.receipts();
    await vi.waitFor(() => expect((dom.window as any).fetch).toHaveBeenCalledWith('/consent-receipts', expect.objectContaining({ method: 'POST' })));
    expect(dom.window.localStorage.getItem('candor-outbox')).toBe('1');
    // Next page view, server back up (the outbox waits 30 s before a retry).
    up = true;
    const later = page('', dom.cookieJar);
    (later.window as any).fetch = (dom.window as any).fetch;
    later.window.localStorage.setItem('candor-outbox', '1');
    const realNow = Date.now;
    vi.spyOn(Date, 'now').mockImplementation(() => realNow() + 60e3);
    await start(later, config).ready;
    await vi.waitFor(() => expect(bodies).toHaveLength(1));
    expect(JSON.parse(bodies[0])).toMatchObject({ event: 'given', method: 'api' });
  });
});

describe('tabs without BroadcastChannel', () => {
  it('keep a decision made with cookies blocked for the page view (the cookie polling does not undo it)', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'setTimeout'] });
    const dom = new JSDOM('<!doctype html><html lang="en"><body></body></html>', { url: 'https://www.shop.example/' });
    pages.push(dom);
    Object.defineProperty(dom.window.document, 'cookie', { get: () => '', set: () => {} });
    const candor = start(dom);
    await vi.advanceTimersByTimeAsync(0);
    await candor.ready;
    candor.acceptAll();
    await vi.advanceTimersByTimeAsync(3000);
    expect(candor.has('analytics')).toBe(true);
    vi.useRealTimers();
  });
});
