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
    expect(line.textContent).toMatch(/Global Privacy Control signal is honored: .+ stay off\./);
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
