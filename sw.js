// Satchel's service worker: the app opens without a network, and one build's files are
// never mixed with another's.
//
// The build (`cargo xtask wasm`, through satchel_sandbox::pwa) rewrites the two lines below:
// the build id and every file of this build, relative to the worker's scope. A new
// deployment therefore has a new sw.js, which the browser installs beside the old worker;
// it waits until the page asks for it (the "A new version is ready" prompt), so an open
// page keeps loading from its own build's cache.
//
// Only same-origin GETs of those files (plus config.json) are answered here. Everything
// else, Google's answers and anything carrying a token above all, goes to the network
// untouched: no respondWith, nothing stored.
const BUILD = 'unbuilt';
const FILES = [];

const CACHE = 'satchel-' + BUILD;
// Deployment configuration, not part of a build: fetched first, kept only to open offline.
const CONFIG_CACHE = 'satchel-config';
const SCOPE = new URL(self.registration.scope);
const PRECACHED = new Set(FILES);
const url = (path) => new URL(path, SCOPE).href;

self.addEventListener('install', (event) => {
  // `reload`: past the HTTP cache, so a stale copy from another build never gets in.
  event.waitUntil(caches.open(CACHE).then((cache) =>
    cache.addAll(FILES.map((path) => new Request(url(path), { cache: 'reload' })))));
});

// Only now may the old build's cache go: until this worker took over, a page of the old
// build was still loading from it.
self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys().then((names) => Promise.all(names
    .filter((name) => name.startsWith('satchel-') && name !== CACHE && name !== CONFIG_CACHE)
    .map((name) => caches.delete(name)))));
});

// The page's Reload button (boot.js, satchelApplyUpdate).
self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'satchel-skip-waiting') self.skipWaiting();
});

// From this build's cache; the network only if the browser evicted it.
async function fromBuild(path, request) {
  const cache = await caches.open(CACHE);
  return (await cache.match(url(path))) || fetch(request);
}

async function networkFirst(request) {
  const cache = await caches.open(CONFIG_CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request.url, response.clone());
    return response;
  } catch (error) {
    const kept = await cache.match(request.url);
    if (kept) return kept;
    throw error;
  }
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const target = new URL(request.url);
  if (target.origin !== SCOPE.origin || !target.pathname.startsWith(SCOPE.pathname)) return;
  const path = target.pathname.slice(SCOPE.pathname.length);
  if (path === 'config.json' && target.search === '') {
    event.respondWith(networkFirst(request));
  } else if (request.mode === 'navigate') {
    // Every route of the app is index.html (404.html is a copy). Query and hash are left
    // to the page: an OAuth answer reaches boot.js in the address bar as before.
    event.respondWith(fromBuild(PRECACHED.has(path) ? path : 'index.html', request));
  } else if (PRECACHED.has(path) && target.search === '') {
    event.respondWith(fromBuild(path, request));
  }
});
