// Logging with no signal, on every page: forms go to the outbox first (forms.js), the panel
// says what waits (panel.js), the loop sends (at once, backing off, on the signal's return,
// on "Send now"), and the worker keeps pages and sends by itself (Background Sync).
import { loop, onChange, onResult, outbox, rememberSignIn, user } from "./client.js";
import { localDate } from "./fields.js";
import { wireForms } from "./forms.js";
import { localId, render, say, wireSendNow } from "./panel.js";

const SHELL = "/offline/session/";
const query = new URLSearchParams(location.search);

// --- the service worker (/sw.js, a module importing the outbox code) and its kept copies ---
const workerUrl = document.getElementById("offline-js")?.dataset.worker || "";
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

async function startWorker() {
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
// Copies that could not be fetched (no signal as the page opened) are asked for again when the
// signal is back, not only on the next page: a reload offline needs this page's scripts.
addEventListener("online", startWorker);

/** After a send the kept copy of this page should show what the server now has. */
function refreshKeptPage() {
  navigator.serviceWorker?.controller?.postMessage({ type: "keep", refresh: [location.pathname] });
}

// --- this page ------------------------------------------------------------------------------

// A page may come from the worker's cache: its forms' client ids were used before. Each
// showing gets new ones (a double tap on the same showing still sends one id).
for (const form of document.querySelectorAll("form.set-form, form[action$='/sessions/start/']")) {
  if (form.elements.client_id && "randomUUID" in crypto) form.elements.client_id.value = crypto.randomUUID();
}
// ?logged= asked the server to confirm a set sent from the outbox; a reload must not repeat it.
if (query.has("logged")) {
  query.delete("logged");
  history.replaceState(history.state, "", `${location.pathname}${query.size ? `?${query}` : ""}${location.hash}`);
}

async function openLocalSession() {
  if (query.has("start") && user && /^[0-9a-f-]{36}$/i.test(localId)) {
    await outbox.addSession({ client_id: localId, date: localDate(), user });
    history.replaceState(null, "", `${SHELL}?local=${localId}`);
  }
  const session = localId && (await outbox.getSession(localId));
  // Finishing needs the server's session: the real page offers it once the session is sent.
  for (const link of document.querySelectorAll('a[href*="/sessions/0/"]')) link.hidden = true;
  if (!session) {
    const setForm = document.querySelector("form.set-form");
    if (setForm) setForm.hidden = true;
    say("This session is not on this phone. Start it again from Today.");
    return;
  }
  const heading = document.querySelector("h1 small");
  if (heading) {
    heading.textContent = new Date(`${session.date}T12:00`).toLocaleDateString("en-GB", {
      weekday: "short", day: "numeric", month: "short", year: "numeric",
    });
  }
  if (session.id && navigator.onLine) location.replace(`/sessions/${session.id}/#log`);
}

if (outbox) {
  await rememberSignIn();
  // The blank session page keeps its phone session before its form takes a set: a set may
  // only name a session already kept (a sender that reads one without it asks the athlete).
  if (location.pathname === SHELL) await openLocalSession();
  wireForms();
  wireSendNow();
  onChange(render);
  onResult((result) => {
    render();
    if (result.stored) refreshKeptPage();
  });
  addEventListener("online", () => loop.kick({ fresh: true }));
  addEventListener("offline", render);
  addEventListener("pagehide", () => loop.pause());
  addEventListener("pageshow", (event) => {
    if (!event.persisted) return;
    loop.resume(); // back from the back-forward cache
    loop.kick();
  });
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") loop.kick();
  });
  // A safety net for a missed moment (a set written by a tab that closed before it could
  // send, a sign-in in another tab): while sets wait and nothing is due, look again.
  setInterval(async () => {
    if (document.visibilityState !== "visible" || loop.running() || loop.scheduled()) return;
    const waiting = (await outbox.all()).some((e) => String(e.user) === String(user) && e.state !== "refused");
    if (waiting) loop.kick();
  }, 15000);
  await render();
  if (user) loop.kick();
  document.documentElement.dataset.outbox = "ready"; // the forms now log through the outbox
}
startWorker();
