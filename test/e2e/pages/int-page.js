// Not gated: the page's own script for test/e2e/integrations.test.mjs. Records which gated scripts ran
// (`window.ran`) and every Candor event (`window.events`), like js/page.js does for the other suites.
window.ran = window.ran || [];
window.events = [];
['ready', 'change', 'show', 'hide', 'error'].forEach((name) => {
  addEventListener('candor:' + name, (e) => {
    window.events.push(name + (e.detail?.view ? ':' + e.detail.view : ''));
  });
});
