// GATED (any purpose). Pushes the `id` of its own URL (`/int-ran.js?id=…`) onto window.ran.
(() => {
  var id = new URL(document.currentScript.src).searchParams.get('id');
  (window.ran = window.ran || []).push(id);
})();
