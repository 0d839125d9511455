import { describe, expect, it } from 'vitest';
import { click, run, setup } from './helpers';
import { testConfig } from './fake-host';

describe('banner', () => {
  it('is a region named "Privacy choices" in one open shadow root on #candor', async () => {
    const { ui, banner } = setup();
    await run(() => ui.show('banner'));
    const hosts = document.querySelectorAll('#candor');
    expect(hosts).toHaveLength(1);
    expect(hosts[0].shadowRoot).not.toBeNull();
    expect(document.body.firstElementChild).toBe(hosts[0]);
    expect(banner()!.getAttribute('aria-label')).toBe('Privacy choices');
    expect(banner()!.getAttribute('aria-modal')).toBeNull();
  });

  it('puts purposes, controller, how to change and the policy link before the buttons', async () => {
    const { ui, banner, button, $ } = setup();
    await run(() => ui.show('banner'));
    const region = banner()!;
    const accept = button('Accept all');
    const before = (text: string) => {
      const walker = document.createTreeWalker(region, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (n.textContent!.includes(text)) return !!(n.compareDocumentPosition(accept) & Node.DOCUMENT_POSITION_FOLLOWING);
      }
      throw new Error('not found: ' + text);
    };
    for (const text of ['Audience measurement', 'Counts visits.', 'Health offers', 'Maison Lumière SAS', 'Privacy settings'])
      expect(before(text), text).toBe(true);
    const policy = $<HTMLAnchorElement>('a[href="https://example.com/privacy"]')!;
    expect(policy.textContent).toBe('Privacy policy');
    expect(policy.compareDocumentPosition(accept) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(region.querySelector('li:nth-child(3) .badge')!.textContent).toBe('AI');
  });

  it('gives Accept all, Reject all and Customize the same class', async () => {
    const { ui, button } = setup();
    await run(() => ui.show('banner'));
    const classes = ['Accept all', 'Reject all', 'Customize'].map((n) => button(n).className);
    expect(classes[0]).toBe('btn');
    expect(new Set(classes).size).toBe(1);
    expect(['Accept all', 'Reject all', 'Customize'].map((n) => button(n).tagName)).toEqual(['BUTTON', 'BUTTON', 'BUTTON']);
  });

  it('Accept all grants every optional purpose but the sensitive one, and the banner goes', async () => {
    const { ui, host, button, banner } = setup();
    await run(() => ui.show('banner'));
    await click(button('Accept all'));
    expect(host.decisions[0].method).toBe('accept-all');
    expect(host.state.purposes).toMatchObject({ analytics: true, marketing: true, 'health-offers': false });
    expect(banner()).toBeNull();
    expect(host.events.map((e) => e.event)).toEqual(['show', 'change', 'hide']);
  });

  it('Reject all refuses in one activation', async () => {
    const { ui, host, button, banner } = setup();
    await run(() => ui.show('banner'));
    await click(button('Reject all'));
    expect(host.decisions).toEqual([{ method: 'reject-all', switches: {} }]);
    expect(Object.values(host.state.purposes).filter(Boolean)).toHaveLength(1); // only the required one
    expect(banner()).toBeNull();
  });

  it('Customize opens the preference center without deciding and keeps the banner', async () => {
    const { ui, host, button, banner, dialog, root } = setup();
    await run(() => ui.show('banner'));
    await click(button('Customize'));
    expect(dialog()).not.toBeNull();
    expect(dialog()!.contains(root.activeElement)).toBe(true);
    expect(host.decisions).toHaveLength(0);
    expect(banner()).not.toBeNull();
  });

  it('offers "Continue without accepting" only with closeButton, recorded as dismiss', async () => {
    const plain = setup();
    await run(() => plain.ui.show('banner'));
    expect(plain.banner()!.textContent).not.toContain('Continue without accepting');
    plain.ui.destroy();

    const { ui, host, button, banner } = setup(testConfig({ closeButton: true }));
    await run(() => ui.show('banner'));
    await click(button('Continue without accepting'));
    expect(host.decisions[0].method).toBe('dismiss');
    expect(host.state.purposes.analytics).toBe(false);
    expect(banner()).toBeNull();
  });

  it('goes away after a decision made through the API', async () => {
    const { ui, host, banner } = setup();
    await run(() => ui.show('banner'));
    await run(() => host.rejectAll());
    expect(banner()).toBeNull();
    expect(host.events.at(-1)).toEqual({ event: 'hide', detail: { view: 'banner' } });
  });

  it('shows nothing when the config is invalid', async () => {
    const { ui, host, root } = setup(null);
    await run(() => ui.show('banner'));
    await run(() => ui.show('preferences'));
    expect(root.querySelector('[role="region"],[role="dialog"]')).toBeNull();
    expect(host.events).toHaveLength(0);
  });

  it('speaks French when the language is fr', async () => {
    const { ui, banner, button } = setup(testConfig(), { language: 'fr' });
    await run(() => ui.show('banner'));
    expect(banner()!.getAttribute('aria-label')).toBe('Vos choix de confidentialité');
    for (const name of ['Tout accepter', 'Tout refuser', 'Personnaliser']) expect(button(name)).toBeTruthy();
    expect(banner()!.textContent).toContain('«\u00a0Paramètres de confidentialité\u00a0»');
    expect(banner()!.textContent).toContain("Mesure d'audience");
    expect(banner()!.querySelector('.badge')!.textContent).toBe('IA');
  });

  it('renders config text containing markup literally', async () => {
    const evil = '<img src=x onerror=alert(1)>';
    const config = testConfig({ controller: { name: evil } });
    config.purposes[1].title = evil;
    const { ui, root, banner } = setup(config);
    await run(() => ui.show('banner'));
    expect(root.querySelector('img')).toBeNull();
    expect(banner()!.textContent).toContain(evil);
  });

  it('does not link to an unsafe policy URL', async () => {
    const { ui, root, banner } = setup(testConfig({ policyUrl: 'javascript:alert(1)' }));
    await run(() => ui.show('banner'));
    expect(root.querySelector('a[href^="javascript"]')).toBeNull();
    expect(banner()!.textContent).toContain('Privacy policy');
  });

  it('sets only colours and lengths from the theme: a url() never reaches the page, even in a config that skipped the validator', async () => {
    const { ui } = setup(testConfig({ theme: { accent: 'url(https://tracker.example/p.gif)', text: '#123456', border: 'image-set("x.png" 1x)' } }));
    await run(() => ui.show('banner'));
    const hostEl = document.getElementById('candor')!;
    expect(hostEl.style.getPropertyValue('--candor-accent')).toBe('');
    expect(hostEl.style.getPropertyValue('--candor-border')).toBe('');
    expect(hostEl.style.getPropertyValue('--candor-text')).toBe('#123456');
  });

  it('sets theme values as custom properties on the host, not style attributes inside', async () => {
    const { ui, root } = setup(testConfig({ theme: { accent: '#123456' } }));
    await run(() => ui.show('banner'));
    const hostEl = document.getElementById('candor')!;
    expect(hostEl.style.getPropertyValue('--candor-accent')).toBe('#123456');
    expect(root.querySelector('[style]')).toBeNull();
  });
});
