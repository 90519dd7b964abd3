// The offline cache: the app shell (and nothing else — never a user's file)
// is kept on first visit, so Cadran opens and works with the network off.
// VERSION is a hash of the built files, written by Trunk's post_build hook
// (Trunk.toml): a new deploy changes this file, the browser installs the new
// worker in the background, and the update applies on the next load.
const VERSION = '__CADRAN_VERSION__';
const CACHE = 'cadran-' + VERSION;
const SHELL = [
  './',
  'index.html',
  'app.js',
  'worker.js',
  'reader.js',
  'later.js',
  'cadran-web.js',
  'cadran-web_bg.wasm',
  'main.css',
  'favicon.svg',
];
// Loaded on demand (ECharts by public/app.js, the formats module by
// public/worker.js when a workbook or Parquet file arrives), so not part of a
// first visit: cached on first use, and again at install when an older
// version had it.
const ON_USE = ['echarts.min.js', 'cadran-formats.js', 'cadran-formats_bg.wasm'];

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE)
      // From the HTTP cache when the page has just downloaded them: a first
      // visit does not transfer the app twice.
      .then(async (cache) => {
        await cache.addAll(SHELL.map((url) => new Request(url, { cache: 'force-cache' })));
        for (const url of ON_USE) {
          const used = await caches.match(url, { ignoreSearch: true });
          if (used) await cache.add(url).catch(() => {});
        }
      })
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(
        keys.filter((k) => k.startsWith('cadran-') && k !== CACHE).map((k) => caches.delete(k)),
      ))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  // Only this origin's GETs; there are no others (the CSP forbids them).
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) {
    return;
  }
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    const hit = await cache.match(request, { ignoreSearch: true });
    if (hit) {
      return hit;
    }
    try {
      const response = await fetch(request);
      // The cache was emptied ("forget everything"): the shell fills it again.
      const file = new URL(request.url).pathname.split('/').pop() || './';
      if (response.ok && (request.mode === 'navigate' || SHELL.includes(file) || ON_USE.includes(file))) {
        cache.put(request.mode === 'navigate' ? './' : request, response.clone());
      }
      return response;
    } catch (err) {
      // Offline and not in the shell: a navigation still gets the app.
      if (request.mode === 'navigate') {
        const shell = await cache.match('./');
        if (shell) {
          return shell;
        }
      }
      throw err;
    }
  })());
});
