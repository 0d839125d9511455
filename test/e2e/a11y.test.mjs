// axe-core in the page (docs/compliance.md G29: "axe-core reports no violations"). axe sees into open shadow roots.
// It is injected with page.addScriptTag({content}), which a strict CSP would refuse, so these pages are served
// without a CSP (the CSP behaviour itself is covered by csp.test.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TEXT, axe, button, customize, describeViolations, dialog, floatingButton, openPage, waitBanner, waitNoBanner } from './harness.mjs';

const opts = { timeout: 30_000 };

async function assertAxeClean(page, where) {
  const violations = await axe(page);
  assert.equal(violations.length, 0, `axe violations on ${where}:\n${describeViolations(violations)}`);
}

/** Open every "Details" disclosure so axe also checks the per-purpose panels. */
async function expandAll(d) {
  const more = d.getByRole('button', { name: /^(Details|Détails)$/ });
  for (let i = 0; i < (await more.count()); i++) {
    if ((await more.nth(i).getAttribute('aria-expanded')) === 'false') await more.nth(i).click();
  }
}

for (const lang of ['en', 'fr']) {
  test(`axe: the banner (${lang}) has no violations`, opts, async (t) => {
    const { page, go } = await openPage(t);
    await go(`/?lang=${lang}`);
    await waitBanner(page, lang);
    await assertAxeClean(page, `the banner (${lang})`);
  });

  test(`axe: the open preference center (${lang}), details expanded, has no violations`, opts, async (t) => {
    const { page, go } = await openPage(t);
    await go(`/?lang=${lang}`);
    const d = await customize(page, lang);
    await expandAll(d);
    await assertAxeClean(page, `the preference center (${lang})`);
  });
}

test('axe: the page after a decision, with the floating button, has no violations', opts, async (t) => {
  const { page, go } = await openPage(t);
  await go('/');
  await button(await waitBanner(page), TEXT.en.rejectAll).click();
  await waitNoBanner(page);
  await floatingButton(page).waitFor({ state: 'visible' });
  await assertAxeClean(page, 'the page with the floating button');
  await floatingButton(page).click();
  await dialog(page).waitFor({ state: 'visible' });
  await assertAxeClean(page, 'the preference center reopened after a decision (records listed)');
});

for (const [path, lang] of [
  ['/', 'fr'],
  ['/en.html', 'en'],
]) {
  test(`axe: the demo page ${path} with its banner, then its preference center, has no violations`, opts, async (t) => {
    const { page, go } = await openPage(t, { root: 'demo' });
    await go(path);
    await waitBanner(page, lang);
    await assertAxeClean(page, `the demo page ${path} (banner)`);
    const d = await customize(page, lang);
    await expandAll(d);
    await assertAxeClean(page, `the demo page ${path} (preference center)`);
  });
}
