// Embeds as real sites get them wrong: a narrow ad slot holding long words, and a purpose the configuration does not declare.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage } from './harness.mjs';

const opts = { timeout: 30_000 };

test('a placeholder in a 120 px ad slot keeps its long words and buttons inside its box', opts, async (t) => {
  const { page, go, log } = await openPage(t);
  await go('/embed-hostile.html');
  const host = page.locator('[data-candor-placeholder]:has(+ #sky)');
  await host.getByRole('button', { name: 'Allow and load', exact: true }).waitFor();
  const out = await host.evaluate((el) => {
    const box = el.getBoundingClientRect();
    return [...el.shadowRoot.querySelectorAll('.ph *')]
      .map((e) => ({ tag: e.tagName, text: e.textContent.slice(0, 40), right: e.getBoundingClientRect().right }))
      .filter((e) => e.right > box.right + 0.5);
  });
  assert.deepEqual(out, [], 'nothing sticks out of the placeholder');
  assert.deepEqual(log.pageErrors, []);
});

test('an embed naming a purpose the configuration does not declare offers no "Allow and load" and never loads', opts, async (t) => {
  const warnings = [];
  const { page, go, log } = await openPage(t);
  page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  await go('/embed-hostile.html');
  const host = page.locator('[data-candor-placeholder]:has(+ #typo)');
  await host.getByRole('button', { name: 'Privacy settings', exact: true }).waitFor();
  assert.equal(await host.getByRole('button').count(), 1, 'only the way to the preference center');
  assert.ok(
    warnings.some((w) => w.includes('unknown purpose "marketting"')),
    'the console names the unknown purpose',
  );
  assert.equal(await page.locator('#typo').getAttribute('src'), null);
  assert.deepEqual(log.pageErrors, []);
});

test('an embed whose data-src Candor refuses gets no placeholder, and loads nothing once its purpose is granted', opts, async (t) => {
  const warnings = [];
  const { page, go, log } = await openPage(t);
  page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  await go('/embed-hostile.html');
  // The safe embed's placeholder is drawn in the same scan that looks at the refused one.
  await page.locator('[data-candor-placeholder]:has(+ #sky)').getByRole('button', { name: 'Allow and load', exact: true }).waitFor();
  assert.equal(await page.locator('[data-candor-placeholder]:has(+ #unsafe)').count(), 0, 'no "Allow and load" for what would never load');
  assert.ok(
    warnings.some((w) => w.includes('refused data-src')),
    'the console says why',
  );
  await page.evaluate(() => window.candor.acceptAll());
  await page.waitForFunction(() => document.querySelector('#sky').getAttribute('src'));
  assert.equal(await page.locator('#unsafe').getAttribute('src'), null);
  assert.equal(await page.evaluate(() => window.hacked), undefined);
  assert.deepEqual(log.pageErrors, []);
});
