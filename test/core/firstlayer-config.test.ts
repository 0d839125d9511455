import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { checkConfig } from '../../src/core/config';
import { contrast } from '../../src/core/theme-contrast';

const demo = () => JSON.parse(readFileSync('demo/consent.json', 'utf8'));
const paths = (list: { path: string }[]) => list.map((p) => p.path);

describe('theme contrast (WCAG 1.4.3)', () => {
  it('measures ratios like WCAG', () => {
    expect(contrast('#000', '#fff')).toBeCloseTo(21, 5);
    expect(contrast('#ffffff', '#ffd400')!).toBeCloseTo(1.4, 1);
    expect(contrast('red', '#fff')).toBeNull();
  });

  it('refuses white text on a yellow accent, in light and in dark', () => {
    const light = checkConfig({ ...demo(), theme: { accent: '#ffd400' } });
    expect(light.config).toBeNull();
    expect(paths(light.problems)).toContain('theme.accent');
    expect(light.problems.find((p) => p.path == 'theme.accent')!.message).toMatch(/1\.4:1/);
    const dark = checkConfig({ ...demo(), theme: { 'accent-dark': '#ffd400', 'on-accent-dark': '#ffffff' } });
    expect(paths(dark.problems)).toContain('theme.on-accent-dark');
  });

  it('accepts readable colours, and leaves other CSS colours to the site', () => {
    expect(checkConfig({ ...demo(), theme: { accent: '#7a3b2e', 'accent-dark': '#9cc2ff' } }).problems).toEqual([]);
    expect(checkConfig({ ...demo(), theme: { accent: 'rebeccapurple' } }).problems).toEqual([]);
  });
});

describe('layout, position and the withdrawal sentence', () => {
  it('accepts each layout with a position that fits it', () => {
    for (const extra of [{ layout: 'bar', position: 'top' }, { layout: 'box', position: 'bottom-left' }, { layout: 'modal' }])
      expect(checkConfig({ ...demo(), ...extra }).problems).toEqual([]);
  });

  it('refuses an unknown layout and a position that does not fit', () => {
    expect(paths(checkConfig({ ...demo(), layout: 'popup' }).problems)).toEqual(['layout']);
    expect(paths(checkConfig({ ...demo(), layout: 'box', position: 'top' }).problems)).toEqual(['position']);
    expect(paths(checkConfig({ ...demo(), position: 'bottom-left' }).problems)).toEqual(['position']);
    expect(paths(checkConfig({ ...demo(), layout: 'modal', position: 'bottom' }).problems)).toEqual(['position']);
  });

  it('warns when there is no floating button and no withdrawHint, not when one is given', () => {
    expect(paths(checkConfig({ ...demo(), floatingButton: false }).warnings)).toContain('withdrawHint');
    const told = checkConfig({
      ...demo(),
      floatingButton: false,
      withdrawHint: { en: 'the “Cookies” link in the footer', fr: 'le lien « Cookies » en bas de page' },
    });
    expect(paths(told.warnings)).not.toContain('withdrawHint');
    expect(paths(checkConfig(demo()).warnings)).not.toContain('withdrawHint');
  });
});
