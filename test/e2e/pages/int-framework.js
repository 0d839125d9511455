// A stand-in for a client-side framework (int-spa.html): renders a "route" 1 s after load, holding a gated
// script and a gated iframe. Tests call window.renderRoute(n) for more.
window.renderRoute = (n) => {
  var section = document.createElement('section');
  section.id = 'route-' + n;
  var h = document.createElement('h2');
  h.textContent = 'Route ' + n;
  section.appendChild(h);
  var frame = document.createElement('iframe');
  frame.id = 'frame-' + n;
  frame.title = 'Video ' + n;
  frame.width = 320;
  frame.height = 180;
  frame.setAttribute('data-purpose', 'marketing');
  frame.setAttribute('data-src', '/int-frame.html?route=' + n);
  section.appendChild(frame);
  var script = document.createElement('script');
  script.type = 'text/plain';
  script.setAttribute('data-purpose', 'analytics');
  script.src = '/int-ran.js?id=route-' + n;
  section.appendChild(script);
  document.getElementById('app').appendChild(section);
};
setTimeout(() => {
  window.renderRoute(1);
}, 1000);
