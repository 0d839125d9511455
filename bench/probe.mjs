// What runs inside the measured page, before any of its own scripts (an init script): it notes when the
// banner becomes visible, and collects long tasks and layout shifts from navigation start. Everything is
// in `performance.now()` time, whose zero is the navigation start.

/**
 * The init script's body. `findBanner(document)` (from peers.mjs) returns the manager's banner element or
 * null; it is passed in as source text, so neither function may use anything from its module.
 */
function probe(findBanner) {
  const B = (window.__bench = { bannerAt: null, longTasks: [], shifts: [] });
  /** Rendered, with a box, and neither it nor an ancestor (across shadow roots) hidden or transparent. */
  const visible = (el) => {
    if (!el?.isConnected) return false;
    const box = el.getBoundingClientRect();
    if (box.width < 1 || box.height < 1 || box.bottom <= 0 || box.top >= innerHeight) return false;
    for (let e = el; e; e = e.parentElement || (e.getRootNode() instanceof ShadowRoot ? e.getRootNode().host : null)) {
      const s = getComputedStyle(e);
      if (s.display == 'none' || s.visibility == 'hidden' || Number(s.opacity) == 0) return false;
    }
    return true;
  };
  const deadline = performance.now() + 30000;
  const check = () => {
    if (B.bannerAt !== null) return true;
    let el = null;
    try {
      el = findBanner(document);
    } catch {}
    if (el && visible(el)) {
      B.bannerAt = performance.now();
      observer.disconnect();
      return true;
    }
    return performance.now() > deadline;
  };
  // Mutations catch a banner inserted already visible, in the document or in an open shadow root (each is
  // observed as it is attached, so a banner drawn in shadow DOM is seen as soon as a light-DOM one would
  // be); the frame poll catches fade-ins.
  const observer = new MutationObserver(check);
  const options = { childList: true, subtree: true, attributes: true, attributeFilter: ['class', 'style', 'hidden'] };
  observer.observe(document, options);
  const attachShadow = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attachShadow.call(this, init);
    if (B.bannerAt === null && init && init.mode == 'open') observer.observe(root, options);
    return root;
  };
  const poll = () => check() || requestAnimationFrame(poll);
  requestAnimationFrame(poll);
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) B.longTasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) B.shifts.push([e.startTime, e.value]);
    }).observe({ type: 'layout-shift', buffered: true });
  } catch {}
}

/** The init script for a manager whose banner `findBanner` finds. */
export const probeScript = (findBanner) => `(${probe})(${findBanner});`;
