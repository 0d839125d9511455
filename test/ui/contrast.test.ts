import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contrast } from '../../src/core/theme-contrast';

const css = (file: string) => readFileSync(`src/${file}`, 'utf8');
const ui = css('ui/styles.css') + css('ui/preferences.css');
/** The built-in default of theme key `name` (`var(--candor-<name>, #…)` in the stylesheets). */
const built = (name: string) => {
  const found = new RegExp(`var\\(--candor-${name}, (#[0-9a-f]{3,6})\\)`).exec(ui);
  if (!found) throw new Error('no default for ' + name);
  return found[1];
};

describe('built-in themes (docs/contract.md §5): text stays at 4.5:1 or more', () => {
  for (const scheme of ['', '-dark']) {
    const [bg, note, accent] = ['background', 'note', 'accent'].map((k) => built(k + scheme));
    const pairs: [string, string, string][] = [
      ['text on background', built('text' + scheme), bg],
      ['muted text on background', built('muted' + scheme), bg],
      ['links (accent) on background', accent, bg],
      ['button text on accent', built('on-accent' + scheme), accent],
      ['text on a note', built('text' + scheme), note],
      ['muted text on a note', built('muted' + scheme), note],
      ['links (accent) on a note', accent, note],
    ];
    for (const [what, fg, back] of pairs)
      it(`${scheme ? 'dark' : 'light'}: ${what} (${fg} on ${back})`, () => expect(contrast(fg, back)!).toBeGreaterThanOrEqual(4.5));
  }

  it('the floating button and the embed placeholders, drawn by candor.js without the interface', () => {
    const widgets = css('core/widgets.css');
    const placeholders = css('core/placeholders.css');
    expect(widgets).toMatch(/background: var\(--candor-accent, #1a4d8f\);\s*color: #fff;/);
    expect(contrast('#fff', '#1a4d8f')!).toBeGreaterThanOrEqual(4.5);
    expect(placeholders).toMatch(/color: #1b1b1f;\s*background: #f1f2f6;/);
    expect(contrast('#1b1b1f', '#f1f2f6')!).toBeGreaterThanOrEqual(4.5);
    expect(placeholders).toMatch(/color: #1a4d8f;/);
    expect(contrast('#1a4d8f', '#f1f2f6')!).toBeGreaterThanOrEqual(4.5);
  });
});
