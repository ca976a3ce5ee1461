// The phone's own record of what has not reached the server yet, in IndexedDB.
//
// "sets": one entry per set logged offline, in the order logged (seq). An entry carries the
//   API body of the set (kilograms, pain list, client_id), the session it belongs to (a server
//   id, or the client id of a session started offline) and, once the server refused it, the
//   server's message. Only a 200/201 or the athlete's own "Discard" removes an entry.
// "sessions": sessions started offline, by client id, with the server id once it is known.

const DB_NAME = "thrustlog-offline";
const VERSION = 1;
let opening = null;

function promised(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

export function open() {
  if (!opening) {
    const request = indexedDB.open(DB_NAME, VERSION);
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains("sets")) {
        db.createObjectStore("sets", { keyPath: "seq", autoIncrement: true });
      }
      if (!db.objectStoreNames.contains("sessions")) {
        db.createObjectStore("sessions", { keyPath: "client_id" });
      }
    };
    opening = promised(request);
  }
  return opening;
}

async function run(storeName, mode, work) {
  const db = await open();
  const tx = db.transaction(storeName, mode);
  const done = new Promise((resolve, reject) => {
    tx.oncomplete = resolve;
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
  const result = await work(tx.objectStore(storeName));
  await done;
  return result;
}

// --- sets ------------------------------------------------------------------------------------

/** Keep a set; a repeated client_id replaces nothing and adds nothing. Returns the entry. */
export async function addSet(entry) {
  const existing = (await allSets()).find((e) => e.payload.client_id === entry.payload.client_id);
  if (existing) return existing;
  const stored = { ...entry, error: null, created: new Date().toISOString() };
  stored.seq = await run("sets", "readwrite", (store) => promised(store.add(stored)));
  notify();
  return stored;
}

export function allSets() {
  return run("sets", "readonly", (store) => promised(store.getAll()));
}

export function getSet(seq) {
  return run("sets", "readonly", (store) => promised(store.get(seq)));
}

export async function putSet(entry) {
  await run("sets", "readwrite", (store) => promised(store.put(entry)));
  notify();
}

export async function removeSet(seq) {
  await run("sets", "readwrite", (store) => promised(store.delete(seq)));
  notify();
}

// --- sessions started offline ------------------------------------------------------------------

export async function addSession(session) {
  const existing = await getSession(session.client_id);
  if (existing) return existing;
  const stored = { id: null, error: null, created: new Date().toISOString(), ...session };
  await run("sessions", "readwrite", (store) => promised(store.put(stored)));
  notify();
  return stored;
}

export function getSession(clientId) {
  return run("sessions", "readonly", (store) => promised(store.get(clientId)));
}

export function allSessions() {
  return run("sessions", "readonly", (store) => promised(store.getAll()));
}

export async function putSession(session) {
  await run("sessions", "readwrite", (store) => promised(store.put(session)));
  notify();
}

// --- changes -------------------------------------------------------------------------------

// Every change is announced to this page and to the phone's other tabs.
const channel = "BroadcastChannel" in self ? new BroadcastChannel("thrustlog-offline") : null;
const listeners = new Set();

export function onChange(listener) {
  listeners.add(listener);
}

function notify() {
  for (const listener of listeners) listener();
  channel?.postMessage("changed");
}

if (channel) channel.onmessage = () => listeners.forEach((listener) => listener());
