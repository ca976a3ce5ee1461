// The service worker (/sw.js, a module: it imports the outbox code the pages use) and the
// copies it keeps of what the log needs with no signal.
const SHELL = "/offline/session/";
const script = document.getElementById("offline-js");
const workerUrl = script?.dataset.worker || "";
const user = script?.dataset.user || "";
// Read before the worker can claim this page: a page it did not serve is not in its cache yet.
const servedByWorker = Boolean(navigator.serviceWorker?.controller);

function tellWorker(worker, message) {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = resolve;
    worker.postMessage(message, [channel.port2]);
    setTimeout(resolve, 10000);
  });
}

export async function startWorker() {
  if (!("serviceWorker" in navigator) || !workerUrl) return;
  try {
    await navigator.serviceWorker.register(workerUrl, { scope: "/", type: "module" });
    const { active } = await navigator.serviceWorker.ready;
    const statics = performance.getEntriesByType("resource")
      .map((entry) => new URL(entry.name))
      .filter((url) => url.origin === location.origin && url.pathname.startsWith("/static/"))
      .map((url) => url.pathname + url.search);
    if (user) {
      const here = servedByWorker ? [] : [location.pathname + location.search];
      await tellWorker(active, { type: "keep", urls: [...statics, "/", SHELL], refresh: here });
    } else {
      await tellWorker(active, { type: "keep", urls: statics });
      await tellWorker(active, { type: "forget" }); // signed out: no one's pages stay behind
    }
    document.documentElement.dataset.offlineReady = "true";
  } catch (error) {
    console.warn("Thrustlog works without offline support here:", error);
  }
}

/** After a send the kept copy of this page should show what the server now has. */
export function refreshKeptPage() {
  navigator.serviceWorker?.controller?.postMessage({ type: "keep", refresh: [location.pathname] });
}
