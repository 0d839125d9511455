// The page's own gtag snippet, loaded BEFORE candor.js (Google's documented snippet, as a file so the page
// has no inline script): Candor must push its default into this same dataLayer.
window.dataLayer = window.dataLayer || [];
function gtag() {
  dataLayer.push(arguments);
}
window.pageGtag = gtag;
