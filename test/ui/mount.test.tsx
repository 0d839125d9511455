import { afterEach, describe, expect, it, vi } from 'vitest';
import { mountUI } from '../../src/ui/index';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { click, run, setup } from './helpers';
import { fakeHost, testConfig } from './fake-host';

afterEach(() => {
  delete (ShadowRoot.prototype as { adoptedStyleSheets?: unknown }).adoptedStyleSheets;
});

describe('mountUI', () => {
  it('emits show and hide once per surface', async () => {
    const { ui, host } = setup();
    await run(() => {
      ui.show('banner');
      ui.show('banner');
      ui.show('preferences');
    });
    await run(() => ui.hide());
    expect(host.events).toEqual([
      { event: 'show', detail: { view: 'banner' } },
      { event: 'show', detail: { view: 'preferences' } },
      { event: 'hide', detail: { view: 'banner' } },
      { event: 'hide', detail: { view: 'preferences' } },
    ]);
  });

  it('hide("preferences") keeps the banner', async () => {
    const { ui, banner, dialog } = setup();
    await run(() => {
      ui.show('banner');
      ui.show('preferences');
    });
    await run(() => ui.hide('preferences'));
    expect(dialog()).toBeNull();
    expect(banner()).not.toBeNull();
  });

  /** A returning visitor's decision in force, then lapsed (docs/contract.md §7): the core tells the change, then asks for the banner. */
  const lapsed = (host: ReturnType<typeof setup>['host']) => {
    host.decide('accept-all');
    return () => {
      const purposes = Object.fromEntries(Object.entries(host.state.purposes).map(([id]) => [id, id == 'necessary']));
      host.state = { ...host.state, decided: false, purposes };
      host.emit('change', host.state);
    };
  };

  it('a banner asked for while the preference center is open waits for it to close, then shows, with focus (a lapse)', async () => {
    const { ui, host, root, $, $$, button, dialog } = setup(testConfig({ layout: 'modal' }));
    const lapse = lapsed(host);
    await run(() => ui.show('preferences'));
    const title = root.activeElement;
    expect(dialog()!.contains(title)).toBe(true);
    await run(() => {
      lapse();
      ui.show('banner');
    });
    // The center stays, its switches off as the lapse left them, focus where it was; no banner under it yet.
    expect(dialog()).not.toBeNull();
    expect($('.banner')).toBeNull();
    expect(root.activeElement).toBe(title);
    expect(
      $$('[role="switch"]')
        .slice(1)
        .map((s) => s.getAttribute('aria-checked')),
    ).toEqual(['false', 'false', 'false', 'false']);
    await click(button('Close'));
    // The one dialog left is the (modal) banner, which has focus.
    expect($$('[role="dialog"]')).toEqual([$('.banner')]);
    expect(root.activeElement).toBe($('.banner'));
    expect(host.events.filter((e) => e.event != 'change').map((e) => [e.event, (e.detail as { view: string }).view])).toEqual([
      ['show', 'preferences'],
      ['hide', 'preferences'],
      ['show', 'banner'],
    ]);
  });

  it('a banner asked for while the preference center is open never shows when a decision closes it', async () => {
    const { ui, host, $, button } = setup();
    const lapse = lapsed(host);
    await run(() => ui.show('preferences'));
    await run(() => {
      lapse();
      ui.show('banner');
    });
    await click(button('Save choices'));
    expect($('.banner')).toBeNull();
    expect(host.get().decided).toBe(true);
    // Closed and opened again without deciding: the banner asked for earlier does not come back.
    await run(() => ui.show('preferences'));
    await click(button('Close'));
    expect($('.banner')).toBeNull();
  });

  it('announces a banner decision in a status region that was there before', async () => {
    const { ui, root, button } = setup();
    await run(() => ui.show('banner'));
    const status = root.querySelector('[role="status"]')!;
    expect(status.textContent).toBe('');
    await click(button('Reject all'));
    expect(root.querySelector('[role="status"]')).toBe(status);
    expect(status.textContent).toBe('Your choices have been saved.');
  });

  it('clears the confirmation 8 s after the last decision, each decision announced again', () => {
    // Drawing and deciding are synchronous (no helper that waits on a timer).
    vi.useFakeTimers();
    try {
      const { ui, root, button } = setup();
      ui.show('banner');
      const status = root.querySelector('[role="status"]')!;
      button('Reject all').click();
      const first = status.firstElementChild;
      expect(status.textContent).toBe('Your choices have been saved.');
      vi.advanceTimersByTime(5000);
      ui.show('preferences');
      button('Save choices').click();
      expect(status.firstElementChild).not.toBe(first);
      vi.advanceTimersByTime(5000);
      expect(status.textContent).toBe('Your choices have been saved.');
      vi.advanceTimersByTime(3000);
      expect(status.textContent).toBe('');
    } finally {
      vi.useRealTimers();
    }
  });

  it('offers a reload after a granted purpose is withdrawn', async () => {
    const { ui, host, root, button, switchFor } = setup();
    host.decide('accept-all');
    await run(() => ui.show('preferences'));
    expect(root.textContent).not.toContain('Reload the page');
    await click(switchFor('Audience measurement'));
    await click(button('Save choices'));
    expect(button('Reload the page to stop what already ran')).toBeTruthy();
    await click(button('Close'));
    expect(root.textContent).not.toContain('Reload the page');
  });

  it('does not offer a reload after a first refusal', async () => {
    const { ui, root, button } = setup();
    await run(() => ui.show('banner'));
    await click(button('Reject all'));
    expect(root.textContent).not.toContain('Reload the page');
  });

  it('destroy removes the host element and stops listening', async () => {
    const { ui, host } = setup();
    await run(() => ui.show('banner'));
    ui.destroy();
    expect(document.getElementById('candor')).toBeNull();
    expect(() => host.decide('reject-all')).not.toThrow();
    expect(document.getElementById('candor')).toBeNull();
  });

  it('links candor.css from the base URL where constructable stylesheets are unsupported', () => {
    mountUI(fakeHost(), { base: 'https://cdn.example/candor/' }).destroy;
    const link = document.getElementById('candor')!.shadowRoot!.querySelector('link')!;
    expect(link.rel).toBe('stylesheet');
    expect(link.href).toBe('https://cdn.example/candor/candor.css');
  });

  it('adopts a constructed stylesheet where supported, with no <link> or <style>', () => {
    Object.defineProperty(ShadowRoot.prototype, 'adoptedStyleSheets', {
      configurable: true,
      get() {
        return this._sheets || [];
      },
      set(sheets) {
        this._sheets = sheets;
      },
    });
    const ui = mountUI(fakeHost());
    const shadow = document.getElementById('candor')!.shadowRoot!;
    expect(shadow.adoptedStyleSheets).toHaveLength(1);
    expect(shadow.querySelector('link, style')).toBeNull();
    ui.destroy();
  });

  it('never uses style attributes in the dialog either', async () => {
    const { ui, root } = setup();
    await run(() => ui.show('preferences'));
    for (const b of root.querySelectorAll('button[aria-expanded]')) await click(b);
    expect(root.querySelector('[style]')).toBeNull();
  });
});

/** WCAG relative luminance contrast of two #rrggbb colours. */
function contrast(a: string, b: string) {
  const lum = (hex: string) => {
    const [r, g, b] = [1, 3, 5]
      .map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
      .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [x, y] = [lum(a), lum(b)].sort((m, n) => n - m);
  return (x + 0.05) / (y + 0.05);
}

describe('built-in themes', () => {
  // Vitest turns CSS imports (even ?raw) into "": read the files themselves. Each has its light colours, then its dark
  // ones (the first layer's in styles.css; the notes', which only the preference center has, in preferences.css).
  const parse = (file: string) =>
    readFileSync(resolve(__dirname, '../../src/ui/', file), 'utf8')
      .split('@media (prefers-color-scheme: dark)')
      .slice(0, 2)
      .map((part) => {
        const colours: { [name: string]: string } = {};
        for (const m of part.matchAll(/--([\w-]+): var\(--candor-[\w-]+, (#[0-9a-f]{6})\)/g)) colours[m[1]] ??= m[2];
        return colours;
      });
  const [first, second] = [parse('styles.css'), parse('preferences.css')];
  const themes = [0, 1].map((i) => ({ ...first[i], ...second[i] }));

  it.each([
    ['light', 0],
    ['dark', 1],
  ])('%s theme keeps text ≥ 4.5:1 and controls ≥ 3:1', (_, i) => {
    const t = themes[i as number];
    expect(Object.keys(t)).toEqual(expect.arrayContaining(['bg', 'fg', 'muted', 'accent', 'on-accent', 'line', 'note']));
    for (const [fg, bg] of [
      ['fg', 'bg'],
      ['muted', 'bg'],
      ['accent', 'bg'],
      ['on-accent', 'accent'],
      ['fg', 'note'],
      ['accent', 'note'],
    ])
      expect(contrast(t[fg], t[bg]), `${fg} on ${bg}`).toBeGreaterThanOrEqual(4.5);
    expect(contrast(t.line, t.bg), 'switch border / focus').toBeGreaterThanOrEqual(3);
  });
});
