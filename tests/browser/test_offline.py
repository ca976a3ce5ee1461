"""No signal in the gym: sets logged offline are kept on the phone (IndexedDB), shown as waiting,
survive a reload (the service worker serves the page) and reach the server exactly once."""

import re
from collections.abc import Iterator
from decimal import Decimal

import pytest
from django.core.signals import request_started
from django.utils import timezone
from playwright.sync_api import BrowserContext, Page, Route, expect

from tests.browser.phone import check_page, signed_in
from tests.factories import TrainingSessionFactory, UserFactory
from tracker.models import PainReport, Set, TrainingSession
from tracker.units import to_kg

pytestmark = pytest.mark.django_db(transaction=True)
QUEUE = "#offline-queue"


@pytest.fixture(autouse=True)
def _offline_routes(settings):
    settings.ROOT_URLCONF = "tests.offline.urls"


@pytest.fixture
def server_paths() -> Iterator[list[str]]:
    """Every path the live server was asked for: offline means none."""
    paths: list[str] = []

    def record(sender, environ, **kwargs):
        paths.append(environ["PATH_INFO"])

    request_started.connect(record, weak=False)
    yield paths
    request_started.disconnect(record)


@pytest.fixture
def athlete(live_server, context: BrowserContext):
    """A signed-in athlete on the phone."""
    user = UserFactory(username="basement")
    signed_in(context, live_server.url, user)
    return user


@pytest.fixture
def session(athlete) -> TrainingSession:
    return TrainingSessionFactory(athlete=athlete, date=timezone.localdate())


def open_ready(page: Page, url: str) -> None:
    """Open a page and wait until the service worker has kept what the log needs."""
    page.goto(url)
    page.wait_for_selector("html[data-offline-ready]", state="attached", timeout=15000)


def queue_status(page: Page):
    return page.locator(f"{QUEUE} #queue-status")


def log_set(page: Page, *, load: str | None = None) -> None:
    if load is not None:
        page.get_by_label(re.compile(r"^Load \(kg\)$")).fill(load)
    page.get_by_role("button", name="Log set").click()


def choose(page: Page, group: str, option: str) -> None:
    page.get_by_role("group", name=group).get_by_role("radio", name=option, exact=True).tap()


def hurt(page: Page, region: str, score: str, kind: str | None = None) -> None:
    details = page.locator("details.pain")
    if details.get_attribute("open") is None:
        page.get_by_text("Did anything hurt?").click()
    page.get_by_role("checkbox", name=region, exact=True).tap()
    choose(page, f"{region}: how much", score)
    if kind:
        choose(page, f"{region}: what kind", kind)


def test_three_sets_logged_offline_wait_survive_a_reload_and_arrive_once(
    live_server, session, context: BrowserContext, page: Page, server_paths, console_errors
):
    url = f"{live_server.url}/sessions/{session.pk}/"
    open_ready(page, url)
    context.set_offline(True)
    server_paths.clear()

    log_set(page, load="60")
    expect(queue_status(page)).to_contain_text("1 set waiting to sync")
    page.get_by_role("button", name="Load (kg): more").tap()
    log_set(page)
    hurt(page, "Hip bone (where the bar sits)", "5", "Bruise")
    hurt(page, "Lower back", "3")
    log_set(page)
    expect(queue_status(page)).to_contain_text("3 sets waiting to sync")
    rows = page.locator(f"{QUEUE} li.pending")
    expect(rows).to_have_count(3)
    expect(rows.nth(2)).to_contain_text("62.5 kg × 10")
    expect(rows.nth(2)).to_contain_text("Waiting to sync")
    expect(rows.nth(2)).to_contain_text("Hip bone (where the bar sits) 5/10")
    check_page(page, "offline-three-waiting")
    assert Set.objects.count() == 0

    response = page.reload()  # still no signal: the worker's copy of the page
    assert response is not None
    assert response.from_service_worker
    expect(queue_status(page)).to_contain_text("3 sets waiting to sync")
    expect(page.locator(f"{QUEUE} li.pending")).to_have_count(3)
    assert server_paths == [], "offline, yet the server was asked"
    assert Set.objects.count() == 0

    context.set_offline(False)  # the 'online' event sends the queue
    expect(page.locator(QUEUE)).to_be_hidden(timeout=15000)
    sets = list(Set.objects.filter(session=session).order_by("position"))
    assert [(s.load_kg, s.reps) for s in sets] == [
        (Decimal("60"), 10), (Decimal("62.5"), 10), (Decimal("62.5"), 10)
    ]  # fmt: skip
    assert len({s.client_id for s in sets}) == 3
    pain = PainReport.objects.filter(set=sets[2], timing="during").order_by("region")
    assert [(p.region, p.score, p.character) for p in pain] == [
        ("hip_bone", 5, "bruise"), ("lower_back", 3, "")
    ]  # fmt: skip

    page.reload()  # and once more online: the server's rows, nothing waiting, nothing doubled
    expect(page.locator("ol.sets > li.set:not(.pending)")).to_have_count(3)
    expect(page.locator(QUEUE)).to_be_hidden()
    assert Set.objects.count() == 3
    assert console_errors == []


def test_a_set_logged_after_an_offline_reload_is_a_new_set(
    live_server, session, context: BrowserContext, page: Page
):
    """The kept copy of the page carries an old client id: it must not swallow the next set."""
    open_ready(page, f"{live_server.url}/sessions/{session.pk}/")
    context.set_offline(True)
    for count, load in enumerate(["90", "95", "100"], start=1):
        page.reload()
        log_set(page, load=load)
        expect(queue_status(page)).to_contain_text(f"{count} set{'s' if count > 1 else ''} waiting")
    context.set_offline(False)
    expect(page.locator(QUEUE)).to_be_hidden(timeout=15000)
    loads = Set.objects.order_by("position").values_list("load_kg", flat=True)
    assert list(loads) == [Decimal("90"), Decimal("95"), Decimal("100")]


def test_a_lost_answer_is_retried_and_the_set_exists_once(live_server, session, page: Page):
    open_ready(page, f"{live_server.url}/sessions/{session.pk}/")
    lost: list[str] = []

    def store_then_drop(route: Route) -> None:
        route.fetch()  # the server stores the set...
        lost.append(route.request.url)
        route.abort()  # ...and the answer never reaches the phone

    # The set goes to the outbox first; its first two sends (by the page or by the worker,
    # which Background Sync wakes at once) lose their answers.
    page.context.route("**/api/v1/sets/", store_then_drop, times=2)
    log_set(page, load="80")
    expect(queue_status(page)).to_contain_text("1 set waiting to sync")
    for _ in range(100):  # the first try, then the first retry after about 2 s
        if len(lost) == 2:
            break
        page.wait_for_timeout(100)
    assert len(lost) == 2
    expect(queue_status(page)).to_contain_text("1 set waiting to sync")
    assert Set.objects.count() == 1  # stored by the first send

    page.get_by_role("button", name="Send now").click()  # the retry gets its answer
    expect(page.locator(QUEUE)).to_be_hidden(timeout=10000)
    assert Set.objects.count() == 1
    assert Set.objects.get().load_kg == Decimal("80")


def test_a_refused_set_keeps_its_message_and_blocks_nothing_else(
    live_server, session, context: BrowserContext, page: Page
):
    open_ready(page, f"{live_server.url}/sessions/{session.pk}/")
    context.set_offline(True)
    log_set(page, load="70")
    log_set(page, load="72.5")
    log_set(page, load="75")
    expect(queue_status(page)).to_contain_text("3 sets waiting to sync")
    # The first and the last were changed on the phone into sets the server must refuse.
    page.evaluate(
        """async () => {
            const { outbox } = await import("/static/js/offline/client.js");
            const [first, , last] = (await outbox.all()).sort((a, b) => a.seq - b.seq);
            await outbox.put({...first, payload: {...first.payload, reps: 0}});
            await outbox.put({...last, payload: {...last.payload, padding: "pillow"}});
        }"""
    )
    context.set_offline(False)
    expect(queue_status(page)).to_contain_text("2 sets not saved: fix or discard.")
    assert list(Set.objects.values_list("load_kg", flat=True)) == [Decimal("72.5")]
    refused = page.locator(f"{QUEUE} li[data-state=refused]")
    expect(refused).to_have_count(2)
    expect(refused.first).to_contain_text("Reps: Ensure this value is greater than or equal to 1.")
    expect(refused.last).to_contain_text("Bar padding")
    check_page(page, "offline-refused")

    page.reload()  # nothing is dropped by a reload either
    expect(refused).to_have_count(2)

    refused.first.get_by_role("button", name=re.compile("^Fix")).click()
    expect(page.get_by_label("Reps", exact=True)).to_have_value("0")
    page.get_by_label("Reps", exact=True).fill("6")
    log_set(page)
    expect(queue_status(page)).to_have_text("1 set not saved: fix or discard.")
    expect(refused).to_have_count(1)
    assert sorted(Set.objects.values_list("reps", flat=True)) == [6, 10]

    discard = refused.first.get_by_role("button", name="Discard")
    discard.click()
    expect(refused).to_have_count(1)  # one tap could be a slip: it asks again
    refused.first.get_by_role("button", name="Tap again to discard").click()
    expect(page.locator(QUEUE)).to_be_hidden()
    assert Set.objects.count() == 2


def test_a_session_started_offline_is_created_first_and_its_sets_follow(
    live_server, athlete, context: BrowserContext, page: Page
):
    open_ready(page, f"{live_server.url}/")
    context.set_offline(True)
    page.get_by_role("button", name="Start today's session").click()
    page.wait_for_url(re.compile(r"/offline/session/\?local="))
    log_set(page, load="40")
    hurt(page, "Knee", "2")
    log_set(page, load="45")
    expect(queue_status(page)).to_contain_text("2 sets waiting to sync")
    expect(page.get_by_role("link", name="Finish session")).to_be_hidden()
    assert TrainingSession.objects.count() == 0

    context.set_offline(False)
    expect(page.locator(QUEUE)).to_be_hidden(timeout=15000)
    started = TrainingSession.objects.get()
    assert started.date == timezone.localdate()
    assert started.client_id is not None
    assert list(started.sets.order_by("position").values_list("load_kg", flat=True)) == [
        Decimal("40"), Decimal("45")
    ]  # fmt: skip
    assert started.pain_reports.get().region == "knee"

    page.reload()  # the phone now knows the server's id: the real session page
    page.wait_for_url(re.compile(rf"/sessions/{started.pk}/"))
    expect(page.locator("ol.sets > li.set:not(.pending)")).to_have_count(2)


def test_a_start_whose_post_gets_no_answer_starts_the_session_on_the_phone(
    live_server, athlete, context: BrowserContext, page: Page
):
    """The phone believes it is online, but the post is lost: the service worker steps in."""
    open_ready(page, f"{live_server.url}/")
    context.set_offline(True)
    page.evaluate("Object.defineProperty(Navigator.prototype, 'onLine', {get: () => true})")
    client_id = page.locator('input[name="client_id"]').input_value()
    page.get_by_role("button", name="Start today's session").click()
    page.wait_for_url(re.compile(rf"/offline/session/\?local={client_id}$"))
    log_set(page, load="40")
    expect(queue_status(page)).to_contain_text("1 set waiting to sync")

    context.set_offline(False)
    page.get_by_role("button", name="Send now").click()
    expect(page.locator(QUEUE)).to_be_hidden(timeout=15000)
    started = TrainingSession.objects.get()
    assert str(started.client_id) == client_id
    assert started.sets.get().load_kg == Decimal("40")


def test_a_first_visit_without_signal_gets_its_offline_copies_when_the_signal_returns(
    live_server, session, context: BrowserContext, page: Page
):
    """Before, the copies were asked for only as a page opened: with no signal then, a reload
    offline found no scripts, and a set logged there went nowhere."""
    worker: list[Route] = []
    context.route("**/sw.js", lambda route: worker.append(route))
    page.goto(f"{live_server.url}/sessions/{session.pk}/")
    page.wait_for_selector("html[data-outbox=ready]", state="attached")
    for _ in range(100):
        if worker:
            break
        page.wait_for_timeout(100)
    worker[0].abort("internetdisconnected")  # the signal went as the page opened
    context.unroute("**/sw.js")
    context.set_offline(True)
    context.set_offline(False)  # back
    page.wait_for_selector("html[data-offline-ready]", state="attached", timeout=15000)

    context.set_offline(True)
    page.reload()
    log_set(page, load="75")
    expect(queue_status(page)).to_contain_text("1 set waiting to sync")


def test_the_app_is_installable(live_server, athlete, page: Page):
    open_ready(page, f"{live_server.url}/")
    worker = page.evaluate(
        """async () => {
            const registration = await navigator.serviceWorker.ready;
            return {scope: registration.scope, script: registration.active.scriptURL,
                    controlled: Boolean(navigator.serviceWorker.controller)};
        }"""
    )
    assert worker["scope"] == f"{live_server.url}/"
    assert worker["script"] == f"{live_server.url}/sw.js"
    manifest = page.evaluate(
        """async () => {
            const link = document.querySelector('link[rel="manifest"]');
            const manifest = await (await fetch(link.href)).json();
            const icons = [];
            for (const icon of manifest.icons) {
                const answer = await fetch(icon.src);
                const type = answer.headers.get("content-type");
                icons.push({...icon, status: answer.status, type});
            }
            return {...manifest, icons};
        }"""
    )
    assert manifest["display"] == "standalone"
    assert manifest["start_url"] == "/"
    assert manifest["name"] == "Thrustlog"
    assert manifest["theme_color"] == "#1f5f8b"
    assert all(icon["status"] == 200 for icon in manifest["icons"])
    png = {(i["sizes"], i["purpose"]) for i in manifest["icons"] if i["type"] == "image/png"}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= png

    # What Chromium itself says about installing this page (Lighthouse's source of truth).
    cdp = page.context.new_cdp_session(page)
    errors = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
    # Playwright's contexts are incognito windows, where Chromium never offers installing.
    assert [e for e in errors if e["errorId"] != "in-incognito"] == [], errors
    parsed = cdp.send("Page.getAppManifest")
    assert parsed["errors"] == [], parsed["errors"]


def test_online_the_form_behaves_as_before_and_keeps_nothing(live_server, session, page: Page):
    open_ready(page, f"{live_server.url}/sessions/{session.pk}/")
    log_set(page, load="")  # the server's own answer: the form with its error
    expect(page.get_by_text("This field is required.", exact=True)).to_be_visible()
    log_set(page, load="50")
    expect(page.locator(".messages")).to_contain_text("Set 1 logged: 50 kg × 10.")
    expect(page.locator(QUEUE)).to_be_hidden()
    assert Set.objects.count() == 1
    kept = page.evaluate(
        """async () => (await import("/static/js/offline/client.js")).outbox.all()"""
    )
    assert kept == []


LOADS = [("225", "lb"), ("137.8", "lb"), ("176.4", "lb"), ("0.1", "lb"), ("999.9", "lb"),
         ("60.05", "kg"), ("0", "kg")]  # fmt: skip


def test_a_load_kept_offline_converts_to_kg_as_the_server_does(live_server, athlete, page: Page):
    page.goto(f"{live_server.url}/")
    kept = page.evaluate(
        """async (loads) => {
            const { toKg } = await import("/static/js/offline/fields.js");
            return loads.map(([typed, unit]) => toKg(typed, unit));
        }""",
        LOADS,
    )
    assert [Decimal(str(kg)) for kg in kept] == [to_kg(Decimal(t), u) for t, u in LOADS]
