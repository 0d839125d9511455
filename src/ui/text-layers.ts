/**
 * Which built-in texts a first visit downloads (issue #16). candor.js splits each language in two chunks
 * (rollup.config.mjs reads this list): dist/candor-<language>.js has the FIRST_LAYER keys — what the banner
 * (banner.tsx), the status and reload offer (app.tsx), the floating button (src/core/manager.ts) and the
 * embed placeholders (src/core/blocked.ts) show, in English without EMBEDS_HAVE_ENGLISH —; dist/candor-<language>-prefs.js has every other key, loaded with the
 * preference center (candor-prefs.js) and by the records chunk, whose notice hash covers both
 * (docs/architecture.md). The ES module loads each language whole (i18n/lazy.ts). test/ui/text-layers.test.tsx
 * checks this list against what the first-layer sources use.
 */
export const FIRST_LAYER = [
  'bannerLabel',
  'intro',
  'gpcOff',
  'aiBadge',
  'alwaysActive',
  'vendors',
  'changeAnytime',
  'changeAnytimeVia',
  'policy',
  'scrollCue',
  'acceptAll',
  'rejectAll',
  'customize',
  'continueWithout',
  'saved',
  'reloadOffer',
  'close',
  'floatingButton',
  'allowAndLoad',
  'allowGrants',
  'blocked',
  'blockedGpc',
  // The brief of a purpose in the banner, and the placeholder of an embed gated on it (AI Act Art. 50(1)).
  'interaction.chat',
  'interaction.voice',
];

/**
 * The embed placeholders' keys that English's first layer leaves to its second (issue #16): candor-embeds.js has
 * their English texts (src/core/embed-texts.ts, the same as src/ui/i18n/en.ts: a test checks) and shows them for
 * every language without texts of its own there — so for every language whose first layer is candor-en.js — and
 * the banner does not use them. Every other language keeps them in its first layer; both layers together are
 * still the whole language (the records hash it).
 */
export const EMBEDS_HAVE_ENGLISH = ['allowAndLoad', 'allowGrants', 'blocked', 'blockedGpc'];

/** Whether `key` is in `language`'s first-layer chunk (dist/candor-<language>.js; rollup.config.mjs splits the same way). */
export const inFirstLayer = (language: string, key: string) => FIRST_LAYER.includes(key) && !(language == 'en' && EMBEDS_HAVE_ENGLISH.includes(key));
