// Queue first: a set, a session start, a finish or a check-in is written to the outbox before
// anything is sent, so a reload or a killed browser mid-send loses nothing.
import { askForBackgroundSync, loop, onChange, outbox, user } from "./client.js";
import { clearPain, fillForm, localDate, readSet } from "./fields.js";
import { belongsHere, localId, onFix, render, say, savedHere, sessionId } from "./panel.js";

const SHELL = "/offline/session/";
const setForm = document.querySelector("form.set-form");
const startForm = document.querySelector('form[action$="/sessions/start/"]');
const logged = new Map(); // client id -> entry, logged from this showing of the page
const posted = new Map(); // client id -> form, finish and check-ins posted from this page
let dirty = false; // the athlete has started on the next set: do not reload under their thumb

const place = () => (localId
  ? { session_id: null, session_client_id: localId }
  : { session_id: sessionId, session_client_id: null });

async function submitSet(event) {
  event.preventDefault();
  const form = event.currentTarget;
  const set = readSet(form);
  if (set.errors.length) {
    // Nothing valid to lose: online, the server's own answer shows the errors on the form.
    if (navigator.onLine && !localId && !form.dataset.fixing) return HTMLFormElement.prototype.submit.call(form);
    return say(set.errors.join(" "));
  }
  const fields = {
    ...place(), payload: set.payload, display: set.display, client_id: set.payload.client_id,
    session_date: document.getElementById("log")?.dataset.sessionDate || null, // for "last time"
  };
  const fixing = Number(form.dataset.fixing) || null;
  const entry = (fixing && (await outbox.update(fixing, { ...fields, state: "waiting", error: null }))) ||
    (await outbox.add({ kind: "set", user, ...fields }));
  delete form.dataset.fixing;
  logged.set(entry.client_id, entry);
  dirty = false;
  form.elements.client_id.value = crypto.randomUUID(); // the next set is a new one
  clearPain(form);
  for (const rir of form.querySelectorAll('input[name="rir"]')) rir.checked = rir.value === ""; // asked anew
  for (const message of document.querySelectorAll(".messages .message")) message.remove();
  // The rest timer starts and records are checked at once, signal or not (rest.js, records.js).
  loop.kick(); // first: sending matters more than drawing
  askForBackgroundSync();
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
  askForBackgroundSync();
  if (!navigator.onLine) return location.assign(`${SHELL}?local=${clientId}`);
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
  if (!stored.length) return;
  for (const entry of stored) logged.delete(entry.client_id);
  const last = stored.sort((a, b) => a.seq - b.seq)[stored.length - 1].client_id;
  if (localId) {
    const session = await outbox.getSession(localId);
    if (session?.id && !dirty) return location.replace(`/sessions/${session.id}/?logged=${last}#log`);
  } else if (!dirty && !setForm?.dataset.fixing && setForm) {
    // The server's page now has the set, its position and its records: show that one.
    // (The form's own session page: after a form error this page is the form's post address.)
    const page = new URL(setForm.action, location.href).pathname.replace(/sets\/?$/, "");
    return location.replace(`${page}?logged=${last}#log`);
  }
  // The athlete is busy with the next set: show the sent ones as saved until the page is redrawn.
  savedHere.push(...stored);
  await render();
}

export function wireForms() {
  if (!outbox) return;
  if (setForm) {
    setForm.addEventListener("submit", submitSet);
    setForm.addEventListener("input", () => { dirty = true; });
    setForm.addEventListener("change", () => { dirty = true; });
    onFix(startFixing);
  }
  if (startForm && user) startForm.addEventListener("submit", submitStart);
  for (const form of document.querySelectorAll("form[data-outbox]")) form.addEventListener("submit", submitOther);
  onChange(follow);
  follow(); // what this page shows as waiting now
}
