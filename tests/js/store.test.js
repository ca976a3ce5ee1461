// The outbox in IndexedDB: what is kept, in what order, and who may send it.
import assert from "node:assert/strict";
import { test } from "node:test";

import { IDBFactory } from "fake-indexeddb";

import { DB_NAME, openDatabase, Outbox } from "../../static/js/offline/store.js";
import { eventually, freshOutbox, setEntry } from "./helpers.js";

test("an entry is kept with a sequence number and waits", async () => {
  const { outbox } = await freshOutbox();
  const kept = await outbox.add(setEntry(1));
  assert.equal(kept.state, "waiting");
  assert.deepEqual((await outbox.all()).map((e) => e.seq), [kept.seq]);
});

test("keeping the same client_id twice keeps one entry", async () => {
  const { outbox } = await freshOutbox();
  const first = await outbox.add(setEntry(1));
  const again = await outbox.add(setEntry(1, { payload: { reps: 3 } }));
  assert.equal(again.seq, first.seq);
  assert.equal((await outbox.all()).length, 1);
});

test("entries keep the order they were made in", async () => {
  const { outbox } = await freshOutbox();
  for (const n of [3, 1, 2]) await outbox.add(setEntry(n));
  assert.deepEqual((await outbox.all()).map((e) => e.payload.load_kg), [63, 61, 62]);
});

test("changing an entry that was meanwhile removed brings nothing back", async () => {
  const { outbox } = await freshOutbox();
  const kept = await outbox.add(setEntry(1));
  await outbox.remove(kept.seq);
  assert.equal(await outbox.update(kept.seq, { state: "refused" }), null);
  assert.deepEqual(await outbox.all(), []);
});

test("every write is announced after it is stored", async () => {
  const idb = new IDBFactory();
  const seen = [];
  const outbox = new Outbox(await openDatabase(idb), {
    onChange: async () => seen.push((await outbox.all()).length),
  });
  await outbox.add(setEntry(1));
  await eventually(() => seen.length === 1, "the announcement");
  assert.deepEqual(seen, [1]);
});

test("sets kept by the first version of the app move into the outbox in order", async () => {
  const idb = new IDBFactory();
  const old = await new Promise((resolve) => {
    const request = idb.open(DB_NAME, 1);
    request.onupgradeneeded = () => {
      request.result.createObjectStore("sets", { keyPath: "seq", autoIncrement: true });
      request.result.createObjectStore("sessions", { keyPath: "client_id" });
    };
    request.onsuccess = () => resolve(request.result);
  });
  await new Promise((resolve) => {
    const tx = old.transaction("sets", "readwrite");
    const { kind, ...first } = setEntry(1); // version 1 had no kind
    const second = { ...setEntry(2), error: "Reps: too few." };
    delete second.kind;
    tx.objectStore("sets").add({ ...first, error: null });
    tx.objectStore("sets").add(second);
    tx.oncomplete = resolve;
    assert.equal(kind, "set");
  });
  old.close();

  const outbox = new Outbox(await openDatabase(idb));
  const moved = await outbox.all();
  assert.deepEqual(moved.map((e) => [e.kind, e.payload.load_kg, e.state]), [
    ["set", 61, "waiting"], ["set", 62, "refused"],
  ]);
  assert.equal(moved[0].client_id, setEntry(1).client_id);
  assert.ok(!outbox.db.objectStoreNames.contains("sets"));
});

test("the lease lets one sender in at a time", async () => {
  const { outbox } = await freshOutbox();
  assert.equal(await outbox.acquire("tab", 1000, 500), true);
  assert.equal(await outbox.acquire("worker", 1200, 500), false);
  assert.equal(await outbox.acquire("tab", 1200, 500), true); // its holder renews it
});

test("a lease its holder let go of, or that ran out, is free", async () => {
  const { outbox } = await freshOutbox();
  await outbox.acquire("tab", 1000, 500);
  assert.equal(await outbox.acquire("worker", 1501, 500), true); // the tab died mid-send
  await outbox.release("tab"); // a late release by the old holder frees nothing
  assert.equal(await outbox.acquire("tab", 1600, 500), false);
  await outbox.release("worker");
  assert.equal(await outbox.acquire("tab", 1600, 500), true);
});

test("a lease can be taken over at once when asked (Send now)", async () => {
  const { outbox } = await freshOutbox();
  await outbox.acquire("hung tab", 1000, 60000);
  assert.equal(await outbox.acquire("tab", 1001, 500, true), true);
  assert.equal(await outbox.acquire("hung tab", 1002, 60000), false);
});

test("a change made only while the entry is as it was read leaves a changed one alone", async () => {
  const { outbox } = await freshOutbox();
  const kept = await outbox.add(setEntry(1, { session_id: null }));
  await outbox.update(kept.seq, { session_id: 11 }); // fixed meanwhile
  const unchanged = (now) => now.session_id === kept.session_id;
  assert.equal(await outbox.update(kept.seq, { state: "refused" }, unchanged), null);
  assert.equal((await outbox.get(kept.seq)).state, "waiting");
});

test("a phone session changes in one step, only while it is as the change expects", async () => {
  const { outbox } = await freshOutbox();
  const local = "11111111-1111-4111-8111-111111111111";
  await outbox.addSession({ client_id: local, date: "2026-12-01", user: "7" });
  assert.equal((await outbox.updateSession(local, { id: 40 })).id, 40);
  assert.equal(await outbox.updateSession(local, { error: "No." }, (now) => now.id === null), null);
  assert.deepEqual([(await outbox.getSession(local)).id, (await outbox.getSession(local)).error], [40, null]);
  assert.equal(await outbox.updateSession("22222222-2222-4222-8222-222222222222", { id: 1 }), null, "nothing made up");
});

test("a snapshot reads the entries and the phone sessions as one moment", async () => {
  const { outbox } = await freshOutbox();
  const local = "11111111-1111-4111-8111-111111111111";
  await outbox.addSession({ client_id: local, date: "2026-12-01", user: "7" });
  await outbox.add(setEntry(1, { session_id: null, session_client_id: local }));
  const { entries, sessions } = await outbox.snapshot();
  assert.deepEqual(entries.map((e) => e.session_client_id), [local]);
  assert.deepEqual(sessions.map((s) => s.client_id), [local]);
});
