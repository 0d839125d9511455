// The shop's own script (not gated: it only runs the page). Loaded in <head> BEFORE candor.js, so that
// its `candorQueue` entry exists when Candor starts. An external file rather than an inline script so the
// page also works under `script-src 'self'` (node demo/serve.mjs --csp).
//
// It provides `window.demoLog(source, message, detail?)`, used by the gated scripts to say when they ran,
// and fills the "Journal des scripts" panel: Candor events, `candor.get()` after each change, the cookies
// and storage keys scripts can see, and the Google Consent Mode state pushed to `dataLayer`.
(() => {
  const lang = document.documentElement.lang === 'en' ? 'en' : 'fr';
  const T = {
    fr: {
      queued: 'candorQueue : fonction en file exécutée, candor.js est chargé',
      ready: 'candor.ready résolu',
      readyEvent: 'événement candor:ready',
      change: 'événement candor:change — état candor.get() :',
      show: (v) => `événement candor:show (${v})`,
      hide: (v) => `événement candor:hide (${v})`,
      error: 'événement candor:error — configuration invalide :',
      whenAnalytics: "candor.when('analytics') résolu",
      notLoaded: "candor.js n'est pas chargé (lancez npm run build)",
      receipts: (n) => `candor.receipts() : ${n} preuve(s) sur cet appareil`,
      reset: 'candor.reset() appelé',
      cart: (n) => `panier (nécessaire, sessionStorage ml_cart) : ${n} article(s)`,
      none: '(aucun)',
      cleared: 'journal effacé',
      pending: 'en attente',
    },
    en: {
      queued: 'candorQueue: queued function ran, candor.js is loaded',
      ready: 'candor.ready resolved',
      readyEvent: 'candor:ready event',
      change: 'candor:change event — candor.get() state:',
      show: (v) => `candor:show event (${v})`,
      hide: (v) => `candor:hide event (${v})`,
      error: 'candor:error event — invalid configuration:',
      whenAnalytics: "candor.when('analytics') resolved",
      notLoaded: 'candor.js is not loaded (run npm run build)',
      receipts: (n) => `candor.receipts(): ${n} record(s) on this device`,
      reset: 'candor.reset() called',
      cart: (n) => `basket (necessary, sessionStorage ml_cart): ${n} item(s)`,
      none: '(none)',
      cleared: 'log cleared',
      pending: 'pending',
    },
  }[lang];

  const started = performance.now();
  /** Entries logged before the panel exists (this file runs while <head> is parsed). */
  const pending = [];
  let list = null;

  function format(detail) {
    return typeof detail == 'string' ? detail : JSON.stringify(detail, null, 2);
  }

  function render({ time, source, message, detail }) {
    const item = document.createElement('li');
    item.className = 'log__entry log__entry--' + source.replace(/[^a-z-]/g, '');
    const stamp = document.createElement('span');
    stamp.className = 'log__time';
    stamp.textContent = `+${(time / 1000).toFixed(2)} s`;
    const tag = document.createElement('span');
    tag.className = 'log__source';
    tag.textContent = source;
    const text = document.createElement('span');
    text.className = 'log__message';
    text.textContent = message; // always as text: the demo practises what Candor preaches
    item.append(stamp, ' ', tag, ' ', text);
    if (detail !== undefined) {
      const pre = document.createElement('pre');
      pre.className = 'log__detail';
      pre.textContent = format(detail);
      item.append(pre);
    }
    list.append(item);
    list.scrollTop = list.scrollHeight; // follow the newest entry without scrolling the page
  }

  /** Log one line to the panel (and the console). `detail` is shown as JSON. */
  function demoLog(source, message, detail) {
    const entry = { time: performance.now() - started, source: String(source), message: String(message), detail };
    console.info(`[${entry.source}] ${entry.message}`, detail === undefined ? '' : detail);
    if (list) render(entry);
    else pending.push(entry);
    refreshSnapshot();
  }
  window.demoLog = demoLog;

  // --- Candor: the queue (runs once candor.js is ready) and the window events -------------------------
  (window.candorQueue = window.candorQueue || []).push((candor) => {
    demoLog('page', T.queued);
    candor.ready.then((state) => demoLog('page', T.ready, state));
    candor.when('analytics').then(() => demoLog('page', T.whenAnalytics));
  });

  window.addEventListener('candor:ready', () => demoLog('candor', T.readyEvent));
  window.addEventListener('candor:change', () => demoLog('candor', T.change, window.candor.get()));
  window.addEventListener('candor:show', (e) => demoLog('candor', T.show(e.detail?.view)));
  window.addEventListener('candor:hide', (e) => demoLog('candor', T.hide(e.detail?.view)));
  window.addEventListener('candor:error', (e) => demoLog('candor', T.error, e.detail));

  // --- What scripts can see: cookies, storage keys, Consent Mode ---------------------------------------
  function storageKeys(storage) {
    try {
      return Object.keys(storage).sort();
    } catch {
      return []; // storage blocked
    }
  }

  /** The Consent Mode state as the page sees it: the default merged with every update in dataLayer. */
  function consentMode() {
    const state = {};
    for (const entry of window.dataLayer || []) {
      if (entry && entry[0] === 'consent' && entry[2] && typeof entry[2] == 'object') Object.assign(state, entry[2]);
    }
    return Object.keys(state).length ? state : T.pending;
  }

  function refreshSnapshot() {
    const stateBox = document.getElementById('demo-state');
    if (stateBox) stateBox.textContent = window.candor ? format(window.candor.get()) : T.pending;
    const storageBox = document.getElementById('demo-storage');
    if (storageBox) {
      const cookies = document.cookie ? document.cookie.split('; ').map((c) => c.split('=')[0]) : [];
      storageBox.textContent = [
        'document.cookie: ' + (cookies.join(', ') || T.none),
        'localStorage:    ' + (storageKeys(localStorage).join(', ') || T.none),
        'sessionStorage:  ' + (storageKeys(sessionStorage).join(', ') || T.none),
      ].join('\n');
    }
    const consentBox = document.getElementById('demo-consent-mode');
    if (consentBox) consentBox.textContent = format(consentMode());
  }

  // --- The page itself ----------------------------------------------------------------------------------
  function cartCount() {
    try {
      return Number(sessionStorage.getItem('ml_cart')) || 0;
    } catch {
      return 0;
    }
  }

  function showCart(count) {
    const badge = document.getElementById('cart-count');
    if (badge) badge.textContent = String(count);
  }

  function onReady() {
    list = document.getElementById('demo-log');
    if (list) pending.splice(0).forEach(render);
    showCart(cartCount());
    refreshSnapshot();
    // Cookies may change without a Candor event (a gated script setting one): keep the snapshot fresh.
    setInterval(refreshSnapshot, 1000);

    document.addEventListener('click', (event) => {
      const button = event.target instanceof Element ? event.target.closest('button[data-demo]') : null;
      if (!button) return;
      const action = button.getAttribute('data-demo');
      if (action === 'add-to-cart') {
        const count = cartCount() + 1;
        try {
          sessionStorage.setItem('ml_cart', String(count));
        } catch {
          // storage blocked: the counter still moves for this page view
        }
        showCart(count);
        demoLog('page', T.cart(count));
        return;
      }
      if (action === 'clear-log') {
        if (list) list.textContent = '';
        demoLog('page', T.cleared);
        return;
      }
      if (!window.candor) return demoLog('page', T.notLoaded);
      if (action === 'reset') {
        window.candor.reset();
        demoLog('page', T.reset, window.candor.get());
      } else if (action === 'receipts') {
        window.candor.receipts().then((receipts) => demoLog('page', T.receipts(receipts.length), receipts));
      }
    });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', onReady);
  else onReady();
})();
