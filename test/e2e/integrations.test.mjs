// Integrations in a real browser (issue #5; docs/contract.md §2, §3, §7, §8; docs/compliance.md D16–D17, F24–F25, H31):
// Google Consent Mode order and updates, Global Privacy Control, cleanup on withdrawal (paths, parent
// domain, both storages), embed placeholders, late elements and a double include, cross-tab sync, and the
// attributes activated scripts keep. Pages: test/e2e/pages/int-*, config int-consent.json.
//
// Tests marked `todo` describe behaviour the product does not have yet (each names the bug); node:test
// reports them without failing the run, and they pass by themselves once the bug is fixed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  PAGES,
  TEXT,
  axe,
  assertNoBanner,
  banner,
  button,
  customize,
  describeViolations,
  dialog,
  floatingButton,
  openPage,
  ready,
  settle,
  state,
  switchFor,
  waitBanner,
  waitNoBanner,
} from './harness.mjs';

const T = TEXT.en;
const opts = { timeout: 30_000 };

/** Consent Mode v2's default before any decision: every type denied but security storage (docs/compliance.md F24). */
const DENIED = {
  ad_storage: 'denied',
  ad_user_data: 'denied',
  ad_personalization: 'denied',
  analytics_storage: 'denied',
  functionality_storage: 'denied',
  personalization_storage: 'denied',
  security_storage: 'granted',
};
/** The types int-consent.json maps, by the purposes they need (functionality_storage needs two). */
const update = ({ analytics = false, personalization = false, marketing = false }) => {
  const g = (on) => (on ? 'granted' : 'denied');
  return {
    analytics_storage: g(analytics),
    ad_storage: g(marketing),
    ad_user_data: g(marketing),
    ad_personalization: g(marketing),
    personalization_storage: g(personalization),
    functionality_storage: g(analytics && personalization),
  };
};

/** `dataLayer` as plain arrays (gtag commands are Arguments objects, events plain objects). */
const layer = (page) =>
  page.evaluate(() => JSON.parse(JSON.stringify(Array.from(window.dataLayer || [], (e) => Array.from(e.length != null ? e : [e])))));
/** What the Google tag stub saw in dataLayer when it ran (right after candor.js). */
const atTagLoad = (page) => page.evaluate(() => JSON.parse(window.gcmAtLoad));
/** Every push the Google tag stub saw after it replaced dataLayer.push (as gtag.js and GTM do). */
const tagSeen = (page) => page.evaluate(() => window.tagSeen.map((s) => JSON.parse(s)));
const consentCommands = (entries, kind) => entries.filter((e) => e[0] === 'consent' && e[1] === kind);
const lastUpdate = (entries) => consentCommands(entries, 'update').at(-1);

/** Poll `fn` (in Node) until it returns a truthy value, or fail with `message` and the last value. */
async function eventually(fn, message, timeout = 3000) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    last = await fn();
    if (last) return last;
    if (Date.now() > end) assert.fail(`${message} (after ${timeout} ms; last value: ${JSON.stringify(last)})`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Poll `fn` until it holds or `timeout` passes, silently: the assertion that follows says what is wrong. */
const until = (fn, timeout = 3000) => eventually(fn, '', timeout).catch(() => {});

const ran = (page) => page.evaluate(() => (window.ran || []).slice());
const events = (page) => page.evaluate(() => window.events.slice());
const receipts = (page) => page.evaluate(() => window.candor.receipts());

/** Accept all from the banner. */
async function acceptAll(page) {
  await button(await waitBanner(page), T.acceptAll).click();
  await waitNoBanner(page);
}

/**
 * Activate a control with the keyboard. Used in a preference center reopened right after a decision, where
 * the "saved" message once covered its buttons (see the mouse test below).
 */
async function press(locator) {
  await locator.focus();
  await locator.page().keyboard.press('Enter');
}

/** Open the preference center from the floating button and return the dialog. */
async function reopen(page) {
  await floatingButton(page).click();
  const d = dialog(page);
  await d.waitFor({ state: 'visible' });
  return d;
}

// ---------------------------------------------------------------------------------------------------------
// Google Consent Mode v2 (docs/compliance.md F24)

for (const [path, gtagBefore] of [
  ['/int-gcm.html', false],
  ['/int-gcm-gtag.html', true],
]) {
  test(
    `Consent Mode: the denied default is the first thing the Google tag finds, each decision updates it (gtag ${gtagBefore ? 'defined' : 'not defined'} before candor.js)`,
    opts,
    async (t) => {
      const { page, go, log } = await openPage(t);
      await go(path);
      await waitBanner(page);

      const first = await atTagLoad(page);
      assert.ok(first.length >= 1, 'dataLayer is not empty when the Google tag runs');
      const [cmd, kind, defaults] = first[0];
      assert.deepEqual([cmd, kind], ['consent', 'default'], `first entry seen by the tag: ${JSON.stringify(first[0])}`);
      const { wait_for_update: wait, ...types } = defaults;
      assert.deepEqual(types, DENIED, 'every type denied, security_storage granted');
      assert.ok(typeof wait === 'number' && wait > 0, `wait_for_update is a positive number of ms, got ${wait}`);
      assert.deepEqual(first.slice(1), [['set', 'ads_data_redaction', true]], 'nothing else before a decision but ads_data_redaction');
      assert.equal(consentCommands(await layer(page), 'default').length, 1, 'one default only');
      assert.equal(consentCommands(await layer(page), 'update').length, 0, 'no update before a decision');
      assert.equal(await page.evaluate(() => window.gcmHadGtag), gtagBefore);
      if (gtagBefore) assert.equal(await page.evaluate(() => window.gtag === window.pageGtag), true, "the page's own gtag is kept");
      else assert.equal(await page.evaluate(() => typeof window.gtag), 'function', 'the tag defined gtag');

      // Customize → analytics only → Save: mapped through googleConsentMode; a type needs all its purposes.
      const d = await customize(page);
      await switchFor(d, 'analytics').click();
      await button(d, T.save).click();
      await d.waitFor({ state: 'hidden' });
      let seen = await eventually(async () => {
        const s = await tagSeen(page);
        return s.length >= 3 && s;
      }, 'the tag sees the update through its own dataLayer.push');
      assert.deepEqual(seen.slice(0, 2), [
        ['consent', 'update', update({ analytics: true })],
        ['set', 'ads_data_redaction', true],
      ]);
      assert.deepEqual(
        seen[2],
        [
          {
            event: 'candor_consent_update',
            candor: { necessary: true, analytics: true, personalization: false, marketing: false, 'health-offers': false },
          },
        ],
        'a candor_consent_update event for tag manager triggers, with the purposes',
      );

      // Accept all from the floating button: every mapped type granted, redaction off.
      let b = await reopen(page);
      await press(button(b, T.acceptAll));
      await b.waitFor({ state: 'hidden' });
      seen = await eventually(async () => {
        const s = await tagSeen(page);
        return s.length >= 6 && s;
      }, 'a second update');
      assert.deepEqual(seen.slice(3, 5), [
        ['consent', 'update', update({ analytics: true, personalization: true, marketing: true })],
        ['set', 'ads_data_redaction', false],
      ]);
      assert.equal(seen[5][0].event, 'candor_consent_update');
      assert.equal(seen[5][0].candor.marketing, true);

      // Reject all: back to denied.
      b = await reopen(page);
      await press(button(b, T.rejectAll));
      await b.waitFor({ state: 'hidden' });
      seen = await eventually(async () => {
        const s = await tagSeen(page);
        return s.length >= 9 && s;
      }, 'a third update');
      assert.deepEqual(seen.slice(6, 8), [
        ['consent', 'update', update({})],
        ['set', 'ads_data_redaction', true],
      ]);

      // The whole dataLayer: still exactly one default, first; the page's gtag keeps working after Candor's pushes.
      await page.evaluate(() => window.gtag('event', 'page_view'));
      const all = await layer(page);
      assert.deepEqual(all[0].slice(0, 2), ['consent', 'default']);
      assert.equal(consentCommands(all, 'default').length, 1);
      assert.deepEqual(all.at(-1), ['event', 'page_view']);
      assert.deepEqual(log.pageErrors, []);
    },
  );
}

test('Consent Mode: a returning visitor gets the default first, then an update with the stored choice and the event', opts, async (t) => {
  const { page, go, reload, log } = await openPage(t);
  await go('/int-gcm.html');
  await acceptAll(page);
  await reload();
  await assertNoBanner(page);
  const first = await atTagLoad(page);
  assert.deepEqual(first[0].slice(0, 2), ['consent', 'default'], 'still denied by default while the config loads');
  const entries = await layer(page);
  assert.equal(consentCommands(entries, 'default').length, 1);
  assert.deepEqual(lastUpdate(entries), ['consent', 'update', update({ analytics: true, personalization: true, marketing: true })]);
  assert.ok(entries.indexOf(lastUpdate(entries)) > 0, 'the update comes after the default');
  assert.ok(
    entries.some((e) => e[0] && e[0].event === 'candor_consent_update'),
    'candor_consent_update on every page view with a choice',
  );
  assert.deepEqual(log.pageErrors, []);
});

test('Consent Mode: with an inline config, a returning visitor’s update is in dataLayer before the Google tag runs', opts, async (t) => {
  const { page, go, reload, log } = await openPage(t);
  await go('/int-gcm-inline.html');
  await acceptAll(page);
  await reload();
  await assertNoBanner(page);
  const first = await atTagLoad(page);
  assert.deepEqual(first.slice(0, 2), [
    ['consent', 'default', { ...DENIED, wait_for_update: first[0][2].wait_for_update }],
    ['set', 'ads_data_redaction', true],
  ]);
  assert.deepEqual(
    first[2],
    ['consent', 'update', { analytics_storage: 'granted', ad_storage: 'granted', ad_user_data: 'granted', ad_personalization: 'granted' }],
    'docs/contract.md §2: with the config inline, the decision is made while candor.js runs',
  );
  assert.deepEqual(log.pageErrors, []);
});

test('inline config in <head>, returning visitor: the stored consent applies, no internal error', {
  ...opts,
}, async (t) => {
  const { page, go, reload, log } = await openPage(t);
  await go('/int-gcm-inline.html');
  await acceptAll(page);
  await reload();
  const s = await state(page);
  assert.equal(s.decided, true, 'the stored decision applies');
  assert.equal(s.purposes.analytics, true);
  await floatingButton(page).waitFor({ state: 'visible' });
  assert.deepEqual(log.consoleErrors, []);
});

test('Consent Mode: withdrawal by candor.reset() updates every mapped type to denied (docs/compliance.md D17)', {
  ...opts,
}, async (t) => {
  const { page, go } = await openPage(t);
  await go('/int-gcm.html');
  await acceptAll(page);
  await eventually(async () => (await tagSeen(page)).length >= 3, 'the Accept all update');
  await page.evaluate(() => window.candor.reset());
  await waitBanner(page);
  const entries = await layer(page);
  assert.deepEqual(lastUpdate(entries), ['consent', 'update', update({})], 'after reset(), Consent Mode is denied again');
});

test('Consent Mode: "Allow and load" on an embed updates Consent Mode for the purpose it grants', {
  ...opts,
}, async (t) => {
  const { page, go } = await openPage(t);
  await go('/int-embeds.html');
  await waitBanner(page);
  await page.locator('main > [data-candor-placeholder]').first().getByRole('button', { name: 'Allow and load', exact: true }).click();
  await page.waitForFunction(() => window.candor.has('marketing'));
  const entries = await layer(page);
  assert.deepEqual(lastUpdate(entries), ['consent', 'update', update({ marketing: true })]);
});

// ---------------------------------------------------------------------------------------------------------
// Global Privacy Control (docs/compliance.md F25)

/** `navigator.globalPrivacyControl === true` on every document of the context. */
const GPC_ALWAYS = () => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true, configurable: true });
/** The signal only on URLs with `?gpc=1`: one context (same cookies, same IndexedDB) with and without it. */
const GPC_WHEN_ASKED = () => {
  if (/[?&]gpc=1(&|$)/.test(location.search))
    Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true, configurable: true });
};

test('GPC: Accept all does not grant the gpc purposes; the preference center says the signal is honored; receipts record it', opts, async (t) => {
  const { page, go, context, log } = await openPage(t, { init: [GPC_ALWAYS] });
  await go('/int-shop/');
  assert.equal(await page.evaluate(() => navigator.globalPrivacyControl), true);
  assert.equal((await state(page)).gpc, true, 'state.gpc');
  await acceptAll(page);
  await page.waitForFunction(() => window.ran.includes('track'));
  await settle(page);
  assert.equal(await page.evaluate(() => window.candor.has('analytics')), true);
  assert.equal(await page.evaluate(() => window.candor.has('marketing')), false, 'marketing (listed in gpc) stays off after Accept all');
  assert.deepEqual(await ran(page), ['track'], 'the marketing script did not run');
  assert.ok(!(await context.cookies()).some((c) => c.name.startsWith('_mk_')), 'no marketing cookie');
  const [receipt] = await receipts(page);
  assert.equal(receipt.method, 'accept-all');
  assert.equal(receipt.gpc, true, 'the receipt records the signal');
  assert.equal(receipt.purposes.marketing, false);
  assert.deepEqual(lastUpdate(await layer(page)), ['consent', 'update', update({ analytics: true, personalization: true })], 'ad_* stay denied');

  const d = await reopen(page);
  await d.getByText('Your Global Privacy Control signal is honored', { exact: true }).waitFor({ state: 'visible' });
  const sw = switchFor(d, 'marketing');
  assert.equal(await sw.getAttribute('aria-checked'), 'false', 'the marketing switch shows off');
  assert.ok((await sw.isDisabled()) || (await sw.getAttribute('aria-disabled')) === 'true', 'and cannot be turned on');
  await press(button(d, T.acceptAll));
  await d.waitFor({ state: 'hidden' });
  await settle(page);
  assert.equal(await page.evaluate(() => window.candor.has('marketing')), false, 'Accept all in the preference center does not grant it either');
  assert.deepEqual(log.pageErrors, []);
});

test('GPC: denies over an earlier grant, and a later visit without the signal does not grant by itself', opts, async (t) => {
  const { page, go, log } = await openPage(t, { init: [GPC_WHEN_ASKED] });
  // Visit 1, no signal: Accept all grants marketing.
  await go('/int-shop/');
  assert.equal(await page.evaluate(() => navigator.globalPrivacyControl), undefined);
  await acceptAll(page);
  await page.waitForFunction(() => window.ran.includes('ads'));
  assert.equal(await page.evaluate(() => window.candor.has('marketing')), true);

  // Visit 2, with the signal: marketing is off although the cookie says granted.
  await go('/int-shop/?gpc=1');
  assert.equal(await page.evaluate(() => navigator.globalPrivacyControl), true);
  await assertNoBanner(page);
  const s = await state(page);
  assert.equal(s.gpc, true);
  assert.equal(s.purposes.marketing, false, 'GPC wins over the earlier grant');
  assert.equal(s.purposes.analytics, true, 'other purposes keep their choice');
  await page.waitForFunction(() => window.ran.includes('track'));
  await settle(page);
  assert.deepEqual(await ran(page), ['track'], 'the marketing script does not run');
  const [receipt] = await receipts(page);
  assert.deepEqual(
    { method: receipt.method, gpc: receipt.gpc, marketing: receipt.purposes.marketing },
    { method: 'gpc', gpc: true, marketing: false },
    'the change GPC made is recorded',
  );
  assert.equal(lastUpdate(await layer(page))[2].ad_storage, 'denied', 'Consent Mode says denied');
  const d = await reopen(page);
  await d.getByText('Your Global Privacy Control signal is honored', { exact: true }).waitFor({ state: 'visible' });
  await page.keyboard.press('Escape');
  await d.waitFor({ state: 'hidden' });

  // Visit 3, no signal again: GPC never implies consent, and the refusal it caused stays.
  await go('/int-shop/');
  assert.equal(await page.evaluate(() => navigator.globalPrivacyControl), undefined);
  await assertNoBanner(page);
  const later = await state(page);
  assert.equal(later.gpc, false);
  assert.equal(later.purposes.marketing, false, 'marketing is not granted again by the absence of the signal');
  await page.waitForFunction(() => window.ran.includes('track'));
  await settle(page);
  assert.deepEqual(await ran(page), ['track']);
  const again = await reopen(page);
  assert.equal(await again.getByText('Your Global Privacy Control signal is honored').count(), 0, 'no GPC note without the signal');
  assert.equal(await switchFor(again, 'marketing').getAttribute('aria-checked'), 'false');
  assert.deepEqual(log.pageErrors, []);
});

test(
  'GPC: an embed of a purpose the signal keeps off says so and offers only the preference center; another still asks for consent',
  opts,
  async (t) => {
    const { page, go, log } = await openPage(t, { init: [GPC_ALWAYS] });
    await go('/int-embeds.html');
    const video = page.locator('[data-candor-placeholder]:has(+ #video)').getByRole('group', { name: 'Advertising', exact: true });
    await video.getByRole('button', { name: T.floatingButton, exact: true }).waitFor();
    assert.equal(
      await video.innerText().then((s) => s.replace(/\s+/g, ' ')),
      `Advertising This content is blocked: your Global Privacy Control signal is honored and keeps “Advertising” off. ${T.floatingButton}`,
      'says the signal keeps the purpose off, not that consent would load it',
    );
    assert.equal(await video.getByRole('button').count(), 1, 'no "Allow and load"');
    const reco = page.locator('[data-candor-placeholder]:has(+ #reco)').getByRole('group');
    await reco.getByRole('button', { name: 'Allow and load', exact: true }).waitFor();
    assert.match(await reco.textContent(), /needs your consent for “Personalised recommendations”/, 'a purpose the signal leaves alone');
    assert.equal(await page.locator('#video').getAttribute('src'), null);
    assert.deepEqual(log.pageErrors, []);
  },
);

test('GPC over an earlier grant also deletes the cookies that purpose declares', {
  ...opts,
}, async (t) => {
  const { page, go, context } = await openPage(t, { init: [GPC_WHEN_ASKED] });
  await go('/int-shop/');
  await acceptAll(page);
  await page.waitForFunction(() => window.ran.includes('ads'));
  assert.ok((await context.cookies()).some((c) => c.name === '_mk_uid'));
  await go('/int-shop/?gpc=1');
  await eventually(async () => !(await context.cookies()).some((c) => c.name === '_mk_uid'), '_mk_uid deleted once GPC refuses marketing');
});

// ---------------------------------------------------------------------------------------------------------
// Cleanup on withdrawal (docs/contract.md §7, docs/compliance.md A2, D17)

/** Cookies of the context, as `name path domain` (sorted), without Candor's own. */
const cookieList = async (context) =>
  (await context.cookies())
    .filter((c) => c.name !== 'candor')
    .map((c) => `${c.name} ${c.path} ${c.domain}`)
    .sort();
const storageKeys = (page) =>
  page.evaluate(() => ({
    local: Object.keys(localStorage)
      .filter((k) => /^(matomo_|ads_|keep_)/.test(k))
      .sort(),
    session: Object.keys(sessionStorage)
      .filter((k) => /^(matomo_|ads_|keep_)/.test(k))
      .sort(),
  }));

test(
  'cleanup: withdrawing deletes declared cookies (Path=/, the page path, its directory, the parent domain) and keys, keeps the rest, offers a reload',
  opts,
  async (t) => {
    const { page, context, server, log } = await openPage(t);
    // A subdomain of *.localhost (Chromium resolves it to the loopback address), so there is a parent domain.
    const host = 'www.shop.localhost';
    const url = server.url('/int-shop/').replace('127.0.0.1', host);
    const everything = [
      '_mk_parent / .shop.localhost',
      `_mk_uid / ${host}`,
      `_pk_id.root / ${host}`,
      `_pk_ses.dir /int-shop ${host}`,
      `_pk_ses.page /int-shop/ ${host}`,
      `keep_cookie / ${host}`,
    ].sort();
    const keptCookies = [`keep_cookie / ${host}`];
    const keptKeys = { local: ['keep_local'], session: ['keep_session'] };
    const traces = async (where) => {
      await page.waitForFunction(() => window.ran.includes('track') && window.ran.includes('ads'));
      await settle(page);
      assert.deepEqual(await cookieList(context), everything, `the gated scripts set their cookies ${where} (test setup)`);
      assert.deepEqual(await storageKeys(page), {
        local: ['keep_local', 'matomo_visitor'],
        session: ['ads_session', 'keep_session', 'matomo_session'],
      });
    };
    const cleaned = async (where) => {
      await until(async () => (await cookieList(context)).length === keptCookies.length);
      assert.deepEqual(await cookieList(context), keptCookies, `declared cookies deleted, the undeclared one kept, ${where}`);
      assert.deepEqual(await storageKeys(page), keptKeys, `declared keys deleted from both storages, others kept, ${where}`);
    };
    const offer = page.getByRole('button', { name: T.reloadOffer, exact: true });

    await page.goto(url);
    await ready(page);
    await acceptAll(page);
    await traces('after Accept all');

    // 1. candor.reset(): forget the decision, clean up, ask again, offer a reload.
    await page.evaluate(() => window.candor.reset());
    await cleaned('after reset()');
    await waitBanner(page);
    await offer.waitFor({ state: 'visible' });
    assert.equal((await receipts(page))[0].event, 'withdrawn');

    // 2. Next page view (each gated script runs once per page view): grant again, then floating button →
    //    Reject all (two activations, docs/compliance.md D16).
    await page.reload();
    await ready(page);
    await acceptAll(page);
    await traces('after a new Accept all');
    const d = await reopen(page);
    await press(button(d, T.rejectAll));
    await d.waitFor({ state: 'hidden' });
    await cleaned('after Reject all in the preference center');
    await offer.waitFor({ state: 'visible' });
    assert.equal((await receipts(page))[0].event, 'withdrawn');

    // The offer reloads the page; nothing optional runs on the new page view.
    await Promise.all([page.waitForEvent('load'), offer.click()]);
    await ready(page);
    await assertNoBanner(page);
    await settle(page);
    assert.deepEqual(await ran(page), [], 'nothing ran after reloading');

    // 3. On a page view where the interface was never loaded: a grant and a refusal by the API clean up too.
    await page.evaluate(() => window.candor.acceptAll());
    await traces('after acceptAll()');
    await page.evaluate(() => window.candor.rejectAll());
    await cleaned('after rejectAll()');
    assert.deepEqual(log.pageErrors, []);
  },
);

test('withdrawal by candor.reset() on a page view where the interface was not loaded yet offers a reload (docs/compliance.md D17)', {
  ...opts,
}, async (t) => {
  const { page, go, reload } = await openPage(t);
  await go('/int-shop/');
  await acceptAll(page);
  await reload(); // a returning visitor: candor-ui.js is not loaded
  await page.waitForFunction(() => window.ran.includes('track'));
  await page.evaluate(() => window.candor.reset());
  await waitBanner(page);
  await page.getByRole('button', { name: T.reloadOffer, exact: true }).waitFor({ state: 'visible', timeout: 2000 });
});

// ---------------------------------------------------------------------------------------------------------
// Embeds (docs/contract.md §3)

/** The placeholder standing for `#id`: Candor puts it right before the element. */
/** The gated embeds of int-embeds.html. */
const EMBEDS = ['video', 'pixel', 'fluid', 'reco'];
const placeholderOf = (page, id) => page.locator(`[data-candor-placeholder]:has(+ #${id})`);
/** The border box of an element, in page coordinates (the page may scroll between two measures). */
const rect = (locator) =>
  locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { x: Math.round(r.x + scrollX), y: Math.round(r.y + scrollY), width: Math.round(r.width), height: Math.round(r.height) };
  });

test('embeds: no src before consent; a same-size, accessible placeholder names the purpose and explains why', opts, async (t) => {
  const { page, go, log } = await openPage(t);
  await go('/int-embeds.html');
  await waitBanner(page);
  await settle(page);

  for (const id of EMBEDS) {
    assert.equal(await page.locator(`#${id}`).getAttribute('src'), null, `#${id} has no src before consent`);
    assert.equal(await page.locator(`#${id}`).isVisible(), false, `#${id} is hidden behind its placeholder`);
  }
  assert.ok(!log.requests.some((p) => p === '/int-frame.html' || p === '/int-pixel.svg'), `nothing embedded was requested: ${log.requests}`);
  assert.equal(await page.locator('main > [data-candor-placeholder]').count(), EMBEDS.length, 'one placeholder per gated embed');

  // The size each frame would have on its own: a clone that is not gated, measured, then removed. (An image
  // without a source is laid out as its alt text, so for #pixel the width/height attributes are the truth.)
  const natural = await page.evaluate(
    (ids) =>
      Object.fromEntries(
        ids.map((id) => {
          const el = document.getElementById(id);
          const ref = el.cloneNode();
          for (const a of ['id', 'data-purpose', 'data-src', 'hidden']) ref.removeAttribute(a);
          el.after(ref);
          const r = ref.getBoundingClientRect();
          ref.remove();
          return [id, [Math.round(r.width), Math.round(r.height)]];
        }),
      ),
    EMBEDS.filter((id) => id !== 'pixel'),
  );
  natural.pixel = [300, 200];
  assert.deepEqual(natural.video, [404, 229], 'test setup: 400 × 225 plus the 2 px iframe border');
  assert.notDeepEqual(natural.fluid, [564, 319], 'test setup: page CSS, not the attributes, sizes #fluid');
  for (const id of EMBEDS) {
    const box = await rect(placeholderOf(page, id));
    assert.deepEqual([box.width, box.height], natural[id], `the placeholder of #${id} has the element's size`);
  }

  const video = placeholderOf(page, 'video');
  const group = video.getByRole('group', { name: 'Advertising', exact: true });
  await group.waitFor();
  assert.match(await group.innerText(), /Advertising/, 'names the purpose');
  assert.match(await group.innerText(), /blocked because it needs your consent for “Advertising”/, 'explains why');
  await group.getByRole('button', { name: 'Allow and load', exact: true }).waitFor();
  await group.getByRole('button', { name: T.floatingButton, exact: true }).waitFor();
  assert.match(await placeholderOf(page, 'reco').getByRole('group').textContent(), /needs your consent for “Personalised recommendations”/);

  const violations = await axe(page, '[data-candor-placeholder]');
  assert.equal(violations.length, 0, `axe on the placeholders:\n${describeViolations(violations)}`);

  // Keyboard: both controls are reachable and the link opens the preference center, focus comes back.
  const settings = group.getByRole('button', { name: T.floatingButton, exact: true });
  await settings.focus();
  await page.keyboard.press('Enter');
  const d = dialog(page);
  await d.waitFor({ state: 'visible' });
  assert.equal((await state(page)).decided, false, 'opening the preference center decides nothing');
  await page.keyboard.press('Escape');
  await d.waitFor({ state: 'hidden' });
  const back = await page.evaluate(() => {
    let a = document.activeElement;
    const host = a;
    while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
    return { host: host?.hasAttribute('data-candor-placeholder') && host.nextElementSibling.id, text: a?.textContent };
  });
  assert.deepEqual(back, { host: 'video', text: T.floatingButton }, 'focus returns to the placeholder link');
  assert.deepEqual(log.pageErrors, []);
});

test('embeds: "Allow and load" grants that purpose only, loads its embeds in place, and leaves a placeholder receipt', opts, async (t) => {
  const { page, go, reload, log } = await openPage(t);
  await go('/int-embeds.html');
  await waitBanner(page);
  const before = {};
  for (const id of EMBEDS) before[id] = await rect(placeholderOf(page, id));
  await placeholderOf(page, 'video').getByRole('button', { name: 'Allow and load', exact: true }).click();

  await page.waitForFunction(() => (document.getElementById('video').getAttribute('src') || '') === '/int-frame.html');
  const s = await state(page);
  assert.deepEqual(
    {
      analytics: s.purposes.analytics,
      personalization: s.purposes.personalization,
      marketing: s.purposes.marketing,
      health: s.purposes['health-offers'],
    },
    { analytics: false, personalization: false, marketing: true, health: false },
    'only the purpose of the embed is granted',
  );
  await page.frameLocator('#video').getByText('Embedded content').waitFor();
  assert.deepEqual(await rect(page.locator('#video')), before.video, 'the iframe appears where its placeholder was, at the same size');
  await page.waitForFunction(() => {
    const img = document.getElementById('pixel');
    return img.getAttribute('src') === '/int-pixel.svg' && img.complete && img.naturalWidth > 0;
  });
  for (const id of ['pixel', 'fluid']) {
    assert.deepEqual(await rect(page.locator(`#${id}`)), before[id], `#${id} loaded in the place and size of its placeholder`);
  }
  assert.equal(await placeholderOf(page, 'video').count(), 0, 'placeholder removed');
  assert.equal(await placeholderOf(page, 'pixel').count(), 0, 'the other marketing embeds load too');
  assert.equal(await placeholderOf(page, 'fluid').count(), 0);
  assert.equal(await placeholderOf(page, 'reco').count(), 1, 'the personalization embed still waits');
  assert.equal(await page.locator('#reco').getAttribute('src'), null);

  const [receipt] = await receipts(page);
  assert.equal(receipt.method, 'placeholder');
  assert.equal(receipt.purposes.marketing, true);
  assert.equal(receipt.purposes.analytics, false);

  await reload();
  await page.waitForFunction(() => document.getElementById('video').getAttribute('src') === '/int-frame.html');
  // The placeholder code is a chunk (candor-embeds.js): wait for the placeholder it draws.
  await placeholderOf(page, 'reco').waitFor();
  assert.equal(await placeholderOf(page, 'video').count(), 0, 'no placeholder on the next page view');
  assert.equal(await placeholderOf(page, 'reco').count(), 1);
  assert.deepEqual(log.pageErrors, []);
});

// ---------------------------------------------------------------------------------------------------------
// Single-page apps and a double include (docs/contract.md §2, §3)

test('SPA: candor.js included twice initialises once; elements a framework adds later are placeholdered, then activated', opts, async (t) => {
  const { page, go, log } = await openPage(t);
  await go('/int-spa.html');
  await waitBanner(page);

  assert.equal(await page.evaluate(() => window.candor === window.firstCandor), true, 'window.candor is the first copy');
  assert.equal(await page.locator('#candor').count(), 1, 'one banner host');
  assert.equal(consentCommands(await layer(page), 'default').length, 1, 'one Consent Mode default');

  // The "framework" renders a route 1 s after load.
  await page.locator('#frame-1').waitFor({ state: 'attached', timeout: 3000 });
  await settle(page);
  assert.equal(await page.locator('#frame-1').getAttribute('src'), null, 'late iframe: no src before consent');
  const before = await rect(placeholderOf(page, 'frame-1'));
  assert.deepEqual(await ran(page), [], 'late script: not run before consent');
  assert.deepEqual(
    (await events(page)).filter((e) => e === 'ready'),
    ['ready'],
    'one ready event',
  );

  await acceptAll(page);
  await page.waitForFunction(() => window.ran.includes('route-1'));
  await page.waitForFunction(() => (document.getElementById('frame-1').getAttribute('src') || '').includes('route=1'));
  assert.equal(await placeholderOf(page, 'frame-1').count(), 0);
  assert.deepEqual(await rect(page.locator('#frame-1')), before, 'late iframe: loaded in the place and size of its placeholder');

  // After consent, a new route runs at once, without a placeholder.
  await page.evaluate(() => window.renderRoute(2));
  await page.waitForFunction(() => window.ran.includes('route-2'));
  await page.waitForFunction(() => (document.getElementById('frame-2').getAttribute('src') || '').includes('route=2'));
  assert.equal(await placeholderOf(page, 'frame-2').count(), 0, 'no placeholder once granted');
  await settle(page);
  assert.deepEqual(await ran(page), ['route-1', 'route-2'], 'each late script ran exactly once');
  assert.equal(await page.locator('[data-candor-button]').count(), 1, 'one floating button');
  assert.equal(await page.locator('#candor').count(), 1);
  const ev = await events(page);
  assert.deepEqual(
    ev.filter((e) => e === 'ready'),
    ['ready'],
    'still one ready event',
  );
  assert.deepEqual(
    ev.filter((e) => e === 'change'),
    ['change'],
    'one change event per decision',
  );
  assert.deepEqual(log.pageErrors, []);
});

test('SPA: a placeholder goes away with the embed a framework removes before consent', opts, async (t) => {
  const { page, go, log } = await openPage(t);
  await go('/int-spa.html');
  await waitBanner(page);
  await page.locator('#frame-1').waitFor({ state: 'attached', timeout: 3000 });
  await settle(page);
  assert.equal(await placeholderOf(page, 'frame-1').count(), 1);
  // A framework re-render that drops the iframe (route change, conditional rendering).
  await page.evaluate(() => document.getElementById('frame-1').remove());
  await settle(page);
  assert.equal(await page.locator('#route-1 [data-candor-placeholder]').count(), 0, 'no orphaned placeholder left in the page');
  assert.deepEqual(log.pageErrors, []);
});

// ---------------------------------------------------------------------------------------------------------
// Cross-tab (docs/contract.md §7)

async function crossTab(t, { init = [], within }) {
  const { page, context, go, log } = await openPage(t, { init });
  const other = await context.newPage();
  other.setDefaultTimeout(5000);
  const otherErrors = [];
  other.on('pageerror', (e) => otherErrors.push(String(e)));
  await go('/int-shop/');
  await other.goto(page.url());
  await ready(other);
  await waitBanner(page);
  await waitBanner(other);
  assert.deepEqual(await ran(other), []);

  await button(banner(page), T.acceptAll).click();
  const start = Date.now();
  await other.waitForFunction(() => window.candor.has('analytics') === true, null, { timeout: within });
  const took = Date.now() - start;
  await waitNoBanner(other);
  await other.waitForFunction(() => window.ran.includes('track') && window.ran.includes('ads'), null, { timeout: 2000 });
  assert.equal((await state(other)).decided, true);
  await floatingButton(other).waitFor({ state: 'visible' });

  // A withdrawal travels too, and the other tab cleans up and stops granting.
  const d = await reopen(page);
  await press(button(d, T.rejectAll));
  await other.waitForFunction(() => window.candor.has('analytics') === false, null, { timeout: within });

  // reset() in the other tab asks again here.
  await other.evaluate(() => window.candor.reset());
  await waitBanner(page);
  assert.equal((await state(page)).decided, false);
  assert.deepEqual(log.pageErrors, []);
  assert.deepEqual(otherErrors, []);
  return took;
}

test('cross-tab: Accept all in one tab applies in the other within a second (BroadcastChannel)', opts, async (t) => {
  const took = await crossTab(t, { within: 1000 });
  assert.ok(took <= 1000, `applied in ${took} ms`);
});

test('cross-tab: without BroadcastChannel, the cookie polling fallback applies the decision', opts, async (t) => {
  const noChannel = () => {
    delete window.BroadcastChannel;
  };
  const took = await crossTab(t, { init: [noChannel], within: 2500 });
  assert.ok(took <= 2500, `applied in ${took} ms (polls every second)`);
});

// ---------------------------------------------------------------------------------------------------------
// Activated scripts keep their attributes (docs/contract.md §3, docs/compliance.md H31)

test('activated scripts keep nonce, integrity, crossorigin, referrerpolicy, async/defer; data-type="module" makes a module', opts, async (t) => {
  const { page, server, log } = await openPage(t);
  const headers = {};
  page.on('request', async (r) => {
    const path = new URL(r.url()).pathname + new URL(r.url()).search;
    if (/^\/int-(attr|ran)/.test(path)) headers[path] = await r.allHeaders();
  });
  const response = await page.goto(server.url('/int-attrs.html?csp=nonce'));
  const nonce = response.headers()['x-test-nonce'];
  assert.ok(nonce, 'the page is served with a nonce policy');
  await ready(page);
  await waitBanner(page);
  await settle(page);
  assert.deepEqual(await ran(page), []);

  // The integrity in the page is the sha256 of the file the server sends.
  const sri =
    'sha256-' +
    createHash('sha256')
      .update(readFileSync(join(PAGES, 'int-attr-sri.js')))
      .digest('base64');

  await acceptAll(page);
  await page.waitForFunction(() => window.ran.length >= 6, null, { timeout: 5000 });
  await settle(page);
  const list = await ran(page);
  assert.deepEqual(list.slice(0, 4), ['sri', 'async', 'defer', 'module:string'], 'document order; the script with a wrong hash is refused');
  assert.deepEqual(list.slice(4).sort(), ['inline', 'inline-module:string'], 'the inline ones ran too');
  assert.ok(!list.includes('bad-integrity'), 'integrity is enforced on the activated script');

  const live = await page.evaluate(() =>
    Object.fromEntries(
      ['sri', 'bad', 'async', 'defer', 'module', 'inline-module', 'inline'].map((id) => {
        const s = document.getElementById(id);
        return [
          id,
          {
            type: s.type,
            nonce: s.nonce,
            integrity: s.integrity,
            crossorigin: s.getAttribute('crossorigin'),
            referrerpolicy: s.getAttribute('referrerpolicy'),
            async: s.async,
            defer: s.hasAttribute('defer'),
            purpose: s.getAttribute('data-purpose'),
          },
        ];
      }),
    ),
  );
  for (const [id, s] of Object.entries(live)) {
    assert.notEqual(s.type, 'text/plain', `#${id} is live`);
    assert.equal(s.nonce, nonce, `#${id} carries the page's nonce`);
  }
  assert.equal(live.sri.integrity, sri, 'integrity copied (the correct sha256 of the served file)');
  assert.equal(live.sri.crossorigin, 'anonymous');
  assert.equal(live.sri.referrerpolicy, 'no-referrer');
  assert.equal(live.sri.type, '', 'classic by default');
  assert.equal(live.async.async, true, 'async kept');
  assert.equal(live.defer.async, false, 'not async when the author did not write it');
  assert.equal(live.defer.defer, true, 'defer kept');
  assert.equal(live.module.type, 'module', 'data-type="module" → type=module');
  assert.equal(live['inline-module'].type, 'module');
  assert.equal(live.inline.type, '');

  // What the browser did with them: CORS mode for crossorigin, no Referer for no-referrer.
  const sriHeaders = headers['/int-attr-sri.js'];
  const plainHeaders = headers['/int-ran.js?id=async'];
  assert.ok(sriHeaders && plainHeaders, `requests seen: ${Object.keys(headers)}`);
  assert.equal(sriHeaders['sec-fetch-mode'], 'cors', 'crossorigin="anonymous" → a CORS request');
  assert.equal(sriHeaders.referer, undefined, 'referrerpolicy="no-referrer" → no Referer');
  assert.ok(plainHeaders.referer, 'a script without referrerpolicy sends the Referer (control)');
  assert.equal(plainHeaders['sec-fetch-mode'], 'no-cors');

  const csp = await page.evaluate(() => window.__csp.filter((v) => !/int-attr-bad/.test(v.blocked || '')));
  assert.deepEqual(csp, [], 'no CSP violation: every activated script had the nonce');
  assert.deepEqual(log.pageErrors, []);
});

// ---------------------------------------------------------------------------------------------------------
// Found while writing the tests above (outside issue #5's code, reported, not fixed here)

test('after a decision, the preference center reopened at once can be used with the mouse (docs/compliance.md D16)', {
  ...opts,
}, async (t) => {
  const { page, go } = await openPage(t);
  await go('/int-shop/');
  await acceptAll(page);
  const d = await reopen(page);
  const covered = await page.evaluate(
    (names) => {
      const root = document.getElementById('candor').shadowRoot;
      const dialogEl = root.querySelector('[role=dialog]');
      return names.filter((name) => {
        const el = [...dialogEl.querySelectorAll('button')].find((b) => b.textContent.trim() === name);
        const r = el.getBoundingClientRect();
        const hit = root.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return !(hit === el || el.contains(hit));
      });
    },
    [T.save, T.acceptAll, T.rejectAll],
  );
  assert.deepEqual(covered, [], 'buttons of the preference center covered by the "saved" toast');
  await button(d, T.rejectAll).click({ timeout: 2000 });
});

test('gated inline module scripts run in document order too (docs/contract.md §3)', opts, async (t) => {
  const { page, server } = await openPage(t);
  await page.goto(server.url('/int-attrs.html?csp=nonce'));
  await ready(page);
  await page.evaluate(() => window.candor.acceptAll());
  await page.waitForFunction(() => window.ran.length >= 6);
  await settle(page);
  assert.deepEqual((await ran(page)).slice(4), ['inline-module:string', 'inline'], '#inline-module comes before #inline in the document');
});

for (const visit of ['first visit', 'returning visitor']) {
  test(`candor.js in <head> followed by a slow synchronous script: ${visit} works, no page error`, {
    ...opts,
  }, async (t) => {
    const { page, go, log } = await openPage(t);
    if (visit === 'returning visitor') {
      await go('/int-shop/');
      await acceptAll(page);
      log.pageErrors.length = 0;
    }
    await go('/int-slow-head.html');
    if (visit === 'first visit') await waitBanner(page);
    else {
      await page.waitForFunction(() => window.ran.includes('analytics'), null, { timeout: 3000 });
      assert.equal(await page.evaluate(() => window.candor.has('analytics')), true, 'the stored consent applies');
      await floatingButton(page).waitFor({ state: 'visible' });
    }
    assert.deepEqual(log.pageErrors, []);
  });
}
