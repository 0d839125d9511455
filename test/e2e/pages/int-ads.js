// GATED (marketing). Leaves the traces int-consent.json declares for marketing (`_mk_*`, `ads_*`), including
// a cookie on the parent domain when the page is served from a subdomain (www.shop.localhost → shop.localhost).
(() => {
  (window.ran = window.ran || []).push('ads');
  var tail = '; Max-Age=3600; SameSite=Lax';
  document.cookie = '_mk_uid=1; Path=/' + tail;
  if (/^www\.[a-z0-9-]+\.localhost$/.test(location.hostname)) {
    document.cookie = '_mk_parent=1; Path=/; Domain=' + location.hostname.slice(4) + tail;
  }
  sessionStorage.setItem('ads_session', '1');
})();
