// Sends what the phone kept to the API (/api/v1/), oldest first. The server's client_id
// idempotency makes a retry safe: a set that did arrive before answers 200, never a duplicate.
//
//   200/201        stored: the entry goes
//   400 (and 4xx)  refused: the entry stays with the server's message; the next one is sent
//   anything else  (no network, 5xx, signed out): stop, keep everything, try again later
import * as queue from "./queue.js";

const FIELD_NAMES = {
  load_kg: "Load", reps: "Reps", rir: "Reps in reserve", session: "Session", pain: "Pain",
  foot_distance: "Feet", stance_width: "Stance", padding: "Bar padding",
  equipment: "Equipment", exercise: "Exercise", exercise_name: "Exercise name",
  date: "Date", region: "Region", score: "Score", character: "Kind of pain",
};

export function csrfToken() {
  const cookie = /(?:^|;\s*)csrftoken=([^;]+)/.exec(document.cookie);
  if (cookie) return decodeURIComponent(cookie[1]);
  return document.querySelector("input[name=csrfmiddlewaretoken]")?.value || "";
}

/** DRF's {"field": ["message"]} (nested for pain) as one sentence per problem. */
export function describe(errors) {
  const parts = [];
  const walk = (value, label) => {
    if (typeof value === "string") parts.push(label ? `${label}: ${value}` : value);
    else if (Array.isArray(value)) value.forEach((item) => walk(item, label));
    else if (value && typeof value === "object") {
      for (const [key, inner] of Object.entries(value)) {
        const name = key === "non_field_errors" || key === "detail" ? "" : FIELD_NAMES[key] || key;
        walk(inner, [label, name].filter(Boolean).join(", "));
      }
    }
  };
  walk(errors, "");
  return parts.join(" ") || "The server refused this set.";
}

async function post(path, body) {
  let response;
  try {
    response = await fetch(path, {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "Content-Type": "application/json",
        Accept: "application/json",
        "X-CSRFToken": csrfToken(),
      },
      body: JSON.stringify(body),
    });
  } catch {
    return { kind: "unreachable" };
  }
  const data = await response.json().catch(() => null);
  if (response.status === 200 || response.status === 201) return { kind: "stored", data };
  if (response.status === 401 || response.status === 403) return { kind: "signed-out" };
  if (response.status >= 400 && response.status < 500 && ![408, 425, 429].includes(response.status)) {
    return { kind: "refused", message: describe(data) };
  }
  return { kind: "unreachable" };
}

async function sendAll(user) {
  const result = { stored: 0, refused: 0, stopped: null };
  const mine = (row) => row.user === user && !row.error;

  // Sessions started offline go first: their sets need the server's id.
  for (const session of (await queue.allSessions()).filter((s) => mine(s) && s.id === null)) {
    const answer = await post("/api/v1/sessions/", {
      date: session.date,
      client_id: session.client_id,
    });
    if (answer.kind === "stored") await queue.putSession({ ...session, id: answer.data.id });
    else if (answer.kind === "refused") await queue.putSession({ ...session, error: answer.message });
    else return { ...result, stopped: answer.kind };
  }

  const sessions = new Map((await queue.allSessions()).map((s) => [s.client_id, s]));
  const sets = (await queue.allSets()).filter(mine).sort((a, b) => a.seq - b.seq);
  for (const entry of sets) {
    const session = entry.session_id ?? sessions.get(entry.session_client_id)?.id;
    if (!session) continue; // its session has not reached the server (or was refused)
    const answer = await post("/api/v1/sets/", { ...entry.payload, session });
    if (answer.kind === "stored") {
      await queue.removeSet(entry.seq);
      result.stored += 1;
    } else if (answer.kind === "refused") {
      await queue.putSet({ ...entry, error: answer.message });
      result.refused += 1;
    } else {
      return { ...result, stopped: answer.kind };
    }
  }
  return result;
}

let running = null;

/** Send the signed-in athlete's queue; concurrent calls (and other tabs) share one run. */
export function flush(user) {
  if (!user) return Promise.resolve({ stored: 0, refused: 0, stopped: "signed-out" });
  if (!running) {
    const work = () => sendAll(user);
    running = (navigator.locks ? navigator.locks.request("thrustlog-sync", work) : work())
      .finally(() => { running = null; });
  }
  return running;
}
