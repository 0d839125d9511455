/**
 * The writing direction of a BCP 47 language tag, the `dir` of the interface's root (src/ui/texts.ts) and of each embed
 * placeholder (blocked.ts) (docs/configuration.md, "languages"): right to left when its script is, the one the tag
 * gives (`ku-Arab`, `ar-Latn`) or else the one its language, or its language in its region, is usually written in
 * (Unicode CLDR likely subtags, `Intl.Locale#maximize()`: `ar`, `he`, `fa`, `ur`, `ks` → Arabic or Hebrew; `pa-PK` →
 * Arabic; `arn` → Latin); left to right otherwise, and for a tag the browser cannot read. `maximize()` rather than
 * `getTextInfo()`, which Firefox lacks, or a list of languages, which misses some (`ks`, `pa-PK`, `syr`).
 * candor.js does without it: the floating button takes the direction of its label (button.ts).
 */
export const direction = (language: string, builtIn?: unknown): 'rtl' | 'ltr' => {
  try {
    const tag = new Intl.Locale(language);
    // `maximize()` loads the likely-subtags data on its first call: 26 ms of a first visit at 4× CPU in Chromium
    // (bench/profile.mjs). A language Candor has texts for (`builtIn`: the caller has them), written left to right in
    // every region, does without it.
    const script = tag.script || (builtIn ? '' : tag.maximize().script);
    // Arabic, Hebrew, Syriac, Thaana (Dhivehi), N'Ko and Adlam (Fulah) scripts (ISO 15924); rarer ones (Hanifi Rohingya, Mandaic) left out.
    return /^(Arab|Hebr|Syrc|Thaa|Nkoo|Adlm)$/.test(script!) ? 'rtl' : 'ltr';
  } catch {
    return 'ltr';
  }
};
