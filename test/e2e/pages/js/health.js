// GATED (health-offers). Records that it ran: window.ran for this page view, localStorage 'e2e.ran' across reloads (sensitive purpose: never granted by Accept all).
(() => {
  var id = 'health-offers';
  (window.ran = window.ran || []).push(id);
  try {
    var trail = JSON.parse(localStorage.getItem('e2e.ran') || '[]');
    trail.push(id);
    localStorage.setItem('e2e.ran', JSON.stringify(trail));
  } catch (e) {}
})();
