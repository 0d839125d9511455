// GATED (analytics). Leaves the traces int-consent.json declares for analytics — a cookie on Path=/, one on
// the page's exact path (`location.pathname`, e.g. `/int-shop/`), one on the default path (the page's
// directory), a localStorage and a sessionStorage key — and, for comparison, traces nobody declares.
(() => {
  (window.ran = window.ran || []).push('track');
  var tail = '; Max-Age=3600; SameSite=Lax';
  document.cookie = '_pk_id.root=1; Path=/' + tail;
  document.cookie = '_pk_ses.page=1; Path=' + location.pathname + tail;
  document.cookie = '_pk_ses.dir=1' + tail;
  localStorage.setItem('matomo_visitor', '1');
  sessionStorage.setItem('matomo_session', '1');
  // Not declared by any purpose: withdrawal must leave them alone.
  document.cookie = 'keep_cookie=1; Path=/' + tail;
  localStorage.setItem('keep_local', '1');
  sessionStorage.setItem('keep_session', '1');
})();
