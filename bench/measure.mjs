// One measured visit pair for one manager, in a fresh browser context (empty cache, cookies and storage):
// a first visit (bytes, time to banner, long tasks, CLS, heap), Accept all, then a returning visit in the
// same context (time until the gated scripts run).

import { probeScript } from './probe.mjs';

/** CPU slowdown applied through CDP, so a 2-core server behaves more like a mid-range phone. */
export const CPU_THROTTLE = 4;

/** How long after the banner appears long tasks and layout shifts are still counted (issue #6). */
export const SETTLE_MS = 1000;

/** Long tasks are the ones over this; their excess over it is "blocking time" (as in TBT). */
const LONG_TASK_MS = 50;

/** Give up on a page after this long: a manager that never shows its banner is reported, not waited for. */
const TIMEOUT_MS = 10000;

/** Give up on the returning visit's gated scripts after this long (the slowest peer needs about 1 s). */
const RETURN_TIMEOUT_MS = 6000;

/** After Accept all, time for asynchronous storage (IndexedDB, …) to settle before the page is left. */
const PERSIST_MS = 200;

/** The viewport of every page. */
export const VIEWPORT = { width: 1280, height: 800 };

/** A page whose gated scripts stopped running for this long after load is taken to be done with them. */
const GATED_QUIET_MS = 500;

/**
 * Wait until `expected` gated scripts ran, or the page is loaded and none ran for GATED_QUIET_MS (a manager
 * that runs fewer is reported with how many it ran, rather than waited on until the timeout).
 */
function waitForGated(page, expected, timeout) {
  return page.waitForFunction(
    ([n, quiet]) => {
      if ((window.__gatedN || 0) >= n) return true;
      if (document.readyState != 'complete') return false;
      const last = window.__gatedLastAt || performance.getEntriesByType('navigation')[0].loadEventEnd;
      return last > 0 && performance.now() - last > quiet;
    },
    [expected, GATED_QUIET_MS],
    { polling: 50, timeout },
  );
}

/** Sum of `f(entry)` over the entries that started before `until`. */
const sumBefore = (entries, until, f) => entries.filter(([start]) => start < until).reduce((sum, e) => sum + f(e), 0);

/**
 * The first visit's tasks that ran the manager's own code, from a Chromium trace: a top-level task counts
 * when a script evaluation or function call inside it comes from the manager's files (/cm/<files>/) or from
 * the page itself (its inline scripts are the manager's snippet and config; gated scripts do not run on a
 * first visit). Returns the longest such task's
 * wall time and main-thread CPU time, and how many ran over LONG_TASK_MS — "no long task caused by the
 * manager" (issue #6), which the page-wide long-task sum above cannot say.
 */
function ownTasks(events, id, files) {
  const mine = [`/cm/${files}/`, `/p/${id}/`];
  const tasks = new Map();
  for (const e of events)
    if (e.ph == 'X' && (e.name == 'RunTask' || e.name == 'ThreadControllerImpl::RunTask') && e.dur)
      (tasks.get(e.tid) || tasks.set(e.tid, []).get(e.tid)).push(e);
  const own = new Set();
  for (const e of events) {
    const url = e.args?.data?.url;
    if (!url || !mine.some((m) => url.includes(m)) || !['EvaluateScript', 'FunctionCall', 'v8.compile'].includes(e.name)) continue;
    const task = (tasks.get(e.tid) || []).find((t) => t.ts <= e.ts && e.ts < t.ts + t.dur);
    if (task) own.add(task);
  }
  const list = [...own];
  return {
    ownLongestTaskMs: list.length ? Math.max(...list.map((t) => t.dur / 1000)) : 0,
    ownLongestTaskCpuMs: list.length ? Math.max(...list.map((t) => (t.tdur || t.dur) / 1000)) : 0,
    ownLongTasks: list.filter((t) => t.dur / 1000 > LONG_TASK_MS).length,
  };
}

/** The events of a trace recorded with `transferMode: 'ReturnAsStream'`. */
async function readTrace(cdp, stream) {
  let text = '';
  for (;;) {
    const chunk = await cdp.send('IO.read', { handle: stream, size: 1 << 20 });
    text += chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString() : chunk.data;
    if (chunk.eof) break;
  }
  await cdp.send('IO.close', { handle: stream });
  const data = JSON.parse(text);
  return Array.isArray(data) ? data : data.traceEvents;
}

/**
 * Measure `peer` at `origin` once. `query` is appended to its page URL (scaling runs); `expected` is how
 * many gated scripts its page holds; with `bytes`, the manager's files (/cm/…) loaded by the first visit
 * are returned with their bodies. `settleMs` is how long after the banner long tasks and shifts count;
 * `heap` measures the JS heap then (both skipped by the scaling runs, which need only the times).
 */
export async function measureVisits(browser, origin, peer, { query = '', expected = 3, bytes = true, settleMs = SETTLE_MS, heap = true } = {}) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_THROTTLE });
  // Main-thread CPU time (thread ticks, not wall time): far less disturbed by other work on the machine.
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  await page.addInitScript({ content: probeScript(peer.findBanner) });
  const url = `${origin}/p/${peer.id}/${query}`;
  const result = { peer: peer.id };
  let step = 'first visit';

  const files = [];
  const onResponse = (response) => {
    const { pathname, search } = new URL(response.url());
    if (!pathname.startsWith('/cm/')) return;
    const type = response.headers()['content-type'] || '';
    files.push(
      response.body().then(
        (body) => ({ path: pathname + search, type: type.split(';')[0], status: response.status(), body }),
        () => null,
      ),
    );
  };
  if (bytes) page.on('response', onResponse);

  // The trace stays in the browser until the end (ReturnAsStream): streamed, its events would keep this
  // process — which also runs the server — busy while the page loads.
  await cdp.send('Tracing.start', { categories: 'toplevel,devtools.timeline', transferMode: 'ReturnAsStream' });
  try {
    await page.goto(url, { waitUntil: 'load', timeout: TIMEOUT_MS });
    step = 'waiting for the banner';
    await page.waitForFunction(() => window.__bench.bannerAt !== null, null, { polling: 50, timeout: TIMEOUT_MS });
    const bannerAt = await page.evaluate(() => window.__bench.bannerAt);
    await page.waitForFunction((t) => performance.now() >= t, bannerAt + settleMs, { polling: 50, timeout: TIMEOUT_MS });
    const first = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      // The manager's requests (its files, a config file) as a waterfall: what the banner waited for.
      const resources = performance
        .getEntriesByType('resource')
        .filter((e) => /\/cm\/|config\.json/.test(e.name))
        .map((e) => ({ path: new URL(e.name).pathname, start: Math.round(e.startTime), end: Math.round(e.responseEnd) }));
      return { ...window.__bench, gatedN: window.__gatedN || 0, domContentLoaded: nav.domContentLoadedEventEnd, load: nav.loadEventEnd, resources };
    });
    const until = bannerAt + settleMs;
    Object.assign(result, {
      bannerMs: bannerAt,
      longTaskMs: sumBefore(first.longTasks, until, ([, d]) => (d > LONG_TASK_MS ? d : 0)),
      blockingMs: sumBefore(first.longTasks, until, ([, d]) => Math.max(0, d - LONG_TASK_MS)),
      longTasks: first.longTasks.filter(([start]) => start < until).length,
      cls: sumBefore(first.shifts, until, ([, v]) => v),
      domContentLoadedMs: first.domContentLoaded,
      loadMs: first.load,
      gatedBeforeConsent: first.gatedN,
      resources: first.resources,
    });
    const traced = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.end');
    Object.assign(result, ownTasks(await readTrace(cdp, (await traced).stream), peer.id, peer.files || peer.id));
    const cpu = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value * 1000]));
    Object.assign(result, {
      scriptCpuMs: cpu.ScriptDuration,
      taskCpuMs: cpu.TaskDuration,
      layoutCpuMs: cpu.LayoutDuration,
      styleCpuMs: cpu.RecalcStyleDuration,
    });
    await cdp.send('Performance.disable');
    if (heap) {
      await cdp.send('HeapProfiler.collectGarbage');
      result.heapBytes = (await cdp.send('Runtime.getHeapUsage')).usedSize;
    }
    if (bytes) {
      page.off('response', onResponse);
      result.files = (await Promise.all(files)).filter(Boolean);
    }

    step = 'Accept all';
    await peer.accept(page).click({ timeout: 5000 });
    await waitForGated(page, expected, TIMEOUT_MS);
    await page.waitForTimeout(PERSIST_MS);

    step = 'returning visit';
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_THROTTLE });
    await page.goto(url, { waitUntil: 'load', timeout: TIMEOUT_MS });
    await waitForGated(page, expected, RETURN_TIMEOUT_MS);
    const back = await page.evaluate(() => ({
      first: window.__gatedRanAt,
      last: window.__gatedLastAt,
      n: window.__gatedN || 0,
      banner: window.__bench.bannerAt,
    }));
    Object.assign(result, {
      returningFirstGatedMs: back.first,
      returningAllGatedMs: back.n >= expected ? back.last : undefined,
      returningLastGatedMs: back.last,
      returningGatedRan: back.n,
      bannerOnReturn: back.banner !== null,
    });
    if (back.n < expected) result.error = `returning visit: ${back.n} of ${expected} gated scripts ran`;
  } catch (err) {
    result.error = `${step}: ${String(err?.message || err).split('\n')[0]}`;
  } finally {
    await context.close();
  }
  return result;
}
