// The seam of issue #6: candor.js's interface (src/ui/mount.ts with a loader) gets the preference center
// from its own chunk on first need; the ES module (src/ui/index.ts) has it at once.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { builtInLanguage } from '../../src/core/language';
import { adoptStyles } from '../../src/core/styles';
import { BUILT_IN } from '../../src/ui/i18n/index';
import { mountUI } from '../../src/ui/mount';
import { mountUI as mountBundled } from '../../src/ui/index';
import * as preferences from '../../src/ui/prefs';
import type { PreferencesModule } from '../../src/ui/mount';
import { click, key, named, run, track } from './helpers';
import { fakeHost } from './fake-host';

afterEach(() => vi.restoreAllMocks());

/** The interface as candor-ui.js mounts it: the preference center comes from `loader`, answered by hand. */
function setupLazy(options: { base?: string } = {}) {
  const host = fakeHost();
  const attempts: { resolve: (m: PreferencesModule) => void; reject: (e: Error) => void }[] = [];
  const loader = vi.fn(() => new Promise<PreferencesModule>((resolve, reject) => attempts.push({ resolve, reject })));
  const ui = mountUI(host, { ...options, adoptStyles, builtInLanguage, texts: BUILT_IN, preferences: loader });
  track(ui);
  const root = document.getElementById('candor')!.shadowRoot!;
  const button = (name: string) => named<HTMLButtonElement>(root, 'button', name);
  /** Answer the latest attempt with the preference center. */
  const arrive = () => run(() => attempts[attempts.length - 1].resolve(preferences));
  const fail = () => run(() => attempts[attempts.length - 1].reject(new Error('could not load candor-prefs.js')));
  return { host, ui, root, loader, button, arrive, fail, dialog: () => root.querySelector('[role="dialog"]') };
}

describe('preference center loaded on first need (candor.js)', () => {
  it('shows the banner without loading the preference center', async () => {
    const { ui, loader, root } = setupLazy();
    await run(() => ui.show('banner'));
    expect(root.querySelector('[role="region"]')).not.toBeNull();
    expect(loader).not.toHaveBeenCalled();
  });

  it('starts loading when the visitor points at or focuses Customize, once', async () => {
    const { ui, loader, button, arrive } = setupLazy();
    await run(() => ui.show('banner'));
    await run(() => button('Customize').dispatchEvent(new Event('pointerenter')));
    expect(loader).toHaveBeenCalledTimes(1);
    await run(() => button('Customize').focus());
    await click(button('Customize'));
    expect(loader).toHaveBeenCalledTimes(1);
    await arrive();
    await run(() => button('Customize').dispatchEvent(new Event('pointerenter')));
    expect(loader).toHaveBeenCalledTimes(1);
  });

  it('marks Customize busy while loading, then opens the dialog as the APG pattern says', async () => {
    const { ui, host, root, button, arrive, dialog } = setupLazy();
    await run(() => ui.show('banner'));
    const customize = button('Customize');
    customize.focus();
    await click(customize);
    expect(customize.getAttribute('aria-busy')).toBe('true');
    expect(dialog()).toBeNull();
    expect(host.events.map((e) => e.event + ':' + (e.detail as { view: string }).view)).toEqual(['show:banner']);

    await arrive();
    expect(customize.hasAttribute('aria-busy')).toBe(false);
    expect(dialog()).not.toBeNull();
    expect(root.activeElement!.tagName).toBe('H2');
    expect(host.events.at(-1)).toEqual({ event: 'show', detail: { view: 'preferences' } });

    // Tab wraps inside the dialog, Escape closes it and focus returns to Customize.
    const controls = Array.from(dialog()!.querySelectorAll<HTMLElement>('button, a[href]')).filter((el) => !el.closest('[hidden]'));
    controls[controls.length - 1].focus();
    await key(controls[controls.length - 1], 'Tab');
    expect(root.activeElement).toBe(controls[0]);
    await key(root.activeElement!, 'Escape');
    expect(dialog()).toBeNull();
    expect(root.activeElement).toBe(customize);
    expect(host.decisions).toEqual([]);
  });

  it("styles the dialog with the chunk's CSS, after the banner's (stylesheet fallback)", async () => {
    const { ui, root, button, arrive } = setupLazy({ base: 'https://cdn.example/candor/' });
    await run(() => ui.show('banner'));
    const links = () => Array.from(root.querySelectorAll('link')).map((l) => l.href);
    expect(links()).toEqual(['https://cdn.example/candor/candor.css']);
    await click(button('Customize'));
    await arrive();
    expect(links()).toEqual(['https://cdn.example/candor/candor.css', 'https://cdn.example/candor/candor-preferences.css']);
  });

  it('reports a failed load once, keeps the banner usable, and tries again on the next need', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { ui, host, loader, button, arrive, fail, dialog } = setupLazy();
    await run(() => ui.show('banner'));
    await click(button('Customize'));
    await fail();
    expect(error).toHaveBeenCalledTimes(1);
    expect(String(error.mock.calls[0][0])).toMatch(/could not load the preference center/);
    expect(dialog()).toBeNull();
    expect(button('Customize').hasAttribute('aria-busy')).toBe(false);

    await click(button('Customize'));
    expect(loader).toHaveBeenCalledTimes(2);
    await arrive();
    expect(dialog()).not.toBeNull();
    expect(error).toHaveBeenCalledTimes(1);
    expect(host.decisions).toEqual([]);
  });

  it('leaves Accept all and Reject all working after a failed load', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const { ui, host, root, button, fail } = setupLazy();
    await run(() => ui.show('banner'));
    await click(button('Customize'));
    await fail();
    await click(button('Reject all'));
    expect(host.decisions.map((d) => d.method)).toEqual(['reject-all']);
    expect(root.querySelector('[role="region"]')).toBeNull();
  });

  it('does not open the dialog when a decision or close() came while loading', async () => {
    const { ui, host, button, arrive, dialog } = setupLazy();
    await run(() => ui.show('banner'));
    await click(button('Customize'));
    await click(button('Accept all'));
    await arrive();
    expect(dialog()).toBeNull();
    expect(host.decisions.map((d) => d.method)).toEqual(['accept-all']);

    await run(() => ui.show('preferences'));
    await run(() => ui.hide('preferences'));
    await arrive();
    expect(dialog()).toBeNull();
  });

  it('opens from a page element (data-candor-open), busy meanwhile, and gives it focus back', async () => {
    const { ui, root, arrive, dialog } = setupLazy();
    const link = document.createElement('a');
    link.href = '#privacy';
    document.body.append(link);
    link.focus();
    await run(() => ui.show('preferences', link));
    expect(link.getAttribute('aria-busy')).toBe('true');
    await arrive();
    expect(link.hasAttribute('aria-busy')).toBe(false);
    expect(dialog()).not.toBeNull();
    expect(root.activeElement!.tagName).toBe('H2');
    await click(root.querySelector<HTMLElement>('[aria-label="Close"]')!);
    expect(document.activeElement).toBe(link);
  });
});

describe('preference center arriving after destroy()', () => {
  it('is not started: it adds no listener to the page', async () => {
    const { ui, button, arrive } = setupLazy();
    await run(() => ui.show('banner'));
    await run(() => button('Customize').dispatchEvent(new Event('pointerenter')));
    ui.destroy();
    const listen = vi.spyOn(document, 'addEventListener');
    await arrive();
    expect(listen.mock.calls.filter(([type]) => type == 'keydown')).toEqual([]);
    expect(document.getElementById('candor')).toBeNull();
  });
});

describe('preference center bundled (ES module)', () => {
  it('opens at once, without waiting for anything', () => {
    const host = fakeHost();
    const ui = mountBundled(host);
    track(ui);
    ui.show('preferences');
    const root = document.getElementById('candor')!.shadowRoot!;
    expect(root.querySelector('[role="dialog"]')).not.toBeNull();
    expect(host.events).toEqual([{ event: 'show', detail: { view: 'preferences' } }]);
  });

  it('accepts the module itself as well as a loader', () => {
    const ui = mountUI(fakeHost(), { adoptStyles, builtInLanguage, texts: BUILT_IN, preferences });
    track(ui);
    ui.show('preferences');
    expect(document.getElementById('candor')!.shadowRoot!.querySelector('[role="dialog"]')).not.toBeNull();
  });
});
