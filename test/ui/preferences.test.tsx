import { describe, expect, it } from 'vitest';
import { accessibleName, click, key, run, setup } from './helpers';
import { testConfig } from './fake-host';

describe('preference center', () => {
  it('is a modal dialog labelled by its visible title, with focus moved inside', async () => {
    const { ui, dialog, root } = setup();
    await run(() => ui.show('preferences'));
    const d = dialog()!;
    expect(d.getAttribute('aria-modal')).toBe('true');
    const title = root.getElementById(d.getAttribute('aria-labelledby')!)!;
    expect(title.tagName).toBe('H2');
    expect(title.textContent).toBe('Privacy preferences');
    expect(d.contains(root.activeElement)).toBe(true);
  });

  it('has one switch per purpose named by its title, all optional ones off on first display', async () => {
    const { ui, $$ } = setup();
    await run(() => ui.show('preferences'));
    const switches = $$('[role="switch"]');
    expect(switches.map(accessibleName)).toEqual([
      'Essential',
      'Audience measurement',
      'Personalized recommendations',
      'Advertising',
      'Health offers',
    ]);
    expect(switches.slice(1).map((s) => s.getAttribute('aria-checked'))).toEqual(['false', 'false', 'false', 'false']);
  });

  it('shows required purposes on and locked, with their justification', async () => {
    const { ui, host, switchFor, button, dialog } = setup();
    await run(() => ui.show('preferences'));
    const required = switchFor('Essential');
    expect(required.getAttribute('aria-checked')).toBe('true');
    expect(required.getAttribute('aria-disabled')).toBe('true');
    await click(required);
    expect(required.getAttribute('aria-checked')).toBe('true');
    expect(dialog()!.textContent).toContain('Needed for your cart and login.');
    await click(button('Save choices'));
    expect(host.state.purposes.necessary).toBe(true);
  });

  it('saves toggled switches, announces it in a status region and returns focus to the opener', async () => {
    const opener = document.createElement('button');
    const { ui, host, switchFor, button, dialog, root } = setup();
    document.body.append(opener);
    opener.focus();
    await run(() => ui.show('preferences'));
    await click(switchFor('Audience measurement'));
    expect(switchFor('Audience measurement').getAttribute('aria-checked')).toBe('true');
    await click(button('Save choices'));
    expect(host.decisions[0].method).toBe('save');
    expect(host.state.purposes).toMatchObject({ analytics: true, marketing: false, personalization: false });
    expect(root.querySelector('[role="status"]')!.textContent).toBe('Your choices have been saved.');
    expect(dialog()).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it('reflects current choices when reopened', async () => {
    const { ui, host, switchFor } = setup();
    host.decide('save', { analytics: true, marketing: false });
    await run(() => ui.show('preferences'));
    expect(switchFor('Audience measurement').getAttribute('aria-checked')).toBe('true');
    expect(switchFor('Advertising').getAttribute('aria-checked')).toBe('false');
  });

  it('is off again after a re-prompt even if a previous choice was stored', async () => {
    const { ui, switchFor } = setup(testConfig(), { decided: false, purposes: { necessary: true, analytics: true } });
    await run(() => ui.show('preferences'));
    expect(switchFor('Audience measurement').getAttribute('aria-checked')).toBe('false');
  });

  it('follows a decision made through the API while open', async () => {
    const { ui, host, switchFor } = setup();
    await run(() => ui.show('preferences'));
    await run(() => host.set({ marketing: true }));
    expect(switchFor('Advertising').getAttribute('aria-checked')).toBe('true');
  });

  it('never grants the sensitive purpose through Accept all, and names the special category', async () => {
    const { ui, host, button, dialog } = setup();
    await run(() => ui.show('preferences'));
    expect(dialog()!.textContent).toContain('This uses health data');
    await click(button('Accept all'));
    expect(host.decisions[0].method).toBe('accept-all');
    expect(host.state.purposes).toMatchObject({ analytics: true, 'health-offers': false });
  });

  it('grants the sensitive purpose with its own explicit statement (docs/compliance.md E43)', async () => {
    const { ui, host, button, switchFor, root } = setup();
    await run(() => ui.show('preferences'));
    await click(root.querySelector<HTMLInputElement>('.consent input')!);
    expect(switchFor('Health offers').getAttribute('aria-checked')).toBe('true');
    await click(button('Accept all'));
    expect(host.state.purposes['health-offers']).toBe(true);
  });

  it('Reject all refuses everything optional and closes', async () => {
    const { ui, host, button, dialog } = setup();
    host.decide('accept-all');
    await run(() => ui.show('preferences'));
    await click(button('Reject all'));
    expect(host.decisions.at(-1)!.method).toBe('reject-all');
    expect(host.state.purposes).toMatchObject({ analytics: false, marketing: false });
    expect(dialog()).toBeNull();
  });

  it('wraps Tab and Shift+Tab inside the dialog', async () => {
    const { ui, dialog, root, button } = setup();
    await run(() => ui.show('preferences'));
    const close = button('Close');
    const reject = button('Reject all');
    reject.focus();
    const event = await key(reject, 'Tab');
    expect(event.defaultPrevented).toBe(true);
    expect(root.activeElement).toBe(close);
    await key(close, 'Tab', true);
    expect(root.activeElement).toBe(reject);
    // From the title (where focus lands on open), Shift+Tab goes to the last control too.
    (dialog()!.querySelector('h2') as HTMLElement).focus();
    await key(root.activeElement!, 'Tab', true);
    expect(root.activeElement).toBe(reject);
  });

  it('leaves Tab and Shift+Tab to the browser from a tab stop of its own between the controls (a scrollable box)', async () => {
    const { ui, dialog, root, button } = setup();
    await run(() => ui.show('preferences'));
    const close = button('Close');
    const box = document.createElement('div');
    box.tabIndex = 0;
    close.after(box);
    box.focus();
    expect(root.activeElement).toBe(box);
    expect((await key(box, 'Tab', true)).defaultPrevented).toBe(false);
    expect((await key(box, 'Tab')).defaultPrevented).toBe(false);
    // One after the last control wraps forward to the first.
    dialog()!.append(box);
    box.focus();
    const event = await key(box, 'Tab');
    expect(event.defaultPrevented).toBe(true);
    expect(root.activeElement).toBe(close);
  });

  it('wraps Shift+Tab as WebKitGTK sends it (key "Unidentified", code "Tab", keyCode 9)', async () => {
    const { ui, root, button } = setup();
    await run(() => ui.show('preferences'));
    const close = button('Close');
    close.focus();
    const event = new KeyboardEvent('keydown', {
      key: 'Unidentified',
      code: 'Tab',
      keyCode: 9,
      shiftKey: true,
      bubbles: true,
      cancelable: true,
      composed: true,
    });
    await run(() => close.dispatchEvent(event));
    expect(event.defaultPrevented).toBe(true);
    expect(root.activeElement).toBe(button('Reject all'));
    // The same key with only the legacy keyCode, and Escape reported the same way, are understood too.
    const legacy = new KeyboardEvent('keydown', { key: 'Unidentified', keyCode: 9, bubbles: true, cancelable: true, composed: true });
    await run(() => root.activeElement!.dispatchEvent(legacy));
    expect(root.activeElement).toBe(close);
    const other = new KeyboardEvent('keydown', { key: 'a', code: 'Tab', keyCode: 9, bubbles: true, cancelable: true, composed: true });
    await run(() => close.dispatchEvent(other));
    expect(other.defaultPrevented).toBe(false);
  });

  it('Escape closes without deciding and focus returns to Customize', async () => {
    const { ui, host, button, dialog, root } = setup();
    await run(() => ui.show('banner'));
    await click(button('Customize'));
    await key(root.activeElement!, 'Escape');
    expect(dialog()).toBeNull();
    expect(host.decisions).toHaveLength(0);
    expect(root.activeElement).toBe(button('Customize'));
    expect(host.events.map((e) => e.event)).toEqual(['show', 'show', 'hide']);
  });

  it('Escape sent to the page (outside the shadow root) also closes it', async () => {
    const { ui, host, dialog } = setup();
    await run(() => ui.show('preferences'));
    await key(document.body, 'Escape');
    expect(dialog()).toBeNull();
    expect(host.decisions).toHaveLength(0);
  });

  it('Escape reported as key "Unidentified" with code "Escape" closes it too', async () => {
    const { ui, dialog, root } = setup();
    await run(() => ui.show('preferences'));
    const event = new KeyboardEvent('keydown', { key: 'Unidentified', code: 'Escape', keyCode: 27, bubbles: true, cancelable: true, composed: true });
    await run(() => root.activeElement!.dispatchEvent(event));
    expect(dialog()).toBeNull();
  });

  it('Close goes back without deciding', async () => {
    const { ui, host, button, dialog } = setup();
    await run(() => ui.show('preferences'));
    await click(button('Close'));
    expect(dialog()).toBeNull();
    expect(host.decisions).toHaveLength(0);
  });

  it('makes the page behind inert while open, and only while open', async () => {
    const main = document.createElement('main');
    document.body.append(main);
    const { ui } = setup();
    await run(() => ui.show('preferences'));
    expect(main.hasAttribute('inert')).toBe(true);
    expect(document.getElementById('candor')!.hasAttribute('inert')).toBe(false);
    await run(() => ui.hide('preferences'));
    expect(main.hasAttribute('inert')).toBe(false);
  });

  it('says the GPC signal is honored and keeps those purposes off', async () => {
    const { ui, host, switchFor, button, dialog } = setup(testConfig(), { gpc: true });
    await run(() => ui.show('preferences'));
    // Shown as honoured, exactly, and naming the purposes it keeps off (docs/compliance.md I35).
    const notes = [...dialog()!.querySelectorAll('p')].map((p) => p.textContent);
    const at = notes.indexOf('Your Global Privacy Control signal is honored');
    expect(at).toBeGreaterThanOrEqual(0);
    expect(notes[at + 1]).toBe('Advertising: off');
    const marketing = switchFor('Advertising');
    expect(marketing.getAttribute('aria-disabled')).toBe('true');
    await click(marketing);
    expect(marketing.getAttribute('aria-checked')).toBe('false');
    await click(button('Accept all'));
    expect(host.state.purposes.marketing).toBe(false);
  });

  it('is in French when the language is fr', async () => {
    const { ui, dialog, button, switchFor } = setup(testConfig(), { language: 'fr' });
    await run(() => ui.show('preferences'));
    expect(dialog()!.querySelector('h2')!.textContent).toBe('Préférences de confidentialité');
    for (const name of ['Enregistrer mes choix', 'Tout accepter', 'Tout refuser', 'Fermer']) expect(button(name)).toBeTruthy();
    expect(switchFor("Mesure d'audience")).toBeTruthy();
    expect(dialog()!.textContent).toContain('Vos preuves de consentement');
  });
});

describe('preference center, at the speed of a script', () => {
  it('saves a switch toggled just before Save without waiting for a render', async () => {
    const { ui, host, switchFor, button } = setup();
    await run(() => ui.show('preferences'));
    const analytics = switchFor('Audience measurement');
    analytics.click();
    expect(analytics.getAttribute('aria-checked')).toBe('true');
    button('Save choices').click();
    expect(host.state.purposes.analytics).toBe(true);
  });

  it('expands details synchronously', async () => {
    const { ui, $ } = setup();
    await run(() => ui.show('preferences'));
    const details = $('button[aria-expanded]')!;
    details.click();
    expect(details.getAttribute('aria-expanded')).toBe('true');
  });
});
