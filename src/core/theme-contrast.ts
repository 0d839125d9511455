/**
 * Text contrast of a config's theme (WCAG 2.2 1.4.3): each text colour against what it is drawn on, in the
 * light and the dark scheme, with the built-in colours (src/ui/styles.css) where the theme sets none. Only
 * hex colours (#rgb, #rrggbb) are measured; a pair with another CSS colour is left to the site.
 */

/** The built-in colours, as in src/ui/styles.css. */
const DEFAULTS: { [name: string]: string } = {
  accent: '#1a4d8f',
  'on-accent': '#ffffff',
  background: '#ffffff',
  text: '#1f2328',
  muted: '#4b5563',
  'accent-dark': '#9cc2ff',
  'on-accent-dark': '#0b1b33',
  'background-dark': '#1c1f24',
  'text-dark': '#eef0f3',
  'muted-dark': '#c2c8d0',
};

/** Text (first) on surface (second): button labels, main and secondary text, and links on the background. */
const PAIRS = [
  ['on-accent', 'accent'],
  ['text', 'background'],
  ['muted', 'background'],
  ['accent', 'background'],
];

/** Relative luminance of a hex colour, or null for anything else. */
function luminance(color: string): number | null {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim());
  if (!m) return null;
  const hex = m[1].length == 3 ? m[1].replace(/./g, '$&$&') : m[1];
  const [r, g, b] = [0, 2, 4].map((i) => {
    const v = parseInt(hex.slice(i, i + 2), 16) / 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The contrast ratio of two hex colours (1 to 21), or null when either is not a hex colour. */
export function contrast(a: string, b: string): number | null {
  const [x, y] = [luminance(a), luminance(b)];
  return x == null || y == null ? null : (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}

/** Report every text/surface pair under 4.5:1, at the theme key the site set (the text's, else the surface's). */
export function checkThemeContrast(theme: unknown, err: (path: string, message: string, hint?: string) => void) {
  if (!theme || typeof theme != 'object') return;
  const own = theme as { [name: string]: unknown };
  const value = (name: string) => (typeof own[name] == 'string' ? (own[name] as string) : DEFAULTS[name]);
  for (const suffix of ['', '-dark'])
    for (const [fg, bg] of PAIRS) {
      const [f, b] = [fg + suffix, bg + suffix];
      if (own[f] == null && own[b] == null) continue;
      const ratio = contrast(value(f), value(b));
      if (ratio != null && ratio < 4.5)
        err(
          `theme.${own[f] != null ? f : b}`,
          `${value(f)} on ${value(b)} has a contrast of ${ratio.toFixed(1)}:1, under 4.5:1`,
          `choose a darker or lighter "${f}" or "${b}" (WCAG 1.4.3)`,
        );
    }
}
