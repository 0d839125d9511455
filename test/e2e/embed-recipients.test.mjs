// "Allow and load" says what it grants (issue 15): on the demo shop's lookbook embed (Targeted advertising), the
// placeholder names the purpose and, next to the button, the recipients the consent goes to; Chromium's
// accessibility tree gives the button its contract label as name and the purpose and recipients as description.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO, openPage } from './harness.mjs';

const opts = { timeout: 30_000 };
const DEMO_CONFIG = JSON.parse(readFileSync(join(DEMO, 'consent.json'), 'utf8'));
const marketing = DEMO_CONFIG.purposes.find((p) => p.id === 'marketing');
const VENDORS = marketing.vendors.map((v) => v.name).join(', ');
const EXPECTED = {
  en: {
    allow: 'Allow and load',
    recipients: `Recipients if you allow: ${VENDORS}.`,
    blocked: `This content is blocked because it needs your consent for “${marketing.title.en}”.`,
  },
  fr: {
    allow: 'Autoriser et charger',
    recipients: `Destinataires si vous autorisez\u00a0: ${VENDORS}.`,
    blocked: `Ce contenu est bloqué car il nécessite votre consentement pour « ${marketing.title.fr} ».`,
  },
};

for (const lang of ['en', 'fr']) {
  test(`"Allow and load" on an embed names the purpose and its recipients, as text and as the button's description (${lang})`, opts, async (t) => {
    const { page, go, log } = await openPage(t, { root: 'demo' });
    await go(lang === 'fr' ? '/' : '/en.html');
    const placeholder = page.locator('[data-candor-placeholder]:has(+ iframe.lookbook)');
    const allow = placeholder.getByRole('button', { name: EXPECTED[lang].allow, exact: true });
    await allow.waitFor();
    // The reason, then the recipients, in one paragraph right before the button.
    const message = placeholder.getByText(`${EXPECTED[lang].blocked} ${EXPECTED[lang].recipients}`, { exact: true });
    assert.ok(await message.isVisible(), `"${EXPECTED[lang].recipients}" is shown next to the button`);

    // What a screen reader gets: Chromium's own computation of the button's name and description.
    const cdp = await page.context().newCDPSession(page);
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    const buttons = nodes.filter((n) => n.role?.value === 'button' && n.name?.value === EXPECTED[lang].allow);
    assert.equal(buttons.length, 1, 'one "Allow and load" button, named by its label');
    assert.equal(buttons[0].description?.value, `${EXPECTED[lang].blocked} ${EXPECTED[lang].recipients}`);
    assert.deepEqual(log.pageErrors, []);
  });
}
