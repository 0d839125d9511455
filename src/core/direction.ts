/**
 * The writing direction of a BCP 47 language tag, the `dir` of the interface's root (src/ui/texts.ts) and of each embed
 * placeholder (placeholder.ts) (docs/configuration.md, "languages"): right to left for Arabic, Hebrew (`he`, old `iw`),
 * Persian, Urdu, Pashto, Sindhi, Uyghur, Yiddish, Dhivehi and Sorani Kurdish unless a Latin, Cyrillic or Devanagari
 * script subtag follows (`sd-Deva`), and for any language in Arabic or Hebrew script (`ku-Arab`); left to right
 * otherwise. A pattern rather than `Intl.Locale#getTextInfo()`, which Firefox lacks: its fallback would be this pattern.
 * candor.js does without it: the floating button takes the direction of its label (button.ts).
 */
export const direction = (language: string): 'rtl' | 'ltr' =>
  /^(ar|he|iw|fa|ur|ps|sd|ug|yi|dv|ckb)\b(?!-(latn|cyrl|deva)\b)|-(arab|hebr)\b/i.test(language) ? 'rtl' : 'ltr';
