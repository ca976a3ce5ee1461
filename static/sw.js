// Thrustlog's service worker, served at /sw.js (tracker/views/pwa.py fills in the version).
//
// Pages: network first, the last good copy when the network is down or slow (4 s), so the
//   session page and Today open in a basement. Pages are cached per phone, dropped on sign-out.
// Static files: the cached copy at once, refreshed in the background.
// Writes and the API pass through untouched (static/js/offline/ queues sets itself), except
//   a "Start today's session" post that gets no answer (see startSession).
// Background Sync: wakes an open Thrustlog tab to send its queue.
importScripts("/static/js/sw-push.js"); // Web Push: notifications and their taps
const VERSION = "__VERSION__";
const STATIC = `thrustlog-static-${VERSION}`;
const PAGES = "thrustlog-pages";
const SHELL = "/offline/session/"; // the blank session page for sessions started offline
const START = "/sessions/start/";
const SLOW_NETWORK_MS = 4000;

self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith("thrustlog-static-") && name !== STATIC) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

const cacheable = (response) =>
  response && response.status === 200 && response.type === "basic" && !response.redirected;

function pageKey(url) {
  const parsed = new URL(url);
  parsed.hash = "";
  if (parsed.pathname === SHELL) parsed.search = ""; // one shell for every ?local=
  return parsed.href;
}

function offlinePage() {
  const html = `<!doctype html><html lang="en"><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Offline · Thrustlog</title>
<body style="font: 18px/1.5 system-ui, sans-serif; margin: 1.5rem; max-width: 36rem">
<h1>No signal</h1><p>This page was not saved on this phone yet.</p>
<p><a href="/">Open Today</a>: sets you log there are kept and sent when the signal is back.</p></body></html>`;
  return new Response(html, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
}

async function page(event) {
  const cache = await caches.open(PAGES);
  const key = pageKey(event.request.url);
  const network = fetch(event.request).then(async (response) => {
    if (cacheable(response)) await cache.put(key, response.clone());
    return response;
  });
  const cached = await cache.match(key, { ignoreVary: true });
  if (!cached) return network.catch(offlinePage);
  event.waitUntil(network.catch(() => null));
  const slow = new Promise((resolve) => setTimeout(() => resolve(cached), SLOW_NETWORK_MS));
  return Promise.race([network, slow]).catch(() => cached);
}

async function staticFile(event) {
  const cache = await caches.open(STATIC);
  const cached = await cache.match(event.request);
  const network = fetch(event.request).then(async (response) => {
    if (cacheable(response)) await cache.put(event.request, response.clone());
    return response;
  });
  if (cached) {
    event.waitUntil(network.catch(() => null));
    return cached;
  }
  return network;
}

// "Start today's session" posted with no answer: start it on the phone instead, with the
// form's client id (if the post did arrive, sending the session later finds the stored one).
async function startSession(event) {
  const form = await event.request.clone().formData().catch(() => new FormData());
  try {
    return await fetch(event.request);
  } catch {
    const clientId = encodeURIComponent(form.get("client_id") || "");
    return Response.redirect(`${SHELL}?start=${clientId}`, 303);
  }
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === "POST" && request.mode === "navigate" && url.pathname === START) {
    event.respondWith(startSession(event));
  }
  if (request.method !== "GET") return;
  if (request.mode === "navigate") event.respondWith(page(event));
  else if (url.pathname.startsWith("/static/")) event.respondWith(staticFile(event));
});

// Keep copies of what a page needs: its static files, Today and the blank session page
// (only if missing) and `refresh` (always: pages shown before this worker controlled them).
async function keep({ urls = [], refresh = [] }) {
  const statics = await caches.open(STATIC);
  const pages = await caches.open(PAGES);
  const jobs = [...urls.map((url) => [url, false]), ...refresh.map((url) => [url, true])];
  await Promise.all(jobs.map(async ([url, always]) => {
    const isStatic = new URL(url, self.location.origin).pathname.startsWith("/static/");
    const cache = isStatic ? statics : pages;
    const key = isStatic ? url : pageKey(new URL(url, self.location.origin).href);
    if (!always && (await cache.match(key, { ignoreVary: true }))) return;
    try {
      const response = await fetch(url, { credentials: "same-origin" });
      if (cacheable(response)) await cache.put(key, response);
    } catch {
      // offline: the next visit tries again
    }
  }));
}

self.addEventListener("message", (event) => {
  const message = event.data || {};
  const reply = () => event.ports[0]?.postMessage("done");
  if (message.type === "keep") event.waitUntil(keep(message).then(reply));
  if (message.type === "forget") event.waitUntil(caches.delete(PAGES).then(reply));
});

self.addEventListener("sync", (event) => {
  if (event.tag !== "thrustlog-sync") return;
  event.waitUntil((async () => {
    const windows = await self.clients.matchAll({ type: "window" });
    for (const client of windows) client.postMessage({ type: "sync" });
  })());
});
