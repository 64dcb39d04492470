// Service worker of a phone page (the agents' round, the installers' visits): keeps the page, its
// scripts and styles on the phone so it opens with no network. Data is not cached here: the page
// keeps its own copy of the day in IndexedDB, and entries are never sent through a cache.
// VERSION changes with the files; each page has its own cache (PREFIX), left alone by the other.
const VERSION = "__VERSION__";
const PAGE = "__PAGE__";
const PREFIX = "__CACHE__-";
const SHELL = __SHELL__;
const CACHE = `${PREFIX}${VERSION}`;

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
    await self.clients.claim();
  })());
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== location.origin) return;
  if (request.mode === "navigate" && url.pathname === PAGE) {
    // The page itself: fresh when the network answers (a new day, a new login), else the copy.
    event.respondWith(fetch(request).then((response) => {
      if (response.ok && !response.redirected) {
        const copy = response.clone();
        caches.open(CACHE).then((cache) => cache.put(PAGE, copy));
      }
      return response;
    }).catch(async () => (await caches.match(PAGE)) || Response.error()));
  } else if (SHELL.includes(url.pathname)) {
    event.respondWith(caches.match(url.pathname).then((hit) => hit || fetch(request)));
  }
});
