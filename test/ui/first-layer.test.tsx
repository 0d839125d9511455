import { describe, expect, it } from 'vitest';
import { click, run, setup } from './helpers';
import { testConfig } from './fake-host';

describe('first layer (issue 15)', () => {
  it('lists every purpose title as a collapsed disclosure, before the buttons; one activation opens its explanation', async () => {
    const { ui, banner, button } = setup();
    await run(() => ui.show('banner'));
    const titles = [...banner()!.querySelectorAll<HTMLButtonElement>('.brief button')];
    expect(titles.length).toBe(testConfig().purposes.length);
    const accept = button('Accept all');
    for (const b of titles) {
      expect(b.getAttribute('aria-expanded')).toBe('false');
      expect(b.compareDocumentPosition(accept) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
      expect(
        banner()!
          .querySelector('#' + b.getAttribute('aria-controls'))!
          .hasAttribute('hidden'),
      ).toBe(true);
    }
    await click(titles[1]);
    const again = banner()!.querySelectorAll<HTMLButtonElement>('.brief button')[1];
    expect(again.getAttribute('aria-expanded')).toBe('true');
    const panel = banner()!.querySelector('#' + again.getAttribute('aria-controls'))!;
    expect(panel.hasAttribute('hidden')).toBe(false);
    expect(panel.textContent).toContain('Counts visits.');
  });

  it('re-renders in place: the disclosure opened keeps its element and focus, the banner keeps its scroll cue (issue 16)', async () => {
    const { ui, banner, root } = setup();
    await run(() => ui.show('banner'));
    const region = banner()!;
    region.setAttribute('data-more', '');
    const title = region.querySelectorAll<HTMLButtonElement>('.brief button')[1];
    title.focus();
    await click(title);
    expect(banner()).toBe(region);
    expect(region.querySelectorAll('.brief button')[1]).toBe(title);
    expect(root.activeElement).toBe(title);
    expect(title.getAttribute('aria-expanded')).toBe('true');
    expect(region.hasAttribute('data-more')).toBe(true);
    await click(title);
    expect(title.getAttribute('aria-expanded')).toBe('false');
    expect(root.activeElement).toBe(title);
  });

  it('draws the preference center inside the root that carries the language, and removes it when closed (issue 16)', async () => {
    const { ui, dialog, root } = setup(testConfig(), { language: 'fr' });
    await run(() => ui.show('preferences'));
    expect(dialog()!.closest('[lang]')!.getAttribute('lang')).toBe('fr');
    expect(root.querySelectorAll('[lang]')).toHaveLength(1);
    await run(() => ui.hide('preferences'));
    expect(dialog()).toBeNull();
  });

  it('names the floating button in the withdrawal sentence when there is one', async () => {
    const { ui, banner } = setup();
    await run(() => ui.show('banner'));
    expect(banner()!.textContent).toContain('at any time via “Privacy settings”');
  });

  it("names the site's own way (withdrawHint) when there is no floating button", async () => {
    const { ui, banner } = setup(testConfig({ floatingButton: false, withdrawHint: { en: 'the “Cookies” link in the footer' } }));
    await run(() => ui.show('banner'));
    expect(banner()!.textContent).toContain('at any time with the “Cookies” link in the footer.');
    expect(banner()!.textContent).not.toContain('Privacy settings');
  });

  it('with GPC on, says in one line that the signal is honoured and which purposes stay off', async () => {
    const { ui, banner } = setup(testConfig(), { gpc: true });
    await run(() => ui.show('banner'));
    const line = banner()!.querySelector('.gpc')!;
    // One purpose kept off reads as a sentence, in English and in French (a verb agreeing with the list did not).
    expect(line.textContent).toBe('Your Global Privacy Control signal is honored: it keeps Advertising off.');
    const fr = setup(testConfig(), { gpc: true, language: 'fr' });
    await run(() => fr.ui.show('banner'));
    expect(fr.banner()!.querySelector('.gpc')!.textContent).toBe('Votre signal Global Privacy Control est respecté\u00a0: il désactive Publicité.');
    const off = setup(testConfig(), { gpc: false });
    await run(() => off.ui.show('banner'));
    expect(off.banner()!.querySelector('.gpc')).toBeNull();
  });

  it('announces "saved" in the status region without a visible toast over the page', async () => {
    const { ui, button, root } = setup();
    await run(() => ui.show('banner'));
    await click(button('Reject all'));
    expect(root.querySelector('[role=status]')!.textContent).toBe('Your choices have been saved.');
    expect(root.querySelector('[role=status]')!.closest('.toast')!.classList.contains('off')).toBe(true);
  });
});
