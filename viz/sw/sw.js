// Concerto's service worker: after one visit the app works offline (a workshop room without
// internet). This file is a template: the build (vite.config.ts, serviceWorker()) writes dist/sw.js
// with VERSION, a hash of every built and public file, and PRECACHE, the list of those files. So
// sw.js changes with every build that changes anything, which is what makes the browser install the
// new version; each version has its own cache, filled whole at install, and older ones are deleted
// when it activates.
//
// One version at a time, never a mix: a new version waits until no page of the old one is open (no
// skipWaiting), navigations are answered with the active version's own app shell (never a page
// fetched on the way, which could belong to another build), and its assets come from its own cache.
const VERSION = '__VERSION__';
const PRECACHE = [/* __PRECACHE__ */];
const CACHE = `concerto-${VERSION}`;
const SHELL = './index.html';

self.addEventListener('install', (event) => {
  // `cache: 'reload'` past the HTTP cache, so the files are this build's; any failure fails the install
  // and the version in place stays.
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await cache.addAll(PRECACHE.map((url) => new Request(url, { cache: 'reload' })));
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key.startsWith('concerto') && key !== CACHE) await caches.delete(key);
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET' || new URL(req.url).origin !== self.location.origin) return;
  if (req.mode === 'navigate') {
    // The app shell of this version, whatever page was asked for (the app routes in the fragment).
    event.respondWith(
      (async () => {
        const cache = await caches.open(CACHE);
        return (await cache.match(SHELL, { ignoreVary: true })) ?? fetch(req).catch(() => Response.error());
      })(),
    );
    return;
  }
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      const hit = await cache.match(req, { ignoreSearch: true, ignoreVary: true });
      return hit ?? fetch(req);
    })(),
  );
});
