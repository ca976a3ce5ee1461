// Thrustlog's service worker, served at /sw.js as a module (tracker/views/pwa.py fills in the
// version and points the imports at the static files, hashed names included).
//
// Pages: network first, the last good copy when the network is down or slow (4 s), so the
//   session page and Today open in a basement. Pages are cached per phone, dropped on sign-out.
// Static files: the cached copy at once, refreshed in the background.
// Writes and the API pass through untouched (the pages put everything in the outbox first),
//   except a "Start today's session" post that gets no answer in time (see startSession).
// Background Sync: the worker sends the outbox itself, with the pages' own code (sync.js),
//   whether or not a Thrustlog tab is open.
import "./js/sw-push.js"; // Web Push: notifications and their taps
import { openDatabase, Outbox } from "./js/offline/store.js";
import { DEFAULT_TIMEOUT_MS, syncOnce } from "./js/offline/sync.js";

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
  // ?logged= only asks the server to confirm a set: offline, the kept session page serves.
  parsed.searchParams.delete("logged");
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

// "Start today's session" posted with no answer (none at all, or none in time: a connection
// that hangs): start it on the phone instead, with the form's client id (if the post did
// arrive, sending the session later finds the stored one).
async function startSession(event) {
  const form = await event.request.clone().formData().catch(() => new FormData());
  const clientId = encodeURIComponent(form.get("client_id") || "");
  const { timeoutMs } = await settings();
  const late = new Promise((resolve) => setTimeout(() => resolve(null), timeoutMs));
  try {
    const answer = await Promise.race([fetch(event.request), late]);
    if (answer) return answer;
  } catch {
    // no network: as below
  }
  return Response.redirect(`${SHELL}?start=${clientId}`, 303);
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

// --- the outbox ------------------------------------------------------------------------------

const channel = "BroadcastChannel" in self ? new BroadcastChannel("thrustlog-offline") : null;
let opening = null;

function outbox() {
  // Every write is announced to the open tabs, which redraw what waits.
  opening ??= openDatabase().then((db) => new Outbox(db, { onChange: () => channel?.postMessage("changed") }));
  return opening;
}

/** Who is signed in on this phone, as the last page said (the worker reads no page). */
async function settings() {
  const auth = (await (await outbox()).getMeta("auth").catch(() => null)) || {};
  let csrf = auth.csrf || "";
  try {
    csrf = (await self.cookieStore?.get("csrftoken"))?.value || csrf; // fresher, where readable
  } catch {
    // no Cookie Store here: the token the page left
  }
  return { user: auth.user || "", csrf, timeoutMs: auth.timeoutMs || DEFAULT_TIMEOUT_MS };
}

const SYNC_BUDGET_MS = 150000; // Chromium ends a sync event after about three minutes
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Send the outbox; resolves when nothing sendable is left (or no one is signed in), throws
 * when the server could not be reached, so that the browser tries the sync again later. */
async function sendOutbox() {
  const box = await outbox();
  const until = Date.now() + SYNC_BUDGET_MS;
  let stored = 0;
  for (;;) {
    const { user, csrf, timeoutMs } = await settings();
    if (!user) return; // signed out on this phone: no one's sets go with no one's sign-in
    const result = await syncOnce(box, {
      user, csrf, timeoutMs, fetch: (...args) => fetch(...args), owner: `worker:${crypto.randomUUID()}`,
    });
    stored += result.stored;
    if (result.stopped === "busy" && Date.now() < until) {
      await pause(1000); // a tab is sending: if it hangs or dies, its lease runs out and we go on
      continue;
    }
    if (stored) await refreshPages();
    if (result.stopped === null || result.stopped === "signed-out") return;
    throw new Error(`outbox not sent (${result.stopped}): the browser will try again`);
  }
}

/** The kept pages showed the sets as waiting; keep the server's pages now that it has them. */
async function refreshPages() {
  const pages = await caches.open(PAGES);
  const urls = (await pages.keys()).map((request) => request.url).filter((url) => new URL(url).pathname !== SHELL);
  await keep({ refresh: urls });
}

self.addEventListener("sync", (event) => {
  if (event.tag === "thrustlog-sync") event.waitUntil(sendOutbox());
});
