// Runs inside demo/embed/lookbook.html, the iframe gated with data-purpose="marketing" data-src="…":
// the frame only gets its src (and so this script only runs) after "marketing" is granted.
(() => {
  const parentLog = (() => {
    try {
      return window.parent !== window && window.parent.demoLog;
    } catch {
      return null; // another origin: no access to the parent page
    }
  })();
  const fr = (parentLog ? window.parent.document.documentElement.lang : document.documentElement.lang) !== 'en';
  const message = fr ? 'iframe lookbook chargée (data-src → src)' : 'lookbook iframe loaded (data-src → src)';
  if (parentLog) parentLog('marketing', message);
  else console.info(message);
})();
