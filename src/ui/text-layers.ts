/**
 * Which built-in texts a first visit downloads (issue #16). candor.js splits each language in two chunks
 * (rollup.config.mjs reads this list): dist/candor-<language>.js has the FIRST_LAYER keys — what the banner
 * (banner.tsx), the status and reload offer (app.tsx), the floating button (src/core/manager.ts) and the
 * embed placeholders (src/core/blocked.ts) show —; dist/candor-<language>-prefs.js has every other key, loaded with the
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
];
