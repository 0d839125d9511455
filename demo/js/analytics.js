// GATED: <script type="text/plain" data-purpose="analytics" src="/js/analytics.js"> — runs only once the
// visitor grants "analytics". A stand-in for Matomo: it sets the cookies and storage key that
// demo/consent.json declares (`_pk_id.*`, `_pk_ses.*`, `matomo_*`), so withdrawing consent visibly
// deletes them (docs/contract.md §7), and "records" a page view. Nothing leaves the browser.
(() => {
  const log = window.demoLog || ((source, message) => console.info(`[${source}] ${message}`));
  const fr = document.documentElement.lang !== 'en';
  const visitor = Math.random().toString(16).slice(2, 18).padEnd(16, '0');
  const now = Math.floor(Date.now() / 1000);

  document.cookie = `_pk_id.1.ml01=${visitor}.${now}; Path=/; Max-Age=${395 * 86400}; SameSite=Lax`;
  document.cookie = `_pk_ses.1.ml01=1; Path=/; Max-Age=1800; SameSite=Lax`;
  try {
    localStorage.setItem('matomo_last_visit', new Date().toISOString());
  } catch {
    // storage blocked: the cookie is enough for the demo
  }

  log(
    'analytics',
    fr
      ? `analytics.js exécuté : page vue « ${location.pathname} » enregistrée, cookies _pk_id.* et _pk_ses.* posés`
      : `analytics.js ran: page view "${location.pathname}" recorded, cookies _pk_id.* and _pk_ses.* set`,
  );
})();
