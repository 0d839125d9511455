// Not gated: a plain script in <head> that the tests ask for with ?delay=MS, so the parser waits in <head>
// (as behind a slow synchronous third-party tag) while candor.js has already started.
window.slowHeadDone = true;
