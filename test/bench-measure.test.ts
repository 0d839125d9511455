/**
 * The benchmark's rule for "the longest task running the manager's code" (BENCHMARKS.md, method): a task counts
 * when the visited document runs the manager's code in it; the page being left does not make the navigation's
 * commit task the manager's.
 */
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs module of the benchmark, without types
import { ownTaskEvents } from '../bench/measure.mjs';

const task = (ts: number, dur: number) => ({ ph: 'X', name: 'ThreadControllerImpl::RunTask', tid: 1, ts, dur });
const call = (ts: number, url: string) => ({ ph: 'X', name: 'FunctionCall', tid: 1, ts, dur: 100, args: { data: { url } } });
const commit = (ts: number, isMainFrame = true) => ({ ph: 'X', name: 'CommitLoad', tid: 1, ts, dur: 10, args: { data: { isMainFrame } } });
const ORIGIN = 'http://127.0.0.1:1';

describe("bench: the manager's own tasks", () => {
  it('does not count the commit task in which the page being left runs its pagehide listener', () => {
    const leaving = task(0, 60_000);
    const running = task(70_000, 15_000);
    const events = [
      leaving,
      call(1_000, `${ORIGIN}/cm/candor/candor.js`), // the old document's pagehide listener
      commit(40_000),
      running,
      { ph: 'X', name: 'EvaluateScript', tid: 1, ts: 71_000, dur: 9_000, args: { data: { url: `${ORIGIN}/cm/candor/candor.js` } } },
    ];
    expect(ownTaskEvents(events, 'candor', 'candor')).toEqual([running]);
  });

  it("counts the visited document's code in the same task after the commit, and ignores a frame's commit", () => {
    const both = task(0, 60_000);
    const events = [both, commit(10_000), call(20_000, `${ORIGIN}/p/candor/`), commit(30_000, false)];
    expect(ownTaskEvents(events, 'candor', 'candor')).toEqual([both]);
    // Without a commit in the trace (a first visit traced from its start), every event counts.
    expect(ownTaskEvents([both, call(20_000, `${ORIGIN}/cm/candor/candor.js`)], 'candor', 'candor')).toEqual([both]);
  });

  it("counts no other manager's files", () => {
    expect(ownTaskEvents([task(0, 60_000), call(1_000, `${ORIGIN}/cm/klaro/klaro.js`)], 'candor', 'candor')).toEqual([]);
  });
});
