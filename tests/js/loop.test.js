// When a page sends: retries back off, "Send now" always starts afresh, tabs never overlap.
import assert from "node:assert/strict";
import { test } from "node:test";

import { createSyncLoop } from "../../static/js/offline/loop.js";
import { syncOnce } from "../../static/js/offline/sync.js";
import { eventually, FakeClock, fakeServer, freshOutbox, setEntry } from "./helpers.js";

function loopFor(outbox, server, clock, name = "tab") {
  let runs = 0;
  const results = [];
  const loop = createSyncLoop({
    clock,
    run: ({ signal, steal }) => {
      runs += 1;
      return syncOnce(outbox, { user: "7", fetch: server.fetch, owner: `${name}-${runs}`, timeoutMs: 15000, clock, signal, steal, random: () => 1 });
    },
    onResult: (result) => results.push(result),
  });
  return { loop, results };
}

test("a hung request does not stall the queue: the loop times out and tries again", async () => {
  const { outbox } = await freshOutbox();
  await outbox.add(setEntry(1));
  let hang = true;
  const server = fakeServer(() => (hang ? "hang" : "store"));
  const clock = new FakeClock();
  const { loop, results } = loopFor(outbox, server, clock);
  loop.kick();
  await eventually(() => server.requests.length === 1);
  hang = false; // the signal comes back, but the first request is a dead connection
  await clock.advance(15000); // the timeout
  await eventually(() => results.length === 1);
  assert.equal(results[0].stopped, "unreachable");
  assert.deepEqual(clock.pending(), [2000]); // first retry, random() = 1: the full 2 s
  await clock.advance(2000);
  await eventually(() => results.length === 2);
  assert.equal(results[1].stored, 1);
  assert.deepEqual(await outbox.all(), []);
  assert.deepEqual(clock.pending(), [], "nothing left to send, nothing scheduled");
});

test("retries wait 2, 4, 8 ... seconds while there is no signal", async () => {
  const { outbox } = await freshOutbox();
  await outbox.add(setEntry(1));
  const server = fakeServer(() => "network");
  const clock = new FakeClock();
  const { loop, results } = loopFor(outbox, server, clock);
  loop.kick();
  const waits = [];
  for (let i = 1; i <= 5; i += 1) {
    await eventually(() => results.length === i);
    waits.push(clock.pending()[0]);
    await clock.advance(clock.pending()[0]);
  }
  assert.deepEqual(waits, [2000, 4000, 8000, 16000, 32000]);
  loop.stop();
});

test("Send now abandons a hung attempt and starts a fresh one at once", async () => {
  const { outbox } = await freshOutbox();
  await outbox.add(setEntry(1));
  await outbox.add(setEntry(2));
  let hang = true;
  const server = fakeServer(() => (hang ? "hang" : "store"));
  const clock = new FakeClock();
  const { loop } = loopFor(outbox, server, clock);
  loop.kick();
  await eventually(() => server.requests.length === 1);
  hang = false;
  const fresh = await loop.kick({ fresh: true }); // no waiting for the 15 s timeout
  assert.equal(fresh.stored, 2);
  assert.deepEqual(await outbox.all(), []);
  assert.equal(server.stored.size, 2);
});

test("Send now also starts afresh during a backoff wait", async () => {
  const { outbox } = await freshOutbox();
  await outbox.add(setEntry(1));
  let down = true;
  const server = fakeServer(() => (down ? "network" : "store"));
  const clock = new FakeClock();
  const { loop, results } = loopFor(outbox, server, clock);
  await loop.kick();
  assert.equal(results[0].stopped, "unreachable");
  down = false;
  const fresh = await loop.kick({ fresh: true });
  assert.equal(fresh.stored, 1);
  assert.deepEqual(clock.pending(), []);
});

test("Send now takes over from another tab whose request hangs", async () => {
  const { outbox } = await freshOutbox();
  await outbox.add(setEntry(1));
  let hang = true;
  const server = fakeServer(() => (hang ? "hang" : "store"));
  const clock = new FakeClock();
  const other = loopFor(outbox, server, clock, "other-tab");
  other.loop.kick();
  await eventually(() => server.requests.length === 1);
  const mine = loopFor(outbox, server, clock, "this-tab");
  assert.equal((await mine.loop.kick()).stopped, "busy"); // a plain try leaves it be
  hang = false;
  assert.equal((await mine.loop.kick({ fresh: true })).stored, 1);
});

test("kicks while sending share the run, then go round once more for what came meanwhile", async () => {
  const { outbox } = await freshOutbox();
  await outbox.add(setEntry(1));
  const server = fakeServer();
  const clock = new FakeClock();
  const { loop, results } = loopFor(outbox, server, clock);
  const first = loop.kick();
  await outbox.add(setEntry(2)); // logged while the first was on its way
  loop.kick();
  loop.kick();
  await first;
  await eventually(() => results.length === 2);
  assert.equal(server.stored.size, 2);
  assert.equal(server.requests.length, 2, "each set sent once");
});

test("two tabs sending the same outbox never send at the same time", async () => {
  const { outbox } = await freshOutbox();
  for (let n = 1; n <= 20; n += 1) await outbox.add(setEntry(n));
  const server = fakeServer((r, n) => (n % 3 === 0 ? "drop" : "store"));
  const clock = new FakeClock();
  const a = loopFor(outbox, server, clock, "a");
  const b = loopFor(outbox, server, clock, "b");
  a.loop.kick();
  b.loop.kick();
  for (let i = 0; i < 200 && (await outbox.all()).length; i += 1) await clock.advance(1000);
  assert.deepEqual(await outbox.all(), []);
  assert.equal(server.stored.size, 20);
  assert.equal(server.maxInFlight(), 1);
  a.loop.stop();
  b.loop.stop();
});

test("a busy lease is tried again a second later", async () => {
  const { outbox } = await freshOutbox();
  await outbox.add(setEntry(1));
  const clock = new FakeClock();
  await outbox.acquire("worker", clock.now(), 20000);
  const server = fakeServer();
  const { loop, results } = loopFor(outbox, server, clock);
  await loop.kick();
  assert.equal(results[0].stopped, "busy");
  assert.deepEqual(clock.pending(), [1000]);
  await outbox.release("worker");
  await clock.advance(1000);
  await eventually(() => results.length === 2);
  assert.equal(results[1].stored, 1);
});

test("signed out, the loop waits for a sign-in instead of retrying", async () => {
  const { outbox } = await freshOutbox();
  await outbox.add(setEntry(1));
  const server = fakeServer(() => 401);
  const clock = new FakeClock();
  const { loop } = loopFor(outbox, server, clock);
  assert.equal((await loop.kick()).stopped, "signed-out");
  assert.deepEqual(clock.pending(), []);
});

test("a page that leaves lets go of the lease before it goes, and sends nothing more", async () => {
  const { outbox } = await freshOutbox();
  await outbox.add(setEntry(1));
  await outbox.add(setEntry(2));
  const server = fakeServer(() => "hang");
  const clock = new FakeClock();
  const { loop } = loopFor(outbox, server, clock);
  loop.kick();
  await eventually(() => server.requests.length === 1);
  await loop.pause(); // resolves once the abandoned attempt has finished
  assert.equal(await outbox.getMeta("lease"), null, "the next page need not wait for it to run out");
  assert.equal(await loop.kick(), null);
  assert.equal(server.requests.length, 1);
  assert.deepEqual(clock.pending(), [], "no retry scheduled by a page that is going");
  loop.resume(); // back from the back-forward cache
  loop.kick();
  await eventually(() => server.requests.length === 2);
  loop.stop();
});
