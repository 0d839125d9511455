// The page's own script (not gated). Runs before candor.js: the queued function must run once Candor is ready.
window.ran = [];
window.events = [];
window.queueLog = [];
(window.candorQueue = window.candorQueue || []).push((c) => {
  window.queueLog.push({ ready: true, same: c === window.candor, hasFn: typeof c.has === 'function' });
  // Added once ready, as every queued function runs: still called once (docs/contract.md §4).
  c.on('ready', (s) => window.queueLog.push('ready:' + s.language));
  c.when('analytics', () => {
    window.queueLog.push('when:analytics');
  });
});
['ready', 'change', 'show', 'hide', 'error'].forEach((name) => {
  addEventListener('candor:' + name, (e) => {
    window.events.push(name + (e.detail?.view ? ':' + e.detail.view : ''));
  });
});
// With ?rule=no-marketing, a site rule run at ready refuses marketing; the listener after it must be told the refusal,
// not the grant it undid (docs/contract.md §4).
if (/[?&]rule=no-marketing\b/.test(location.search)) {
  addEventListener('candor:ready', (e) => e.detail.purposes.marketing && window.candor.set({ marketing: false }));
  addEventListener('candor:ready', (e) => (window.readyMarketing = e.detail.purposes.marketing));
}
