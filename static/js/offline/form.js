// Logging with no signal. Loaded on every page (templates/base.html):
// - registers the service worker (/sw.js) and asks it to keep what the log needs;
// - the set form: posted as usual, but when the phone is offline or the post never gets an
//   answer, the set (with its pain and client_id) is kept on the phone and shown at once;
// - "Start today's session" offline: a session with a client id, on the kept blank page;
// - sends the queue when the signal returns (online event, page load, Background Sync).
import * as queue from "./queue.js";
import { flush } from "./sync.js";
import { clearPain, fillForm, readSet, value } from "./fields.js";

const script = document.getElementById("offline-js");
const user = script?.dataset.user || "";
const workerUrl = script?.dataset.worker || ""; // empty until the site routes /sw.js
const panel = document.getElementById("offline-queue");
const setForm = document.querySelector("form.set-form");
const startForm = document.querySelector('form[action$="/sessions/start/"]');
const SHELL = "/offline/session/";
const onShell = location.pathname === SHELL;
const query = new URLSearchParams(location.search);
const localId = onShell ? query.get("local") || query.get("start") : null;
const sessionId = panel && !localId ? Number(panel.dataset.session) || null : null;
const GATEWAY_DOWN = [502, 503, 504];
// Read before the worker can claim this page: a page it did not serve is not in its cache yet.
const servedByWorker = Boolean(navigator.serviceWorker?.controller);

// --- showing the queue -------------------------------------------------------------------

function say(text) {
  if (!panel) return;
  panel.hidden = false;
  panel.querySelector("#queue-status").textContent = text;
}

function element(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  Object.assign(node, attrs);
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
}

const belongsHere = (entry, sessions) =>
  localId
    ? entry.session_client_id === localId
    : entry.session_id === sessionId ||
      (entry.session_client_id && sessions.get(entry.session_client_id)?.id === sessionId);

function row(entry, sessions, here) {
  const { payload, display } = entry;
  const session = sessions.get(entry.session_client_id);
  const waitingFor = !entry.error && session?.error ? `Its session was refused: ${session.error}` : null;
  const main = element("span", { className: "row-main" },
    `${display.load} ${display.unit} × ${payload.reps}`,
    payload.rir === null ? null : element("span", { className: "muted" }, ` RIR ${payload.rir}`));
  const meta = element("span", { className: "row-meta" },
    [entry.error ? "Not saved" : "Waiting to sync", here ? null : "another session", ...display.hurt]
      .filter(Boolean).join(" · "));
  const text = element("span", { className: "set-text" }, main, meta,
    entry.error || waitingFor ? element("span", { className: "error" }, entry.error || waitingFor) : null);
  const item = element("li", { className: "with-action pending" }, text);
  item.dataset.seq = entry.seq;
  item.dataset.state = entry.error ? "refused" : "waiting";
  if (entry.error || waitingFor) {
    const fix = element("button", { type: "button", className: "button small", textContent: "Fix" });
    fix.setAttribute("aria-label", `Fix the set ${display.load} ${display.unit} × ${payload.reps}`);
    fix.addEventListener("click", () => startFixing(entry));
    const discard = element("button", { type: "button", className: "button small danger", textContent: "Discard" });
    discard.addEventListener("click", () => discardTwice(discard, entry));
    item.append(element("span", { className: "actions" }, fix, discard));
  }
  return item;
}

async function render() {
  if (!panel) return;
  const sessions = new Map((await queue.allSessions()).map((s) => [s.client_id, s]));
  const mine = (await queue.allSets()).filter((e) => e.user === user).sort((a, b) => a.seq - b.seq);
  const shown = mine.filter((e) => belongsHere(e, sessions) || e.error);
  const list = panel.querySelector("#queue-list");
  list.replaceChildren(...shown.map((e) => row(e, sessions, belongsHere(e, sessions))));
  const refused = mine.filter((e) => e.error).length;
  const waiting = mine.length - refused;
  const plural = (n) => `${n} set${n === 1 ? "" : "s"}`;
  const parts = [];
  if (waiting) parts.push(`${plural(waiting)} waiting to sync${navigator.onLine ? "" : " (no signal)"}.`);
  if (refused) parts.push(`${plural(refused)} not saved: fix or discard.`);
  panel.hidden = parts.length === 0;
  panel.querySelector("#queue-status").textContent = parts.join(" ");
  panel.dataset.waiting = waiting;
  panel.dataset.refused = refused;
  panel.querySelector("#queue-send").style.display = waiting ? "" : "none";
  const empty = document.querySelector('section[aria-labelledby="sets-title"] > p.muted');
  if (empty) empty.hidden = shown.some((e) => belongsHere(e, sessions));
}

function startFixing(entry) {
  if (!setForm) return;
  fillForm(setForm, entry);
  setForm.dataset.fixing = entry.seq;
  say("Change the set, then tap Log set to send it again.");
  setForm.elements.reps.focus();
  setForm.scrollIntoView({ block: "start" });
}

async function discardTwice(button, entry) {
  if (button.dataset.armed !== "yes") {
    button.dataset.armed = "yes";
    button.textContent = "Tap again to discard";
    return;
  }
  await queue.removeSet(entry.seq);
  say("Set discarded.");
}

// --- keeping and sending -----------------------------------------------------------------

async function keepSet(form, set) {
  const place = localId
    ? { session_id: null, session_client_id: localId }
    : { session_id: sessionId, session_client_id: null };
  const fixing = Number(form.dataset.fixing) || null;
  const old = fixing && (await queue.getSet(fixing));
  if (old) {
    await queue.putSet({ ...old, ...place, payload: set.payload, display: set.display, error: null });
  } else {
    await queue.addSet({ user, ...place, payload: set.payload, display: set.display });
  }
  delete form.dataset.fixing;
  form.elements.client_id.value = crypto.randomUUID(); // the next set is a new one
  clearPain(form);
  for (const rir of form.querySelectorAll('input[name="rir"]')) rir.checked = rir.value === ""; // asked anew
  // The rest timer starts and records are checked on the phone (rest.js, records.js).
  document.dispatchEvent(new CustomEvent("thrustlog:set-logged", { detail: set }));
  await render();
  say(`Set kept on this phone. ${panel?.querySelector("#queue-status").textContent || ""}`.trim());
  askForBackgroundSync();
  if (navigator.onLine) sendQueue();
}

async function submitSet(event) {
  event.preventDefault();
  const form = event.currentTarget;
  const set = readSet(form);
  const keepOrExplain = () => {
    if (set.errors.length) say(set.errors.join(" "));
    else keepSet(form, set);
  };
  if (localId || form.dataset.fixing || !navigator.onLine) return keepOrExplain();
  const button = form.querySelector('button[type="submit"]');
  if (button) button.disabled = true;
  // The last set's "logged" message must not stand for this one while it travels.
  for (const message of document.querySelectorAll(".messages .message")) message.remove();
  let response;
  try {
    response = await fetch(form.action, {
      method: "POST", body: new FormData(form), redirect: "manual", credentials: "same-origin",
    });
  } catch {
    response = null; // no answer: the set may or may not have arrived; its client_id decides
  } finally {
    if (button) button.disabled = false;
  }
  if (!response || GATEWAY_DOWN.includes(response.status)) return keepOrExplain();
  if (response.type === "opaqueredirect") {
    // Stored: show the session page with its message, as the plain form would.
    const target = new URL(form.action.replace(/sets\/?$/, ""), location.href);
    if (target.pathname === location.pathname) {
      location.hash = "log";
      location.reload();
    } else {
      location.assign(`${target.pathname}#log`);
    }
    return;
  }
  HTMLFormElement.prototype.submit.call(form); // the server's own answer (form errors)
}

function localDate() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

// Online the form posts as usual (and if that post gets no answer, the service worker sends
// the phone here with ?start=<client id>); offline the session starts on the phone at once.
async function submitStart(event) {
  if (navigator.onLine) return;
  event.preventDefault();
  const clientId = crypto.randomUUID();
  await queue.addSession({ client_id: clientId, date: localDate(), user });
  askForBackgroundSync();
  location.assign(`${SHELL}?local=${clientId}`);
}

async function sendQueue() {
  const result = await flush(user);
  await render();
  if (result.stored && navigator.serviceWorker?.controller) {
    // The kept copy of this page should show what the server now has.
    navigator.serviceWorker.controller.postMessage({ type: "keep", refresh: [location.pathname] });
  }
  if (result.stopped === "signed-out" && panel && !panel.hidden) {
    say(`${panel.querySelector("#queue-status").textContent} Sign in again to send them.`);
  }
  return result;
}

async function askForBackgroundSync() {
  try {
    const registration = await navigator.serviceWorker?.ready;
    await registration?.sync?.register("thrustlog-sync");
  } catch {
    // Background Sync is Chromium-only; the online event and the next page load still send.
  }
}

// --- the offline session page ------------------------------------------------------------

async function openLocalSession() {
  if (query.has("start") && user && /^[0-9a-f-]{36}$/i.test(localId)) {
    await queue.addSession({ client_id: localId, date: localDate(), user });
    history.replaceState(null, "", `${SHELL}?local=${localId}`);
  }
  const session = localId && (await queue.getSession(localId));
  // Finishing needs the server's session: the real page offers it once the session is sent.
  for (const link of document.querySelectorAll(`a[href*="/sessions/0/"]`)) link.style.display = "none";
  if (!session) {
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

// --- the service worker ------------------------------------------------------------------

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
    await navigator.serviceWorker.register(workerUrl, { scope: "/" });
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
    navigator.serviceWorker.addEventListener("message", (event) => {
      if (event.data?.type === "sync") sendQueue();
    });
    document.documentElement.dataset.offlineReady = "true";
  } catch (error) {
    console.warn("Thrustlog works without offline support here:", error);
  }
}

// --- start ---------------------------------------------------------------------------------

// A page may come from the worker's cache: its forms' client ids were used before. Each
// showing gets new ones (a double tap on the same showing still sends one id).
for (const form of [setForm, startForm]) {
  if (form?.elements.client_id && "randomUUID" in crypto) {
    form.elements.client_id.value = crypto.randomUUID();
  }
}

if (setForm && "indexedDB" in window) setForm.addEventListener("submit", submitSet);
if (startForm && user && "indexedDB" in window) startForm.addEventListener("submit", submitStart);
queue.onChange(render);
addEventListener("online", sendQueue);
addEventListener("offline", render);
document.getElementById("queue-send")?.addEventListener("click", async () => {
  say("Sending…");
  const result = await sendQueue();
  if (result.stopped === "unreachable") say("Still no connection: the sets stay on this phone.");
});
// While sets wait and the page is open, try again now and then (a flaky signal sends no event).
setInterval(() => {
  if (document.visibilityState === "visible" && Number(panel?.dataset.waiting) > 0) sendQueue();
}, 30000);

if (onShell) await openLocalSession();
await render();
if (user && navigator.onLine) sendQueue();
startWorker();
