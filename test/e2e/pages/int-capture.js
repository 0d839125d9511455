// Runs between two copies of candor.js (int-spa.html): remembers the first window.candor.
window.firstCandor = window.candor;
