import { describe, expect, it } from 'vitest';
import { floatingButton } from '../../src/core/button';
import { THEME_VALUE } from '../../src/core/theme';
import { widgetHost } from '../../src/core/widget';

const widget = (...a: [string, string, string]) => widgetHost(document, '/', ...a);

describe('theme values', () => {
  it('are colours or lengths only', () => {
    for (const v of ['#1a4d8f', 'red', 'rgb(0 0 0 / 50%)', 'hsla(1, 2%, 3%, .4)', 'color(display-p3 1 0 0)', '2px', '-0.5em', '100%'])
      expect(THEME_VALUE.test(v), v).toBe(true);
    for (const v of ['url(x)', 'URL(x)', 'rgb(0 0 0) url(x)', 'image(red)', 'var(--x)', 'calc(1px + url(x))', 'red;background:url(x)', '', 'a b'])
      expect(THEME_VALUE.test(v), v).toBe(false);
  });

  it('the floating button takes its accent only when it is one', () => {
    const show = floatingButton(document, widget, 'Privacy settings', 'en', 'url(https://tracker.example/p.gif)', () => {});
    show(true);
    const host = document.querySelector<HTMLElement>('[data-candor-button]')!;
    expect(host.style.getPropertyValue('--candor-accent')).toBe('');
    show(false);
    floatingButton(document, widget, 'Privacy settings', 'en', '#1a4d8f', () => {})(true);
    expect(document.querySelector<HTMLElement>('[data-candor-button]')!.style.getPropertyValue('--candor-accent')).toBe('#1a4d8f');
  });
});
