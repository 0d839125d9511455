// GATED (analytics), int-attrs.html: loaded with integrity (its sha256), crossorigin and referrerpolicy.
(window.ran = window.ran || []).push('sri');
