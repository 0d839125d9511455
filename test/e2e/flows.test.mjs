// Full visitor flows against dist/ in headless Chromium (docs/contract.md §2, §3, §5, §7; docs/compliance.md A, B, D).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ACCEPT_ALL_RAN,
  BUMPED_VERSION,
  OPTIONAL,
  TEXT,
  TITLES,
  assertNoBanner,
  assertNothingOptional,
  button,
  candorCookie,
  customize,
  dialog,
  floatingButton,
  openPage,
  optionalTraces,
  ran,
  receiptKept,
  settle,
  state,
  switchFor,
  trail,
  waitBanner,
  waitNoBanner,
  waitRan,
} from './harness.mjs';

const T = TEXT.en;
const opts = { timeout: 30_000 };

/** Accept all from the banner and wait for the four non-sensitive gated scripts. */
async function acceptAll(page) {
  await button(await waitBanner(page), T.acceptAll).click();
  await waitNoBanner(page);
  await waitRan(page, ACCEPT_ALL_RAN.length);
}

test('first visit: the banner explains before asking, and nothing optional runs', opts, async (t) => {
  const { page, go, log } = await openPage(t);
  await go('/');
  const region = await waitBanner(page);
  for (const name of [T.acceptAll, T.rejectAll, T.customize]) await button(region, name).waitFor();

  // docs/contract.md §5 / docs/compliance.md C11: before the buttons in reading order — purposes, controller, how to withdraw, policy link.
  const before = await region.evaluate((el, accept) => {
    const btn = [...el.querySelectorAll('button')].find((b) => b.textContent.trim() === accept);
    const range = document.createRange();
    range.setStartBefore(el.firstChild || el);
    range.setEndBefore(btn);
    const link = [...el.querySelectorAll('a[href]')].find((a) => /privacy/.test(a.getAttribute('href')));
    return {
      text: range.toString(),
      linkFirst: !!link && !!(link.compareDocumentPosition(btn) & Node.DOCUMENT_POSITION_FOLLOWING),
    };
  }, T.acceptAll);
  assert.match(before.text, /Maison Lumière SAS/, 'controller named before the buttons');
  for (const title of Object.values(TITLES)) assert.ok(before.text.includes(title), `purpose "${title}" listed before the buttons`);
  assert.match(before.text, /any time|withdraw/i, 'says choices can be changed at any time');
  assert.ok(before.linkFirst, 'a privacy policy link comes before the buttons');

  await assertNothingOptional(page, 'on a first visit');
  assert.equal(await candorCookie(page), undefined, 'no candor cookie before a decision');
  const s = await state(page);
  assert.equal(s.decided, false);
  assert.equal(s.version, null);
  assert.equal(await page.evaluate(() => window.candor.has('necessary')), true, 'required purposes are granted once ready');
  const events = await page.evaluate(() => window.events);
  assert.ok(events.includes('ready') && events.includes('show:banner'), `ready and show(banner) events, got ${events}`);
  assert.ok(!events.includes('change'), 'no change event on page load');
  assert.equal(await floatingButton(page).count(), 0, 'no floating button before a decision');
  assert.deepEqual(log.pageErrors, []);
});

test('Accept all runs every non-sensitive gated script once, in document order, and remembers it', opts, async (t) => {
  const { page, go, log } = await openPage(t);
  await go('/?slow=1');
  await acceptAll(page);
  await settle(page);
  // personalization.js is served 300 ms late: marketing.js and the combo must still wait for it (docs/contract.md §3).
  assert.deepEqual(await ran(page), ACCEPT_ALL_RAN, 'document order, each once, the sensitive purpose left out');
  const s = await state(page);
  assert.equal(s.decided, true);
  assert.deepEqual(
    Object.fromEntries(OPTIONAL.map((id) => [id, s.purposes[id]])),
    { analytics: true, personalization: true, marketing: true, 'health-offers': false },
    'Accept all never grants a sensitive purpose (docs/contract.md §6)',
  );
  assert.equal(s.version, '2026-11');
  assert.ok(s.decidedAt && s.expiresAt && new Date(s.expiresAt) > new Date(s.decidedAt), 'decidedAt / expiresAt set');

  const cookie = await candorCookie(page);
  assert.ok(cookie, 'candor cookie written');
  assert.equal(cookie.path, '/');
  assert.equal(cookie.sameSite, 'Lax');
  assert.ok(cookie.value.length < 200, 'compact cookie');

  await floatingButton(page).waitFor({ state: 'visible' });
  assert.equal(await floatingButton(page).getAttribute('aria-label'), T.floatingButton);
  const [receipt] = await page.evaluate(() => window.candor.receipts());
  assert.equal(receipt.method, 'accept-all');
  assert.equal(receipt.event, 'given');
  assert.ok((await page.evaluate(() => window.events)).includes('change'), 'change event fired');
  assert.deepEqual(log.pageErrors, []);
});

test('Reject all runs nothing, on this page and after a reload', opts, async (t) => {
  const { page, go, reload, log } = await openPage(t);
  await go('/');
  await button(await waitBanner(page), T.rejectAll).click();
  await waitNoBanner(page);
  await assertNothingOptional(page, 'after Reject all');
  assert.equal((await state(page)).decided, true);
  await floatingButton(page).waitFor({ state: 'visible' });
  const [receipt] = await page.evaluate(() => window.candor.receipts());
  assert.equal(receipt.method, 'reject-all');
  assert.equal(receipt.event, 'refused');

  await reload();
  await assertNoBanner(page);
  await assertNothingOptional(page, 'on the next page view after Reject all');
  assert.deepEqual(log.pageErrors, []);
});

test('Customize: every switch starts off, Save choices stores per-purpose choices, reopening shows them', opts, async (t) => {
  const { page, go, reload, log } = await openPage(t);
  await go('/');
  const d = await customize(page);
  for (const id of OPTIONAL) {
    assert.equal(await switchFor(d, id).getAttribute('aria-checked'), 'false', `${id} off on first display (docs/compliance.md B8)`);
  }
  // Required purposes: shown on and locked (docs/contract.md §5).
  const essential = d.getByRole('switch', { name: 'Essential', exact: true });
  if (await essential.count()) {
    assert.equal(await essential.getAttribute('aria-checked'), 'true', 'the required purpose shows on');
    const locked = (await essential.isDisabled()) || (await essential.getAttribute('aria-disabled')) === 'true';
    assert.ok(locked, 'the required purpose cannot be switched off');
    await essential.click({ force: true });
    assert.equal(await essential.getAttribute('aria-checked'), 'true', 'clicking the locked switch changes nothing');
  }
  assert.equal((await state(page)).decided, false, 'opening the preference center decides nothing');

  await switchFor(d, 'analytics').click();
  // A special-category purpose turns on through its explicit statement (docs/compliance.md E43).
  await d.getByRole('checkbox', { name: /^I explicitly consent/ }).check();
  assert.equal(await switchFor(d, 'health-offers').getAttribute('aria-checked'), 'true');
  assert.equal(await switchFor(d, 'analytics').getAttribute('aria-checked'), 'true');
  await button(d, T.save).click();
  await d.waitFor({ state: 'hidden' });
  await waitNoBanner(page);
  await waitRan(page, 2);
  await settle(page);
  assert.deepEqual(await ran(page), ['analytics', 'health-offers']);
  const s = await state(page);
  assert.deepEqual(Object.fromEntries(OPTIONAL.map((id) => [id, s.purposes[id]])), {
    analytics: true,
    personalization: false,
    marketing: false,
    'health-offers': true,
  });
  const [receipt] = await page.evaluate(() => window.candor.receipts());
  assert.equal(receipt.method, 'save');

  await reload();
  await assertNoBanner(page);
  await waitRan(page, 2);
  assert.deepEqual(await ran(page), ['analytics', 'health-offers'], 'the same choices apply on the next page view');

  await floatingButton(page).click();
  const again = dialog(page);
  await again.waitFor({ state: 'visible' });
  const shown = {};
  for (const id of OPTIONAL) shown[id] = await switchFor(again, id).getAttribute('aria-checked');
  assert.deepEqual(
    shown,
    { analytics: 'true', personalization: 'false', marketing: 'false', 'health-offers': 'true' },
    'current choices when reopened',
  );
  assert.deepEqual(log.pageErrors, []);
});

test('a returning visitor: no banner, choices applied, the interface chunk is not downloaded', opts, async (t) => {
  const { page, go, reload, log } = await openPage(t);
  await go('/');
  await acceptAll(page);
  // Reloading while the receipt still waits in localStorage would rightly fetch candor-core.js to keep it.
  await receiptKept(page);
  log.requests.length = 0;
  await reload();
  await assertNoBanner(page);
  await waitRan(page, ACCEPT_ALL_RAN.length);
  await settle(page);
  assert.deepEqual(await ran(page), ACCEPT_ALL_RAN);
  assert.equal((await state(page)).decided, true);
  await floatingButton(page).waitFor({ state: 'visible' });
  const fromDist = log.requests.filter((p) => p.startsWith('/candor/'));
  assert.deepEqual(
    fromDist,
    ['/candor/candor.js'],
    `docs/contract.md §1: a returning visitor downloads nothing from dist but candor.js (the floating button included), got ${fromDist}`,
  );
  // In French too: the button's French label is in candor.js, no language chunk comes for it.
  log.requests.length = 0;
  await go('/?lang=fr');
  await assertNoBanner(page);
  await waitRan(page, ACCEPT_ALL_RAN.length);
  await floatingButton(page).waitFor({ state: 'visible' });
  assert.equal(await floatingButton(page).getAttribute('aria-label'), TEXT.fr.floatingButton);
  await settle(page);
  assert.deepEqual(
    log.requests.filter((p) => p.startsWith('/candor/')),
    ['/candor/candor.js'],
    'docs/contract.md §1: in French too, candor.js alone',
  );
  assert.deepEqual(log.pageErrors, []);
});

test('a first visit downloads the interface in one language, the validator for a new config, the records only after a decision', opts, async (t) => {
  const { page, go, log } = await openPage(t);
  const chunks = () => log.requests.filter((p) => p.startsWith('/candor/')).sort();
  await go('/');
  await waitBanner(page);
  await settle(page);
  assert.deepEqual(
    chunks(),
    ['/candor/candor-check.js', '/candor/candor-en.js', '/candor/candor-ui.js', '/candor/candor.js'],
    'docs/contract.md §1: the interface, English only, and the validator (this config is not stamped) — no records chunk before a ' +
      'decision, no preference center (candor-prefs.js) before Customize',
  );
  await acceptAll(page);
  await receiptKept(page);
  assert.ok(chunks().includes('/candor/candor-core.js'), 'the records chunk comes with the decision');
  await floatingButton(page).waitFor({ state: 'visible' });
  assert.ok(!chunks().includes('/candor/candor-button.js'), 'the floating button is in candor.js: no chunk for it');
  const [receipt] = await page.evaluate(() => window.candor.receipts());
  assert.equal(receipt.event, 'given', 'the decision has its receipt');
  assert.equal(await page.evaluate(() => localStorage.getItem('candor-pending')), null, 'nothing left waiting once it is kept');

  // In French, only the French texts; the validator is not loaded again for a text that validated here.
  // A new visitor: the decision and what analytics left go (a key left without consent would be deleted on
  // this page load, which fetches candor-core.js: cleanup.test.mjs).
  await page.context().clearCookies();
  await page.evaluate(() => localStorage.removeItem('matomo_last_visit'));
  log.requests.length = 0;
  await go('/?lang=fr');
  await waitBanner(page, 'fr');
  await settle(page);
  assert.deepEqual(chunks(), ['/candor/candor-fr.js', '/candor/candor-ui.js', '/candor/candor.js']);
  assert.deepEqual(log.pageErrors, []);
});

test('a new notice version asks again: banner, every switch off, nothing granted', opts, async (t) => {
  const { page, go, log } = await openPage(t);
  await go('/');
  await acceptAll(page);
  await go('/?v=2');
  await waitBanner(page);
  await settle(page);
  assert.deepEqual(await ran(page), [], 'consent given to the old version grants nothing (docs/compliance.md D15)');
  const s = await state(page);
  assert.equal(s.decided, false);
  for (const id of OPTIONAL) assert.equal(s.purposes[id], false, `${id} off after a version change`);
  const d = await customize(page);
  for (const id of OPTIONAL) {
    assert.equal(await switchFor(d, id).getAttribute('aria-checked'), 'false', `${id} switch off after a re-prompt (docs/compliance.md B8)`);
  }
  await button(d, T.acceptAll).click();
  await d.waitFor({ state: 'hidden' });
  await waitRan(page, ACCEPT_ALL_RAN.length);
  assert.equal((await state(page)).version, BUMPED_VERSION);
  assert.deepEqual(log.pageErrors, []);
});

test('withdrawal through a data-candor-open link: two activations, declared cookies and keys deleted', opts, async (t) => {
  const { page, go, reload, log } = await openPage(t);
  await go('/');
  await acceptAll(page);
  await settle(page);
  assert.ok((await optionalTraces(page)).length >= 3, 'the gated scripts set their cookies and key');
  const url = page.url();

  await page.locator('#privacy-link').click(); // activation 1
  const d = dialog(page);
  await d.waitFor({ state: 'visible' });
  assert.equal(page.url(), url, 'the data-candor-open link does not navigate');
  assert.equal(await switchFor(d, 'analytics').getAttribute('aria-checked'), 'true', 'shows the current choices');
  await button(d, T.rejectAll).click(); // activation 2

  await page.waitForFunction(() => !window.candor.has('analytics'));
  const s = await state(page);
  for (const id of OPTIONAL) assert.equal(s.purposes[id], false, `${id} withdrawn`);
  await settle(page);
  assert.deepEqual(await optionalTraces(page), [], 'docs/contract.md §7: withdrawing deletes the cookies and keys the purposes declare');
  await page.getByText(T.reloadOffer).first().waitFor({ state: 'visible' });
  const [receipt] = await page.evaluate(() => window.candor.receipts());
  assert.equal(receipt.event, 'withdrawn');

  await reload();
  await assertNoBanner(page);
  await settle(page);
  assert.deepEqual(await ran(page), [], 'nothing runs after the withdrawal');
  assert.deepEqual(log.pageErrors, []);
});

test('the pre-load queue runs once ready; functions pushed later run at once', opts, async (t) => {
  const { page, go, log } = await openPage(t);
  await go('/');
  const [first] = await page.evaluate(() => window.queueLog);
  assert.deepEqual(first, { ready: true, same: true, hasFn: true }, 'queued before candor.js loaded, called with window.candor');
  await page.waitForFunction(() => window.queueLog.includes('ready:en'));
  const immediate = await page.evaluate(() => {
    let called = false;
    window.candorQueue.push((c) => (called = c === window.candor));
    return called;
  });
  assert.equal(immediate, true, 'a function pushed after load runs synchronously');
  await settle(page);
  assert.ok(!(await page.evaluate(() => window.queueLog)).includes('when:analytics'), 'when() waits for consent');
  await acceptAll(page);
  await page.waitForFunction(() => window.queueLog.includes('when:analytics'));
  assert.equal((await page.evaluate(() => window.queueLog)).filter((x) => x == 'ready:en').length, 1, 'a ready listener added by it is called once');
  assert.deepEqual(log.pageErrors, []);
});

test('gated elements added after load are activated once their purpose is granted, each once', opts, async (t) => {
  const { page, go, log } = await openPage(t);
  await go('/');
  await waitBanner(page);
  const add = (n) =>
    page.evaluate((n) => {
      const s = document.createElement('script');
      s.type = 'text/plain';
      s.setAttribute('data-purpose', 'analytics');
      s.src = '/js/late.js?n=' + n;
      document.body.appendChild(s);
    }, n);
  await add(1);
  await page.evaluate(() => {
    const f = document.createElement('iframe');
    f.id = 'late-frame';
    f.title = 'Embedded video';
    f.setAttribute('data-purpose', 'marketing');
    f.setAttribute('data-src', '/frame.html');
    document.querySelector('main').appendChild(f);
  });
  await settle(page);
  assert.deepEqual(await ran(page), [], 'late elements wait for consent');
  assert.equal(await page.locator('#late-frame').getAttribute('src'), null, 'the iframe gets no src before consent');

  await button(await waitBanner(page), T.acceptAll).click();
  await waitRan(page, ACCEPT_ALL_RAN.length + 1);
  await page.waitForFunction(() => (document.getElementById('late-frame').getAttribute('src') || '').endsWith('/frame.html'));

  await add(2); // added after consent: runs at once
  await page.waitForFunction(() => window.ran.includes('late-analytics'), null, { timeout: 3000 });
  await waitRan(page, ACCEPT_ALL_RAN.length + 2);
  // Another decision re-scans the page: nothing already run may run again.
  await page.evaluate(() => window.candor.set({ personalization: false }));
  await page.evaluate(() => window.candor.set({ personalization: true }));
  await settle(page);
  const list = await ran(page);
  assert.equal(list.filter((x) => x === 'late-analytics').length, 2, `each late script ran exactly once: ${list}`);
  assert.equal(list.length, ACCEPT_ALL_RAN.length + 2, `no script ran twice: ${list}`);
  assert.deepEqual(await trail(page), list);
  assert.deepEqual(log.pageErrors, []);
});

test('after a withdrawal, a banner shown again by reset() is not covered by the reload offer', opts, async (t) => {
  const { page, go, log } = await openPage(t);
  await go('/');
  await acceptAll(page);
  await page.locator('#privacy-link').click();
  const d = dialog(page);
  await d.waitFor({ state: 'visible' });
  await button(d, T.rejectAll).click();
  await page.getByText(T.reloadOffer).first().waitFor({ state: 'visible' });
  await page.evaluate(() => window.candor.reset());
  const region = await waitBanner(page);
  await settle(page);
  const covered = await page.evaluate(
    (names) => {
      const root = document.getElementById('candor').shadowRoot;
      return names.filter((name) => {
        const el = [...root.querySelectorAll('[role=region] button')].find((b) => b.textContent.trim() === name);
        const r = el.getBoundingClientRect();
        const hit = root.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return !(hit === el || el.contains(hit));
      });
    },
    [T.acceptAll, T.rejectAll, T.customize],
  );
  assert.deepEqual(covered, [], 'banner buttons covered by another element (docs/compliance.md B6: one activation each)');
  await button(region, T.rejectAll).click({ timeout: 2000 });
  await waitNoBanner(page);
  assert.deepEqual(log.pageErrors, []);
});

/** How many times the page asked for dist/`file`. */
const requested = (log, file) => log.requests.filter((p) => p === '/candor/' + file).length;

/** The deeply focused element inside Candor's shadow root: its tag and text. */
const focusInCandor = (page) =>
  page.evaluate(() => {
    const el = document.getElementById('candor').shadowRoot.activeElement;
    return el ? { tag: el.tagName, text: el.textContent.trim() } : null;
  });

test('Customize loads the preference center once, on first need, and the dialog works as before', opts, async (t) => {
  const { page, go, log } = await openPage(t);
  await go('/');
  const region = await waitBanner(page);
  await settle(page);
  assert.equal(requested(log, 'candor-prefs.js'), 0, 'not before the visitor shows an interest');

  const customize = button(region, T.customize);
  await customize.hover(); // pointing at Customize starts the fetch
  await page.waitForFunction(() => [...document.scripts].some((s) => s.src.endsWith('/candor/candor-prefs.js')));
  await customize.click();
  const d = dialog(page);
  await d.waitFor({ state: 'visible' });
  assert.deepEqual(await focusInCandor(page), { tag: 'H2', text: T.dialogTitle }, 'focus moves into the dialog, on its title');
  assert.equal(await customize.getAttribute('aria-busy'), null, 'Customize is not left busy');
  // Tab wraps: from the last control to the first.
  const names = await d.evaluate((el) =>
    [...el.querySelectorAll('button, a[href]')]
      .filter((b) => !b.closest('[hidden]'))
      .map((b) => b.getAttribute('aria-label') || b.textContent.trim()),
  );
  await button(d, names[names.length - 1]).focus();
  await page.keyboard.press('Tab');
  assert.equal((await focusInCandor(page)).text, '×', `Tab from ${names[names.length - 1]} wraps to Close`);
  await page.keyboard.press('Escape');
  await d.waitFor({ state: 'hidden' });
  assert.deepEqual(await focusInCandor(page), { tag: 'BUTTON', text: T.customize }, 'focus returns to Customize');
  assert.equal((await state(page)).decided, false, 'Escape decides nothing');

  await customize.click();
  await d.waitFor({ state: 'visible' });
  await switchFor(d, 'analytics').click();
  await button(d, T.save).click();
  await d.waitFor({ state: 'hidden' });
  await waitRan(page, 1);
  assert.deepEqual(await ran(page), ['analytics']);
  assert.equal(requested(log, 'candor-prefs.js'), 1, 'loaded once for the page view');
  assert.deepEqual(log.consoleErrors, []);
  assert.deepEqual(log.pageErrors, []);
});

test('candor.open() called before anything has loaded opens the preference center', opts, async (t) => {
  const { page, go, log } = await openPage(t, {
    init: [() => document.addEventListener('DOMContentLoaded', () => window.candor.open())],
  });
  await go('/', { waitReady: false });
  const d = dialog(page);
  await d.waitFor({ state: 'visible' });
  assert.equal((await focusInCandor(page)).tag, 'H2', 'focus in the dialog');
  assert.deepEqual(
    await page.evaluate(() => window.events.filter((e) => e.startsWith('show'))).then((e) => e.sort()),
    ['show:banner', 'show:preferences'],
    'a first visit: the banner is there too, under the dialog',
  );
  await page.keyboard.press('Escape');
  await d.waitFor({ state: 'hidden' });
  await button(await waitBanner(page), T.rejectAll).click();
  await waitNoBanner(page);
  assert.equal((await state(page)).decided, true);
  assert.equal(requested(log, 'candor-prefs.js'), 1);
  assert.deepEqual(log.consoleErrors, []);
  assert.deepEqual(log.pageErrors, []);
});

test('the preference center cannot load: one console error, the banner still works, the next opening retries', opts, async (t) => {
  const { page, go, log } = await openPage(t);
  let refused = 0;
  await page.route('**/candor/candor-prefs.js', (route) => (refused++ ? route.continue() : route.abort('connectionfailed')));
  await go('/');
  const region = await waitBanner(page);
  await page.evaluate(() => window.candor.open());
  await page.waitForFunction(() => [...document.scripts].some((s) => s.src.endsWith('/candor/candor-prefs.js')));
  await settle(page);
  // The browser reports the failed request itself; Candor says what it means, once.
  const ours = () => log.consoleErrors.filter((e) => e.startsWith('Candor:'));
  assert.equal(ours().length, 1, `one console error from Candor, got ${JSON.stringify(log.consoleErrors)}`);
  assert.match(ours()[0], /could not load the preference center/);
  assert.equal(await dialog(page).count(), 0, 'no dialog');
  assert.ok(await region.isVisible(), 'the banner is still there');

  // A later opening tries again, and works.
  await button(region, T.customize).click();
  const d = dialog(page);
  await d.waitFor({ state: 'visible' });
  assert.equal(refused, 2, 'asked for candor-prefs.js a second time');
  await page.keyboard.press('Escape');
  await d.waitFor({ state: 'hidden' });
  await button(region, T.acceptAll).click();
  await waitNoBanner(page);
  await waitRan(page, ACCEPT_ALL_RAN.length);
  assert.equal(ours().length, 1, 'no further error');
  assert.deepEqual(log.pageErrors, []);
});
