// GATED: <script type="text/plain" data-purpose="marketing" src="/js/marketing.js"> — a stand-in for an
// advertising pixel. Like Meta's `_fbp`, it sets a first-party identifier cookie, `_mk_id`, which
// demo/consent.json declares so that withdrawing "marketing" deletes it. Nothing leaves the browser.
(() => {
  const log = window.demoLog || ((source, message) => console.info(`[${source}] ${message}`));
  const fr = document.documentElement.lang !== 'en';
  const id = `mk.1.${Date.now()}.${Math.floor(Math.random() * 1e10)}`;

  document.cookie = `_mk_id=${id}; Path=/; Max-Age=${90 * 86400}; SameSite=Lax`;
  log(
    'marketing',
    fr
      ? `marketing.js exécuté : pixel publicitaire chargé, cookie _mk_id=${id} posé`
      : `marketing.js ran: advertising pixel loaded, cookie _mk_id=${id} set`,
  );
})();
