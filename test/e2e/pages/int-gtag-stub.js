// A stand-in for Google's tag (gtag.js / GTM), loaded right AFTER candor.js. At the moment it runs it records
// dataLayer as plain arrays (what a real tag would process first); it defines `gtag` if the page did not,
// and, like gtag.js and GTM, it replaces dataLayer.push so that it sees every later push as it happens.
(() => {
  var flat = (e) => Array.from(e.length != null ? e : [e]);
  window.gcmAtLoad = JSON.stringify(Array.from(window.dataLayer || [], flat));
  window.gcmHadGtag = typeof window.gtag == 'function';
  var layer = (window.dataLayer = window.dataLayer || []);
  window.gtag =
    window.gtag ||
    function () {
      layer.push(arguments);
    };
  window.tagSeen = [];
  var push = layer.push;
  layer.push = function () {
    for (var i = 0; i < arguments.length; i++) window.tagSeen.push(JSON.stringify(flat(arguments[i])));
    return push.apply(layer, arguments);
  };
})();
