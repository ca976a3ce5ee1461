// Sending the outbox once: what each answer does to the entries, and that nothing waits forever.
import assert from "node:assert/strict";
import { test } from "node:test";

import { backoff, classify, describe, syncOnce } from "../../static/js/offline/sync.js";
import { eventually, FakeClock, fakeServer, freshOutbox, setEntry } from "./helpers.js";

const USER = "7";

async function keep(outbox, ...numbers) {
  for (const n of numbers) await outbox.add(setEntry(n));
}

/** The owners that take the outbox's lease from now on. */
function leasesTaken(outbox) {
  const taken = [];
  const acquire = outbox.acquire.bind(outbox);
  outbox.acquire = (owner, ...rest) => (taken.push(owner), acquire(owner, ...rest));
  return taken;
}

function sync(outbox, server, clock, extra = {}) {
  return syncOnce(outbox, { user: USER, fetch: server.fetch, csrf: "token", owner: "tab", timeoutMs: 15000, clock, random: () => 0.5, ...extra });
}

test("stored sets leave the outbox, oldest first", async () => {
  const { outbox } = await freshOutbox();
  await keep(outbox, 1, 2, 3);
  const server = fakeServer();
  const result = await sync(outbox, server, new FakeClock());
  assert.equal(result.stopped, null);
  assert.equal(result.stored, 3);
  assert.deepEqual(server.requests.map((r) => r.body.load_kg), [61, 62, 63]);
  assert.deepEqual(server.requests.map((r) => r.body.session), [11, 11, 11]);
  assert.deepEqual(await outbox.all(), []);
  assert.equal((await outbox.getMeta("status")).state, "idle");
});

test("each request carries the CSRF token and the entry's client_id", async () => {
  const { outbox } = await freshOutbox();
  await keep(outbox, 1);
  const server = fakeServer();
  await sync(outbox, server, new FakeClock());
  const [request] = server.requests;
  assert.equal(request.headers["X-CSRFToken"], "token");
  assert.equal(request.body.client_id, setEntry(1).client_id);
  assert.equal(request.path, "/api/v1/sets/");
});

test("a lost answer keeps the set, and the retry stores it once", async () => {
  const { outbox } = await freshOutbox();
  await keep(outbox, 1);
  let first = true;
  const server = fakeServer(() => (first ? ((first = false), "drop") : "store"));
  const clock = new FakeClock();
  assert.equal((await sync(outbox, server, clock)).stopped, "unreachable");
  assert.equal((await outbox.all()).length, 1);
  assert.equal((await sync(outbox, server, clock)).stopped, null);
  assert.equal(server.requests.length, 2);
  assert.equal(server.stored.size, 1);
  assert.deepEqual(await outbox.all(), []);
});

test("a request that never answers is given up after the timeout and the set stays", async () => {
  const { outbox } = await freshOutbox();
  await keep(outbox, 1, 2);
  const server = fakeServer(() => "hang");
  const clock = new FakeClock();
  const sending = sync(outbox, server, clock);
  await eventually(() => server.requests.length === 1, "the first request");
  assert.deepEqual(clock.pending(), [15000]);
  await clock.advance(15000);
  const result = await sending;
  assert.equal(result.stopped, "unreachable");
  assert.equal(server.requests.length, 1, "the sets behind it wait for the next try");
  assert.equal((await outbox.all()).length, 2);
  const status = await outbox.getMeta("status");
  assert.deepEqual([status.state, status.reason, status.attempt], ["waiting", "timeout", 1]);
  assert.equal(await outbox.getMeta("lease"), null, "a hung request leaves no lock behind");
});

test("after a timeout the next sender is not kept waiting", async () => {
  const { outbox } = await freshOutbox();
  await keep(outbox, 1);
  let hang = true;
  const server = fakeServer(() => (hang ? "hang" : "store"));
  const clock = new FakeClock();
  const sending = sync(outbox, server, clock);
  await eventually(() => server.requests.length === 1);
  await clock.advance(15000);
  await sending;
  hang = false;
  const result = await sync(outbox, server, clock, { owner: "worker" });
  assert.equal(result.stored, 1);
});

test("each failed try waits longer, up to a minute, with jitter", () => {
  const waits = [0, 1, 2, 3, 4, 5, 6, 10].map((n) => backoff(n, { random: () => 1 }));
  assert.deepEqual(waits, [2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000]);
  assert.equal(backoff(3, { random: () => 0 }), 8000); // never less than half
  assert.ok(backoff(3) >= 8000 && backoff(3) <= 16000);
});

test("the status says when the next try is due, growing with each failure", async () => {
  const { outbox } = await freshOutbox();
  await keep(outbox, 1);
  const server = fakeServer(() => "network");
  const clock = new FakeClock();
  const waits = [];
  for (let i = 0; i < 4; i += 1) {
    const result = await sync(outbox, server, clock);
    waits.push(result.nextAt - clock.now());
  }
  assert.deepEqual(waits, [1500, 3000, 6000, 12000]); // random() = 0.5: three quarters
  assert.equal((await outbox.getMeta("status")).reason, "network");
});

test("a 429 or 503 with Retry-After waits at least as long as the server asks", async () => {
  const { outbox } = await freshOutbox();
  await keep(outbox, 1);
  const server = fakeServer();
  const busy = { status: 503, headers: new Map([["Retry-After", "30"]]), json: async () => null };
  const clock = new FakeClock();
  const result = await sync(outbox, { fetch: async () => busy }, clock);
  assert.equal(result.stopped, "unreachable");
  assert.equal(result.nextAt - clock.now(), 30000);
  assert.equal(server.requests.length, 0);
});

for (const status of [401, 403]) {
  test(`signed out (${status}): everything stays and nothing more is sent`, async () => {
    const { outbox } = await freshOutbox();
    await keep(outbox, 1, 2);
    const server = fakeServer(() => status);
    const result = await sync(outbox, server, new FakeClock());
    assert.equal(result.stopped, "signed-out");
    assert.equal(server.requests.length, 1);
    assert.deepEqual((await outbox.all()).map((e) => e.state), ["waiting", "waiting"]);
    assert.equal((await outbox.getMeta("status")).state, "signed-out");
  });
}

test("signed in again, the kept sets are sent", async () => {
  const { outbox } = await freshOutbox();
  await keep(outbox, 1, 2);
  let signedIn = false;
  const server = fakeServer(() => (signedIn ? "store" : 401));
  await sync(outbox, server, new FakeClock());
  signedIn = true;
  const result = await sync(outbox, server, new FakeClock());
  assert.equal(result.stored, 2);
  assert.equal((await outbox.getMeta("status")).state, "idle");
});

test("a refused set keeps the server's reason and the sets behind it are sent", async () => {
  const { outbox } = await freshOutbox();
  await keep(outbox, 1, 2, 3);
  const server = fakeServer((r, n) => (n === 2 ? { status: 400, data: { reps: ["Ensure this value is greater than or equal to 1."] } } : "store"));
  const result = await sync(outbox, server, new FakeClock());
  assert.deepEqual([result.stored, result.refused, result.stopped], [2, 1, null]);
  const [left] = await outbox.all();
  assert.equal(left.state, "refused");
  assert.equal(left.error, "Reps: Ensure this value is greater than or equal to 1.");
  assert.equal(left.payload.load_kg, 62);
});

test("a refused set is not sent again until it is fixed", async () => {
  const { outbox } = await freshOutbox();
  await outbox.add(setEntry(1, { state: "refused", error: "Reps: too few." }));
  const server = fakeServer();
  await sync(outbox, server, new FakeClock());
  assert.equal(server.requests.length, 0);
});

test("a 200 that does not name the set (a Wi-Fi sign-in page) removes nothing", async () => {
  const { outbox } = await freshOutbox();
  await keep(outbox, 1);
  const portal = { status: 200, headers: new Map(), json: async () => { throw new SyntaxError("HTML"); } };
  const result = await sync(outbox, { fetch: async () => portal }, new FakeClock());
  assert.equal(result.stopped, "unreachable");
  assert.equal((await outbox.all()).length, 1);
});

test("a session started on the phone is sent first and its sets follow with its id", async () => {
  const { outbox } = await freshOutbox();
  const local = "11111111-1111-4111-8111-111111111111";
  await outbox.addSession({ client_id: local, date: "2026-12-01", user: USER });
  await outbox.add(setEntry(1, { session_id: null, session_client_id: local }));
  const server = fakeServer();
  await sync(outbox, server, new FakeClock());
  assert.deepEqual(server.requests.map((r) => r.path), ["/api/v1/sessions/", "/api/v1/sets/"]);
  const sessionId = server.stored.get(local).id;
  assert.equal(server.requests[1].body.session, sessionId);
  assert.equal((await outbox.getSession(local)).id, sessionId);
});

test("the sets of a refused session wait and block no other set", async () => {
  const { outbox } = await freshOutbox();
  const local = "11111111-1111-4111-8111-111111111111";
  await outbox.addSession({ client_id: local, date: "1800-01-01", user: USER });
  await outbox.add(setEntry(1, { session_id: null, session_client_id: local }));
  await outbox.add(setEntry(2));
  const server = fakeServer((r) => (r.path === "/api/v1/sessions/" ? { status: 400, data: { date: ["Too early."] } } : "store"));
  const result = await sync(outbox, server, new FakeClock());
  assert.equal(result.stored, 1);
  assert.equal((await outbox.getSession(local)).error, "Date: Too early.");
  assert.deepEqual((await outbox.all()).map((e) => e.payload.load_kg), [61]);
});

test("another athlete's kept sets are never sent with this athlete's sign-in", async () => {
  const { outbox } = await freshOutbox();
  await outbox.add(setEntry(1, { user: "8" }));
  const server = fakeServer();
  await sync(outbox, server, new FakeClock());
  assert.equal(server.requests.length, 0);
  assert.equal((await outbox.all()).length, 1);
});

test("signed out on this phone, nothing is sent", async () => {
  const { outbox } = await freshOutbox();
  await keep(outbox, 1);
  const server = fakeServer();
  const result = await sync(outbox, server, new FakeClock(), { user: "" });
  assert.equal(result.stopped, "signed-out");
  assert.equal(server.requests.length, 0);
});

test("a form entry (a check-in) is posted as a form with a fresh CSRF token", async () => {
  const { outbox } = await freshOutbox();
  const clientId = "22222222-2222-4222-8222-222222222222";
  await outbox.add({ kind: "form", user: USER, client_id: clientId, path: "/sessions/4/finish/",
    fields: [["csrfmiddlewaretoken", "stale"], ["score_knee", "3"]] });
  const server = fakeServer();
  await sync(outbox, server, new FakeClock(), { csrf: "fresh" });
  const [request] = server.requests;
  assert.equal(request.path, "/sessions/4/finish/");
  assert.deepEqual(request.body, { score_knee: "3", csrfmiddlewaretoken: "fresh" });
  assert.deepEqual(await outbox.all(), []);
});

test("a form answered with a redirect (to the sign-in page) is kept as signed out", () => {
  assert.equal(classify(0, null, "x", { form: true }).kind, "signed-out");
  assert.equal(classify(302, null, "x", { form: true }).kind, "signed-out");
});

test("an API answer that redirects is no answer (a captive portal): try again later", () => {
  assert.equal(classify(0, null, "x").kind, "unreachable");
  assert.equal(classify(302, null, "x").kind, "unreachable");
});

test("while one sender holds the lease another stops at once, sending nothing", async () => {
  const { outbox } = await freshOutbox();
  await keep(outbox, 1);
  const server = fakeServer(() => "hang");
  const clock = new FakeClock();
  const first = sync(outbox, server, clock);
  await eventually(() => server.requests.length === 1);
  const second = await sync(outbox, server, clock, { owner: "worker" });
  assert.equal(second.stopped, "busy");
  assert.equal(server.requests.length, 1);
  assert.equal((await outbox.getMeta("status")).state, "sending");
  await clock.advance(15000);
  await first;
});

test("a run with nothing to send takes no lease, so a page left mid-run blocks no other", async () => {
  const { outbox } = await freshOutbox();
  const clock = new FakeClock();
  const taken = leasesTaken(outbox);
  const result = await sync(outbox, fakeServer(), clock, { owner: "today-page" });
  assert.equal(result.stopped, null);
  assert.deepEqual(taken, []);
  await keep(outbox, 1); // the next page's check-in goes at once
  const next = await sync(outbox, fakeServer(), clock, { owner: "finish-page" });
  assert.equal(next.stored, 1);
});

test("a set of another sign-in is no work of this one's: no lease, nothing sent", async () => {
  const { outbox } = await freshOutbox();
  await keep(outbox, 1);
  const server = fakeServer();
  const taken = leasesTaken(outbox);
  const result = await sync(outbox, server, new FakeClock(), { user: "8" });
  assert.equal(result.stopped, null);
  assert.equal(server.requests.length, 0);
  assert.deepEqual(taken, []);
});

test("a sender that stole the lease (Send now) is not overruled by the hung one", async () => {
  const { outbox } = await freshOutbox();
  await keep(outbox, 1, 2);
  let hang = true;
  const server = fakeServer(() => (hang ? "hang" : "store"));
  const clock = new FakeClock();
  const hung = sync(outbox, server, clock);
  await eventually(() => server.requests.length === 1);
  hang = false;
  const fresh = await sync(outbox, server, clock, { owner: "tab-2", steal: true });
  assert.equal(fresh.stored, 2);
  await clock.advance(15000);
  const late = await hung;
  assert.equal(late.stopped, "unreachable");
  assert.equal((await outbox.getMeta("status")).state, "idle", "the fresh sender's word stands");
  assert.equal(server.stored.size, 2);
});

test("an abort stops the run at once and keeps the set", async () => {
  const { outbox } = await freshOutbox();
  await keep(outbox, 1);
  const server = fakeServer(() => "hang");
  const controller = new AbortController();
  const sending = sync(outbox, server, new FakeClock(), { signal: controller.signal });
  await eventually(() => server.requests.length === 1);
  controller.abort();
  assert.equal((await sending).stopped, "aborted");
  assert.equal((await outbox.all()).length, 1);
});

test("the server's field errors read as sentences", () => {
  assert.equal(describe({ pain: [{ score: ["Too high."] }], padding: ['"pillow" is not a valid choice.'] }),
    'Pain, Score: Too high. Bar padding: "pillow" is not a valid choice.');
  assert.equal(describe(null), "The server refused this.");
});

test("a run that stored something before failing counts as the first failure again", async () => {
  const { outbox } = await freshOutbox();
  await keep(outbox, 1, 2, 3);
  const clock = new FakeClock();
  await outbox.setMeta("status", { state: "waiting", attempt: 5 });
  const server = fakeServer((r, n) => (n === 2 ? "network" : "store"));
  const result = await sync(outbox, server, clock);
  assert.equal(result.stored, 1);
  assert.equal((await outbox.getMeta("status")).attempt, 1);
  assert.equal(result.nextAt - clock.now(), 1500); // not the fifth wait: something moved
});

// --- no set waits forever: a set no sender can place is put before the athlete ---------------

const LOCAL = "11111111-1111-4111-8111-111111111111";

test("a set that names no session at all is put before the athlete, not left waiting", async () => {
  const { outbox } = await freshOutbox();
  // As the set-change page's form was kept: no session on that page, no local session.
  await outbox.add(setEntry(1, { session_id: null, session_client_id: null }));
  await keep(outbox, 2);
  const server = fakeServer();
  const result = await sync(outbox, server, new FakeClock());
  assert.deepEqual([result.stored, result.refused, result.stopped], [1, 1, null]);
  const [left] = await outbox.all();
  assert.equal(left.state, "refused", "refused rows show on every page, with Fix and Discard");
  assert.match(left.error, /no session/);
  assert.equal(server.requests.length, 1, "nothing was sent for it");
});

test("a set whose phone session is not on this phone is put before the athlete", async () => {
  const { outbox } = await freshOutbox();
  await outbox.add(setEntry(1, { session_id: null, session_client_id: LOCAL }));
  const result = await sync(outbox, fakeServer(), new FakeClock());
  assert.equal(result.refused, 1);
  const [left] = await outbox.all();
  assert.equal(left.state, "refused");
  assert.match(left.error, /not on this phone/);
});

test("a set of a session another sign-in started on this phone is put before the athlete", async () => {
  const { outbox } = await freshOutbox();
  await outbox.addSession({ client_id: LOCAL, date: "2026-12-01", user: "8" });
  await outbox.add(setEntry(1, { session_id: null, session_client_id: LOCAL }));
  const server = fakeServer();
  await sync(outbox, server, new FakeClock());
  assert.equal(server.requests.length, 0, "the other athlete's session is not sent");
  assert.equal((await outbox.all())[0].state, "refused");
});

test("a set waiting for its session to reach the server is not put before the athlete", async () => {
  const { outbox } = await freshOutbox();
  await outbox.addSession({ client_id: LOCAL, date: "2026-12-01", user: USER });
  await outbox.add(setEntry(1, { session_id: null, session_client_id: LOCAL }));
  const result = await sync(outbox, fakeServer(() => "network"), new FakeClock());
  assert.equal(result.stopped, "unreachable");
  assert.equal((await outbox.all())[0].state, "waiting");
});

test("a set fixed while the sender looked is not marked over the fix", async () => {
  const { outbox } = await freshOutbox();
  const kept = await outbox.add(setEntry(1, { session_id: null, session_client_id: null }));
  const all = outbox.all.bind(outbox);
  const snapshot = outbox.snapshot.bind(outbox);
  // The athlete taps Fix and logs it in session 11 just after the sender read the outbox.
  const fixAfter = async (read) => {
    const seen = await read();
    await outbox.update(kept.seq, { session_id: 11, state: "waiting", error: null });
    return seen;
  };
  outbox.all = () => fixAfter(all);
  outbox.snapshot = () => fixAfter(snapshot);
  await sync(outbox, fakeServer(() => "network"), new FakeClock());
  const [left] = await all();
  assert.deepEqual([left.state, left.session_id], ["waiting", 11]);
});

test("a refusal heard after another sender stored the session does not undo its id", async () => {
  const { outbox } = await freshOutbox();
  await outbox.addSession({ client_id: LOCAL, date: "2026-12-01", user: USER });
  await outbox.add(setEntry(1, { session_id: null, session_client_id: LOCAL }));
  const server = fakeServer();
  let answerLate;
  const late = new Promise((resolve) => { answerLate = resolve; });
  let first = true;
  // The first sender's session request hangs, then comes back refused (a proxy's 400, say).
  const fetch = (path, init) => {
    if (first && path === "/api/v1/sessions/") {
      first = false;
      return late;
    }
    return server.fetch(path, init);
  };
  const clock = new FakeClock();
  const hung = sync(outbox, { fetch }, clock, { owner: "tab" });
  await eventually(() => !first, "the first session request");
  const fresh = await sync(outbox, { fetch }, clock, { owner: "worker", steal: true });
  assert.equal(fresh.stored, 1);
  const id = server.stored.get(LOCAL).id;
  answerLate({ status: 400, headers: new Map(), json: async () => ({ date: ["Not a day."] }) });
  await hung;
  const session = await outbox.getSession(LOCAL);
  assert.deepEqual([session.id, session.error], [id, null], "the server has it: its id stays");
  await outbox.add(setEntry(2, { session_id: null, session_client_id: LOCAL }));
  const later = await sync(outbox, { fetch }, clock);
  assert.equal(later.stored, 1, "the session's later sets still go");
  assert.equal(server.requests.at(-1).body.session, id);
});
