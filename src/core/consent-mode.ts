/**
 * Google Consent Mode v2 (docs/compliance.md F24): a default that denies every standard type is pushed to
 * `dataLayer` while candor.js runs — before any Google tag placed after it — and each decision pushes an
 * update through the config's type → purposes map, plus a `candor_consent_update` event for tag managers.
 * Commands are pushed as `arguments` objects, exactly as the official `gtag()` snippet does, so it works
 * whether or not the page defined `gtag` itself.
 */
/** Consent Mode v2 types a purpose list can be mapped to. */
export const CONSENT_TYPES = [
  'ad_storage',
  'ad_user_data',
  'ad_personalization',
  'analytics_storage',
  'functionality_storage',
  'personalization_storage',
  'security_storage',
];

type Win = Window & { dataLayer?: unknown[] };

/** Push a gtag command as the Arguments object gtag.js expects (`gtag('consent', …)` → `arguments`). */
function push(win: Win, ...args: unknown[]): void {
  // Only an array is a data layer: markup such as `<div id="dataLayer">` makes a `window.dataLayer` too (DOM clobbering).
  const layer = (win.dataLayer = Array.isArray(win.dataLayer) ? win.dataLayer : []);
  (
    (function () {
      // eslint-disable-next-line prefer-rest-params
      // biome-ignore lint/complexity/noArguments: Google's tags read only Arguments objects from dataLayer
      layer.push(arguments);
    }) as (...a: unknown[]) => void
  )(...args);
}

/**
 * Deny every type that needs consent until a decision is known (docs/contract.md §8, docs/compliance.md F24);
 * `security_storage`, storage for security such as authentication, needs none and is granted, as Google recommends.
 */
export function consentDefault(win: Win): void {
  const state: { [type: string]: unknown } = { wait_for_update: 500 };
  for (const t of CONSENT_TYPES) state[t] = t == 'security_storage' ? 'granted' : 'denied';
  push(win, 'consent', 'default', state);
  push(win, 'set', 'ads_data_redaction', true);
}

/** Whether a type mapped to `ids` is granted: every one of them is, and there is one at least (`[]` grants nothing). */
export const grants = (ids: string[], has: (id: string) => boolean): boolean => ids.length > 0 && ids.every(has);

/** Push the consent state `has` gives for each mapped type (a type needs all its purposes). */
export function consentUpdate(win: Win, map: { [type: string]: string[] }, has: (id: string) => boolean, purposes: object): void {
  const state: { [type: string]: string } = {};
  for (const t in map) state[t] = grants(map[t], has) ? 'granted' : 'denied';
  push(win, 'consent', 'update', state);
  push(win, 'set', 'ads_data_redaction', state.ad_storage != 'granted');
  win.dataLayer!.push({ event: 'candor_consent_update', candor: purposes });
}
