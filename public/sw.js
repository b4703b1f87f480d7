/* global self, caches, fetch, Response, URL */
// Concerto's service worker: after one visit the app works offline (a workshop room without
// internet). The build writes precache.json listing every built file; they are cached at install.
// Navigations go to the network first (a fresh index.html when online) and fall back to the cache;
// other same-origin GETs (hashed, immutable assets) come from the cache first.
const CACHE = 'concerto';
const SHELL = ['./', './index.html'];

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    let files = [];
    try {
      const res = await fetch('./precache.json', { cache: 'no-cache' });
      if (res.ok) files = (await res.json()).files.map((f) => `./${f}`);
    } catch {
      // no list (a dev server): cache as pages are used
    }
    await cache.addAll([...SHELL, ...files]);
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil(self.clients.claim());
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET' || new URL(req.url).origin !== self.location.origin) return;
  if (req.mode === 'navigate') {
    event.respondWith((async () => {
      const cache = await caches.open(CACHE);
      try {
        const res = await fetch(req);
        if (res.ok) await cache.put('./index.html', res.clone());
        return res;
      } catch {
        return (await cache.match('./index.html', { ignoreVary: true })) ?? Response.error();
      }
    })());
    return;
  }
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    const hit = await cache.match(req, { ignoreSearch: true, ignoreVary: true });
    if (hit) return hit;
    const res = await fetch(req);
    if (res.ok && res.type === 'basic') await cache.put(req, res.clone());
    return res;
  })());
});
