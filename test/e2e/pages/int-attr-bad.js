// GATED (analytics), int-attrs.html: its integrity attribute is wrong on purpose, so it must never run.
(window.ran = window.ran || []).push('bad-integrity');
