// One measured visit pair for one manager at one CPU speed, in a fresh browser context (empty cache, cookies
// and storage): a first visit (bytes up to the banner, time to banner, long tasks, script CPU, CLS, heap),
// Accept all, then a returning visit in the same context (time until the gated scripts run, script CPU,
// long tasks, the bytes it loads). The page alone (peer.baseline: no consent manager) gets the same two
// visits with nothing to wait for or click.

import { probeScript } from './probe.mjs';

/** CPU slowdowns applied through CDP: 1× (this machine) and 4× (more like a mid-range phone). */
export const CPU_RATES = [1, 4];

/** How long after the banner appears (or the page loaded, whichever is later) long tasks and CPU still count. */
export const SETTLE_MS = 1000;

/** Long tasks are the ones over this; their excess over it is "blocking time" (as in TBT). */
const LONG_TASK_MS = 50;

/** Give up on a page after this long: a manager that never shows its banner is reported, not waited for. */
const TIMEOUT_MS = 10000;

/** Give up on the returning visit's gated scripts after this long (the slowest peer needs about 1 s). */
const RETURN_TIMEOUT_MS = 6000;

/**
 * After Accept all, how long the visitor stays before the returning visit: the first page's work after the click (a
 * manager's asynchronous storage, the browser's own) is over by then for every manager. With 200 ms it was not, and
 * the returning figures carried it: 2 s instead moved the first consented script at 1× from 103 to 84 ms for Candor and
 * from 95 to 64 ms for Osano's cookieconsent (14 rounds; docs/architecture.md, "Startup order").
 */
export const PERSIST_MS = 2000;

/** The viewport of every page. */
export const VIEWPORT = { width: 1280, height: 800 };

/** A page whose gated scripts stopped running for this long after load is taken to be done with them. */
const GATED_QUIET_MS = 500;

/** The requests that are the manager's: its files (/cm/…) and a config file it fetches. */
const MANAGER_REQUEST = /\/cm\/|\/config\.json/;

/**
 * Wait until `expected` gated scripts ran, or the page is loaded and none ran for GATED_QUIET_MS (a manager
 * that runs fewer is reported with how many it ran, rather than waited on until the timeout).
 */
export function waitForGated(page, expected, timeout) {
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

/** Wait until the page's clock reaches `t` (ms since its navigation start). */
const waitUntil = (page, t) => page.waitForFunction((t) => performance.now() >= t, t, { polling: 50, timeout: TIMEOUT_MS + t });

/** Sum of `f(entry)` over the entries that started before `until`. */
const sumBefore = (entries, until, f) => entries.filter(([start]) => start < until).reduce((sum, e) => sum + f(e), 0);

/** Long-task figures of one visit, counting the tasks that started before `until`. */
const longTaskFigures = (longTasks, until) => ({
  longTaskMs: sumBefore(longTasks, until, ([, d]) => (d > LONG_TASK_MS ? d : 0)),
  blockingMs: sumBefore(longTasks, until, ([, d]) => Math.max(0, d - LONG_TASK_MS)),
  longTasks: longTasks.filter(([start]) => start < until).length,
});

/**
 * The top-level tasks of a trace that ran the manager's own code (see ownTasks), as trace events. Only the code of the
 * document visited counts: a returning visit's trace also holds the page it leaves, whose `pagehide` listeners run in
 * the navigation's commit task (every page pays that task; it counted as the manager's own when the page left had one).
 * The visited document starts at the trace's last main-frame `CommitLoad`.
 */
export function ownTaskEvents(events, id, files) {
  const mine = [`/cm/${files}/`, `/p/${id}/`];
  const tasks = new Map();
  let since = 0;
  for (const e of events) {
    if (e.ph == 'X' && (e.name == 'RunTask' || e.name == 'ThreadControllerImpl::RunTask') && e.dur)
      (tasks.get(e.tid) || tasks.set(e.tid, []).get(e.tid)).push(e);
    if (e.name == 'CommitLoad' && e.args?.data?.isMainFrame) since = Math.max(since, e.ts);
  }
  const own = new Set();
  for (const e of events) {
    const url = e.args?.data?.url;
    if (e.ts < since || !url || !mine.some((m) => url.includes(m)) || !['EvaluateScript', 'FunctionCall', 'v8.compile'].includes(e.name)) continue;
    const task = (tasks.get(e.tid) || []).find((t) => t.ts <= e.ts && e.ts < t.ts + t.dur);
    if (task) own.add(task);
  }
  return [...own];
}

/**
 * A visit's tasks that ran the manager's own code, from a Chromium trace: a top-level task counts when a
 * script evaluation or function call inside it comes from the manager's files (/cm/<files>/) or from the
 * page itself (its inline scripts are the manager's snippet and config; gated scripts count too on a
 * returning visit, where the manager runs them). Returns the longest such task's wall time and main-thread
 * CPU time, and how many ran over LONG_TASK_MS — "no long task caused by the manager", which the page-wide
 * long-task sum cannot say.
 */
function ownTasks(events, id, files) {
  const list = ownTaskEvents(events, id, files);
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

/** Start a trace kept in the browser until the end: streamed, it would keep this process (the server too) busy. */
export const startTrace = (cdp, categories = 'toplevel,devtools.timeline') =>
  cdp.send('Tracing.start', { categories, transferMode: 'ReturnAsStream' });

/** Stop the trace and read its events. */
export async function endTrace(cdp) {
  const traced = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.end');
  return readTrace(cdp, (await traced).stream);
}

/** Main-thread CPU times (thread ticks) in ms of the document shown, since its navigation started. */
async function cpuTimes(cdp) {
  const m = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((x) => [x.name, x.value * 1000]));
  return { script: m.ScriptDuration, task: m.TaskDuration, layout: m.LayoutDuration, style: m.RecalcStyleDuration };
}

/** The manager's requests of the page now shown, from Resource Timing (HTTP-cache hits included). */
const managerResources = (page) =>
  page.evaluate(
    (pattern) =>
      performance
        .getEntriesByType('resource')
        .filter((e) => new RegExp(pattern).test(e.name))
        .map((e) => {
          const u = new URL(e.name);
          return { path: u.pathname + u.search, start: Math.round(e.startTime), end: Math.round(e.responseEnd), transfer: e.transferSize };
        }),
    MANAGER_REQUEST.source,
  );

/**
 * Measure `peer` at `origin` once with the CPU slowed `cpu` times. `query` is appended to its page URL
 * (scaling runs); `expected` is how many gated scripts its page holds; with `bytes`, the manager's files
 * and config file loaded by the first visit are returned with their bodies. `settleMs` is how long after
 * the banner (or load) long tasks and CPU count; `heap` measures the JS heap then; `returning: false`
 * skips Accept all and the returning visit; `ready(page)`, when given, is awaited after the banner (a
 * scaling page waits for its placeholders); `timeout` bounds the first visit's load and banner.
 */
export async function measureVisits(
  browser,
  origin,
  peer,
  { cpu = 4, query = '', expected = 3, bytes = true, settleMs = SETTLE_MS, heap = true, returning = true, ready = null, timeout = TIMEOUT_MS } = {},
) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
  // Main-thread CPU time (thread ticks, not wall time): far less disturbed by other work on the machine.
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  await page.addInitScript({ content: probeScript(peer.findBanner) });
  const url = `${origin}/p/${peer.id}/${query}`;
  const result = { peer: peer.id, cpu };
  let step = 'first visit';

  const files = [];
  const onResponse = (response) => {
    const { pathname, search } = new URL(response.url());
    if (!MANAGER_REQUEST.test(pathname)) return;
    const type = response.headers()['content-type'] || '';
    files.push(
      response.body().then(
        (body) => ({ path: pathname + search, type: type.split(';')[0], status: response.status(), body }),
        () => null,
      ),
    );
  };
  if (bytes) page.on('response', onResponse);

  await startTrace(cdp);
  try {
    await page.goto(url, { waitUntil: 'load', timeout });
    let bannerAt = null;
    if (!peer.baseline) {
      step = 'waiting for the banner';
      await page.waitForFunction(() => window.__bench.bannerAt !== null, null, { polling: 50, timeout });
      bannerAt = await page.evaluate(() => window.__bench.bannerAt);
    }
    if (ready) await ready(page);
    const load = await page.evaluate(() => performance.getEntriesByType('navigation')[0].loadEventEnd);
    const until = Math.max(bannerAt ?? 0, load) + settleMs;
    await waitUntil(page, until);
    const first = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      return { ...window.__bench, gatedN: window.__gatedN || 0, domContentLoaded: nav.domContentLoadedEventEnd, load: nav.loadEventEnd };
    });
    const resources = await managerResources(page);
    const cpuFirst = await cpuTimes(cdp);
    Object.assign(result, {
      bannerMs: bannerAt ?? undefined,
      ...longTaskFigures(first.longTasks, until),
      cls: sumBefore(first.shifts, until, ([, v]) => v),
      domContentLoadedMs: first.domContentLoaded,
      loadMs: first.load,
      gatedBeforeConsent: first.gatedN,
      resources,
      scriptCpuMs: cpuFirst.script,
      taskCpuMs: cpuFirst.task,
      layoutCpuMs: cpuFirst.layout,
      styleCpuMs: cpuFirst.style,
    });
    Object.assign(result, ownTasks(await endTrace(cdp), peer.id, peer.files || peer.id));
    if (heap) {
      // An ordinary full collection (bench/browser.mjs): not DevTools' last-resort one, which would empty V8's
      // compilation cache before the returning visit.
      await page.evaluate('gc()');
      result.heapBytes = (await cdp.send('Runtime.getHeapUsage')).usedSize;
    }
    if (bytes) {
      page.off('response', onResponse);
      // Up to the banner: what was requested before it showed (the page alone: nothing).
      const before = new Set(resources.filter((r) => bannerAt !== null && r.start <= bannerAt).map((r) => r.path));
      result.files = (await Promise.all(files)).filter((f) => f && f.status == 200 && before.has(f.path));
    }
    if (!returning) return result;

    if (!peer.baseline) {
      step = 'Accept all';
      await peer.accept(page).click({ timeout: 5000 });
      await waitForGated(page, expected, TIMEOUT_MS);
      await page.waitForTimeout(PERSIST_MS);
    }

    step = 'returning visit';
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
    await startTrace(cdp);
    await page.goto(url, { waitUntil: 'load', timeout: TIMEOUT_MS });
    if (!peer.baseline) await waitForGated(page, expected, RETURN_TIMEOUT_MS);
    const back = await page.evaluate(() => ({
      first: window.__gatedRanAt,
      last: window.__gatedLastAt,
      n: window.__gatedN || 0,
      banner: window.__bench.bannerAt,
      load: performance.getEntriesByType('navigation')[0].loadEventEnd,
    }));
    const backUntil = Math.max(back.load, back.last || 0) + settleMs;
    await waitUntil(page, backUntil);
    // Chromium starts the counters again with each new document: these are the returning visit's alone.
    const cpuBack = await cpuTimes(cdp);
    const backTasks = await page.evaluate(() => window.__bench.longTasks);
    const own = ownTasks(await endTrace(cdp), peer.id, peer.files || peer.id);
    Object.assign(result, {
      returningFirstGatedMs: back.first,
      returningAllGatedMs: back.n >= expected ? back.last : undefined,
      returningLastGatedMs: back.last,
      returningGatedRan: back.n,
      bannerOnReturn: back.banner !== null,
      returningScriptCpuMs: cpuBack.script,
      returningTaskCpuMs: cpuBack.task,
      returningLongTaskMs: longTaskFigures(backTasks, backUntil).longTaskMs,
      returningOwnLongestTaskMs: own.ownLongestTaskMs,
      returningResources: await managerResources(page),
    });
    if (!peer.baseline && back.n < expected) result.error = `returning visit: ${back.n} of ${expected} gated scripts ran`;
  } catch (err) {
    result.error = `${step}: ${String(err?.message || err).split('\n')[0]}`;
  } finally {
    await context.close();
  }
  return result;
}
