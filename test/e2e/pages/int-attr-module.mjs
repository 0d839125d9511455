// GATED (analytics), int-attrs.html: `data-type="module"` must make it a module script (import.meta exists).
(window.ran = window.ran || []).push('module:' + typeof import.meta.url);
