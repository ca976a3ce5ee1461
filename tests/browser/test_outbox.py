"""The outbox against the faults outside the old mix: a request that never answers, a reload or a
closed tab while a set travels, the worker sending with no tab open, signing out, and the
end-of-session check kept on the phone. Each state of the panel is photographed at 390x844."""

import re
import threading
import time
import urllib.parse

import pytest
from django.core.signals import request_started
from django.utils import timezone
from playwright.sync_api import BrowserContext, Page, Route, expect

from tests.browser.phone import check_page, signed_in
from tests.factories import PASSWORD, TrainingSessionFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)
QUEUE = "#offline-queue"
SETS_API = "**/api/v1/sets/"


@pytest.fixture
def athlete(live_server, context: BrowserContext):
    user = UserFactory(username="weaksignal")
    signed_in(context, live_server.url, user)
    return user


@pytest.fixture
def session(athlete):
    return TrainingSessionFactory(athlete=athlete, date=timezone.localdate())


def open_ready(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("html[data-offline-ready]", state="attached", timeout=15000)
    page.wait_for_selector("html[data-outbox=ready]", state="attached")


def server_sets(context: BrowserContext, base: str, session_pk: int) -> list[dict]:
    """The session's sets as the server lists them (over HTTP: the test thread must not read
    SQLite's shared in-memory test database while the live server writes to it)."""
    answer = context.request.get(f"{base}/api/v1/sessions/{session_pk}/")
    assert answer.ok
    return answer.json()["sets"]


def wait_for(page: Page, check, seconds: float = 15) -> None:
    """Poll `check` while Playwright runs (route handlers and events need its loop turning)."""
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "timed out"
        page.wait_for_timeout(100)


def log_set(page: Page, load: str) -> None:
    page.get_by_label(re.compile(r"^Load \(kg\)$")).fill(load)
    page.get_by_role("button", name="Log set").click()


class Hang:
    """Requests to the sets API that never answer (a half-open connection), pages and worker."""

    def __init__(self, context: BrowserContext) -> None:
        self.routes: list[Route] = []
        self.hanging = True
        context.route(SETS_API, self.meet)

    def meet(self, route: Route) -> None:
        if self.hanging:
            self.routes.append(route)
        else:
            route.continue_()

    def release(self) -> None:
        # New requests go through; the hung ones stay hung (unrouting would send them on).
        self.hanging = False


def test_a_request_that_never_answers_is_abandoned_by_send_now(
    live_server, session, context: BrowserContext, page: Page, settings
):
    """Send now does not wait for the timeout (here a minute, so nothing else ends the hang)."""
    settings.OFFLINE_SEND_TIMEOUT_SECONDS = 60
    settings.OFFLINE_ANSWER_WAIT_SECONDS = 3  # production's: the form gives up waiting first
    open_ready(page, f"{live_server.url}/sessions/{session.pk}/")
    hang = Hang(context)
    log_set(page, "60")
    wait_for(page, lambda: hang.routes)
    expect(page.locator(QUEUE)).to_have_attribute("data-state", "sending")
    expect(page.locator(f"{QUEUE} #queue-status")).to_have_text("Sending 1 set…")
    expect(page.locator(".action-bar .message")).to_contain_text("Kept on this phone: 60 kg × 10.")
    check_page(page, "outbox-sending")

    hang.release()
    started = time.monotonic()
    page.get_by_role("button", name="Send now").click()
    expect(page.locator(".action-bar .message")).to_contain_text("Set 1 logged: 60 kg × 10.")
    assert time.monotonic() - started < 10, "Send now waited for the hung request"
    expect(page.locator(QUEUE)).to_be_hidden()
    assert [s["load_kg"] for s in server_sets(context, live_server.url, session.pk)] == [60]


def test_a_request_that_never_answers_times_out_says_so_and_is_retried(
    live_server, session, context: BrowserContext, page: Page, settings
):
    settings.OFFLINE_SEND_TIMEOUT_SECONDS = 2
    open_ready(page, f"{live_server.url}/sessions/{session.pk}/")
    hang = Hang(context)
    log_set(page, "70")
    status = page.locator(f"{QUEUE} #queue-status")
    expect(status).to_contain_text("1 set waiting to sync (the server did not answer in time")
    expect(status).to_contain_text("Next try in")
    expect(page.locator(QUEUE)).to_have_attribute("data-state", "no-signal")
    check_page(page, "outbox-no-answer")

    hang.release()  # the next try, on its own, gets through
    expect(page.locator(".action-bar .message")).to_contain_text(
        "Set 1 logged: 70 kg × 10.", timeout=20000
    )
    assert [s["load_kg"] for s in server_sets(context, live_server.url, session.pk)] == [70]


def test_no_signal_is_said_as_such(live_server, session, context: BrowserContext, page: Page):
    open_ready(page, f"{live_server.url}/sessions/{session.pk}/")
    context.set_offline(True)
    log_set(page, "65")
    expect(page.locator(f"{QUEUE} #queue-status")).to_have_text(
        "1 set waiting to sync (no signal)."
    )
    expect(page.locator(QUEUE)).to_have_attribute("data-state", "no-signal")
    check_page(page, "outbox-no-signal")
    context.set_offline(False)
    expect(page.locator(QUEUE)).to_be_hidden(timeout=15000)


def test_a_reload_while_the_set_travels_loses_nothing(
    live_server, session, context: BrowserContext, page: Page
):
    """Before: the set was written to the phone only after its post failed, so a reload while
    the post travelled lost it."""
    open_ready(page, f"{live_server.url}/sessions/{session.pk}/")
    hang = Hang(context)
    log_set(page, "80")
    wait_for(page, lambda: hang.routes)  # the set is on its way and no answer will come
    page.reload()
    expect(page.locator(f"{QUEUE} li.pending")).to_contain_text("80 kg × 10")

    hang.release()
    page.get_by_role("button", name="Send now").click()
    expect(page.locator(QUEUE)).to_be_hidden(timeout=15000)
    assert [s["load_kg"] for s in server_sets(context, live_server.url, session.pk)] == [80]


# The test's witness in every page: the load field as the page on the screen has it, told every
# 100 ms (Playwright's own evaluate waits for a page on its way; a thumb does not).
WITNESS = """setInterval(() => {
  const field = document.querySelector("input[name=load]");
  if (!field) return;
  const { x, y, width, height } = field.getBoundingClientRect();
  const told = { value: field.value, disabled: field.disabled, x, y, width, height };
  fetch(`/witness/?${new URLSearchParams(told)}`).catch(() => {});
}, 100);"""


class Witness:
    def __init__(self, page: Page) -> None:
        self.told: list[dict[str, str]] = []
        page.add_init_script(WITNESS)
        page.route("**/witness/?*", self.hear)

    def hear(self, route: Route) -> None:
        query = route.request.url.split("?", 1)[1]
        self.told.append(dict(urllib.parse.parse_qsl(query)))
        route.fulfill(status=204)

    def next(self, page: Page) -> dict[str, str]:
        """What the field holds from now on (a report sent before this call does not count)."""
        seen = len(self.told) + 1
        wait_for(page, lambda: len(self.told) > seen)
        return self.told[-1]


class HeldCopy:
    """The server keeps its copy of the session page (asked for with ?logged=) until released."""

    def __init__(self) -> None:
        self.asked = threading.Event()
        self.go = threading.Event()
        request_started.connect(self.hold, weak=False)

    def hold(self, sender: object, environ: dict, **kwargs: object) -> None:
        if "logged=" in environ.get("QUERY_STRING", ""):
            self.asked.set()
            self.go.wait(30)  # in the live server's thread

    def release(self) -> None:
        self.go.set()
        request_started.disconnect(self.hold)


# No worker here: it would answer a slow page with its kept copy after 4 s; the server's copy of
# the page comes only when the test lets it.
@pytest.mark.browser_context_args(service_workers="block")
def test_a_page_on_its_way_to_the_servers_copy_takes_no_typing(
    live_server, session, context: BrowserContext, page: Page
):
    """The duplicated set of the fault runs: when a set kept on the phone reached the server,
    the page went for the server's copy of itself; until that copy came, the old form still took
    typing, lost with it, and the next tap landed on the copy, whose form holds the set just sent
    (the server's "same as last") under a new client id: that set a second time."""
    witness = Witness(page)
    page.goto(f"{live_server.url}/sessions/{session.pk}/")
    page.wait_for_selector("html[data-outbox=ready]", state="attached")
    context.set_offline(True)
    log_set(page, "60")
    page.get_by_label(re.compile(r"^Load \(kg\)$")).scroll_into_view_if_needed()
    copy = HeldCopy()
    try:
        context.set_offline(False)  # the set is sent; the page asks for the server's copy
        wait_for(page, copy.asked.is_set)
        field = witness.next(page)
        x = float(field["x"]) + float(field["width"]) / 2
        y = float(field["y"]) + float(field["height"]) / 2
        page.mouse.click(x, y)  # a thumb on the load field of the page still on the screen
        page.keyboard.press("Control+A")
        page.keyboard.type("70")
        assert witness.next(page)["value"] == "60"  # refused, rather than taken and lost
    finally:
        copy.release()
    expect(page.locator(".action-bar .message")).to_contain_text("Set 1 logged: 60 kg × 10.")
    page.wait_for_selector("html[data-outbox=ready]", state="attached")
    log_set(page, "70")  # typed again on the server's copy
    expect(page.locator(".action-bar .message")).to_contain_text("Set 2 logged: 70 kg × 10.")
    assert [s["load_kg"] for s in server_sets(context, live_server.url, session.pk)] == [60, 70]


def test_a_set_syncing_while_the_next_is_typed_leaves_the_page_alone(
    live_server, session, context: BrowserContext, page: Page
):
    open_ready(page, f"{live_server.url}/sessions/{session.pk}/")
    context.set_offline(True)
    log_set(page, "60")
    page.get_by_label(re.compile(r"^Load \(kg\)$")).fill("70")  # the next set, not yet logged
    context.set_offline(False)
    expect(page.locator(f"{QUEUE} li[data-state=saved]")).to_contain_text("60 kg × 10")
    expect(page.get_by_label(re.compile(r"^Load \(kg\)$"))).to_have_value("70")
    page.get_by_role("button", name="Log set").click()
    wait_for(page, lambda: len(server_sets(context, live_server.url, session.pk)) == 2)
    assert [s["load_kg"] for s in server_sets(context, live_server.url, session.pk)] == [60, 70]


def test_the_worker_sends_the_outbox_with_no_tab_open(
    live_server, session, context: BrowserContext, page: Page
):
    """Background Sync: the tab is closed before its set could be sent; the worker sends it."""
    open_ready(page, f"{live_server.url}/sessions/{session.pk}/")
    refused: list[str] = []

    def no_network(route: Route) -> None:
        refused.append(route.request.url)
        route.abort("internetdisconnected")

    context.route(SETS_API, no_network)  # the page's try and the worker's first both fail
    log_set(page, "90")
    wait_for(page, lambda: refused)
    page.close()
    elsewhere = context.new_page()  # not a Thrustlog page: nothing of ours runs in a tab
    context.unroute(SETS_API)
    cdp = context.new_cdp_session(elsewhere)
    registrations: list[dict] = []
    cdp.on(
        "ServiceWorker.workerRegistrationUpdated",
        lambda e: registrations.extend(e["registrations"]),
    )
    cdp.send("ServiceWorker.enable")
    wait_for(elsewhere, lambda: registrations)
    assert [p.url for p in context.pages] == ["about:blank"]

    cdp.send(
        "ServiceWorker.dispatchSyncEvent",
        {
            "origin": live_server.url,
            "registrationId": registrations[0]["registrationId"],
            "tag": "thrustlog-sync",
            "lastChance": False,
        },
    )
    # (If the closed tab held the lease mid-send, it runs out after the timeout plus 5 s.)
    wait_for(elsewhere, lambda: server_sets(context, live_server.url, session.pk), seconds=30)
    assert [s["load_kg"] for s in server_sets(context, live_server.url, session.pk)] == [90]


def test_signed_out_the_sets_wait_and_go_after_signing_in_again(
    live_server, athlete, session, context: BrowserContext, page: Page
):
    url = f"{live_server.url}/sessions/{session.pk}/"
    open_ready(page, url)
    context.set_offline(True)
    log_set(page, "100")
    context.clear_cookies()  # the sign-in ended (expired, or signed out in another tab)
    context.set_offline(False)
    status = page.locator(f"{QUEUE} #queue-status")
    expect(status).to_have_text(
        "Signed out: 1 set waits on this phone. Sign in again to send them.", timeout=15000
    )
    expect(page.locator(QUEUE)).to_have_attribute("data-state", "signed-out")
    check_page(page, "outbox-signed-out")

    page.get_by_role("link", name="Sign in again").click()
    page.get_by_label("Username").fill(athlete.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(rf"/sessions/{session.pk}/"))  # back where the athlete was
    expect(page.locator(".action-bar .message")).to_contain_text(
        "Set 1 logged: 100 kg × 10.", timeout=15000
    )
    assert [s["load_kg"] for s in server_sets(context, live_server.url, session.pk)] == [100]


def test_the_end_of_session_check_is_kept_on_the_phone_then_sent(
    live_server, session, context: BrowserContext, page: Page
):
    open_ready(page, f"{live_server.url}/sessions/{session.pk}/finish/")
    context.set_offline(True)
    page.get_by_role("textbox", name="Notes (optional)").fill("Bar pad helped.")
    page.get_by_role("button", name="Save and finish").click()
    expect(page.locator(f"{QUEUE} #queue-status")).to_contain_text(
        "1 check-in waiting to sync (no signal)."
    )
    expect(page.locator(f"{QUEUE} li.pending")).to_contain_text("The end-of-session check")

    context.set_offline(False)
    page.wait_for_url(re.compile(rf"/sessions/{session.pk}/#summary"), timeout=15000)
    stored = context.request.get(f"{live_server.url}/api/v1/sessions/{session.pk}/").json()
    assert stored["notes"] == "Bar pad helped."
    assert stored["finished_at"]


def test_a_refused_check_shows_the_servers_own_form_errors(
    live_server, session, context: BrowserContext, page: Page
):
    open_ready(page, f"{live_server.url}/sessions/{session.pk}/finish/")
    page.get_by_label("Date").fill("1800-01-01")
    page.get_by_role("button", name="Save and finish").click()
    expect(page.locator(".error-summary")).to_be_visible()
    kept = page.evaluate(
        """async () => (await import("/static/js/offline/client.js")).outbox.all()"""
    )
    assert kept == []
