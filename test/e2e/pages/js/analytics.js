// GATED (analytics). Records that it ran: window.ran for this page view, localStorage 'e2e.ran' across reloads, and sets the cookies and key consent.json declares.
(() => {
  var id = 'analytics';
  (window.ran = window.ran || []).push(id);
  try {
    var trail = JSON.parse(localStorage.getItem('e2e.ran') || '[]');
    trail.push(id);
    localStorage.setItem('e2e.ran', JSON.stringify(trail));
  } catch (e) {}
  try {
    document.cookie = '_pk_id.1.e2e=visitor; Path=/; Max-Age=3600; SameSite=Lax';
  } catch (e) {}
  try {
    document.cookie = '_pk_ses.1.e2e=1; Path=/; Max-Age=1800; SameSite=Lax';
  } catch (e) {}
  try {
    localStorage.setItem('matomo_last_visit', '1');
  } catch (e) {}
})();
