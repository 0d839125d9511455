// The browser every benchmark uses: Debian's Chromium through playwright-core, nothing downloaded, with the
// flags of the browser tests (test/e2e/env.mjs), which keep it from unrelated work while it is measured.
export { CHROMIUM_ARGS, CHROMIUM_PATH as CHROMIUM } from '../test/e2e/env.mjs';
