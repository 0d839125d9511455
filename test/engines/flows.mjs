// The visitor flows every engine must pass, written once against the adapter surface of adapters.mjs (goto,
// reload, eval, click at coordinates, press a key). Everything is observed from inside the page, as a
// visitor or the page's own code would: no engine-specific selector engine, no console events (classic
// WebDriver has none), so CSP violations and uncaught errors are collected by the test server's watcher
// script (first in <head>) and by `report-uri` (test/e2e/harness.mjs, `watch: true`).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST } from '../e2e/env.mjs';
import { ACCEPT_ALL_RAN, PAGES, TEXT, TR_INVALID_PROBLEMS } from '../e2e/harness.mjs';
import { assertFits, assertFloatingLabel, assertSameLook, measureButtons, measureFloatingLabel, reflow } from '../e2e/look.mjs';
import { longest, texts } from '../e2e/translations.mjs';

const T = TEXT.en;
/** The Arabic texts of test/e2e/pages/rtl.json. */
const AR = JSON.parse(readFileSync(new URL('../e2e/pages/rtl.json', import.meta.url), 'utf8')).texts.ar;
/** How long a wait for something the visitor would see may take. */
const WAIT = 10_000;

/** Page-side helpers, defined in front of every evaluation (pages reload, so nothing is installed once). */
function helpers() {
  const visible = (el) => !!el && el.getClientRects().length > 0 && getComputedStyle(el).visibility != 'hidden' && !el.closest('[hidden]');
  const root = () => document.getElementById('candor')?.shadowRoot || null;
  const inRoot = (sel) => {
    const el = root()?.querySelector(sel);
    return visible(el) ? el : null;
  };
  const name = (el) => (el.getAttribute('aria-label') || el.textContent || '').trim().replace(/\s+/g, ' ');
  const floating = () => {
    const host = document.querySelector('[data-candor-button]');
    const b = host?.shadowRoot?.querySelector('button');
    return visible(b) ? b : null;
  };
  /** The shadow root of the placeholder standing in for the element `id` (it is the element's previous sibling). */
  const placeholder = (id) => {
    const el = document.getElementById(id)?.previousElementSibling;
    return el?.hasAttribute('data-candor-placeholder') ? el.shadowRoot : null;
  };
  const scopes = { banner: () => inRoot('[role=region]'), dialog: () => inRoot('[role=dialog]'), candor: root, page: () => document };
  /** `{ in: 'banner' | 'dialog' | 'candor' | 'page' | 'floating' | 'placeholder', of?, name }` → the visible button or link so named. */
  const target = (spec) => {
    if (spec.in == 'floating') return floating();
    const scope = spec.in == 'placeholder' ? placeholder(spec.of) : scopes[spec.in]();
    return (scope && [...scope.querySelectorAll('button, a[href]')].find((b) => name(b) == spec.name && visible(b))) || null;
  };
  const deep = () => {
    let a = document.activeElement;
    while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
    return a;
  };
  /** Tab stops of the open dialog, as the focus trap counts them. */
  const stops = () => {
    const d = scopes.dialog();
    return d ? [...d.querySelectorAll('button:not([disabled]),a[href]')].filter((el) => !el.closest('[hidden]')) : [];
  };
  const focus = () => {
    const a = deep(),
      d = scopes.dialog(),
      b = scopes.banner();
    return {
      name: a && a != document.body ? name(a).slice(0, 60) : '',
      tag: a ? a.tagName : null,
      inDialog: !!d?.contains(a),
      inBanner: !!b?.contains(a),
      floating: !!(a && a == floating()),
    };
  };
  const cookies = () =>
    document.cookie
      .split(/;\s*/)
      .filter(Boolean)
      .map((c) => c.split('=')[0])
      .sort();
  /** The outbox as Candor keeps it (IndexedDB `candor` / `records`, key `outbox`); `fn(list)`, when given, writes back what it returns. */
  const outbox = (fn) =>
    new Promise((resolve, reject) => {
      const open = indexedDB.open('candor');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const db = open.result;
        const end = (settle, value) => {
          db.close();
          settle(value);
        };
        if (!db.objectStoreNames.contains('records')) return end(resolve, []);
        const store = db.transaction('records', fn ? 'readwrite' : 'readonly').objectStore('records');
        const get = store.get('outbox');
        get.onsuccess = () => {
          const list = get.result || [];
          if (fn) store.put(fn(list), 'outbox');
          store.transaction.oncomplete = () => end(resolve, list);
        };
        store.transaction.onerror = () => end(reject, store.transaction.error);
      };
    });
  return { visible, root, target, scopes, floating, stops, focus, cookies, name, placeholder, outbox };
}

/** Evaluate `fn(h, ...args)` in the page, `h` being the helpers above. */
export const run = (page, fn, ...args) => page.eval(`(() => { const h = (${helpers})(); return (${fn})(h, ...${JSON.stringify(args)}); })()`);

/** Poll `fn` in the page until it returns something truthy (evaluation errors while a page loads are retried). */
export async function waitFor(page, fn, args = [], what = String(fn), timeout = WAIT) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const value = await run(page, fn, ...args);
      if (value) return value;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${what}${last ? ` (last error: ${last.message})` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Poll `check` (in Node: the test server's state) until it returns something truthy. */
async function until(check, what, timeout = WAIT) {
  for (const end = Date.now() + timeout; ; await new Promise((r) => setTimeout(r, 50))) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
  }
}

/** Time for something that must NOT happen (a banner, a gated script) to show it would have. */
const settle = (ms = 300) => new Promise((r) => setTimeout(r, ms));

const ready = async (page) => {
  await waitFor(page, () => !!window.candor?.ready, [], 'window.candor');
  await page.eval('window.candor.ready.then(() => true)');
};
const go = async (page, url) => {
  await page.goto(url);
  await ready(page);
};
const reload = async (page) => {
  await page.reload();
  await ready(page);
};
const waitBanner = (page) => waitFor(page, (h) => !!h.scopes.banner(), [], 'the banner');
const waitNoBanner = (page) => waitFor(page, (h) => !h.scopes.banner(), [], 'the banner to go');
const waitDialog = (page) => waitFor(page, (h) => !!h.scopes.dialog(), [], 'the preference center');
const waitNoDialog = (page) => waitFor(page, (h) => !h.scopes.dialog(), [], 'the preference center to close');
const ran = (page) => page.eval('(window.ran || []).slice()');
const waitRan = (page, n) => waitFor(page, (_h, n) => (window.ran || []).length >= n, [n], `${n} gated scripts to run`);
const state = (page) => page.eval('window.candor.get()');
const focus = (page) => run(page, (h) => h.focus());

/** Click the visible control `spec` ({ in, name }) with the mouse, at its centre. */
async function click(page, spec) {
  const at = await waitFor(
    page,
    (h, spec) => {
      const el = h.target(spec);
      if (!el) return null;
      el.scrollIntoView({ block: 'center' });
      const r = el.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    },
    [spec],
    `${spec.name || spec.in} to click`,
  );
  await page.click(at.x, at.y);
}

/** Nothing optional ran or was left: no gated script on this page view or before, no optional cookie or key. */
async function assertNothingOptional(page, where) {
  await settle();
  assert.deepEqual(await ran(page), [], `no gated script ran ${where}`);
  assert.equal(await page.eval("localStorage.getItem('e2e.ran')"), null, `no gated script ever ran ${where}`);
  const cookies = await run(page, (h) => h.cookies().filter((n) => /^(_pk_|_mk_)/.test(n)));
  assert.deepEqual(cookies, [], `no optional cookie ${where}`);
  const s = await state(page);
  for (const id of ['analytics', 'personalization', 'marketing', 'health-offers']) assert.equal(s.purposes[id], false, `${id} off ${where}`);
}

/** No uncaught error, no CSP violation on the current page view (watcher), none reported to the server. */
async function assertClean(page, server) {
  await settle();
  assert.deepEqual(await page.eval('window.__errors'), [], 'no uncaught error');
  assert.deepEqual(await page.eval('window.__csp'), [], 'no securitypolicyviolation event');
  assert.deepEqual(server.cspReports, [], 'no CSP report');
}

/** This device's receipts, newest first. */
const receipts = (page) => page.eval('window.candor.receipts()');
/** Nothing waits for its receipt or its delivery any more, and no send round holds the outbox's Web Lock. */
const receiptsIdle = async (page) => {
  await waitFor(page, () => !localStorage.getItem('candor-pending') && !localStorage.getItem('candor-outbox'), [], 'nothing pending');
  await page.eval("navigator.locks ? navigator.locks.request('candor-outbox', () => true) : true");
};
/** The per-purpose state of consent.json after Accept all (the sensitive purpose is never granted by it). */
const ACCEPTED = { necessary: true, analytics: true, personalization: true, marketing: true, 'health-offers': false };
const REFUSED = { necessary: true, analytics: false, personalization: false, marketing: false, 'health-offers': false };

/**
 * The endpoint holds exactly the device's receipts `device` (same objects), each accepted (201) once; `repeats`
 * allows a repeat answered 200 (already stored), which is how the endpoint contract makes a lost answer safe.
 */
function assertDelivered(server, key, device, { repeats = false, failed = [] } = {}) {
  const { accepted, posts } = server.receiptLog(key);
  assert.deepEqual(
    [...accepted].sort((a, b) => a.id.localeCompare(b.id)),
    [...device].sort((a, b) => a.id.localeCompare(b.id)),
    'the endpoint holds the device’s receipts, as kept',
  );
  for (const r of device) {
    const statuses = posts.filter((p) => p.id == r.id).map((p) => p.status);
    assert.equal(statuses.filter((s) => s == 201).length, 1, `${r.event}/${r.method} accepted once (statuses ${statuses})`);
    if (!repeats) assert.deepEqual(statuses, [201], `${r.event}/${r.method} sent once`);
    else
      assert.ok(
        statuses.every((s) => s == 201 || s == 200 || failed.includes(s)),
        `${r.event}/${r.method}: only 201 and 200 (statuses ${statuses})`,
      );
  }
  for (const p of posts) assert.equal(p.contentType, 'application/json');
}

const acceptAll = async (page) => {
  await click(page, { in: 'banner', name: T.acceptAll });
  await waitNoBanner(page);
  await waitRan(page, ACCEPT_ALL_RAN.length);
};

/** Requests for the validator chunk since `server.requests` was last cleared. */
const validatorRequests = (server) => server.requests.filter((r) => r == '/candor/candor-check.js').length;

/** axe-core's violations on the current page (it sees into open shadow roots); the page must allow inline scripts. */
const AXE = readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');
async function axeViolations(page) {
  if (!(await page.eval('!!window.axe')))
    await page.eval(
      `(() => { const s = document.createElement('script'); s.textContent = ${JSON.stringify(AXE)}; document.head.append(s); return true; })()`,
    );
  return page.eval(`window.axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations
    // axe's "region" rule misreads a skip link followed by a link in a shadow root (test/e2e/harness.mjs, axe()): only such skip links are dropped.
    .map((v) => ({ ...v, nodes: v.id != 'region' ? v.nodes : v.nodes.filter((n) => !(n.target.length == 1 && /^#./.test(document.querySelector(n.target[0])?.getAttribute('href') || ''))) }))
    .filter((v) => v.nodes.length)
    .map((v) => v.id + ' (' + v.impact + '): ' + v.help + ' ' + v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target) + ' ' + n.failureSummary.replace(/\\s+/g, ' ').slice(0, 200)).join(' | ')))`);
}
async function assertAxeClean(page, where) {
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], `axe violations on ${where}`);
}

/** Press Tab (or `key`) from where focus is until `want(focus)` holds; returns every stop (fails after `max` presses). */
async function tabTo(page, want, what, max = 40, key = 'Tab') {
  const seen = [];
  for (let i = 0; i < max; i++) {
    await page.press(key);
    const f = await run(page, (h) => {
      const f = h.focus();
      const a = document.activeElement;
      return { ...f, inMain: !!a?.closest('main'), body: a == document.body || !a };
    });
    seen.push(f);
    if (want(f)) return seen;
  }
  assert.fail(`${key} did not reach ${what} in ${max} presses: ${seen.map((f) => `${f.tag} "${f.name}"`).join(' → ')}`);
}

/** The focused element shows it: `:focus-visible` matches and gives an outline or a box shadow. */
const focusShown = (page) =>
  run(page, (h) => {
    let a = document.activeElement;
    while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
    const cs = getComputedStyle(a);
    return {
      visible: a.matches(':focus-visible'),
      ring: (cs.outlineStyle != 'none' && parseFloat(cs.outlineWidth) > 0) || cs.boxShadow != 'none',
      name: h.name(a),
    };
  });

/** A page-side function of test/e2e/look.mjs (it takes no helpers) as a function `run` and `waitFor` can call. */
const pageSide = (fn) => `(_h, ...args) => (${fn})(...args)`;

/**
 * The page `src` in a `width` × `height` px iframe with the id `id` (replacing the one of that id), first in the
 * page. MiniBrowser's window is at least 447 px wide: narrow viewports are frames, in every engine alike.
 */
const frame = (page, id, width, height, src) =>
  page.eval(`(() => {
    document.getElementById(${JSON.stringify(id)})?.remove();
    const f = document.createElement('iframe');
    f.id = ${JSON.stringify(id)};
    f.style.cssText = 'width: ${width}px; height: ${height}px; border: 0';
    f.src = ${JSON.stringify(src)};
    document.body.prepend(f);
    return true;
  })()`);

/** Click, in the iframe `id`, every button of Candor's `selector` that opens something, until none is left closed. */
const openAll = (page, id, selector) =>
  waitFor(
    page,
    (_h, id, selector) => {
      const scope = document.getElementById(id).contentDocument.getElementById('candor').shadowRoot.querySelector(selector);
      const closed = [...scope.querySelectorAll('button[aria-expanded=false]')].filter((b) => b.getClientRects().length);
      for (const b of closed) b.click();
      return !closed.length;
    },
    [id, selector],
    `every section of ${selector} open`,
  );

/**
 * The Accept all receipt of a page left at once reaches the endpoint `key`, once: at once (a first send cut off without an
 * answer is due again at once: docs/receipts.md), or — should a page view find it not due — once its retry is moved back
 * here and the page loaded again. It is
 * kept too (nothing waits in localStorage); the outbox may still hold it when the left page's send arrived but its answer
 * did not: sent again later, answered 200 (already stored). Returns the device's receipts: that one alone.
 */
async function deliveredAfterLeaving(page, server, key) {
  const delivered = () => server.receiptLog(key).accepted.length >= 1;
  try {
    await until(delivered, 'the receipt at the endpoint', 5000);
  } catch {
    await run(page, (h) => h.outbox((list) => list.map((p) => ({ ...p, retryAt: Date.now() - 1 }))));
    await reload(page);
    await until(delivered, 'the receipt at the endpoint, on a later page view');
  }
  await waitFor(page, () => !localStorage.getItem('candor-pending'), [], 'the receipt kept');
  await page.eval("navigator.locks ? navigator.locks.request('candor-outbox', () => true) : true");
  await settle();
  const device = await receipts(page);
  assert.deepEqual(
    device.map((r) => [r.event, r.method, r.purposes]),
    [['given', 'accept-all', ACCEPTED]],
  );
  assertDelivered(server, key, device, { repeats: true });
  return device;
}

/** Google Consent Mode entries as plain arrays. */
const gcmSeen = (page) => page.eval('window.tagSeen.map((s) => JSON.parse(s))');

/** The flows: [name, async ({ session, server }) => …]. `session()` opens a fresh profile. */
export const FLOWS = [
  [
    'first visit: the banner shows, nothing gated runs, no cookie',
    async ({ session, server }) => {
      const { page } = await session();
      await go(page, server.url('/'));
      await waitBanner(page);
      for (const name of [T.acceptAll, T.rejectAll, T.customize]) {
        assert.ok(await run(page, (h, name) => !!h.target({ in: 'banner', name }), name), `${name} in the banner`);
      }
      await assertNothingOptional(page, 'on a first visit');
      assert.deepEqual(await run(page, (h) => h.cookies().filter((n) => n == 'candor')), [], 'no candor cookie before a decision');
      assert.equal((await state(page)).decided, false);
      assert.equal(await run(page, (h) => !!h.floating()), false, 'no floating button before a decision');
      await assertClean(page, server);
    },
  ],

  [
    'Accept all runs the gated scripts in order; a returning visitor sees no banner',
    async ({ session, server }) => {
      const { page } = await session();
      await go(page, server.url('/'));
      await acceptAll(page);
      await settle();
      assert.deepEqual(await ran(page), ACCEPT_ALL_RAN, 'every non-sensitive gated script, once, in document order');
      assert.ok((await run(page, (h) => h.cookies())).includes('candor'), 'the decision is in the candor cookie');
      await reload(page);
      await waitRan(page, ACCEPT_ALL_RAN.length);
      await settle();
      assert.equal(await run(page, (h) => !!h.scopes.banner()), false, 'no banner for a returning visitor');
      assert.deepEqual(await ran(page), ACCEPT_ALL_RAN);
      assert.equal((await state(page)).decided, true);
      await assertClean(page, server);
    },
  ],

  [
    'Reject all runs nothing, now and after a reload',
    async ({ session, server }) => {
      const { page } = await session();
      await go(page, server.url('/'));
      await click(page, { in: 'banner', name: T.rejectAll });
      await waitNoBanner(page);
      await assertNothingOptional(page, 'after Reject all');
      assert.equal((await state(page)).decided, true);
      await reload(page);
      await settle();
      assert.equal(await run(page, (h) => !!h.scopes.banner()), false, 'no banner after a reload');
      await assertNothingOptional(page, 'after a reload');
      await assertClean(page, server);
    },
  ],

  [
    'Customize: Tab and Shift+Tab stay in the dialog, Escape closes it and focus returns to Customize',
    async ({ session, server }) => {
      const { page } = await session();
      await go(page, server.url('/'));
      await waitBanner(page);
      await click(page, { in: 'banner', name: T.customize });
      await waitDialog(page);
      await waitFor(page, (h) => h.focus().inDialog, [], 'focus in the dialog');
      const names = await run(page, (h) => h.stops().map(h.name));
      assert.ok(names.length >= 4, `the dialog has controls: ${names}`);
      const [first, last] = [names[0], names[names.length - 1]];

      // From the title (where focus lands), Shift+Tab goes to the last control; Tab from there wraps to the first.
      await page.press('Shift+Tab');
      const back = await focus(page);
      assert.ok(back.inDialog && back.name == last, `Shift+Tab from the title → the last control (${last}), got ${back.tag} "${back.name}"`);
      await page.press('Tab');
      assert.equal((await focus(page)).name, first, 'Tab from the last control wraps to the first');
      await page.press('Shift+Tab');
      assert.equal((await focus(page)).name, last, 'Shift+Tab from the first control wraps to the last');
      // Round trips both ways: focus never leaves the dialog.
      for (const key of ['Tab', 'Shift+Tab']) {
        const seen = new Set();
        // Engines add tab stops of their own (Firefox: a scrollable box), so go on until both ends were seen.
        for (let i = 0; i < names.length + 2 || !(seen.has(first) && seen.has(last)); i++) {
          if (i > 3 * names.length) break;
          await page.press(key);
          const f = await focus(page);
          assert.ok(f.inDialog, `${key} #${i + 1} left the dialog: focus on ${f.tag} "${f.name}"`);
          seen.add(f.name);
        }
        assert.ok(seen.has(first) && seen.has(last), `${key} went round the dialog (${[...seen].join(', ')})`);
      }

      await page.press('Escape');
      await waitNoDialog(page);
      const f = await focus(page);
      assert.ok(f.inBanner && f.name == T.customize, `focus returns to Customize, got ${f.tag} "${f.name}"`);
      assert.equal((await state(page)).decided, false, 'Escape decides nothing');
      await assertClean(page, server);
    },
  ],

  [
    "strict CSP (script-src 'self'; style-src 'self'): banner, dialog, gated scripts, zero violations",
    async ({ session, server }) => {
      const { page } = await session();
      await go(page, server.url('/?csp=strict'));
      await waitBanner(page);
      const styled = await run(page, (h) => {
        const r = h.root();
        return r.adoptedStyleSheets.length + [...r.querySelectorAll('link[rel=stylesheet]')].filter((l) => l.sheet).length;
      });
      assert.ok(styled >= 1, 'the interface is styled under the policy');
      await click(page, { in: 'banner', name: T.customize });
      await waitDialog(page);
      await click(page, { in: 'dialog', name: T.acceptAll });
      await waitNoDialog(page);
      await waitRan(page, ACCEPT_ALL_RAN.length);
      assert.deepEqual(await ran(page), ACCEPT_ALL_RAN);
      await assertClean(page, server);

      // The watcher and report-uri do see a violation when there is one (so "zero" above means something).
      await page.eval("(() => { const s = document.createElement('script'); s.textContent = 'window.inline = 1'; document.head.append(s); })()");
      await waitFor(page, () => window.__csp.length > 0, [], 'the watcher to see an inline script refused');
      const end = Date.now() + WAIT;
      while (!server.cspReports.length && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
      assert.ok(server.cspReports.length > 0, 'the refused inline script was reported to report-uri');
      server.cspReports.length = 0;
    },
  ],

  [
    'nonce CSP: the lazy chunks and activated scripts carry the nonce, zero violations',
    async ({ session, server }) => {
      const { page } = await session();
      await go(page, server.url('/nonce.html?csp=nonce'));
      await waitBanner(page);
      await click(page, { in: 'banner', name: T.customize });
      await waitDialog(page);
      await page.press('Escape');
      await waitNoDialog(page);
      await click(page, { in: 'banner', name: T.acceptAll });
      await waitRan(page, 3);
      await settle();
      assert.deepEqual(await ran(page), ['analytics', 'marketing-inline', 'personalization']);
      const scripts = await page.eval(
        `[...document.scripts].filter((s) => s.type != 'text/plain').map((s) => [s.src.replace(location.origin, '') || 'inline', !!s.nonce])`,
      );
      assert.ok(
        scripts.some(([src]) => src == '/candor/candor-prefs.js'),
        'the preference center came as a chunk',
      );
      for (const [src, nonce] of scripts) assert.ok(nonce, `${src} carries the nonce`);
      await assertClean(page, server);
    },
  ],

  [
    'lazy chunks load with their integrity; a tampered chunk is refused and nothing is granted',
    async ({ session, server }) => {
      const { page } = await session();
      await go(page, server.url('/'));
      await waitBanner(page);
      const chunks = await page.eval(
        `[...document.scripts].filter((s) => /\\/candor\\/candor-/.test(s.src)).map((s) => [s.src.replace(/.*\\//, ''), s.integrity])`,
      );
      assert.ok(
        chunks.some(([f]) => f == 'candor-ui.js'),
        `the interface is a lazy chunk: ${JSON.stringify(chunks)}`,
      );
      assert.ok(!chunks.some(([f]) => f == 'candor-embeds.js'), 'a page without gated embeds never fetches the placeholder code');
      for (const [f, integrity] of chunks) assert.match(integrity, /^sha256-[A-Za-z0-9+/]{43}=$/, `${f} has its integrity`);

      await go(page, server.url('/index.html?tamper=1'));
      await waitFor(
        page,
        () => [...document.scripts].some((s) => s.src.endsWith('/candor-tampered/candor-ui.js')),
        [],
        'the tampered chunk requested',
      );
      // Fetched in full: the browser has checked its integrity, and a chunk that fails the check never runs.
      await waitFor(
        page,
        () => performance.getEntriesByType('resource').some((e) => e.name.endsWith('/candor-tampered/candor-ui.js') && e.responseEnd > 0),
        [],
        'the tampered chunk fetched',
      );
      assert.ok(server.requests.includes('/candor-tampered/candor-ui.js'), 'the tampered chunk was served');
      assert.equal(await run(page, (h) => !!h.scopes.banner() || !!window['candor-ui']), false, 'the tampered interface did not run');
      await assertNothingOptional(page, 'with a tampered chunk');
      assert.equal((await state(page)).decided, false);
    },
  ],

  [
    'the floating button reopens the preference center; Escape returns focus to it',
    async ({ session, server }) => {
      const { page } = await session();
      await go(page, server.url('/'));
      await click(page, { in: 'banner', name: T.rejectAll });
      await waitNoBanner(page);
      await waitFor(page, (h) => !!h.floating(), [], 'the floating button');
      assert.equal(await run(page, (h) => h.name(h.floating())), T.floatingButton);
      await click(page, { in: 'floating' });
      await waitDialog(page);
      await waitFor(page, (h) => h.focus().inDialog, [], 'focus in the dialog');
      await page.press('Escape');
      await waitNoDialog(page);
      assert.ok((await focus(page)).floating, 'focus returns to the floating button');
      await assertClean(page, server);
    },
  ],

  [
    'withdrawal deletes the declared cookies and keys and offers a reload',
    async ({ session, server }) => {
      const { page } = await session();
      await go(page, server.url('/'));
      await acceptAll(page);
      const traces = () =>
        run(page, (h) => [...h.cookies().filter((n) => /^(_pk_|_mk_)/.test(n)), ...Object.keys(localStorage).filter((k) => /^matomo_/.test(k))]);
      assert.deepEqual(
        await traces(),
        ['_mk_uid', '_pk_id.1.e2e', '_pk_ses.1.e2e', 'matomo_last_visit'],
        'the gated scripts left their traces (setup)',
      );
      await click(page, { in: 'floating' });
      await waitDialog(page);
      await click(page, { in: 'dialog', name: T.rejectAll });
      await waitNoDialog(page);
      await waitFor(page, async (h) => !h.cookies().some((n) => /^(_pk_|_mk_)/.test(n)) && !localStorage.getItem('matomo_last_visit'), [], 'cleanup');
      assert.deepEqual(await traces(), [], 'declared cookies and keys deleted');
      await waitFor(page, (h, name) => !!h.target({ in: 'candor', name }), [T.reloadOffer], 'the reload offer');
      assert.equal((await state(page)).purposes.analytics, false);
      await assertClean(page, server);
    },
  ],

  [
    'cross-tab: Accept all in one tab applies in the other',
    async ({ session, server }) => {
      const { page, newPage } = await session();
      const other = await newPage();
      await go(page, server.url('/'));
      await go(other, server.url('/'));
      await waitBanner(other);
      await waitBanner(page);
      await click(page, { in: 'banner', name: T.acceptAll });
      await waitFor(other, () => window.candor.has('analytics') === true, [], 'the decision in the other tab', 2500);
      await waitFor(other, (h) => !h.scopes.banner(), [], 'the banner to go in the other tab');
      await waitRan(other, 2);
      assert.equal((await state(other)).decided, true);
      await assertClean(other, server);
    },
  ],

  [
    "ready: a listener that refuses a returning visitor's grant leaves no later listener told of it",
    async ({ session, server }) => {
      const { page } = await session();
      await go(page, server.url('/?rule=no-marketing'));
      await acceptAll(page);
      await reload(page);
      const seen = await page.eval("[window.readyMarketing, window.candor.has('marketing'), window.candor.has('analytics')]");
      assert.deepEqual(seen, [false, false, true], 'the later listener is told of the refusal; analytics stays granted');
      await assertClean(page, server);
    },
  ],

  [
    'receipts: Accept all, a withdrawal and Reject all each reach the endpoint once, with their per-purpose state',
    async ({ session, server }) => {
      const KEY = 'engines-decide';
      const log = () => server.receiptLog(KEY);
      const first = await session();
      const { page } = first;
      await go(page, server.url(`/?receipts=${KEY}`));
      await acceptAll(page);
      await until(() => log().accepted.length >= 1, 'the receipt of Accept all at the endpoint');
      await click(page, { in: 'floating' });
      await waitDialog(page);
      await click(page, { in: 'dialog', name: T.rejectAll });
      await waitNoDialog(page);
      await until(() => log().accepted.length >= 2, 'the receipt of the withdrawal at the endpoint');
      await receiptsIdle(page);
      await assertClean(page, server);
      const mine = await receipts(page);
      // Another visitor (a fresh profile: WebKitWebDriver has one session at a time) refuses from the banner.
      await first.close();
      const { page: other } = await session();
      await go(other, server.url(`/?receipts=${KEY}`));
      await click(other, { in: 'banner', name: T.rejectAll });
      await waitNoBanner(other);
      await until(() => log().accepted.length >= 3, 'the receipt of Reject all at the endpoint');
      await receiptsIdle(other);
      await settle();

      const theirs = await receipts(other);
      assert.deepEqual(
        mine.map((r) => [r.event, r.method, r.purposes, r.gpc]),
        [
          ['withdrawn', 'reject-all', REFUSED, false],
          ['given', 'accept-all', ACCEPTED, false],
        ],
      );
      assert.deepEqual(
        theirs.map((r) => [r.event, r.method, r.purposes]),
        [['refused', 'reject-all', REFUSED]],
      );
      assertDelivered(server, KEY, [...mine, ...theirs]);
      await assertClean(other, server);
    },
  ],

  [
    'receipts: the endpoint answers 503, then 2xx: the receipt waits in the outbox and is delivered once on a later page view',
    async ({ session, server }) => {
      const KEY = 'engines-retry';
      const log = () => server.receiptLog(KEY);
      const { page } = await session();
      await go(page, server.url(`/?receipts=${KEY}&fail=1`));
      await acceptAll(page);
      await until(() => log().posts.length >= 1, 'the first POST');
      assert.equal(log().posts[0].status, 503);
      await waitFor(page, () => localStorage.getItem('candor-outbox') == '1', [], 'the outbox flag');
      await page.eval("navigator.locks ? navigator.locks.request('candor-outbox', () => true) : true");
      const [receipt] = await receipts(page);
      const box = await run(page, (h) => h.outbox());
      assert.deepEqual(
        box.map((p) => [p.receipt.id, p.attempts, p.retryAt > Date.now()]),
        [[receipt.id, 1, true]],
        'the receipt waits, one attempt made, its retry ahead',
      );
      // The 30 s backoff passes: the entry's retry time is moved back rather than waited for.
      await run(page, (h) => h.outbox((list) => list.map((p) => ({ ...p, retryAt: Date.now() - 1 }))));
      await reload(page);
      await until(() => log().posts.length >= 2, 'the retry');
      await receiptsIdle(page);
      await settle();
      assert.deepEqual(
        log().posts.map((p) => [p.id, p.status]),
        [
          [receipt.id, 503],
          [receipt.id, 201],
        ],
      );
      assert.deepEqual(await run(page, (h) => h.outbox()), [], 'the outbox is empty');
      assertDelivered(server, KEY, await receipts(page), { repeats: true, failed: [503] });
      await assertClean(page, server);
    },
  ],

  [
    'receipts: a page left right after Accept all loses nothing: the receipt reaches the endpoint once',
    async ({ session, server }) => {
      const KEY = 'engines-leave';
      const { page } = await session();
      await go(page, server.url(`/?receipts=${KEY}`));
      await waitBanner(page);
      await click(page, { in: 'banner', name: T.acceptAll });
      // Left at once (a page without Candor), then back on the site.
      await page.goto(server.url('/privacy.html'));
      await go(page, server.url(`/?receipts=${KEY}`));
      const device = await deliveredAfterLeaving(page, server, KEY);
      assert.deepEqual(await ran(page), ACCEPT_ALL_RAN, 'the decision holds on the next page view');
      // Kept on the device too: the page left behind (WebKit keeps it in its back/forward cache) blocks no IndexedDB.
      await reload(page);
      assert.deepEqual(
        (await receipts(page)).map((r) => r.id),
        device.map((r) => r.id),
        'the receipt is still listed on the next page view',
      );
      await assertClean(page, server);
    },
  ],

  [
    'records: "Your consent records" lists each decision; both downloads save them (candor-receipts.json, candor-receipts.txt)',
    async ({ session, server }) => {
      const { page } = await session();
      await go(page, server.url('/'));
      await acceptAll(page);
      await click(page, { in: 'floating' });
      await waitDialog(page);
      await click(page, { in: 'dialog', name: T.rejectAll });
      await waitNoDialog(page);
      await click(page, { in: 'floating' });
      await waitDialog(page);
      const items = await waitFor(
        page,
        (h) => {
          const li = [...(h.scopes.dialog()?.querySelectorAll('.records li') || [])];
          return li.length == 2 && li.map((el) => el.textContent.replace(/\s+/g, ' '));
        },
        [],
        'two records listed',
      );
      assert.match(items[0], /Consent withdrawn/);
      assert.match(items[1], /Consent given/);
      // What the download link gives, read back in the page: its name, and the blob behind it (before it is revoked).
      await page.eval(`(() => {
        window.__saved = [];
        const click = HTMLAnchorElement.prototype.click;
        HTMLAnchorElement.prototype.click = function () {
          if (this.download) {
            const saved = { name: this.download, blob: this.href.startsWith('blob:'), connected: this.isConnected };
            window.__saved.push(saved);
            fetch(this.href).then((r) => r.text()).then((text) => (saved.text = text), (e) => (saved.error = String(e)));
          }
          return click.apply(this, arguments);
        };
        return true;
      })()`);
      await click(page, { in: 'dialog', name: 'Download my records' });
      const saved = await waitFor(
        page,
        () => window.__saved[0] && (window.__saved[0].text || window.__saved[0].error) && window.__saved[0],
        [],
        'the blob',
      );
      const device = await receipts(page);
      assert.deepEqual(
        { name: saved.name, blob: saved.blob, connected: saved.connected, error: saved.error },
        { name: 'candor-receipts.json', blob: true, connected: true, error: undefined },
      );
      assert.deepEqual(JSON.parse(saved.text), device, 'the link’s file is the device’s receipts, newest first');
      // The file the browser saved.
      assert.deepEqual(JSON.parse(await page.download('candor-receipts.json')), device, 'the saved file');
      // The readable version: plain text in UTF-8 with a byte order mark, the newest record first.
      await click(page, { in: 'dialog', name: 'Download a readable version' });
      await waitFor(page, () => window.__saved[1] && (window.__saved[1].text || window.__saved[1].error), [], 'the readable blob');
      const text = await page.download('candor-receipts.txt');
      assert.equal(text[0], '\ufeff', 'a byte order mark');
      assert.match(text, /^\ufeffYour consent records\n/);
      assert.ok(text.indexOf('Consent withdrawn') < text.indexOf('Consent given'), 'newest first');
      assert.ok(text.includes(`Record ${device[0].id}`), 'each record named by its id');
      await assertClean(page, server);
    },
  ],

  [
    'embeds: a blocked iframe shows its placeholder (its Privacy settings give focus back); "Allow and load" loads it, records the grant, runs its scripts in order',
    async ({ session, server }) => {
      const { page } = await session();
      await go(page, server.url('/engines-embeds.html'));
      await waitBanner(page);
      const allow = { in: 'placeholder', of: 'video', name: 'Allow and load' };
      await waitFor(page, (h, allow) => !!h.target(allow), [allow], 'the placeholder');
      const before = await run(page, (h) => {
        const el = document.getElementById('video');
        return { src: el.getAttribute('src'), shown: h.visible(el), text: h.placeholder('video').textContent.replace(/\s+/g, ' ') };
      });
      assert.deepEqual({ src: before.src, shown: before.shown }, { src: null, shown: false }, 'no src, hidden behind its placeholder');
      assert.match(before.text, /blocked because it needs your consent for “Advertising”/, 'the placeholder names the purpose');
      assert.ok(!server.requests.some((r) => r.startsWith('/int-frame.html')), 'nothing embedded requested');
      assert.deepEqual(await ran(page), []);

      // Its "Privacy settings" opens the preference center; Escape brings focus back to it, in the placeholder.
      await click(page, { in: 'placeholder', of: 'video', name: T.floatingButton });
      await waitDialog(page);
      await page.press('Escape');
      await waitNoDialog(page);
      await waitFor(
        page,
        (h, name) => {
          const a = h.placeholder('video')?.activeElement;
          return !!a && h.name(a) == name;
        },
        [T.floatingButton],
        'focus back on the placeholder’s Privacy settings',
      );
      assert.equal((await state(page)).decided, false, 'opening the preference center decided nothing');

      await click(page, allow);
      await waitFor(
        page,
        () => /Embedded content/.test(document.getElementById('video').contentDocument?.body?.textContent || ''),
        [],
        'the iframe loaded',
      );
      await waitRan(page, 2);
      await settle();
      assert.deepEqual(await ran(page), ['marketing', 'marketing-inline'], 'its gated scripts, in document order (the first one served late)');
      const s = await state(page);
      assert.deepEqual(
        ['analytics', 'personalization', 'marketing', 'health-offers'].map((id) => s.purposes[id]),
        [false, false, true, false],
        'that purpose only',
      );
      assert.equal(await run(page, (h) => !!h.placeholder('video')), false, 'its placeholder gone');
      assert.equal(
        await run(page, (h) => !!h.placeholder('reco') && !document.getElementById('reco').getAttribute('src')),
        true,
        'the other embed waits',
      );
      const list = await waitFor(page, () => window.candor.receipts().then((l) => l.length && l), [], 'the receipt');
      assert.deepEqual(
        list.map((r) => [r.event, r.method, r.purposes.marketing, r.purposes.analytics]),
        [['given', 'placeholder', true, false]],
      );
      await assertClean(page, server);
    },
  ],

  [
    'right to left: an Arabic page’s banner, preference center and placeholder read right to left; nothing scrolls sideways at 320 px',
    async ({ session, server }) => {
      const { page } = await session();
      await go(page, server.url('/rtl.html?lang=ar'));
      await waitBanner(page);
      const dir = (where) =>
        run(
          page,
          (h, where) => {
            const el = where == 'placeholder' ? h.placeholder('video')?.firstElementChild : h.scopes[where]();
            return (
              el && [
                el.closest('[dir]')?.getAttribute('dir') || el.getRootNode().host?.closest('[dir]')?.getAttribute('dir'),
                getComputedStyle(el).direction,
              ]
            );
          },
          where,
        );
      assert.deepEqual(await dir('banner'), ['rtl', 'rtl'], 'the banner');
      // At 1280 px the choices stand in a column beside the text: at its left, the text's end.
      const [text, accept] = await run(
        page,
        (h, name) => [h.scopes.banner().querySelector('.brief'), h.target({ in: 'banner', name })].map((el) => el.getBoundingClientRect().left),
        AR.acceptAll,
      );
      assert.ok(text > accept, `the text right of the choices (${text} > ${accept})`);
      await waitFor(page, (h, name) => !!h.target({ in: 'placeholder', of: 'video', name }), [AR.allowAndLoad], 'the placeholder');
      assert.deepEqual(await dir('placeholder'), ['rtl', 'rtl'], 'the placeholder');
      await click(page, { in: 'banner', name: AR.customize });
      await waitDialog(page);
      assert.deepEqual(await dir('dialog'), ['rtl', 'rtl'], 'the preference center');
      await page.press('Escape');
      await waitNoDialog(page);
      await assertClean(page, server);

      // 320 px (MiniBrowser's window is at least 447 px wide): the page in a 320 px frame, banner then preference center.
      await page.goto(server.url('/privacy.html'));
      await frame(page, 'narrow', 320, 560, '/rtl.html?lang=ar');
      const overflow = (what) =>
        waitFor(
          page,
          (_h, what) => {
            const w = document.getElementById('narrow').contentWindow;
            const el = w?.document.getElementById('candor')?.shadowRoot?.querySelector(what == 'banner' ? '[role=region]' : '[role=dialog]');
            if (!el?.getClientRects().length) return null;
            // The page's own 300 px frame (in a 288 px column) overflows until its placeholder (max-width 100%) stands in for it.
            if (!w.document.getElementById('video').previousElementSibling?.hasAttribute('data-candor-placeholder')) return null;
            const html = w.document.documentElement;
            const r = el.getBoundingClientRect();
            return { width: w.innerWidth, scroll: html.scrollWidth - html.clientWidth, left: Math.round(r.left), right: Math.round(r.right) };
          },
          [what],
          `the ${what} in the 320 px frame`,
        );
      const banner = await overflow('banner');
      assert.equal(banner.width, 320, 'test setup: a 320 px viewport');
      assert.ok(banner.scroll <= 0 && banner.left >= 0 && banner.right <= 320, `the banner fits: ${JSON.stringify(banner)}`);
      await page.eval(`(() => {
        const root = document.getElementById('narrow').contentDocument.getElementById('candor').shadowRoot;
        [...root.querySelectorAll('button')].find((b) => b.textContent.trim() == ${JSON.stringify(AR.customize)}).click();
        return true;
      })()`);
      const dialog = await overflow('dialog');
      assert.ok(dialog.scroll <= 0 && dialog.left >= 0 && dialog.right <= 320, `the preference center fits: ${JSON.stringify(dialog)}`);
    },
  ],

  [
    'GPC: the purposes listed in `gpc` stay off through Accept all, and the receipt records the signal',
    async ({ session, server, skip }) => {
      const s = await session({ gpc: true });
      if (s.skip) return skip(s.skip);
      const KEY = 'engines-gpc';
      const { page } = s;
      await go(page, server.url(`/?receipts=${KEY}`));
      assert.equal(await page.eval('navigator.globalPrivacyControl'), true, 'test setup: the browser sends the signal');
      await waitBanner(page);
      await click(page, { in: 'banner', name: T.acceptAll });
      await waitNoBanner(page);
      await waitRan(page, 2);
      await settle();
      assert.deepEqual(await ran(page), ['analytics', 'personalization'], 'nothing gated on marketing ran');
      const st = await state(page);
      assert.equal(st.gpc, true);
      assert.deepEqual(
        ['analytics', 'personalization', 'marketing'].map((id) => st.purposes[id]),
        [true, true, false],
      );
      await until(() => server.receiptLog(KEY).accepted.length >= 1, 'the receipt at the endpoint');
      const [r] = server.receiptLog(KEY).accepted;
      assert.deepEqual([r.gpc, r.purposes.marketing, r.purposes.analytics], [true, false, true], 'the receipt records the signal and the refusal');
      await click(page, { in: 'floating' });
      await waitDialog(page);
      assert.match(await run(page, (h) => h.scopes.dialog().textContent), /Your Global Privacy Control signal is honored/);
      await assertClean(page, server);
    },
  ],

  [
    'preference center as a modal: the page behind is inert, Save is announced, focus returns to the opener',
    async ({ session, server }) => {
      const { page } = await session();
      await go(page, server.url('/'));
      await click(page, { in: 'banner', name: T.rejectAll });
      await waitNoBanner(page);
      await click(page, { in: 'page', name: 'Cookie preferences' });
      await waitDialog(page);
      await waitFor(page, (h) => h.focus().inDialog, [], 'focus in the dialog');
      const behind = await run(page, () => {
        const email = document.getElementById('email');
        email.focus();
        return {
          main: document.querySelector('main').inert,
          footer: document.querySelector('footer').inert,
          focusable: document.activeElement == email,
        };
      });
      assert.deepEqual(behind, { main: true, footer: true, focusable: false }, 'the page behind is inert');
      await click(page, { in: 'dialog', name: T.save });
      await waitNoDialog(page);
      await waitFor(
        page,
        (h) => h.root().querySelector('[role=status]')?.textContent.trim() == 'Your choices have been saved.',
        [],
        'the status message',
      );
      await waitFor(page, () => document.activeElement?.id == 'privacy-link', [], 'focus back on the opener');
      assert.equal(await page.eval("document.querySelector('main').inert"), false, 'the page is no longer inert');
      await assertClean(page, server);
    },
  ],

  [
    'back/forward cache: a decision made on another page holds when the visitor goes back (banner gone, then a withdrawal)',
    async ({ session, server }) => {
      const { page } = await session();
      const back = async () => {
        await page.back();
        await ready(page);
      };
      await go(page, server.url('/'));
      await waitBanner(page);
      await page.eval('(window.__before = true)');
      // Accept all on another page of the site, then back: WebKit shows the page from its back/forward cache.
      await go(page, server.url('/nonce.html'));
      await click(page, { in: 'banner', name: T.acceptAll });
      await waitNoBanner(page);
      await back();
      await waitFor(page, () => window.candor.get().decided, [], 'the decision on the page gone back to');
      await waitNoBanner(page);
      await waitRan(page, ACCEPT_ALL_RAN.length);
      // A withdrawal on the other page, then back.
      await go(page, server.url('/nonce.html'));
      await click(page, { in: 'floating' });
      await waitDialog(page);
      await click(page, { in: 'dialog', name: T.rejectAll });
      await waitNoDialog(page);
      await back();
      await waitFor(page, () => window.candor.get().purposes.analytics === false, [], 'the withdrawal on the page gone back to');
      // Cached, its gated scripts had run: the visitor is offered a reload; loaded again, nothing runs.
      if (await page.eval('!!window.__before'))
        await waitFor(page, (h, name) => !!h.target({ in: 'candor', name }), [T.reloadOffer], 'the reload offer');
      else assert.deepEqual(await ran(page), []);
      await assertClean(page, server);
    },
  ],

  [
    'back/forward cache: a page left right after Accept all and gone back to keeps and sends the receipt itself, once',
    async ({ session, server }) => {
      const KEY = 'engines-bfcache-keep';
      const { page } = await session();
      await go(page, server.url(`/?receipts=${KEY}`));
      await waitBanner(page);
      await click(page, { in: 'banner', name: T.acceptAll });
      // Left at once for a page without Candor (no page view of the site to keep the decision), then back: WebKit shows the
      // page from its back/forward cache, its keeping of the receipt aborted when it was hidden there (src/core/frozen.ts).
      await page.goto(server.url('/privacy.html'));
      await page.back();
      await ready(page);
      // This page, cached or loaded again, keeps the receipt and queues it: no other page view.
      await waitFor(page, () => !localStorage.getItem('candor-pending'), [], 'the receipt kept by the page gone back to');
      const device = await deliveredAfterLeaving(page, server, KEY);
      // Restored once more: nothing is kept or sent twice.
      await page.goto(server.url('/privacy.html'));
      await page.back();
      await ready(page);
      await page.eval("navigator.locks ? navigator.locks.request('candor-pending', () => true) : true");
      await page.eval("navigator.locks ? navigator.locks.request('candor-outbox', () => true) : true");
      await settle();
      assert.deepEqual(
        (await receipts(page)).map((r) => r.id),
        device.map((r) => r.id),
      );
      assertDelivered(server, KEY, device, { repeats: true });
      await assertClean(page, server);
    },
  ],

  [
    'an unstamped configuration: validated on a first visit, a returning visit decides without the validator, a changed text is validated again and asks again',
    async ({ session, server }) => {
      const { page } = await session();
      await go(page, server.url('/'));
      await waitBanner(page);
      assert.equal(validatorRequests(server), 1, 'a first visit downloads the validator (candor-check.js)');
      assert.equal((await state(page)).error, undefined, 'no configuration error');
      // The validator remembers the text it accepted; the cache keeps it for the next page view.
      await waitFor(page, () => !!localStorage.getItem('candor-config'), [], 'the validated text remembered');
      await acceptAll(page);
      await waitFor(page, () => !!localStorage.getItem('candor-cached'), [], 'the configuration kept on the device');

      server.requests.length = 0;
      await reload(page);
      await waitRan(page, ACCEPT_ALL_RAN.length);
      await settle();
      assert.equal(await run(page, (h) => !!h.scopes.banner()), false, 'no banner for a returning visitor');
      assert.equal(validatorRequests(server), 0, `a returning visit needs no validator (${server.requests.join(' ')})`);
      assert.ok(server.requests.includes('/consent.json'), 'the file is still fetched, to see a change');

      // The site edits the file (same URL): the new text is validated, and its new version asks again.
      server.consent.edits.version = '2027-06';
      server.requests.length = 0;
      await reload(page);
      await waitBanner(page);
      assert.equal(validatorRequests(server), 1, 'the changed text is validated');
      assert.equal((await state(page)).decided, false, 'the new version is not decided');
      await click(page, { in: 'banner', name: T.rejectAll });
      await waitNoBanner(page);
      await reload(page);
      await settle();
      assert.equal(await run(page, (h) => !!h.scopes.banner()), false, 'decided again: no banner');
      assert.equal((await state(page)).purposes.analytics, false);
      await assertClean(page, server);
    },
  ],

  [
    'an invalid configuration: nothing optional runs, no banner, and candor.get().error says why',
    async ({ session, server }) => {
      const { page } = await session();
      await go(page, server.url('/tr-invalid.html'));
      const error = await waitFor(page, () => window.candor.get().error, [], 'the configuration error');
      assert.deepEqual(error.map((p) => `${p.path}: ${p.message}`).sort(), TR_INVALID_PROBLEMS);
      assert.ok(
        error.every((p) => p.hint),
        'every problem has a hint',
      );
      assert.equal(validatorRequests(server), 1, 'the validator said so');
      assert.equal(await page.eval("window.candor.acceptAll() === undefined && window.candor.has('health-offers')"), false, 'the API grants nothing');
      await settle();
      assert.equal(await run(page, (h) => !!(h.scopes.banner() || h.scopes.dialog())), false, 'no banner, no dialog');
      assert.deepEqual(await ran(page), [], 'no gated script ran');
      assert.equal(await page.eval("localStorage.getItem('candor-config')"), null, 'an invalid text is not remembered as valid');
      await reload(page);
      await waitFor(page, () => window.candor.get().error, [], 'the error again on the next page view');
      assert.deepEqual(await ran(page), []);
      await assertClean(page, server);
    },
  ],

  [
    'axe-core: the banner, the preference center (details open) and the records view have no violations',
    async ({ session, server }) => {
      const { page } = await session();
      await go(page, server.url('/'));
      await waitBanner(page);
      await assertAxeClean(page, 'the banner');
      await click(page, { in: 'banner', name: T.customize });
      await waitDialog(page);
      await run(page, (h) => {
        for (const b of h.scopes.dialog().querySelectorAll('button[aria-expanded=false]')) b.click();
        return true;
      });
      await assertAxeClean(page, 'the preference center, details open');
      await click(page, { in: 'dialog', name: T.rejectAll });
      await waitNoDialog(page);
      await click(page, { in: 'floating' });
      await waitDialog(page);
      await waitFor(page, (h) => h.scopes.dialog()?.querySelectorAll('.records li').length >= 1, [], 'the records listed');
      await assertAxeClean(page, 'the preference center with the records');
      await assertClean(page, server);
    },
  ],

  [
    'keyboard only: Tab reaches the banner before the page’s content; Space on Customize and Reject all, Enter on Accept all; focus shows and lands on the floating button, or on <main> without it',
    async ({ session, server }) => {
      const { page } = await session();
      await go(page, server.url('/'));
      await waitBanner(page);
      const path = await tabTo(page, (f) => f.inBanner || f.inMain, 'the banner');
      assert.ok(path.at(-1).inBanner, `the banner comes before the page’s main content: ${path.map((f) => f.name).join(' → ')}`);
      const shown = await focusShown(page);
      assert.ok(shown.visible && shown.ring, `focus is visible on ${shown.name}: ${JSON.stringify(shown)}`);

      await tabTo(page, (f) => f.inBanner && f.name == T.customize, T.customize);
      await page.press('Space');
      await waitDialog(page);
      await waitFor(page, (h) => h.focus().inDialog, [], 'focus in the dialog');
      await page.press('Escape');
      await waitNoDialog(page);
      assert.equal((await focus(page)).name, T.customize, 'focus back on Customize');
      const shownBack = await focusShown(page);
      assert.ok(shownBack.visible && shownBack.ring, `focus is visible on Customize, given back: ${JSON.stringify(shownBack)}`);
      // Shift+Tab: Reject all is before Customize. (Tab past the page's end would leave the document: headless Firefox
      // then matches :focus-visible nowhere in the page, its own links included, on every later Tab.)
      await tabTo(page, (f) => f.inBanner && f.name == T.rejectAll, T.rejectAll, 10, 'Shift+Tab');
      const shownReject = await focusShown(page);
      assert.ok(shownReject.visible && shownReject.ring, `focus is visible on Reject all: ${JSON.stringify(shownReject)}`);
      await page.press('Space');
      await waitNoBanner(page);
      await waitFor(page, (h) => h.focus().floating, [], 'focus on the floating button after Reject all');
      const shownFloating = await focusShown(page);
      assert.ok(shownFloating.visible && shownFloating.ring, `focus is visible on the floating button: ${JSON.stringify(shownFloating)}`);
      await assertNothingOptional(page, 'after Reject all by keyboard');

      // Forget the decision, then Enter on Accept all.
      await page.eval("(() => { localStorage.clear(); document.cookie = 'candor=; max-age=0; path=/'; return true; })()");
      await reload(page);
      await waitBanner(page);
      await tabTo(page, (f) => f.inBanner && f.name == T.acceptAll, T.acceptAll);
      await page.press('Enter');
      await waitNoBanner(page);
      await waitRan(page, ACCEPT_ALL_RAN.length);
      await waitFor(page, (h) => h.focus().floating, [], 'focus on the floating button after Accept all');
      assert.equal((await state(page)).decided, true);
      await assertClean(page, server);

      // Without the floating button, Enter on Reject all leaves focus on the page's main content, not on <body>.
      server.consent.edits.floatingButton = false;
      await page.eval("(() => { localStorage.clear(); document.cookie = 'candor=; max-age=0; path=/'; return true; })()");
      await reload(page);
      await waitBanner(page);
      await tabTo(page, (f) => f.inBanner && f.name == T.rejectAll, T.rejectAll);
      await page.press('Enter');
      await waitNoBanner(page);
      const landed = await waitFor(
        page,
        () => document.activeElement != document.body && document.activeElement?.id,
        [],
        'focus off the banner, not on <body>',
      );
      assert.equal(landed, 'main', 'focus on <main>');
      await assertClean(page, server);
    },
  ],

  [
    'Google Consent Mode v2: every type denied by default before the Google tag, each decision pushes an update, ads_data_redaction while ad_storage is denied',
    async ({ session, server }) => {
      const { page } = await session();
      await go(page, server.url('/int-gcm.html'));
      await waitBanner(page);
      const first = JSON.parse(await page.eval('window.gcmAtLoad'));
      const [cmd, kind, { wait_for_update: wait, ...types }] = first[0];
      assert.deepEqual([cmd, kind], ['consent', 'default'], 'the first thing the tag finds');
      assert.ok(
        Object.entries(types).every(([k, v]) => v == (k == 'security_storage' ? 'granted' : 'denied')),
        JSON.stringify(types),
      );
      assert.ok(
        ['ad_storage', 'ad_user_data', 'ad_personalization', 'analytics_storage'].every((k) => k in types),
        'the v2 types',
      );
      assert.ok(wait > 0, 'wait_for_update');
      assert.deepEqual(first.slice(1), [['set', 'ads_data_redaction', true]]);

      await click(page, { in: 'banner', name: T.acceptAll });
      await waitNoBanner(page);
      let seen = await waitFor(page, () => window.tagSeen.length >= 3 && window.tagSeen.map((s) => JSON.parse(s)), [], 'the update after Accept all');
      assert.deepEqual(seen[0].slice(0, 2), ['consent', 'update']);
      assert.equal(seen[0][2].ad_storage, 'granted');
      assert.equal(seen[0][2].analytics_storage, 'granted');
      assert.deepEqual(seen[1], ['set', 'ads_data_redaction', false]);
      assert.equal(seen[2][0].event, 'candor_consent_update');

      await click(page, { in: 'floating' });
      await waitDialog(page);
      await click(page, { in: 'dialog', name: T.rejectAll });
      await waitNoDialog(page);
      seen = await waitFor(page, () => window.tagSeen.length >= 6 && window.tagSeen.map((s) => JSON.parse(s)), [], 'the update after Reject all');
      assert.deepEqual(seen[3].slice(0, 2), ['consent', 'update']);
      assert.ok(
        Object.values(seen[3][2]).every((v) => v == 'denied'),
        JSON.stringify(seen[3][2]),
      );
      assert.deepEqual(seen[4], ['set', 'ads_data_redaction', true]);
      const all = await gcmSeen(page);
      assert.equal(all.filter((e) => e[0] == 'consent' && e[1] == 'default').length, 0, 'no second default');
      await assertClean(page, server);
    },
  ],

  [
    'languages: a French browser on a page in a language the site does not offer gets the French banner, lang="fr"',
    async ({ session, server, skip }) => {
      const s = await session({ languages: ['fr-FR', 'fr'] });
      if (s.skip) return skip(s.skip);
      const { page } = s;
      await go(page, server.url('/?lang=ja'));
      assert.equal(await page.eval('navigator.language'), 'fr-FR', 'test setup: the browser’s language');
      await waitFor(page, (h, name) => !!h.target({ in: 'banner', name }), [TEXT.fr.acceptAll], 'the French banner');
      assert.equal((await state(page)).language, 'fr');
      assert.equal(await run(page, (h) => h.scopes.banner().closest('[lang]').getAttribute('lang')), 'fr');
      await assertClean(page, server);
    },
  ],

  [
    'the notice hash in receipts: what `candor hash` prints, with Web Crypto and with Candor’s own SHA-256 (a page without crypto.subtle)',
    async ({ session, server }) => {
      const cli = spawnSync(process.execPath, [join(DIST, 'cli.js'), 'hash', join(PAGES, 'consent.json')], { encoding: 'utf8' });
      const expected = Object.fromEntries(
        cli.stdout
          .trim()
          .split('\n')
          .map((l) => l.split(/\s+/)),
      );
      assert.ok(expected.en && expected.fr, cli.stdout + cli.stderr);
      const { page } = await session();
      await go(page, server.url('/'));
      assert.deepEqual(await page.eval('[isSecureContext, !!crypto.subtle]'), [true, true], 'http://127.0.0.1 is a secure context, with Web Crypto');
      await acceptAll(page);
      const given = await waitFor(page, () => window.candor.receipts().then((l) => l.length && l[0]), [], 'the receipt');
      assert.equal(given.noticeHash, expected.en, 'Web Crypto: the hash `candor hash` prints (en)');
      // A French page view where Web Crypto is missing (as on a plain-http site): the withdrawal's receipt.
      await go(page, server.url('/?lang=fr'));
      assert.equal(
        await page.eval(
          "(Object.defineProperty(Crypto.prototype, 'subtle', { get: () => undefined, configurable: true }), crypto.subtle === undefined)",
        ),
        true,
        'test setup: no Web Crypto on this page view',
      );
      await click(page, { in: 'floating' });
      await waitDialog(page);
      await click(page, { in: 'dialog', name: TEXT.fr.rejectAll });
      await waitNoDialog(page);
      const withdrawn = await waitFor(page, () => window.candor.receipts().then((l) => l.length > 1 && l[0]), [], 'the withdrawal’s receipt');
      assert.deepEqual([withdrawn.event, withdrawn.language], ['withdrawn', 'fr']);
      assert.equal(withdrawn.noticeHash, expected.fr, 'Candor’s own SHA-256: the hash `candor hash` prints (fr, non-ASCII text)');
      await assertClean(page, server);
    },
  ],

  [
    'a stamped configuration: a first visit skips the validator; the same file edited (stale stamp) is validated and works',
    async ({ session, server }) => {
      const dir = mkdtempSync(join(tmpdir(), 'candor-stamp-'));
      try {
        const file = join(dir, 'consent.json');
        writeFileSync(file, readFileSync(join(PAGES, 'consent.json')));
        const cli = spawnSync(process.execPath, [join(DIST, 'cli.js'), 'validate', '--stamp', file], { encoding: 'utf8' });
        assert.equal(cli.status, 0, cli.stdout + cli.stderr);
        server.consent.text = readFileSync(file, 'utf8');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      assert.match(server.consent.text, /"\$validated": "[0-9a-z]+"/);
      const { page } = await session();
      await go(page, server.url('/'));
      await waitBanner(page);
      assert.equal(validatorRequests(server), 0, `a stamped file needs no validator (${server.requests.join(' ')})`);
      await acceptAll(page);
      await assertClean(page, server);

      // A first visit again (nothing on the device), to the file edited after it was stamped.
      server.consent.text = server.consent.text.replace('"reaskAfterDays": 182', '"reaskAfterDays": 180');
      await page.eval("(() => { localStorage.clear(); document.cookie = 'candor=; max-age=0; path=/'; return true; })()");
      server.requests.length = 0;
      await reload(page);
      await waitBanner(page);
      assert.equal(validatorRequests(server), 1, 'a stale stamp: the validator checks the file');
      assert.equal((await state(page)).error, undefined);
      await acceptAll(page);
      await assertClean(page, server);
    },
  ],

  [
    'a modal banner (layout "modal"): focus in it at once, the page behind inert, Tab kept in it; after Reject all nothing is inert',
    async ({ session, server }) => {
      server.consent.edits.layout = 'modal';
      const { page } = await session();
      await go(page, server.url('/'));
      await waitFor(page, (h) => !!h.root()?.querySelector('.banner[role=dialog][aria-modal=true]'), [], 'the modal banner');
      assert.equal(await run(page, (h) => !!h.root().querySelector('.banner')?.contains(h.root().activeElement)), true, 'focus in the banner');
      assert.deepEqual(
        await page.eval(
          "(() => { const e = document.getElementById('email'); e.focus(); return [document.querySelector('main').inert, document.activeElement == e]; })()",
        ),
        [true, false],
        'the page behind is inert',
      );
      const count = await run(page, (h) => [...h.root().querySelectorAll('.banner button, .banner a[href]')].filter(h.visible).length);
      for (let i = 0; i < count; i++) {
        await page.press('Tab');
        const f = await run(page, (h) => ({ name: h.focus().name, inBanner: !!h.root().querySelector('.banner')?.contains(h.root().activeElement) }));
        assert.ok(f.inBanner, `Tab #${i + 1} stays in the modal banner, got "${f.name}"`);
      }
      await click(page, { in: 'candor', name: T.rejectAll });
      await waitFor(page, (h) => !h.root().querySelector('.banner'), [], 'the banner to go');
      assert.equal(await page.eval('[...document.body.children].some((el) => el.inert)'), false, 'nothing inert after Reject all');
      await waitFor(page, (h) => h.focus().floating, [], 'focus on the floating button');
      await assertNothingOptional(page, 'after Reject all');
      await assertClean(page, server);
    },
  ],
  [
    'look: Accept all, Reject all and Customize look the same, readable (≥ 4.5:1), 44 × 44 px at least, in the light and the dark color scheme',
    async ({ session, server, skip }) => {
      const names = [T.acceptAll, T.rejectAll, T.customize];
      const seen = {};
      for (const scheme of ['light', 'dark']) {
        const s = await session({ colorScheme: scheme });
        if (s.skip) return skip(s.skip);
        const { page } = s;
        await go(page, server.url('/'));
        const dark = await page.eval("matchMedia('(prefers-color-scheme: dark)').matches");
        assert.equal(dark, scheme == 'dark', `test setup: the browser prefers the ${scheme} color scheme`);
        await waitBanner(page);
        seen[scheme] = await run(page, pageSide(measureButtons), names);
        assertSameLook(seen[scheme], T, ` (${scheme})`);
        await assertClean(page, server);
        await s.close(); // WebKitWebDriver: one session at a time
      }
      assert.notEqual(seen.dark[T.acceptAll].background, seen.light[T.acceptAll].background, 'the dark scheme has its own colors');
    },
  ],

  [
    '320 px (WCAG 1.4.10 Reflow): the banner and the preference center, every section open, never scroll sideways; every control on screen or scrolled into it; the longest translations too',
    async ({ session, server }) => {
      const { page } = await session();
      await page.goto(server.url('/privacy.html'));
      await frame(page, 'narrow', 320, 568, '/');
      const look = (options) => run(page, pageSide(reflow), { frame: 'narrow', ...options });
      const open = (selector) =>
        waitFor(
          page,
          (_h, selector) => {
            const root = document.getElementById('narrow').contentDocument?.getElementById('candor')?.shadowRoot;
            return !!root?.querySelector(selector)?.getClientRects().length;
          },
          [selector],
          `${selector} in the 320 px frame`,
        );
      const press = (name) =>
        page.eval(`(() => {
          const root = document.getElementById('narrow').contentDocument.getElementById('candor').shadowRoot;
          [...root.querySelectorAll('button')].find((b) => b.textContent.trim() == ${JSON.stringify(name)}).click();
          return true;
        })()`);
      const reachable = (r) => Object.entries(r.buttons).filter(([, at]) => at != 'visible' && at != 'reachable');

      await open('[role=region]');
      const banner = await look({ names: [T.acceptAll, T.rejectAll, T.customize] });
      assert.equal(banner.viewport, 320, 'test setup: a 320 px viewport');
      assertFits(banner, 'banner');
      assert.deepEqual(banner.buttons, { [T.acceptAll]: 'visible', [T.rejectAll]: 'visible', [T.customize]: 'visible' }, 'the choices on screen');
      await openAll(page, 'narrow', '[role=region]');
      const all = await look({ scroll: true });
      assertFits(all, 'banner, every purpose open');
      assert.deepEqual(reachable(all), [], `every control of the banner within reach: ${JSON.stringify(all.buttons)}`);

      await press(T.customize);
      await open('[role=dialog]');
      await openAll(page, 'narrow', '[role=dialog]');
      const dialog = await look({ selector: '[role=dialog]', scroll: true });
      assertFits(dialog, 'preference center, every section open');
      assert.ok(Object.keys(dialog.buttons).length > 10, `test setup: the preference center's controls (${Object.keys(dialog.buttons)})`);
      assert.deepEqual(reachable(dialog), [], `every control of the preference center within reach: ${JSON.stringify(dialog.buttons)}`);
      assert.deepEqual(await page.eval("document.getElementById('narrow').contentWindow.__errors"), [], 'no uncaught error in the frame');

      // The longest translation of each button (its font's widths differ by engine): the same look, and it fits.
      for (const lang of longest()) {
        const L = texts(lang);
        const names = [L.acceptAll, L.rejectAll, L.customize];
        const where = ` in ${lang} at 320 px`;
        await frame(page, 'narrow', 320, 568, `/i18n.html?lang=${lang}`);
        await open('[role=region]');
        const b = await look({ names });
        assertFits(b, `banner${where}`);
        assert.deepEqual(Object.values(b.buttons), ['visible', 'visible', 'visible'], `the choices on screen${where}: ${JSON.stringify(b.buttons)}`);
        assertSameLook(await run(page, pageSide(measureButtons), names, 'narrow'), L, where);
        await press(L.customize);
        await open('[role=dialog]');
        const d = await look({ selector: '[role=dialog]', names: [L.save, L.acceptAll, L.rejectAll], scroll: true });
        assertFits(d, `preference center${where}`);
        assert.deepEqual(reachable(d), [], `the preference center's choices within reach${where}: ${JSON.stringify(d.buttons)}`);
      }
    },
  ],

  [
    'a long floating label wraps inside its button (44 × 44 px at least) at 320 and 390 px, one line at 1280 px',
    async ({ session, server }) => {
      const { page } = await session();
      await go(page, server.url('/long-label.html'));
      await click(page, { in: 'banner', name: T.rejectAll });
      await waitNoBanner(page);
      const measure = (id) => waitFor(page, pageSide(measureFloatingLabel), [id], `the floating button${id ? ` in ${id}` : ''}`);
      const wide = await measure(null);
      assert.equal(wide.viewport, 1280, 'test setup: a 1280 px viewport');
      assertFloatingLabel(wide, 1280);
      // The decision is made: in the frames (same site), the floating button alone.
      for (const width of [320, 390]) {
        await frame(page, `w${width}`, width, 700, '/long-label.html');
        const m = await measure(`w${width}`);
        assert.equal(m.viewport, width, `test setup: a ${width} px viewport`);
        assertFloatingLabel(m, width);
      }
      await assertClean(page, server);
    },
  ],
];
