// The portal's service worker: a returning citizen's page appears at once, and an application
// in progress (a draft in the browser's localStorage) can be opened and continued without a
// network. This file is a template: scripts/service-worker.sh writes dist/sw.js from it at the
// end of every build, with the files of that build (PRECACHE) and a VERSION made from their
// contents, so that a new build is a new worker.
//
// Caches:
// - `schalter-shell-<version>`: the build's files (HTML shells, hashed JS/WASM/CSS, icons,
//   manifests), answered from the cache. Those a citizen's pages need (PRECACHE: the shells,
//   the stylesheet, every bundle's script, the discovery and forms bundles' WebAssembly) are
//   fetched when the worker installs; the rest (ON_USE: the full app's WebAssembly, which only
//   the account and clerk pages load, ~0.9 MB) are kept once a page has loaded them, so a first
//   visit does not download the whole portal in the background.
// - `schalter-pages-<version>`: for each page address visited, the shell the server answered
//   with (only if it is one of this build's shells, so a cached page never mixes builds).
// - `schalter-forms`: form definitions of the applications in progress, written by the app
//   when it opens a draft (also before a worker runs) and read here when the network fails.
//   Nothing personal is cached, no POST and no other API answer.
// - `schalter-meta`: which build's shell each open page got, so that an older build's files
//   stay until no page uses them.
//
// Updates: a new build's worker installs beside the old one and takes over at once
// (skipWaiting): the next page load gets the new build. A page already open keeps running the
// build it started with; the files it may still ask for stay cached until it is gone.
'use strict';

const VERSION = '__VERSION__';
const PRECACHE = __PRECACHE__;
const ON_USE = __ON_USE__;

const SHELL = 'schalter-shell-';
const PAGES = 'schalter-pages-';
const FORMS = 'schalter-forms';
const META = 'schalter-meta';
const SHELL_CACHE = SHELL + VERSION;
const PAGES_CACHE = PAGES + VERSION;
/** The full app: it shows every page, so it answers an address offline that is neither a
 * discovery nor a forms page, once its files are kept. */
const FALLBACK = '/index.html';
/** `contract::bundles::bundle_for_path` (its tests check these two patterns against it): the
 * addresses the discovery and the forms bundle show, whose shells answer them offline. */
const DISCOVERY_PAGE = /^\/(?:\/|(?:de|fr|it|en)\/?(?:suche\/?|leistung\/[^/]+\/?)?)?$/i;
const FORMS_PAGE = /^\/(?:de|fr|it|en)\/(?:antraege|eingang\/[^/]+|antrag\/[^/]+(?:\/[^/]+)?)\/?$/i;
/** How long a page address never seen before may take before the full app answers. */
const NAVIGATION_TIMEOUT_MS = 4000;
/** At most this many page addresses and form definitions are kept. */
const MAX_PAGES = 100;
const MAX_FORMS = 40;
const CLIENTS_KEY = '/__schalter/pages-open';
const ACTIVE_KEY = '/__schalter/active-version';

const ours = new Set([...PRECACHE, ...ON_USE]);
const HASHED = /[-_][0-9a-f]{8,16}(_bg)?\.(js|wasm|css)$/;
const FORM_DEFINITION = /^\/api\/v1\/forms\/[^/]+$/;

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(SHELL_CACHE);
      // Hashed files never change, so the HTTP cache's copy (from this very visit) will do;
      // the others are asked for again, so an old copy never enters a new build's cache.
      await cache.addAll(
        PRECACHE.map((path) => new Request(path, { cache: HASHED.test(path) ? 'default' : 'no-cache' })),
      );
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const meta = await caches.open(META);
      const known = await meta.match(ACTIVE_KEY);
      const previous = known ? await known.text() : null;
      if (previous !== VERSION) {
        // Pages open now that this worker never served were started by the build before.
        await meta.put(ACTIVE_KEY, new Response(VERSION));
        await forgetClosedPages(previous);
      } else {
        await forgetClosedPages(null);
      }
      await trim(FORMS, MAX_FORMS);
    })(),
  );
});

self.addEventListener('message', (event) => {
  // Every page says hello when it starts: a page that is gone no longer needs its build.
  if (event.data && event.data.type === 'hello') {
    event.waitUntil(forgetClosedPages(null));
  }
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    if (isPage(url.pathname)) event.respondWith(page(event, url));
    return;
  }
  if (FORM_DEFINITION.test(url.pathname)) {
    event.respondWith(formDefinition(request));
    return;
  }
  if (ours.has(url.pathname) || (HASHED.test(url.pathname) && !url.pathname.startsWith('/api/'))) {
    event.respondWith(file(event));
  }
});

/** An address the app shows (the server's rule: no file name, not the API or the widget). */
function isPage(path) {
  const last = path.split('/').pop();
  return !path.startsWith('/api/') && !path.startsWith('/embed') && !last.includes('.');
}

/** A file of a build: this build's or, for a page still running an older one, that one's;
 * one of this build's files not kept yet is kept once fetched. */
async function file(event) {
  const request = event.request;
  const names = (await caches.keys()).filter((n) => n.startsWith(SHELL));
  names.sort((a, b) => (a === SHELL_CACHE ? -1 : b === SHELL_CACHE ? 1 : 0));
  for (const name of names) {
    const hit = await (await caches.open(name)).match(request, { ignoreVary: true, ignoreSearch: true });
    if (hit) return hit;
  }
  const response = await fetch(request);
  const path = new URL(request.url).pathname;
  if (ON_USE.includes(path) && response.ok && response.type === 'basic') {
    const copy = response.clone();
    event.waitUntil(caches.open(SHELL_CACHE).then((cache) => cache.put(path, copy)));
  }
  return response;
}

/** The shell that shows `path` offline: its bundle's, or the full app's. */
function shellFor(path) {
  if (DISCOVERY_PAGE.test(path)) return '/discovery.html';
  if (FORMS_PAGE.test(path)) return '/forms.html';
  return FALLBACK;
}

/** A page: the shell this address had before, at once (checked again in the background);
 * otherwise the network, and the full app when there is none. */
async function page(event, url) {
  const key = url.origin + url.pathname;
  const pages = await caches.open(PAGES_CACHE);
  const cached = await pages.match(key, { ignoreVary: true });
  const fromNetwork = fetch(event.request).then(async (response) => {
    await learn(pages, key, response.clone());
    return response;
  });
  event.waitUntil(fromNetwork.catch(() => undefined));
  let response = cached;
  if (!response) {
    const timeout = new Promise((resolve) => setTimeout(resolve, NAVIGATION_TIMEOUT_MS));
    response = await Promise.race([fromNetwork.catch(() => undefined), timeout]);
  }
  if (!response) {
    response = await (await caches.open(SHELL_CACHE)).match(shellFor(url.pathname), { ignoreVary: true });
  }
  if (!response) return fromNetwork;
  event.waitUntil(served(event.resultingClientId, response === cached || !!(await isOurs(response))));
  return response;
}

/** Keeps the server's answer for a page address if it is one of this build's shells. */
async function learn(pages, key, response) {
  if (!response.ok || response.redirected || response.type !== 'basic') return;
  if (!(await isOurs(response))) return;
  await pages.put(key, response);
  await trim(PAGES_CACHE, MAX_PAGES);
}

/** The shell a page was made of: the home page comes with its first screen drawn, in its
 * language and with its title (contract::first_screen; the server writes the first screen
 * right after <body> and ends it with FIRST_SCREEN_END). */
function shellOf(text) {
  const start = text.indexOf(FIRST_SCREEN);
  const end = text.indexOf(FIRST_SCREEN_END);
  if (start < 0 || end < start) return text;
  return (text.slice(0, start) + text.slice(end + FIRST_SCREEN_END.length))
    .replace(/<html lang="[a-z]+">/, '<html lang="de">')
    .replace(/<title>[^<]*<\/title>/, '<title>Schalter</title>');
}
const FIRST_SCREEN = '<div id="first-screen">';
const FIRST_SCREEN_END = '<!--/first-screen-->';

/** Whether an HTML answer is one of this build's shells (byte for byte), or the home page
 * made of one. */
async function isOurs(response) {
  if (!(response.headers.get('content-type') || '').startsWith('text/html')) return false;
  const text = shellOf(await response.clone().text());
  const shells = await caches.open(SHELL_CACHE);
  for (const path of PRECACHE) {
    if (!path.endsWith('.html')) continue;
    const shell = await shells.match(path, { ignoreVary: true });
    if (shell && (await shell.text()) === text) return true;
  }
  return false;
}

/** A form definition: the network's answer, or offline the copy the app kept. */
async function formDefinition(request) {
  try {
    return await fetch(request);
  } catch (offline) {
    const forms = await caches.open(FORMS);
    // Builds before this one kept the copy under the address with a trailing `&`.
    const kept =
      (await forms.match(request, { ignoreVary: true })) ||
      (await forms.match(`${request.url}&`, { ignoreVary: true }));
    if (kept) return kept;
    throw offline;
  }
}

/** Notes which build a page got (this one, or one from the network we cannot tell). */
async function served(clientId, ours) {
  if (!clientId) return;
  await updateOpenPages((open) => {
    open[clientId] = ours ? VERSION : 'network';
  });
}

/** Deletes the caches of builds no open page uses any more. Open pages this worker has not
 * seen count as running `unseen` (the build that was active before, when just activated). */
async function forgetClosedPages(unseen) {
  const live = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const inUse = new Set([VERSION]);
  await updateOpenPages((open) => {
    const ids = new Set(live.map((c) => c.id));
    for (const id of Object.keys(open)) if (!ids.has(id)) delete open[id];
    for (const c of live) {
      if (!(c.id in open) && unseen) open[c.id] = unseen;
      if (open[c.id]) inUse.add(open[c.id]);
    }
  });
  for (const name of await caches.keys()) {
    for (const prefix of [SHELL, PAGES]) {
      if (name.startsWith(prefix) && !inUse.has(name.slice(prefix.length))) {
        await caches.delete(name);
      }
    }
  }
}

let openPagesLock = Promise.resolve();

/** Changes the record of open pages (one change at a time). */
function updateOpenPages(change) {
  const next = openPagesLock.then(async () => {
    const meta = await caches.open(META);
    const stored = await meta.match(CLIENTS_KEY);
    const open = stored ? await stored.json() : {};
    change(open);
    await meta.put(CLIENTS_KEY, new Response(JSON.stringify(open), { headers: { 'content-type': 'application/json' } }));
  });
  openPagesLock = next.catch(() => undefined);
  return next;
}

/** Keeps the `max` newest entries of a cache. */
async function trim(name, max) {
  const cache = await caches.open(name);
  const keys = await cache.keys();
  for (const key of keys.slice(0, Math.max(0, keys.length - max))) await cache.delete(key);
}
