// The visitor flows every engine must pass, written once against the adapter surface of adapters.mjs (goto,
// reload, eval, click at coordinates, press a key). Everything is observed from inside the page, as a
// visitor or the page's own code would: no engine-specific selector engine, no console events (classic
// WebDriver has none), so CSP violations and uncaught errors are collected by the test server's watcher
// script (first in <head>) and by `report-uri` (test/e2e/harness.mjs, `watch: true`).
import assert from 'node:assert/strict';
import { ACCEPT_ALL_RAN, TEXT } from '../e2e/harness.mjs';

const T = TEXT.en;
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
  const scopes = { banner: () => inRoot('[role=region]'), dialog: () => inRoot('[role=dialog]'), candor: root, page: () => document };
  /** `{ in: 'banner' | 'dialog' | 'candor' | 'page' | 'floating', name }` → the visible button or link so named. */
  const target = (spec) => {
    if (spec.in == 'floating') return floating();
    const scope = scopes[spec.in]();
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
  return { visible, root, target, scopes, floating, stops, focus, cookies, name };
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

const acceptAll = async (page) => {
  await click(page, { in: 'banner', name: T.acceptAll });
  await waitNoBanner(page);
  await waitRan(page, ACCEPT_ALL_RAN.length);
};

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
];
