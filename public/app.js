// Starts the Wasm app. A module file of our own instead of Trunk's inline
// loader, so the Content-Security-Policy needs no 'unsafe-inline'.
// Relative URLs keep the build working from any sub-path.
import init from './cadran-web.js';

// ECharts (about 208 kB gzip) is not part of the first visit: it is
// fetched while a file is being read, and run once the reading is over or
// the first chart is drawn. Defined before the app starts, which calls them.
const echartsUrl = new URL('./echarts.min.js', import.meta.url).href;
let echartsFetch = null;
// Fetched only: compiling it during the reading took a core from the rows.
window.cadranFetchECharts = () => {
  if (echartsFetch || window.echarts) return;
  echartsFetch = document.createElement('link');
  echartsFetch.rel = 'preload';
  echartsFetch.as = 'script';
  echartsFetch.href = echartsUrl;
  document.head.append(echartsFetch);
};
let echartsLoad = null;
window.cadranLoadECharts = () => {
  echartsLoad ??= new Promise((resolve, reject) => {
    if (window.echarts) return resolve();
    const s = document.createElement('script');
    s.src = echartsUrl;
    s.onload = () => resolve();
    s.onerror = () => {
      echartsLoad = null; // offline before it was ever cached: try again later
      s.remove();
      reject(new Error('ECharts could not load'));
    };
    document.head.append(s);
  });
  return echartsLoad;
};

init({ module_or_path: new URL('./cadran-web_bg.wasm', import.meta.url) }).catch((err) => {
  console.error('Cadran could not start:', err);
  const p = document.createElement('p');
  p.className = 'fatal';
  p.textContent = 'Cadran ne peut pas démarrer dans ce navigateur : il faut Chrome ou Edge 91, Firefox 89, Safari 16.4 ou plus récent. / Cadran cannot start in this browser: it needs Chrome or Edge 91, Firefox 89, Safari 16.4 or later.';
  document.body.append(p);
});

// The offline cache (public/sw.js), once the page has loaded: it must not
// compete with the first download. Browsers allow it on https and localhost.
if ('serviceWorker' in navigator && window.isSecureContext) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('./sw.js').catch((err) => {
      console.warn('Cadran works, but not offline:', err);
    });
  });
}
