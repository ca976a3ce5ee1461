// The outbox as the athlete sees it (partials/offline.html): waiting, sending, no signal,
// signed out, or refused with the reason and Fix / Discard.
import { loop, outbox, user } from "./client.js";

const panel = document.getElementById("offline-queue");
const SHELL = "/offline/session/";
const onShell = location.pathname === SHELL;
export const localId = onShell ? new URLSearchParams(location.search).get("local") || new URLSearchParams(location.search).get("start") : null;
export const sessionId = panel && !localId ? Number(panel.dataset.session) || null : null;
let fixer = () => {};
/** Sets this page logged that reached the server while the athlete was busy with the next one. */
export const savedHere = [];

export function onFix(handler) {
  fixer = handler;
}

function element(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  Object.assign(node, attrs);
  node.append(...children.filter((c) => c !== null && c !== undefined && c !== false));
  return node;
}

export const belongsHere = (entry, sessions) =>
  entry.kind !== "form" &&
  (localId
    ? entry.session_client_id === localId
    : entry.session_id === sessionId ||
      Boolean(entry.session_client_id && sessions.get(entry.session_client_id)?.id === sessionId && sessionId));

function describeEntry(entry) {
  if (entry.kind === "form") return entry.label || "A check-in";
  const { payload, display } = entry;
  return `${display.load} ${display.unit} × ${payload.reps}`;
}

function row(entry, sessions, here, status) {
  const session = sessions.get(entry.session_client_id);
  const refused = entry.state === "refused";
  const waitingFor = !refused && session?.error ? `Its session was refused: ${session.error}` : null;
  const main = element("span", { className: "row-main" }, describeEntry(entry),
    entry.kind === "set" && entry.payload.rir !== null ? element("span", { className: "muted" }, ` RIR ${entry.payload.rir}`) : null,
    entry.record ? element("span", { className: "record" }, ` ★ ${entry.record}`) : null);
  const state = refused ? "Not saved" : status === "sending" ? "Sending…" : "Waiting to sync";
  const meta = element("span", { className: "row-meta" },
    [state, here || entry.kind === "form" ? null : "another session", ...(entry.display?.hurt || [])].filter(Boolean).join(" · "));
  const text = element("span", { className: "set-text" }, main, meta,
    refused || waitingFor ? element("span", { className: "error" }, entry.error || waitingFor) : null);
  const item = element("li", { className: "with-action pending" }, text);
  item.dataset.seq = entry.seq;
  item.dataset.state = refused ? "refused" : "waiting";
  if (refused || waitingFor) {
    const fix = entry.kind === "form"
      ? element("a", { className: "button small", href: entry.page || entry.path, textContent: "Fix" })
      : element("button", { type: "button", className: "button small", textContent: "Fix" });
    fix.setAttribute("aria-label", `Fix ${describeEntry(entry)}`);
    if (entry.kind !== "form") fix.addEventListener("click", () => fixer(entry));
    const armed = armedDiscards.has(entry.seq);
    const discard = element("button", { type: "button", className: "button small danger", textContent: armed ? "Tap again to discard" : "Discard" });
    discard.setAttribute("aria-label", `${armed ? "Tap again to discard" : "Discard"} ${describeEntry(entry)}`);
    discard.addEventListener("click", () => discardTwice(discard, entry));
    item.append(element("span", { className: "actions" }, fix, discard));
  }
  return item;
}

const armedDiscards = new Set(); // kept across redraws: the list is redrawn on every change

async function discardTwice(button, entry) {
  if (!armedDiscards.has(entry.seq)) {
    armedDiscards.add(entry.seq); // one tap could be a slip
    button.textContent = "Tap again to discard";
    button.setAttribute("aria-label", `Tap again to discard ${describeEntry(entry)}`);
    return;
  }
  armedDiscards.delete(entry.seq);
  await outbox.remove(entry.seq);
  say("Discarded.");
}

function counted(entries) {
  const sets = entries.filter((e) => e.kind !== "form").length;
  const forms = entries.length - sets;
  const parts = [];
  if (sets) parts.push(`${sets} set${sets === 1 ? "" : "s"}`);
  if (forms) parts.push(`${forms} check-in${forms === 1 ? "" : "s"}`);
  return parts.join(" and ");
}

function seconds(ms) {
  return `${Math.max(1, Math.ceil(ms / 1000))} s`;
}

/** What waits and why, from the stored status (whoever sent last). */
function statusLine(waiting, status, lease, now) {
  const what = counted(waiting);
  if (status?.state === "signed-out") return { state: "signed-out", text: `Signed out: ${what} wait${waiting.length === 1 ? "s" : ""} on this phone. Sign in again to send them.` };
  if (lease && lease.until > now && status?.state === "sending") return { state: "sending", text: `Sending ${what}…` };
  if (!navigator.onLine) return { state: "no-signal", text: `${what} waiting to sync (no signal).` };
  if (status?.state === "waiting" && status.next_at) {
    const why = status.reason === "timeout" ? "the server did not answer in time" : status.reason === "network" ? "no signal" : "the server could not take it yet";
    const next = status.next_at > now ? ` Next try in ${seconds(status.next_at - now)}.` : "";
    return { state: "no-signal", text: `${what} waiting to sync (${why}; tried ${status.attempt} time${status.attempt === 1 ? "" : "s"}).${next}` };
  }
  return { state: "waiting", text: `${what} waiting to sync.` };
}

export function say(text) {
  if (!panel) return;
  panel.hidden = false;
  panel.querySelector("#queue-status").textContent = text;
}

let ticking = null;

export async function render() {
  if (!panel || !outbox) return;
  const [all, sessionList, status, lease] = await Promise.all([
    outbox.all(), outbox.allSessions(), outbox.getMeta("status"), outbox.getMeta("lease"),
  ]);
  const sessions = new Map(sessionList.map((s) => [s.client_id, s]));
  const mine = all.filter((e) => String(e.user) === String(user)).sort((a, b) => a.seq - b.seq);
  const shown = mine.filter((e) => belongsHere(e, sessions) || e.state === "refused" || e.kind === "form" || (!sessionId && !localId));
  const refused = mine.filter((e) => e.state === "refused");
  const waiting = mine.filter((e) => e.state !== "refused");
  const now = Date.now();
  const line = waiting.length ? statusLine(waiting, status, lease, now) : null;
  const list = panel.querySelector("#queue-list");
  const saved = savedHere.map((entry) => {
    const item = element("li", { className: "with-action pending" }, element("span", { className: "set-text" },
      element("span", { className: "row-main" }, describeEntry(entry)),
      element("span", { className: "row-meta" }, "Saved")));
    item.dataset.state = "saved";
    return item;
  });
  list.replaceChildren(...saved, ...shown.map((e) => row(e, sessions, belongsHere(e, sessions), line?.state)));
  const parts = [];
  if (line) parts.push(line.text);
  if (refused.length) parts.push(`${counted(refused)} not saved: fix or discard.`);
  panel.hidden = parts.length === 0 && !saved.length;
  panel.querySelector("#queue-status").textContent = parts.join(" ");
  panel.dataset.state = line?.state || (refused.length ? "refused" : "idle");
  panel.dataset.waiting = waiting.length;
  panel.dataset.refused = refused.length;
  panel.querySelector("#queue-send").hidden = !waiting.length || line?.state === "signed-out";
  const signIn = panel.querySelector("#queue-sign-in");
  if (signIn) {
    signIn.hidden = line?.state !== "signed-out";
    signIn.href = `/accounts/login/?next=${encodeURIComponent(location.pathname + location.search)}`;
  }
  const empty = document.querySelector('section[aria-labelledby="sets-title"] > p.muted');
  if (empty) empty.hidden = saved.length > 0 || shown.some((e) => belongsHere(e, sessions));
  // A countdown to the next try is only true if it moves.
  const counting = line?.state === "no-signal" && status?.next_at > now;
  if (counting && !ticking) ticking = setInterval(render, 1000);
  if (!counting && ticking) {
    clearInterval(ticking);
    ticking = null;
  }
}

export function wireSendNow() {
  panel?.querySelector("#queue-send")?.addEventListener("click", async () => {
    say("Sending…");
    const result = await loop.kick({ fresh: true }); // never waits on an attempt that hangs
    await render();
    if (result?.stopped === "unreachable") say(`Still no connection: kept on this phone. ${panel.querySelector("#queue-status").textContent}`);
  });
}
