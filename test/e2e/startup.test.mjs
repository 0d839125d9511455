// What a first visit starts in the task that runs candor.js, and what it leaves to the next one (issue #16: no long
// task at 4× CPU; docs/architecture.md, "Startup order"): the config file's request starts while candor.js runs, since
// the banner waits for it first; the interface's chunks are requested in a task of their own just after, and still arrive.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, waitBanner } from './harness.mjs';

const opts = { timeout: 30_000 };

/**
 * Notes each request the page starts through `fetch` or a script element, with the script running then
 * (`document.currentScript`: candor.js while it runs, nothing in a task of Candor's own).
 */
const RECORD_STARTS = `(() => {
  const started = (window.__started = []);
  const note = (url) => started.push([String(url).replace(/.*\\//, ''), (document.currentScript?.src || '').replace(/.*\\//, '')]);
  const fetch = window.fetch;
  window.fetch = function (input, init) {
    note(input && input.url ? input.url : input);
    return fetch.call(this, input, init);
  };
  const append = Node.prototype.appendChild;
  Node.prototype.appendChild = function (node) {
    if (node instanceof HTMLScriptElement && node.src) note(node.src);
    return append.call(this, node);
  };
})();`;

test('first visit: the config is requested while candor.js runs, the interface chunks in a task after it', opts, async (t) => {
  const { page, go, log } = await openPage(t, { init: [RECORD_STARTS] });
  await go('/startup-order.html');
  await waitBanner(page);
  // Each requested once (the config here is not stamped: the validator's chunk comes too, after the config), and
  // the interface's chunks with their integrity: the banner above was drawn from them.
  const started = await page.evaluate(() => window.__started);
  assert.deepEqual(started.filter(([file]) => /^(candor-(ui|en)\.js|consent\.json)$/.test(file)).sort(), [
    ['candor-en.js', ''],
    ['candor-ui.js', ''],
    ['consent.json', 'candor.js'],
  ]);
  assert.equal(await page.evaluate(() => [...document.scripts].filter((s) => /candor-(ui|en)\.js$/.test(s.src) && s.integrity).length), 2);
  assert.deepEqual(log.pageErrors, []);
});
