/**
 * Prune Playground's service worker: the app works offline after the first
 * visit, so a lecture survives bad Wi-Fi.
 *
 * `vite build` rewrites MANIFEST below (scripts/sw-precache.mjs): the files of
 * the build the app page needs (index.html, its JS and CSS chunks, the training
 * worker and its chunks, the WASM binaries) and the MNIST asset, and a version
 * hashed from their contents. So every build that changes a byte has its own
 * cache, and this file changes with it, which makes the browser install the
 * new worker on the next visit.
 *
 * - install: precache every file of MANIFEST (bypassing the HTTP cache), then
 *   take over at once (skipWaiting). The page reports "ready offline" once a
 *   worker is active, i.e. once this precache is complete.
 * - activate: delete the caches of other builds.
 * - fetch: the app page (a navigation to the scope or index.html) network
 *   first, falling back to the cached page when the network fails or is slower
 *   than NETWORK_TIMEOUT_MS; precached files cache first (their names carry a
 *   content hash, except the MNIST asset, which the versioned cache pins).
 *   Everything else is left to the network.
 * The cached page is never replaced by a fresh one from the network: the page
 * and the assets in one cache always come from the same build.
 * No clients.claim(): a page that loaded without a worker stays so until the
 * next navigation, so nothing changes under a running session.
 */
const MANIFEST = /* PRECACHE_MANIFEST */ { version: 'dev', files: [] } /* END_PRECACHE_MANIFEST */;

const PREFIX = 'prune-playground-';
const CACHE = PREFIX + MANIFEST.version;
const NETWORK_TIMEOUT_MS = 4000;

const scope = self.registration.scope;
/** A precache entry's absolute URL (entries are relative to the scope). */
const absolute = (file) => new URL(file, scope).href;
const PRECACHED = new Set(MANIFEST.files.map(absolute));
const APP_PAGE = absolute('index.html');
const APP_NAVIGATIONS = new Set([absolute(''), APP_PAGE]);

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await cache.addAll(MANIFEST.files.map((file) => new Request(absolute(file), { cache: 'reload' })));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(names.filter((name) => name.startsWith(PREFIX) && name !== CACHE).map((name) => caches.delete(name)));
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  // The query and the hash do not change the file (the experiment lives in the hash).
  const key = url.origin + url.pathname;
  if (request.mode === 'navigate') {
    if (APP_NAVIGATIONS.has(key)) event.respondWith(networkFirst(request));
    return;
  }
  if (PRECACHED.has(key)) event.respondWith(cacheFirst(request, key));
});

/** The cached copy, else the network. */
async function cacheFirst(request, key) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(key);
  return hit ?? fetch(request);
}

/** A cached response fit to answer a navigation (a redirected one may not). */
function asNavigation(response) {
  if (!response.redirected) return response;
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers: response.headers });
}

/** The network's answer within NETWORK_TIMEOUT_MS, else the cached app page (or, with none, the network's late answer). */
async function networkFirst(request) {
  const network = fetch(request);
  // A late failure after the timeout answered from the cache is expected, not an error.
  network.catch(() => undefined);
  const timeout = new Promise((resolve) => setTimeout(() => resolve(null), NETWORK_TIMEOUT_MS));
  try {
    const response = await Promise.race([network, timeout]);
    if (response !== null && response.status < 500) return response;
  } catch {
    // Offline: fall back to the cache below.
  }
  const cache = await caches.open(CACHE);
  const cached = await cache.match(APP_PAGE);
  if (cached) return asNavigation(cached);
  return network;
}
