// The browser every benchmark uses: Debian's Chromium through playwright-core, nothing downloaded, with the
// flags of the browser tests (test/e2e/env.mjs), which keep it from unrelated work while it is measured, and `gc()`
// for measure.mjs's heap figure: an ordinary full collection. DevTools' own (HeapProfiler.collectGarbage) is the
// browser's last-resort one, which also empties V8's compilation cache, so the page view after it compiled every
// script again on the main thread, as no visitor's next page view does (BENCHMARKS.md, "How it is measured").
import { CHROMIUM_ARGS as TEST_ARGS, CHROMIUM_PATH } from '../test/e2e/env.mjs';

export const CHROMIUM = CHROMIUM_PATH;
export const CHROMIUM_ARGS = [...TEST_ARGS, '--js-flags=--expose-gc'];
