// GATED (marketing). Records that it ran: window.ran for this page view, localStorage 'e2e.ran' across reloads, and sets the cookie consent.json declares.
(() => {
  var id = 'marketing';
  (window.ran = window.ran || []).push(id);
  try {
    var trail = JSON.parse(localStorage.getItem('e2e.ran') || '[]');
    trail.push(id);
    localStorage.setItem('e2e.ran', JSON.stringify(trail));
  } catch (e) {}
  try {
    document.cookie = '_mk_uid=1; Path=/; Max-Age=3600; SameSite=Lax';
  } catch (e) {}
})();
