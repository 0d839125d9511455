// Faults (docs/contract.md §7, docs/compliance.md H33): a missing, blocked or corrupt IndexedDB only loses history; a missing or
// corrupt cookie means no decision; blocked cookies keep the decision for the page view only. Never a page
// error, always fail closed (nothing optional granted), and the banner stays usable.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ACCEPT_ALL_RAN,
  OPTIONAL,
  TEXT,
  assertNoBanner,
  button,
  candorCookie,
  openPage,
  ran,
  settle,
  state,
  waitBanner,
  waitNoBanner,
  waitRan,
} from './harness.mjs';

const T = TEXT.en;
const opts = { timeout: 30_000 };

/** The shared checks: banner shown, nothing granted, no page error, then Accept all works on this page view. */
async function failsClosedThenWorks(page, log, where) {
  const region = await waitBanner(page);
  await settle(page);
  assert.deepEqual(await ran(page), [], `nothing optional ran (${where})`);
  const s = await state(page);
  assert.equal(s.decided, false, `no decision (${where})`);
  for (const id of OPTIONAL) assert.equal(s.purposes[id], false, `${id} not granted (${where})`);
  await button(region, T.acceptAll).click();
  await waitNoBanner(page);
  await waitRan(page, ACCEPT_ALL_RAN.length);
  assert.equal(await page.evaluate(() => window.candor.has('analytics')), true, `the decision applies (${where})`);
  assert.deepEqual(log.pageErrors, [], `no uncaught error in the page (${where})`);
}

const idbFaults = {
  'IndexedDB missing': () => {
    Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true, writable: true });
  },
  'IndexedDB open() throwing': () => {
    IDBFactory.prototype.open = () => {
      throw new DOMException('The user denied permission to access the database.', 'SecurityError');
    };
  },
  'IndexedDB open() failing asynchronously': () => {
    IDBFactory.prototype.open = () => {
      const request = { result: undefined, error: null, readyState: 'pending', addEventListener() {}, removeEventListener() {} };
      setTimeout(() => {
        request.error = new DOMException('A mutation operation was attempted on a database that did not allow mutations.', 'InvalidStateError');
        request.readyState = 'done';
        if (request.onerror) request.onerror(new Event('error'));
      }, 10);
      return request;
    };
  },
};

/** Checks, in the page, that the simulated fault is really in place. */
const idbProbe = () =>
  new Promise((resolve) => {
    try {
      if (!window.indexedDB) return resolve('missing');
      const r = indexedDB.open('probe');
      r.onsuccess = () => resolve('works');
      // No time limit: every fault answers (a real IndexedDB that is merely slow must not read as failing).
      r.onerror = () => resolve('fails');
    } catch {
      resolve('throws');
    }
  });
const expectedProbe = { 'IndexedDB missing': 'missing', 'IndexedDB open() throwing': 'throws', 'IndexedDB open() failing asynchronously': 'fails' };

for (const [name, init] of Object.entries(idbFaults)) {
  test(`${name}: the decision still works and persists in the cookie; only history is lost`, opts, async (t) => {
    const { page, go, reload, log } = await openPage(t, { init: [init] });
    await go('/');
    assert.equal(await page.evaluate(idbProbe), expectedProbe[name], 'the fault is in place');
    await failsClosedThenWorks(page, log, name);
    const receipts = await page.evaluate(() =>
      window.candor.receipts().then(
        (r) => ({ ok: Array.isArray(r), n: r.length }),
        (e) => ({ error: String(e) }),
      ),
    );
    assert.equal(receipts.ok, true, `receipts() resolves to a list (${JSON.stringify(receipts)})`);
    assert.ok(await candorCookie(page), 'the cookie holds the decision');
    await reload();
    await assertNoBanner(page);
    await waitRan(page, ACCEPT_ALL_RAN.length);
    assert.deepEqual(log.pageErrors, []);
  });
}

/** The cookie format is internal, so only shapes that no valid writer produces are used, plus stored times that cannot be right. */
const seconds36 = (ms) => Math.floor(ms / 1000).toString(36);
const corruptCookies = {
  garbage: () => 'garbage',
  'a JSON object': () => encodeURIComponent('{"analytics":true,"marketing":true}'),
  'all granted but truncated': () => `1~${seconds36(Date.now())}~analytics+personalization+marketing`,
  'a time in the future': () => `1~${seconds36(Date.now() + 30 * 864e5)}~analytics+personalization+marketing~health-offers~2026-11`,
  'expired (400 days old)': () => `1~${seconds36(Date.now() - 400 * 864e5)}~analytics+personalization+marketing~health-offers~2026-11`,
};

test('a corrupt, future-dated or expired candor cookie means no decision: banner, nothing granted, no error', opts, async (t) => {
  for (const [name, value] of Object.entries(corruptCookies)) {
    await t.test(name, async (st) => {
      const { page, go, log } = await openPage(st, { cookies: [{ name: 'candor', value: value() }] });
      await go('/');
      await failsClosedThenWorks(page, log, `cookie: ${name}`);
      const cookie = await candorCookie(page);
      assert.ok(cookie && cookie.value !== value(), 'the new decision replaced the bad cookie');
    });
  }
});

const cookieFaults = {
  'document.cookie throwing (sandboxed / blocked)': () => {
    const deny = () => {
      throw new DOMException('Access is denied for this document.', 'SecurityError');
    };
    Object.defineProperty(Document.prototype, 'cookie', { get: deny, set: deny, configurable: true });
  },
  'document.cookie a no-op (cookies disabled)': () => {
    Object.defineProperty(Document.prototype, 'cookie', { get: () => '', set: () => {}, configurable: true });
  },
};

for (const [name, init] of Object.entries(cookieFaults)) {
  test(`${name}: banner usable, the decision holds for this page view, asked again on the next`, opts, async (t) => {
    const { page, go, reload, log } = await openPage(t, { init: [init] });
    await go('/');
    const probe = await page.evaluate(() => {
      try {
        document.cookie = 'probe=1';
        return document.cookie.includes('probe=1') ? 'works' : 'no-op';
      } catch {
        return 'throws';
      }
    });
    assert.equal(probe, name.includes('throwing') ? 'throws' : 'no-op', 'the fault is in place');
    await failsClosedThenWorks(page, log, name);
    await reload();
    await waitBanner(page); // nothing could be stored: ask again, grant nothing
    await settle(page);
    assert.deepEqual(await ran(page), [], 'nothing optional runs on the next page view');
    assert.equal((await state(page)).decided, false);
    assert.deepEqual(log.pageErrors, []);
  });
}
