/**
 * What a `theme` value may be: a colour (`#1a4d8f`, `rgb(…)`, `hsl(…)`, `oklch(…)`…, a named colour) or a
 * length (`4px`, `0.5rem`), or font names (`Georgia, serif`; also `scheme`'s `light` / `dark` / `auto`). Nothing else — no `url(…)`, `image-set(…)` or `var(…)`: a theme must not make
 * the browser fetch anything (a tracking pixel before consent). The validator checks it (schema.ts), and
 * the interface and the floating button check it again before setting a custom property.
 */
export const THEME_VALUE =
  /^(#[0-9a-fA-F]{3,8}|[a-zA-Z][\w-]*(,\s*[a-zA-Z][\w -]*)*|(rgba?|hsla?|hwb|(ok)?l(ab|ch)|color)\([\w\s.,%/+-]*\)|-?(\d+|\d*\.\d+)(px|r?em|%|vh|vw|ch|ex)?)$/;
