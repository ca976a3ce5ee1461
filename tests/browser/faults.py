"""Seeded fault runs for the offline outbox: an athlete logs one set per round while the network
misbehaves, then the faults stop and every set must be on the server exactly once.

Faults (one per round, drawn from a seeded random generator; the first rounds deal every kind
once, in a seeded order, so that even a short run meets each of them):
    plain         nothing goes wrong
    lost-answer   the server stores the set, the answer never reaches the phone
    no-network    the request is refused before it reaches the server
    server-error  503
    portal        a Wi-Fi sign-in page answers 200 with HTML
    signed-out    401 (the next request goes through)
    slow          the server takes up to 1.5 s to answer
    hang          the request never answers (a half-open connection): only the timeout ends it
    offline       the phone is offline when the set is logged (and may reload the page)
    reload        the page reloads while the set's request hangs
    close         the tab is closed while the set's request hangs; a new one opens
    second-tab    a second tab on the same session logs the set (two senders, one outbox)

The faults apply to the context (pages and the service worker alike). `tests/browser/
test_offline_faults.py` runs a few dozen rounds; `make bench-offline` runs a thousand. `slowdown`
throttles Chromium's CPU that many times (Chrome's own emulation of a slow phone): the page's
own races get as wide as on a cheap phone or a loaded machine, where the duplicate was found.
"""

from __future__ import annotations

import contextlib
import random
import time
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.signals import request_started
from django.db.models.signals import post_save
from playwright.sync_api import BrowserContext, Error, Page, Route

from tracker.models import Set

FAULTS = {  # weight of each fault in a round
    "plain": 4, "lost-answer": 2, "no-network": 2, "server-error": 1, "portal": 1,
    "signed-out": 1, "slow": 2, "hang": 2, "offline": 2, "reload": 2, "close": 1,
    "second-tab": 1,
}  # fmt: skip
SETS_API = "**/api/v1/sets/"
IN_OUTBOX = """async (clientId) => {
    const { outbox } = await import("/static/js/offline/client.js");
    return (await outbox.all()).some((entry) => entry.client_id === clientId);
}"""
# Where a page that never got ready stands, and what the worker has kept for it.
WHERE = """async () => [
    location.href, document.readyState, document.documentElement.dataset.outbox,
    navigator.onLine, Boolean(navigator.serviceWorker?.controller),
    await Promise.all((await caches.keys()).map(async (name) =>
        [name, (await (await caches.open(name)).keys()).map((request) => request.url)])),
]"""
# What a stuck entry holds (not its set): enough to tell why no sender takes it.
STUCK = """async () => {
    const { outbox } = await import("/static/js/offline/client.js");
    const panel = document.getElementById("offline-queue");
    const page = {user: document.getElementById("offline-js")?.dataset.user,
                  session: panel?.dataset.session, url: location.pathname};
    return {page, sessions: await outbox.allSessions(), entries: (await outbox.all()).map((e) => ({
        kind: e.kind, seq: e.seq, id: e.client_id.slice(-4), user: e.user, state: e.state,
        session_id: e.session_id, session_client_id: e.session_client_id, path: e.path}))};
}"""
OUTBOX_STATES = """async () => {
    const { outbox } = await import("/static/js/offline/client.js");
    return (await outbox.all()).map((entry) => entry.state);
}"""


@dataclass
class Report:
    seed: int
    rounds: int
    logged: int = 0
    stored: int = 0
    lost: int = 0
    duplicated: int = 0
    stuck: int = 0
    refused: int = 0
    faults: Counter[str] = field(default_factory=Counter)
    slowdown: float = 0.0
    seconds: float = 0.0
    drain_seconds: float = 0.0
    missed: int = 0  # reload/close rounds whose request had not started when the tab went
    failed: str = ""  # the round the phone got stuck in, if it did
    notes: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"{self.rounds} rounds (seed {self.seed}) in {self.seconds:.0f} s: {self.logged} sets "
            f"logged, {self.stored} stored, {self.lost} lost, {self.duplicated} duplicated, "
            f"{self.stuck} stuck, {self.refused} refused, {self.missed} faults that missed"
        )


def _load_for(n: int) -> tuple[str, int]:
    """A load and reps no other round uses, so a set stored twice under two ids shows."""
    return str(Decimal(20) + Decimal(n % 400) / 2), 1 + n // 400


class FaultRun:
    """One athlete, one session, `rounds` sets logged under seeded faults."""

    def __init__(
        self,
        context: BrowserContext,
        base: str,
        session_pk: int,
        *,
        seed: int,
        timeout_s: float,
        slowdown: float = 0.0,
    ) -> None:
        self.context = context
        self.slowdown = slowdown
        self.url = f"{base}/sessions/{session_pk}/"
        self.api_session = f"{base}/api/v1/sessions/{session_pk}/"
        self.rng = random.Random(seed)
        self.deck = self.rng.sample(list(FAULTS), len(FAULTS))  # every kind once, first
        self.report = Report(seed=seed, rounds=0, slowdown=slowdown)
        self.timeout_s = timeout_s
        self.plan: dict[str, str] = {}  # client id -> what happens to its set's first request
        self.hung: dict[str, Route] = {}
        self.stored_ids: set[str] = set()  # the server answered 200/201 for these
        self.seen: list[tuple[str, str, str]] = []  # (client id end, fault, sender), for failures
        self.console: list[str] = []
        self.slow_next = 0.0
        self.logged: dict[str, tuple[str, int]] = {}  # client id -> (load, reps)
        # What happened, in order (taps, requests, rows stored, pages asked for): a failure
        # names the events of its sets.
        self.events: list[str] = []
        self.current = -1  # the round being played
        self.page = self._open()
        context.route(SETS_API, self._intercept)
        request_started.connect(self._slow_server, weak=False)
        request_started.connect(self._heard, weak=False)
        post_save.connect(self._stored, sender=Set, weak=False)

    # --- the network ------------------------------------------------------------------------

    def _intercept(self, route: Route) -> None:
        if route.request.method != "POST":
            route.continue_()
            return
        # The header, not the body: Playwright gives no body for the worker's requests.
        client_id = route.request.headers.get("x-client-id", "")
        # A round's fault strikes its own set's first request; retries go through.
        fault = self.plan.pop(client_id, "pass")
        sender = "worker" if route.request.service_worker else "page"
        self.seen.append((client_id[-4:], fault, sender))
        self.events.append(f"r{self.current} {sender} sends {client_id[-4:]}: {fault}")
        try:
            if fault == "hang":
                self.hung[client_id] = route  # never answered: the phone's timeout must end it
                return
            if fault == "no-network":
                route.abort("internetdisconnected")
                return
            if fault == "server-error":
                route.fulfill(status=503, body="")
                return
            if fault == "portal":
                route.fulfill(status=200, content_type="text/html", body="<h1>Wi-Fi sign-in</h1>")
                return
            if fault == "signed-out":
                route.fulfill(status=401, content_type="application/json", body="{}")
                return
            if fault == "lost-answer":
                if route.fetch(timeout=10000).status in (200, 201):  # the server stores it...
                    self.stored_ids.add(client_id)
                route.abort()  # ...and the phone never hears it
            else:
                route.continue_()  # not fetched here: a slow answer must not hold up the rest
        except Error:
            pass  # the phone gave up on the request (timeout, reload) before it was answered

    def _heard(self, sender: object, environ: dict, **kwargs: object) -> None:
        query = environ.get("QUERY_STRING", "")
        if environ["REQUEST_METHOD"] == "POST" or "logged=" in query:
            what = f"{environ['REQUEST_METHOD']} {environ['PATH_INFO']}?{query}".rstrip("?")
            self.events.append(f"r{self.current} server hears {what}")

    def _stored(self, sender: object, instance: Set, created: bool, **kwargs: object) -> None:
        if created:
            row = f"{str(instance.client_id)[-4:]} {instance.load_kg} x {instance.reps}"
            self.events.append(f"r{self.current} server stores {row}")

    def _slow_server(self, sender: object, environ: dict, **kwargs: object) -> None:
        if environ["PATH_INFO"] == "/api/v1/sets/" and self.slow_next:
            pause, self.slow_next = self.slow_next, 0.0
            time.sleep(pause)  # in the live server's thread: the phone waits for its answer

    # --- the phone ----------------------------------------------------------------------------

    def _open(self, url: str | None = None) -> Page:
        page = self.context.new_page()
        page.on("console", lambda m: self.console.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.console.append(str(e)))
        page.on("requestfailed", lambda r: self.console.append(f"{r.url}: {r.failure}"))
        if self.slowdown:
            cdp = self.context.new_cdp_session(page)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": self.slowdown})
        page.goto(url or self.url)
        page.wait_for_selector("html[data-outbox=ready]", state="attached", timeout=20000)
        return page

    def _ready(self, page: Page) -> None:
        try:
            page.wait_for_selector("html[data-outbox=ready]", state="attached", timeout=20000)
        except Error as error:
            try:
                where = page.evaluate(WHERE)
            except Error as inner:
                where = str(inner)[:100]
            raise AssertionError(
                f"page not ready: {where}; requests {self.seen[-10:]}; console {self.console[-8:]}"
            ) from error

    def _reload(self, page: Page) -> None:
        # The page may be on its way to its next showing already (after a send).
        with contextlib.suppress(Error):
            page.reload()
        self._ready(page)

    @staticmethod
    def _ask(page: Page, script: str, arg: object = None) -> object:
        """The answer of an async `script` in the page, given up after 10 s (page.evaluate has
        no timeout: a page whose next showing never comes would hold the run forever)."""
        asking = f"async (arg) => ({{ answer: await ({script})(arg) }})"
        return page.wait_for_function(asking, arg=arg, timeout=10000).json_value()["answer"]

    def _evaluate(self, page: Page, script: str, arg: object = None) -> object:
        """The page's answer, surviving the page reloading itself after a send."""
        for _ in range(100):
            try:
                self._ready(page)
                return self._ask(page, script, arg)
            except Error:
                page.wait_for_timeout(100)
        raise AssertionError("the page never settled")

    def _log(self, page: Page, n: int, fault: str = "pass", *, in_flight: bool = False) -> str:
        """Log round n's set with `fault` planned for its first request; returns its client id
        once the phone has kept it (or sent it). `in_flight`: also wait until its request hangs.
        """
        load, reps = _load_for(n)
        for _ in range(5):
            self._ready(page)
            try:
                page.locator('input[name="load"]').fill(load)
                page.locator('input[name="reps"]').fill(str(reps))
                # A page's script gives its form a fresh client id when it starts: read the id
                # once it has (fill waits for a page on its way, not for its script).
                self._ready(page)
                client_id = page.locator('form.set-form input[name="client_id"]').input_value()
                self.plan[client_id] = fault
                self.events.append(f"r{n} taps {client_id[-4:]}: {load} x {reps}")
                page.locator("form.set-form button[type=submit]").click()
            except Error:
                continue  # tapped while the page redrew itself after a send: tap again
            if not self._acknowledged(page, client_id):
                self.events.append(f"r{n} sees no {client_id[-4:]}: taps again")
                continue  # the tap landed on a page on its way out: the athlete taps again
            self.logged[client_id] = (load, reps)
            if in_flight:
                deadline = time.monotonic() + 40
                while client_id not in self.hung and time.monotonic() < deadline:
                    page.wait_for_timeout(50)
                if client_id not in self.hung:
                    # The set is kept; only the fault missed its moment (its request had not
                    # left 40 s later, behind the sets before it). Counted, not fatal.
                    self.report.missed += 1
                    self.report.notes.append(f"round {n}: {self._state(page)}"[:2000])
            return client_id
        raise AssertionError(f"round {n}: the phone never kept the set")

    def _on_server(self) -> set[str]:
        """The session's sets as the server lists them, asked over HTTP (the test's own thread
        must not read SQLite's shared in-memory test database while the server writes it)."""
        answer = self.context.request.get(self.api_session)
        return {str(s["client_id"]) for s in answer.json()["sets"]} if answer.ok else set()

    def _state(self, page: Page) -> str:
        state = self._evaluate(
            page,
            """async () => {
                const { outbox, loop } = await import("/static/js/offline/client.js");
                const left = (await outbox.all()).map((e) => e.client_id.slice(-4));
                return {status: await outbox.getMeta("status"), now: Date.now(), left,
                        lease: await outbox.getMeta("lease"), running: loop.running(),
                        scheduled: loop.scheduled()};
            }""",
        )
        return f"requests {self.seen[-10:]}, phone {state}, console {self.console[-5:]}"

    def _acknowledged(self, page: Page, client_id: str) -> bool:
        """The phone kept the set (in the outbox) or the server has it: the athlete saw it."""
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            try:
                if self._ask(page, IN_OUTBOX, client_id):
                    return True
            except Error:
                pass  # reloading after a send: ask again
            if client_id in self.stored_ids:
                return True
            page.wait_for_timeout(100)
        # Last, the server itself (rarely needed: a set sent and gone from the outbox before
        # it was looked for, by a request this run did not see).
        return client_id in self._on_server()

    # --- rounds ---------------------------------------------------------------------------------

    def round(self, n: int) -> None:
        if self.deck:
            fault = self.deck.pop()
        else:
            fault = self.rng.choices(list(FAULTS), weights=list(FAULTS.values()))[0]
        self.current = n
        self.events.append(f"r{n} {fault}")
        self.report.faults[fault] += 1
        page = self.page
        if fault in {"lost-answer", "no-network", "server-error", "portal", "signed-out", "hang"}:
            self._log(page, n, fault)
        elif fault == "slow":
            self.slow_next = self.rng.uniform(0.1, 1.5)
            self._log(page, n)
        elif fault == "offline":
            self.context.set_offline(True)
            self._log(page, n)
            if self.rng.random() < 0.5:
                self._reload(page)
            self.context.set_offline(False)
        elif fault in {"reload", "close"}:
            self._log(page, n, "hang", in_flight=True)
            if fault == "reload":
                self._reload(page)  # while the set's request is on its way
            else:
                page.close()
                self.page = self._open()
        elif fault == "second-tab":
            other = self._open()
            self._log(other, n)
            if self.rng.random() < 0.5:
                other.close()
            else:
                self.page.close()
                self.page = other
        else:
            self._log(page, n)
        self.report.rounds += 1

    def run(self, rounds: int, *, budget_s: float) -> Report:
        started = time.monotonic()
        for n in range(rounds):
            if time.monotonic() - started > budget_s:
                break  # stops by itself: the rounds done so far are the figures
            try:
                self.round(n)
            except AssertionError as error:
                # The phone got stuck (a page never ready, a set never kept): the figures so
                # far and what led to it are the report, not a bare traceback.
                self.report.failed = f"round {n}: {error}"[:3000]
                self.report.notes.append(f"round {n}'s events: {self.events[-60:]}")
                break
        self.report.seconds = time.monotonic() - started
        self._drain()
        self._count()
        request_started.disconnect(self._heard)
        post_save.disconnect(self._stored, sender=Set)
        return self.report

    def _drain(self) -> None:
        """The faults stop; a fresh page (or the one open) sends what is left."""
        started = time.monotonic()
        self.plan.clear()
        self.slow_next = 0.0
        self.context.unroute(SETS_API)
        request_started.disconnect(self._slow_server)
        self.context.set_offline(False)
        for page in self.context.pages:
            page.close()
        page = self._open()
        # The phone's own retries (at most a minute apart) must finish the job; a stuck entry
        # is one still there after three of the longest waits.
        deadline = time.monotonic() + 3 * 60 + 3 * self.timeout_s
        states = self._states(page)
        while "waiting" in states and time.monotonic() < deadline:
            page.wait_for_timeout(250)
            states = self._states(page)
        self.report.stuck = states.count("waiting")
        if self.report.stuck:
            self.report.notes.append(f"stuck: {self._evaluate(page, STUCK)}"[:3000])
        self.report.refused = states.count("refused")
        self.page = page
        self.report.drain_seconds = time.monotonic() - started

    def _states(self, page: Page) -> list[str]:
        return list(self._evaluate(page, OUTBOX_STATES))  # type: ignore[call-overload]

    def _count(self) -> None:
        stored = list(Set.objects.values_list("client_id", "load_kg", "reps"))
        ids = Counter(str(client_id) for client_id, _, _ in stored)
        pairs = Counter((load, reps) for _, load, reps in stored)
        self.report.logged = len(self.logged)
        self.report.stored = len(stored)
        self.report.lost = sum(1 for client_id in self.logged if ids[client_id] == 0)
        # The same set twice: one id stored twice, or one set stored under two ids.
        self.report.duplicated = sum(n - 1 for n in ids.values() if n > 1) + sum(
            n - 1 for n in pairs.values() if n > 1
        )
        # Each duplicate with what happened to its rows' ids and its load, in order.
        for (load, reps), n in pairs.items():
            if n > 1:
                marks = [str(c)[-4:] for c, lo, r in stored if (lo, r) == (load, reps)]
                marks.append(f"{load.normalize():f} x {reps}")
                story = [e for e in self.events if any(mark in e for mark in marks)]
                self.report.notes.append(f"duplicated {load} x {reps}: {story}")
