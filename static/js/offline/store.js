// The outbox in IndexedDB (no DOM: pages, the worker and Node's tests use it).
// "outbox": what to send, in order (seq): sets (API body in `payload`) and forms (finish,
//   check-in). Written before anything is sent; only a 200/201 for its client_id or a
//   "Discard" removes an entry; a refused one keeps the server's reason.
// "sessions": sessions started on the phone, with the server id once known.
// "meta": who is signed in and the CSRF token (for the worker), the status, the lease.

export const DB_NAME = "thrustlog-offline";
export const DB_VERSION = 2;

function promised(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** Read, check and write one record inside the caller's transaction (nothing can come between). */
async function changed(store, key, change, when) {
  const current = await promised(store.get(key));
  if (!current || !when(current)) return null;
  const next = { ...current, ...change };
  await promised(store.put(next));
  return next;
}

function upgrade(db, tx, oldVersion) {
  if (!db.objectStoreNames.contains("sessions")) db.createObjectStore("sessions", { keyPath: "client_id" });
  if (!db.objectStoreNames.contains("meta")) db.createObjectStore("meta");
  if (!db.objectStoreNames.contains("outbox")) {
    const outbox = db.createObjectStore("outbox", { keyPath: "seq", autoIncrement: true });
    outbox.createIndex("client_id", "client_id", { unique: true });
  }
  // Version 1's "sets" move over in order: an update never drops a set kept before it.
  if (oldVersion === 1 && db.objectStoreNames.contains("sets")) {
    const outbox = tx.objectStore("outbox");
    tx.objectStore("sets").getAll().onsuccess = (event) => {
      for (const old of event.target.result) {
        outbox.put({ kind: "set", client_id: old.payload.client_id, ...old, state: old.error ? "refused" : "waiting" });
      }
      db.deleteObjectStore("sets");
    };
  }
}

/** Open (and create or upgrade) the outbox database. */
export function openDatabase(idb = globalThis.indexedDB, name = DB_NAME) {
  const request = idb.open(name, DB_VERSION);
  request.onupgradeneeded = (event) => upgrade(request.result, request.transaction, event.oldVersion);
  // Another context holding an older version must let go, or the upgrade waits forever.
  return promised(request).then((db) => {
    db.onversionchange = () => db.close();
    return db;
  });
}

export class Outbox {
  /** `onChange` hears every write made here (the page re-renders, other tabs are told). */
  constructor(db, { onChange = () => {} } = {}) {
    this.db = db;
    this.onChange = onChange;
  }

  async run(names, mode, work) {
    const tx = this.db.transaction(names, mode);
    const done = new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error || new Error("transaction aborted"));
    });
    const stores = [names].flat().map((n) => tx.objectStore(n));
    const result = await work(...stores);
    await done; // written to disk (as far as the browser promises) before anyone is told
    if (mode === "readwrite") this.onChange();
    return result;
  }

  // --- entries -------------------------------------------------------------------------------

  /** Keep an entry; a repeated client_id adds nothing and returns the kept one. */
  add(entry) {
    return this.run("outbox", "readwrite", async (store) => {
      const existing = await promised(store.index("client_id").get(entry.client_id));
      if (existing) return existing;
      const stored = { state: "waiting", error: null, created: new Date().toISOString(), ...entry };
      stored.seq = await promised(store.add(stored));
      return stored;
    });
  }

  all() {
    return this.run("outbox", "readonly", (store) => promised(store.getAll()));
  }

  /** The entries and the phone sessions as one moment: a session is kept before any set names
   * it, so a set read here never misses its session (two reads could fall either side of both). */
  snapshot() {
    return this.run(["outbox", "sessions"], "readonly", async (entries, sessions) => {
      const [kept, started] = await Promise.all([promised(entries.getAll()), promised(sessions.getAll())]);
      return { entries: kept, sessions: started };
    });
  }

  get(seq) {
    return this.run("outbox", "readonly", (store) => promised(store.get(seq)));
  }

  put(entry) {
    return this.run("outbox", "readwrite", (store) => promised(store.put(entry)));
  }

  /** Change a kept entry only if it is still there (a discard or a send may have removed it)
   * and, given `when`, still as the caller read it (the athlete may have fixed it meanwhile). */
  update(seq, change, when = () => true) {
    return this.run("outbox", "readwrite", (store) => changed(store, seq, change, when));
  }

  remove(seq) {
    return this.run("outbox", "readwrite", (store) => promised(store.delete(seq)));
  }

  // --- sessions started on the phone -----------------------------------------------------------

  addSession(session) {
    return this.run("sessions", "readwrite", async (store) => {
      const existing = await promised(store.get(session.client_id));
      if (existing) return existing;
      const stored = { id: null, error: null, created: new Date().toISOString(), ...session };
      await promised(store.put(stored));
      return stored;
    });
  }

  getSession(clientId) {
    return this.run("sessions", "readonly", (store) => promised(store.get(clientId)));
  }

  allSessions() {
    return this.run("sessions", "readonly", (store) => promised(store.getAll()));
  }

  /** Change a phone session as it is now, in one transaction: a sender's answer lands on the
   * record as it stands, not on the copy read before its request (another sender, the page or
   * the worker, may have stored the session and its id meanwhile). */
  updateSession(clientId, change, when = () => true) {
    return this.run("sessions", "readwrite", (store) => changed(store, clientId, change, when));
  }

  // --- meta ---------------------------------------------------------------------------------------

  async getMeta(key) {
    return (await this.run("meta", "readonly", (store) => promised(store.get(key)))) ?? null;
  }

  setMeta(key, value) {
    return this.run("meta", "readwrite", (store) => promised(store.put(value, key)));
  }

  /** Merge into a meta record in one transaction (the status is written by several senders). */
  mergeMeta(key, change) {
    return this.run("meta", "readwrite", async (store) => {
      const next = { ...((await promised(store.get(key))) || {}), ...change };
      await promised(store.put(next, key));
      return next;
    });
  }

  // --- the lease: one sender at a time (tabs, worker); a hung or dead one holds it only until
  // `until`. Readwrite transactions on a store run one at a time: this is a compare-and-set.

  acquire(owner, now, ms, force = false) {
    return this.run("meta", "readwrite", async (store) => {
      const lease = await promised(store.get("lease"));
      if (!force && lease && lease.owner !== owner && lease.until > now) return false;
      await promised(store.put({ owner, until: now + ms }, "lease"));
      return true;
    });
  }

  release(owner) {
    return this.run("meta", "readwrite", async (store) => {
      const lease = await promised(store.get("lease"));
      if (lease?.owner === owner) await promised(store.delete("lease"));
    });
  }
}
