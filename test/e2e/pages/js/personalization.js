// GATED (personalization). Records that it ran: window.ran for this page view, localStorage 'e2e.ran' across reloads.
(() => {
  var id = 'personalization';
  (window.ran = window.ran || []).push(id);
  try {
    var trail = JSON.parse(localStorage.getItem('e2e.ran') || '[]');
    trail.push(id);
    localStorage.setItem('e2e.ran', JSON.stringify(trail));
  } catch (e) {}
})();
