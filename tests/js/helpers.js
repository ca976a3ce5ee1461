// Test doubles for the outbox's Node tests: a fresh fake IndexedDB per test, a clock whose
// time moves only when told, and a fake Thrustlog API that stores by client_id.
import { IDBFactory } from "fake-indexeddb";

import { openDatabase, Outbox } from "../../static/js/offline/store.js";

export async function freshOutbox() {
  const idb = new IDBFactory(); // a new, empty database per test
  const outbox = new Outbox(await openDatabase(idb));
  return { idb, outbox };
}

/** Let fake-indexeddb and pending promises run until `check()` holds (or fail loudly). */
export async function eventually(check, what = "the condition") {
  for (let i = 0; i < 2000; i += 1) {
    if (await check()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export class FakeClock {
  constructor(start = 1_700_000_000_000) {
    this.t = start;
    this.timers = new Map();
    this.next = 1;
    this.now = () => this.t;
    this.setTimeout = (fn, ms) => {
      const id = this.next++;
      this.timers.set(id, { at: this.t + Math.max(0, ms), fn });
      return id;
    };
    this.clearTimeout = (id) => this.timers.delete(id);
  }

  pending() {
    return [...this.timers.values()].map((timer) => timer.at - this.t).sort((a, b) => a - b);
  }

  /** Move time forward, firing each timer that falls due, in order. */
  async advance(ms) {
    const end = this.t + ms;
    for (;;) {
      const due = [...this.timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.t = due[1].at;
      due[1].fn();
      for (let i = 0; i < 50; i += 1) await new Promise((resolve) => setImmediate(resolve));
    }
    this.t = end;
  }
}

/**
 * The API as the phone sees it: `answer(request)` decides each reply ("store", a status, "hang",
 * "drop" = the server stores but the answer is lost, "network" = nothing reaches the server).
 */
export function fakeServer(answer = () => "store") {
  const stored = new Map(); // client_id -> body
  const requests = [];
  let nextId = 100;
  let inFlight = 0;
  let maxInFlight = 0;
  const reply = (status, data) => ({
    status,
    headers: new Map(),
    json: async () => data,
  });
  async function fetch(path, init) {
    const body = init.body instanceof URLSearchParams ? Object.fromEntries(init.body) : JSON.parse(init.body);
    const request = { path, body, headers: init.headers, clientId: init.headers["X-Client-Id"] };
    requests.push(request);
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      const what = answer(request, requests.length);
      if (what === "hang") {
        // Never answers, and (like a half-open connection) ignores the abort too.
        return await new Promise(() => {});
      }
      if (what === "network") throw new TypeError("Failed to fetch");
      if (what === "store" || what === "drop") {
        const again = stored.has(request.clientId);
        if (!again) stored.set(request.clientId, { ...body, id: nextId++, path });
        if (what === "drop") throw new TypeError("Failed to fetch");
        return reply(again ? 200 : 201, { client_id: request.clientId, id: stored.get(request.clientId).id });
      }
      if (typeof what === "object") return reply(what.status, what.data ?? null);
      return reply(what, null);
    } finally {
      inFlight -= 1;
    }
  }
  return { fetch, stored, requests, maxInFlight: () => maxInFlight };
}

export function setEntry(n, extra = {}) {
  const clientId = `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
  return {
    kind: "set",
    user: "7",
    client_id: clientId,
    session_id: 11,
    session_client_id: null,
    payload: { load_kg: 60 + n, reps: 10, client_id: clientId },
    display: { load: String(60 + n), unit: "kg", hurt: [] },
    ...extra,
  };
}
