// Service worker of the agent's page: keeps the page, its scripts and styles on the phone so it
// opens with no network. Data is not cached here: the page keeps its own copy of the day's round
// in IndexedDB, and entries are never sent through a cache. VERSION changes with the files.
const VERSION = "__VERSION__";
const SHELL = __SHELL__;
const CACHE = `terrain-${VERSION}`;

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) if (name !== CACHE) await caches.delete(name);
    await self.clients.claim();
  })());
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== location.origin) return;
  if (request.mode === "navigate" && url.pathname.startsWith("/terrain")) {
    // The page itself: fresh when the network answers (a new day, a new login), else the copy.
    event.respondWith(fetch(request).then((response) => {
      if (response.ok && !response.redirected) {
        const copy = response.clone();
        caches.open(CACHE).then((cache) => cache.put("/terrain", copy));
      }
      return response;
    }).catch(async () => (await caches.match("/terrain")) || Response.error()));
  } else if (SHELL.includes(url.pathname)) {
    event.respondWith(caches.match(url.pathname).then((hit) => hit || fetch(request)));
  }
});
