// GATED (analytics). An analytics library as the real ones behave (posthog-js, mixpanel-browser, Segment,
// Amplitude): once loaded it stays in memory and writes its cookies and keys again every 50 ms, whatever the
// visitor decides later. Declared in int-tracker.json (`_pk_*`, `matomo_*`), including the cookies that need
// `Secure` to be deleted (`__Secure-`, `__Host-`, and a plain `Secure` one) and one on the page's directory.
(() => {
  (window.ran = window.ran || []).push('tracker');
  var tail = '; Max-Age=3600; SameSite=Lax';
  var write = () => {
    window.writes = (window.writes || 0) + 1;
    document.cookie = '_pk_id.tracker=1; Path=/' + tail;
    document.cookie = '_pk_ses.dir=1' + tail;
    document.cookie = '__Secure-_pk_id.s=1; Path=/; Secure' + tail;
    document.cookie = '__Host-_pk_id.h=1; Path=/; Secure' + tail;
    document.cookie = '_pk_ses.secure=1; Path=/; Secure' + tail;
    localStorage.setItem('matomo_tracker', '1');
    sessionStorage.setItem('matomo_tracker_session', '1');
  };
  write();
  setInterval(write, 50);
  // With ?unload=1, also as the page is hidden or left, in a `visibilitychange` listener added after Candor's
  // (as libraries that flush their queue then do): it runs after Candor's cleanup of that moment, so only the
  // next page load can delete what it writes. Candor listens from a withdrawal on: this one from the
  // `candor:change` that announces it.
  const leave = () =>
    document.addEventListener('visibilitychange', () => {
      if (document.hidden) write();
    });
  // With ?unload=early, that listener is added as the tracker runs, before any withdrawal (so before Candor's).
  if (/[?&]unload=early/.test(location.search)) leave();
  else if (/[?&]unload=1/.test(location.search)) addEventListener('candor:change', leave, { once: true });
})();
