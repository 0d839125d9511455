// The page's own script (not gated). Runs before candor.js: the queued function must run once Candor is ready.
window.ran = [];
window.events = [];
window.queueLog = [];
(window.candorQueue = window.candorQueue || []).push(function (c) {
  window.queueLog.push({ ready: true, same: c === window.candor, hasFn: typeof c.has === 'function' });
  c.when('analytics', function () { window.queueLog.push('when:analytics'); });
});
['ready', 'change', 'show', 'hide', 'error'].forEach(function (name) {
  addEventListener('candor:' + name, function (e) {
    window.events.push(name + (e.detail && e.detail.view ? ':' + e.detail.view : ''));
  });
});
