// Sending the outbox (store.js), oldest first, in the pages and the worker alike; fetch and
// the clock are passed in (Node's tests fake them). Every request has a timeout (a half-open
// connection never answers); client_id idempotency makes the retry safe. Answers:
// 200/201 naming the entry: stored, it goes. 401/403 (a form: a redirect): signed out, stop.
// Other 4xx: refused, it stays with the reason, the next goes. Else: no signal, stop, retry.

export const DEFAULT_TIMEOUT_MS = 15000;
const LEASE_MARGIN_MS = 5000;
const RETRY_LATER = [408, 425, 429];

const FIELD_NAMES = {
  load_kg: "Load", reps: "Reps", rir: "Reps in reserve", session: "Session", pain: "Pain",
  foot_distance: "Feet", stance_width: "Stance", padding: "Bar padding",
  equipment: "Equipment", exercise: "Exercise", exercise_name: "Exercise name",
  date: "Date", region: "Region", score: "Score", character: "Kind of pain", notes: "Notes",
  bench_height_cm: "Bench height", bench_stable: "Bench", symptoms: "Red flags",
};

/** DRF's {"field": ["message"]} (nested for pain) as one sentence per problem. */
export function describe(errors) {
  const parts = [];
  const walk = (value, label) => {
    if (typeof value === "string") parts.push(label ? `${label}: ${value}` : value);
    else if (Array.isArray(value)) value.forEach((item) => walk(item, label));
    else if (value && typeof value === "object") {
      for (const [key, inner] of Object.entries(value)) {
        const name = key === "non_field_errors" || key === "detail" || key === "__all__" ? "" : FIELD_NAMES[key] || key;
        walk(inner, [label, name].filter(Boolean).join(", "));
      }
    }
  };
  walk(errors, "");
  return parts.join(" ") || "The server refused this.";
}

/** What an answer means for the entry that was sent (see the table above). */
export function classify(status, data, clientId, { form = false } = {}) {
  // Signed out, a form page redirects to the sign-in page (unfollowed: status 0).
  if (form && (status === 0 || (status >= 300 && status < 400))) return { kind: "signed-out" };
  if (status === 200 || status === 201) {
    // A Wi-Fi sign-in page also says 200: only the server's answer about this entry counts.
    if (data && String(data.client_id) === String(clientId)) return { kind: "stored", data };
    return { kind: "unreachable", reason: "not-the-server" };
  }
  if (status === 401 || status === 403) return { kind: "signed-out" };
  if (status >= 400 && status < 500 && !RETRY_LATER.includes(status)) {
    return { kind: "refused", message: describe(data) };
  }
  return { kind: "unreachable", reason: status === 0 ? "redirected" : `http-${status}` };
}

/** Wait before try `attempt` (0-based): doubling up to `cap`, jittered (half to all of it)
 * so phones that lost the same Wi-Fi do not all come back at once. */
export function backoff(attempt, { base = 2000, cap = 60000, random = Math.random } = {}) {
  const ceiling = Math.min(cap, base * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export const realClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (id) => clearTimeout(id),
};

function csrfFor(request, csrf) {
  if (request.form) {
    const body = new URLSearchParams(request.form.filter(([name]) => name !== "csrfmiddlewaretoken"));
    body.set("csrfmiddlewaretoken", csrf);
    return { body, type: "application/x-www-form-urlencoded" };
  }
  return { body: JSON.stringify(request.json), type: "application/json" };
}

/** One request, never longer than `timeoutMs`, given up at once when `signal` aborts. */
export async function post(request, { fetch, csrf = "", timeoutMs = DEFAULT_TIMEOUT_MS, clock = realClock, signal } = {}) {
  const controller = new AbortController();
  const { body, type } = csrfFor(request, csrf);
  let timer;
  let stopListening = () => {};
  const given = new Promise((resolve) => {
    timer = clock.setTimeout(() => {
      controller.abort();
      resolve({ kind: "unreachable", reason: "timeout" });
    }, timeoutMs);
    if (signal) {
      const stop = () => {
        controller.abort();
        resolve({ kind: "aborted" });
      };
      if (signal.aborted) stop();
      signal.addEventListener("abort", stop);
      stopListening = () => signal.removeEventListener("abort", stop);
    }
  });
  const answered = (async () => {
    try {
      const response = await fetch(request.path, {
        method: "POST",
        credentials: "same-origin",
        redirect: "manual", // a sign-in page's redirect is not an answer
        headers: {
          "Content-Type": type,
          Accept: "application/json",
          "X-CSRFToken": csrf,
          "X-Client-Id": request.clientId,
        },
        body,
        signal: controller.signal,
      });
      const data = await response.json().catch(() => null); // the body can hang too: raced below
      const retryAfter = Number(response.headers?.get?.("Retry-After")) || 0;
      return { ...classify(response.status, data, request.clientId, { form: Boolean(request.form) }), retryAfterMs: retryAfter * 1000 };
    } catch {
      return { kind: "unreachable", reason: "network" };
    }
  })();
  try {
    // The race, not only the abort, bounds the wait: a fetch that ignores its signal still ends.
    return await Promise.race([answered, given]);
  } finally {
    clock.clearTimeout(timer);
    stopListening();
  }
}

/** The request that sends an entry, or null while its session is not on the server yet. */
export function requestFor(entry, sessions) {
  if (entry.kind === "form") {
    return { path: entry.path, form: entry.fields, clientId: entry.client_id };
  }
  const session = entry.session_id ?? sessions.get(entry.session_client_id)?.id;
  if (!session) return null;
  const path = entry.kind === "pain" ? "/api/v1/pain-reports/" : "/api/v1/sets/";
  return { path, json: { ...entry.payload, session }, clientId: entry.client_id };
}

const FIX_OR_DISCARD = "Open a session of yours and tap Fix to log it there, or Discard it.";
const NO_SESSION = `Not sent: this set names no session. ${FIX_OR_DISCARD}`;
const SESSION_GONE = `Not sent: its session is not on this phone. ${FIX_OR_DISCARD}`;
const SESSION_NOT_MINE = `Not sent: its session was started by another sign-in on this phone. ${FIX_OR_DISCARD}`;

/** Why no sender can ever send this set as it stands, or null: it goes now, or once its
 * session has reached the server (sent first; refused, the panel says so). A phone session is
 * kept before any set names it and never removed, so one missing now never comes. */
export function unplaceable(entry, sessions, user) {
  if (entry.kind === "form" || entry.session_id) return null; // (as requestFor reads it)
  if (!entry.session_client_id) return NO_SESSION;
  const session = sessions.get(entry.session_client_id);
  if (!session) return SESSION_GONE;
  if (String(session.user) !== String(user)) return SESSION_NOT_MINE; // its sender is not us
  return null;
}

/** The athlete must see such a set (as refused: Fix or Discard, on every page) rather than
 * have it wait where no sender looks; unless it was fixed while we looked. */
async function askTheAthlete(outbox, entry, why) {
  const asRead = (now) => now.state === entry.state &&
    now.session_id === entry.session_id && now.session_client_id === entry.session_client_id;
  return Boolean(await outbox.update(entry.seq, { state: "refused", error: why }, asRead));
}

/** Something of the athlete's is waiting: a phone session to create, or an entry to send. */
async function hasWork(outbox, mine) {
  const { entries, sessions } = await outbox.snapshot();
  return sessions.some((s) => mine(s) && s.id === null && !s.error) ||
    entries.some((e) => mine(e) && e.state !== "refused");
}

/** Send the athlete's outbox once, as far as it goes, holding the lease (one sender at a
 * time). `stopped`: null (nothing sendable left), "unreachable", "signed-out", "busy", "aborted". */
export async function syncOnce(outbox, { user, fetch, csrf = "", owner, timeoutMs = DEFAULT_TIMEOUT_MS, clock = realClock, signal, random = Math.random, steal = false } = {}) {
  const result = { stored: 0, refused: 0, stopped: null, storedIds: [], retryAfterMs: 0, nextAt: null };
  if (!user) return { ...result, stopped: "signed-out" };
  const leaseMs = timeoutMs + LEASE_MARGIN_MS;
  const hold = (force = false) => outbox.acquire(owner, clock.now(), leaseMs, force);
  // "Send now" takes the lease even from a hung sender: it stops at its next request.
  const mine = (row) => String(row.user) === String(user);
  // Nothing to send, no lease: a page that only shows something (Today, a chart) and is left
  // while its run holds the lease cannot let go of it, and the next page, with a check-in to
  // send, would wait out the lease's whole term first.
  if (!(await hasWork(outbox, mine))) return result;
  if (!(await hold(steal))) return { ...result, stopped: "busy" };
  let stopped = null;
  let reason = null;
  try {
    await outbox.mergeMeta("status", { state: "sending", owner, at: clock.now() });
    const send = async (request) => {
      if (signal?.aborted) return { kind: "aborted" };
      if (!(await hold())) return { kind: "busy" }; // our lease ran out and someone took over
      return post(request, { fetch, csrf, timeoutMs, clock, signal });
    };
    // Sessions started on the phone go first: their sets need the server's id.
    for (const session of (await outbox.allSessions()).filter((s) => mine(s) && s.id === null && !s.error)) {
      const answer = await send({ path: "/api/v1/sessions/", json: { date: session.date, client_id: session.client_id }, clientId: session.client_id });
      // Written onto the record as it is now: another sender may have stored it meanwhile, and
      // a refusal heard late must not take back an id it learnt (its sets would wait forever).
      if (answer.kind === "stored") await outbox.updateSession(session.client_id, { id: answer.data.id, error: null });
      else if (answer.kind === "refused") await outbox.updateSession(session.client_id, { error: answer.message }, (now) => now.id === null);
      else {
        ({ kind: stopped, reason } = answer);
        result.retryAfterMs = answer.retryAfterMs || 0;
        break;
      }
    }
    if (!stopped) {
      const snapshot = await outbox.snapshot();
      const sessions = new Map(snapshot.sessions.map((s) => [s.client_id, s]));
      const entries = snapshot.entries.filter((e) => mine(e) && e.state !== "refused").sort((a, b) => a.seq - b.seq);
      for (const entry of entries) {
        const request = requestFor(entry, sessions);
        if (!request) {
          // Its session has not reached the server yet (or was refused), or never can.
          const why = unplaceable(entry, sessions, user);
          if (why && (await askTheAthlete(outbox, entry, why))) result.refused += 1;
          continue;
        }
        const answer = await send(request);
        if (answer.kind === "stored") {
          await outbox.remove(entry.seq);
          result.stored += 1;
          result.storedIds.push(entry.client_id);
        } else if (answer.kind === "refused") {
          await outbox.update(entry.seq, { state: "refused", error: answer.message });
          result.refused += 1;
        } else {
          ({ kind: stopped, reason } = answer);
          result.retryAfterMs = answer.retryAfterMs || 0;
          break;
        }
      }
    }
  } finally {
    const status = await outbox.getMeta("status");
    // Tries since the last progress: a run that stored something before failing starts again.
    const attempt = stopped !== "unreachable" ? 0 : result.stored ? 1 : (status?.attempt || 0) + 1;
    // A sender whose lease was taken over says nothing: the one sending now owns the status.
    const lease = await outbox.getMeta("lease");
    if (stopped !== "busy" && lease?.owner === owner) {
      const wait = Math.max(backoff(attempt - 1, { random }), result.retryAfterMs);
      result.nextAt = stopped === "unreachable" ? clock.now() + wait : null;
      await outbox.setMeta("status", {
        state: { unreachable: "waiting", "signed-out": "signed-out" }[stopped] || "idle",
        reason: stopped === "unreachable" ? reason : null,
        attempt,
        at: clock.now(),
        next_at: result.nextAt,
      });
    }
    await outbox.release(owner);
  }
  return { ...result, stopped };
}
