// The page's own script (not gated). Runs before candor.js: the queued function must run once Candor is ready.
window.ran = [];
window.events = [];
window.queueLog = [];
(window.candorQueue = window.candorQueue || []).push((c) => {
  window.queueLog.push({ ready: true, same: c === window.candor, hasFn: typeof c.has === 'function' });
  c.when('analytics', () => {
    window.queueLog.push('when:analytics');
  });
});
['ready', 'change', 'show', 'hide', 'error'].forEach((name) => {
  addEventListener('candor:' + name, (e) => {
    window.events.push(name + (e.detail?.view ? ':' + e.detail.view : ''));
  });
});
