// Queue first: a set, a session start, a finish or a check-in is written to the outbox before
// anything is sent, so a reload or a killed browser mid-send loses nothing.
import { answerWaitMs, askForBackgroundSync, loop, onChange, onResult, outbox, user } from "./client.js";
import { clearPain, fillForm, localDate, readSet } from "./fields.js";
import { belongsHere, localId, onFix, render, say, savedHere, sessionId } from "./panel.js";

const SHELL = "/offline/session/";
const setForm = document.querySelector("form.set-form");
const startForm = document.querySelector('form[action$="/sessions/start/"]');
const LEAVE_MS = 8000;
const logged = new Map(); // client id -> entry, logged from this showing of the page
const posted = new Map(); // client id -> form, finish and check-ins posted from this page
let leaving = false; // a link or form took the athlete elsewhere: do not pull them back
addEventListener("beforeunload", () => { leaving = true; });

// The set form as it stood when it held nothing new: as the server drew it (so typing done
// before this script ran counts), then as each logged set left it.
const formState = (form) => JSON.stringify([...new FormData(form)]
  .filter(([name]) => name !== "client_id" && name !== "csrfmiddlewaretoken"));
let untouched = null;
function drawn(form) {
  const copy = form.cloneNode(true);
  copy.reset();
  return formState(copy);
}

/** The athlete is at the set form: a field has the keyboard, or something in it changed. */
function busy() {
  if (!setForm) return false;
  const field = document.activeElement;
  if (setForm.contains(field) && field.matches("input:not([type=radio],[type=checkbox]), textarea, select")) return true;
  return formState(setForm) !== (untouched ?? drawn(setForm));
}

/** Go to the server's copy of this page (it has the sets just sent, their positions and records).
 * Until it comes the forms take nothing: typing would be lost with this page, and a tap would
 * land on the copy, whose form holds the set just sent under a new client id (a second one).
 * The sending stops first, its lease let go of, so the copy sends what is left at once. */
async function leave(url) {
  if (leaving) return;
  leaving = true;
  document.documentElement.dataset.outbox = "leaving";
  const locked = [...document.querySelectorAll("form")].flatMap((form) => [...form.elements]).filter((c) => !c.disabled);
  for (const control of locked) control.disabled = true;
  say("Sent. Opening the server's copy of this page…");
  await loop.pause();
  location.replace(url);
  setTimeout(async () => { // no copy came (a connection that hangs): stay, and show them saved
    window.stop();
    for (const control of locked) control.disabled = false;
    leaving = false;
    document.documentElement.dataset.outbox = "ready";
    loop.resume();
    loop.kick();
    await render();
  }, LEAVE_MS);
}

// Only a form that logs a new set (its own client id), on a page that knows the athlete and
// the session, keeps its sets on the phone. Any other (the set-change page: no client id, no
// session on its page) posts as with no script: kept, its set would name no session and no one
// would ever send it.
const keepsSets = Boolean(setForm?.elements.client_id && user && (localId || sessionId));

/** Where this page's sets go, or null: on the blank session page, only to a phone session
 * already kept (a set naming one that is not would wait for it forever). */
async function place() {
  if (!localId) return { session_id: sessionId, session_client_id: null };
  return (await outbox.getSession(localId)) ? { session_id: null, session_client_id: localId } : null;
}

async function submitSet(event) {
  event.preventDefault();
  const form = event.currentTarget;
  const set = readSet(form);
  if (set.errors.length) {
    // Nothing valid to lose: online, the server's own answer shows the errors on the form.
    if (navigator.onLine && !localId && !form.dataset.fixing) return HTMLFormElement.prototype.submit.call(form);
    return say(set.errors.join(" "));
  }
  const where = await place();
  if (!where) return say("This session is not on this phone. Start it again from Today.");
  const fields = {
    ...where, payload: set.payload, display: set.display, client_id: set.payload.client_id,
    session_date: document.getElementById("log")?.dataset.sessionDate || null, // for "last time"
  };
  const fixing = Number(form.dataset.fixing) || null;
  const entry = (fixing && (await outbox.update(fixing, { ...fields, state: "waiting", error: null }))) ||
    (await outbox.add({ kind: "set", user, ...fields }));
  delete form.dataset.fixing;
  logged.set(entry.client_id, entry);
  form.elements.client_id.value = crypto.randomUUID(); // the next set is a new one
  clearPain(form);
  for (const rir of form.querySelectorAll('input[name="rir"]')) rir.checked = rir.value === ""; // asked anew
  untouched = formState(form);
  for (const message of document.querySelectorAll(".messages .message")) message.remove();
  // The rest timer starts and records are checked at once, signal or not (rest.js, records.js).
  const sending = loop.kick(); // first: sending matters more than drawing
  askForBackgroundSync();
  for (const message of document.querySelectorAll(".action-bar .message")) message.remove();
  if (navigator.onLine && !localId) {
    // With a signal, give the send a moment: the server's own page (its confirmation, records
    // and the rest timer) follows at once, as after a plain form post.
    say("Sending…");
    await Promise.race([sending, new Promise((resolve) => setTimeout(resolve, answerWaitMs))]);
    if (!(await outbox.all()).some((e) => e.client_id === entry.client_id)) return; // follow() shows it
  }
  document.dispatchEvent(new CustomEvent("thrustlog:set-logged", { detail: { ...set, entry } }));
  await render();
}

function startFixing(entry) {
  if (!setForm) return;
  fillForm(setForm, entry);
  setForm.dataset.fixing = entry.seq;
  say("Change the set, then tap Log set to send it again.");
  setForm.elements.reps.focus();
  setForm.scrollIntoView({ block: "start" });
}

// The start form posts as usual, the session kept on the phone first: if the post hangs the
// worker opens the blank session page and the outbox sends the session (client id: no repeat).
async function submitStart(event) {
  const form = event.currentTarget;
  const clientId = form.elements.client_id?.value;
  if (!clientId) return;
  event.preventDefault();
  await outbox.addSession({ client_id: clientId, date: localDate(), user });
  if (!navigator.onLine) {
    askForBackgroundSync();
    return location.assign(`${SHELL}?local=${clientId}`);
  }
  // (No Background Sync here: the worker would race the post it is about to make.)
  HTMLFormElement.prototype.submit.call(form);
}

async function submitOther(event) {
  const form = event.currentTarget;
  if (form.dataset.plain === "yes") return; // refused: the server's own page shows why
  event.preventDefault();
  const fields = [...new FormData(form, event.submitter)].filter(([, value]) => typeof value === "string");
  const entry = await outbox.add({
    kind: "form",
    user,
    client_id: crypto.randomUUID(),
    path: new URL(form.action, location.href).pathname,
    fields,
    label: form.dataset.outbox,
    page: location.pathname,
    session_id: sessionId,
  });
  posted.set(entry.client_id, form);
  askForBackgroundSync();
  await render();
  say(`${form.dataset.outbox}: kept on this phone, sending…`);
  loop.kick();
}

// What happened to what this page shows as waiting, whoever sent it (this tab, another, the
// worker): a set of this session that left the outbox (not refused) is on the server now.
let waitingHere = new Map(); // client id -> entry, as last seen

async function follow() {
  const all = await outbox.all();
  const left = new Map(all.map((e) => [e.client_id, e]));
  for (const [clientId, form] of posted) {
    const entry = left.get(clientId);
    if (!entry) {
      posted.delete(clientId);
      return location.assign(form.dataset.outboxNext || location.pathname);
    }
    if (entry.state === "refused") {
      posted.delete(clientId);
      await outbox.remove(entry.seq);
      form.dataset.plain = "yes";
      return HTMLFormElement.prototype.submit.call(form);
    }
  }
  const sessions = new Map((await outbox.allSessions()).map((s) => [s.client_id, s]));
  const seen = [...waitingHere.values(), ...logged.values()];
  waitingHere = new Map(all.filter((e) => e.kind === "set" && e.state !== "refused" && belongsHere(e, sessions))
    .map((e) => [e.client_id, e]));
  const stored = [...new Map(seen.filter((e) => !left.has(e.client_id)).map((e) => [e.client_id, e])).values()];
  for (const entry of stored) logged.delete(entry.client_id);
  // Sent since this page was drawn: "Saved" here until the server's copy of the page shows them.
  savedHere.push(...stored);
  if (!savedHere.length || leaving) return;
  const last = [...savedHere].sort((a, b) => a.seq - b.seq)[savedHere.length - 1].client_id;
  // One trip to the server's copy once the run is over (not one per set, nor mid-request), and
  // never while the athlete is at the form.
  if (!loop.running() && !busy()) {
    if (localId) {
      const session = await outbox.getSession(localId);
      if (session?.id && !busy()) return leave(`/sessions/${session.id}/?logged=${last}#log`);
    } else if (keepsSets && !setForm.dataset.fixing) { // (not the set-change page's form)
      // (The form's own session page: after a form error this page is the form's post address.)
      const page = new URL(setForm.action, location.href).pathname.replace(/sets\/?$/, "");
      return leave(`${page}?logged=${last}#log`);
    }
  }
  if (stored.length) await render();
}

export function wireForms() {
  if (!outbox) return;
  if (keepsSets) {
    setForm.addEventListener("submit", submitSet);
    onFix(startFixing);
  }
  if (startForm && user) startForm.addEventListener("submit", submitStart);
  for (const form of document.querySelectorAll("form[data-outbox]")) form.addEventListener("submit", submitOther);
  onChange(follow);
  onResult(follow); // a run is over: the server's copy may be shown now
  follow(); // what this page shows as waiting now
}
