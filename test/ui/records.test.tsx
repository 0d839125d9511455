import { afterEach, describe, expect, it, vi } from 'vitest';
import { click, run, setup } from './helpers';

afterEach(() => vi.restoreAllMocks());

describe('consent records', () => {
  it('lists this device’s receipts, newest first, with time, event and per-purpose state', async () => {
    const { ui, host, root } = setup();
    host.decide('reject-all');
    host.decide('save', { analytics: true });
    await run(() => ui.show('preferences'));
    const section = root.querySelector('.records')!;
    expect(section.querySelector('h3')!.textContent).toBe('Your consent records');
    const items = section.querySelectorAll('li');
    expect(items).toHaveLength(2);
    expect(items[0].textContent).toContain('Choices updated');
    expect(items[0].textContent).toContain('Audience measurement: on');
    expect(items[0].textContent).toContain('Advertising: off');
    expect(items[1].textContent).toContain('Refused');
    expect(items[0].querySelector('time')!.getAttribute('datetime')).toBe(host.state.decidedAt);
  });

  it('adds a decision made in the dialog at once', async () => {
    const { ui, root, button } = setup();
    await run(() => ui.show('preferences'));
    expect(root.querySelector('.records')!.textContent).toContain('No records on this device yet.');
    await click(button('Accept all'));
    await run(() => ui.show('preferences'));
    expect(root.querySelectorAll('.records li')).toHaveLength(1);
    expect(root.querySelector('.records li')!.textContent).toContain('Consent given');
  });

  it('shows a decision made elsewhere while the dialog is open', async () => {
    const { ui, host, root } = setup();
    await run(() => ui.show('preferences'));
    await run(() => host.set({ marketing: true }));
    expect(root.querySelectorAll('.records li')).toHaveLength(1);
  });

  it('downloads them as candor-receipts.json', async () => {
    const blobs: Blob[] = [];
    const create = vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      blobs.push(blob as Blob);
      return 'blob:records';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    const clicked: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    const { ui, host, button } = setup();
    host.decide('accept-all');
    await run(() => ui.show('preferences'));
    await click(button('Download my records'));
    expect(create).toHaveBeenCalledTimes(1);
    expect(clicked).toHaveLength(1);
    expect(clicked[0].download).toBe('candor-receipts.json');
    expect(clicked[0].getAttribute('href')).toBe('blob:records');
    expect(clicked[0].isConnected).toBe(false);
    expect(blobs[0].type).toBe('application/json');
    expect(JSON.parse(await blobs[0].text())).toEqual(await host.receipts());
  });

  it('also downloads a readable version, candor-receipts.txt, in the visitor’s language', async () => {
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      blobs.push(blob as Blob);
      return 'blob:readable';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    const clicked: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    const { ui, host, button } = setup(undefined, { language: 'fr' });
    host.decide('accept-all');
    host.decide('save', { marketing: false });
    await run(() => ui.show('preferences'));
    await click(button('Télécharger une version lisible'));
    expect(clicked.map((a) => a.download)).toEqual(['candor-receipts.txt']);
    expect(blobs[0].type).toBe('text/plain;charset=utf-8');
    const text = await blobs[0].text();
    expect(text).toContain('Vos preuves de consentement');
    expect(text).toContain('Choix fait avec «\u00a0Enregistrer mes choix\u00a0».');
    expect(text).toContain('Publicité\u00a0: Consentement retiré');
    expect(text).toContain('5 novembre 2026');
  });
});
