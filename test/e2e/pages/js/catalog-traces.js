// Stands in for a catalog service (int-services/): writes exactly the cookies and the localStorage and
// sessionStorage keys the test puts in window.catalogTraces (the catalog's patterns, `*` made a sample value).
(() => {
  var t = window.catalogTraces || { cookies: [], storageKeys: [] };
  t.cookies.forEach((name) => {
    document.cookie = name + '=1; Path=/; SameSite=Lax';
  });
  t.storageKeys.forEach((key) => {
    localStorage.setItem(key, '1');
    sessionStorage.setItem(key, '1');
  });
  window.catalogTracesWritten = true;
})();
