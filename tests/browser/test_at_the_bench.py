"""Between sets, on a phone, in any language and time zone: one tap repeats a set.

After every logged set the Log set button, the load stepper and the confirmation are on screen
and nothing covers them (the element at the button's centre is the button itself).
"""

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser.conftest import NewContext
from tests.browser.phone import check_page, log_in
from tests.factories import SetFactory, TrainingSessionFactory
from tracker.models import Profile, Set, TrainingSession

pytestmark = pytest.mark.django_db(transaction=True)

PLACES = [
    pytest.param("en-US", "America/New_York", id="en-US"),
    pytest.param("en-GB", "Europe/London", id="en-GB"),
    pytest.param("de-DE", "Europe/Berlin", id="de-DE"),
]
PHONES = [
    pytest.param({"width": 390, "height": 844}, id="390x844"),
    pytest.param({"width": 360, "height": 740}, id="360x740"),
]


def phone(new_context: NewContext, viewport: dict, locale: str, zone: str) -> Page:
    return new_context(viewport=viewport, locale=locale, timezone_id=zone).new_page()


def assert_in_thumb_reach(page: Page, control: Locator, name: str) -> None:
    """The control is inside the viewport and is what a tap at its centre would hit."""
    box = control.bounding_box()
    assert box, f"{name} is not drawn"
    size = page.viewport_size
    assert box["y"] >= 0, f"{name} is above the screen ({box['y']:.0f})"
    assert box["y"] + box["height"] <= size["height"], f"{name} is below the screen ({box})"
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    hit = control.evaluate(
        "(el, [x, y]) => { const top = document.elementFromPoint(x, y);"
        " return top === el || el.contains(top); }",
        [x, y],
    )
    assert hit, f"{name} is covered at its centre ({x:.0f}, {y:.0f})"


def local_today(zone: str):
    return datetime.now(ZoneInfo(zone)).date()


@pytest.fixture
def returning_athlete(athlete):
    """An athlete with last week's session: the form starts from its last set (100 kg x 8)."""
    last_week = TrainingSessionFactory(athlete=athlete, date=local_today("UTC") - timedelta(7))
    SetFactory(session=last_week, position=1, load_kg=Decimal("100"), reps=8, rir=2)
    return athlete


# Each language once and each phone at least once (not every pair: the button's place depends
# on the width, the wording on the language; German's longer words meet the narrow phone).
PLACES_ON_PHONES = [
    pytest.param("en-US", "America/New_York", PHONES[0].values[0], id="en-US-390x844"),
    pytest.param("en-GB", "Europe/London", PHONES[1].values[0], id="en-GB-360x740"),
    pytest.param("de-DE", "Europe/Berlin", PHONES[1].values[0], id="de-DE-360x740"),
]


@pytest.mark.parametrize(("locale", "zone", "viewport"), PLACES_ON_PHONES)
def test_five_sets_take_six_taps_and_the_button_stays_under_the_thumb(
    live_server, new_context: NewContext, returning_athlete, locale, zone, viewport
):
    returning_athlete.profile.time_zone = zone
    returning_athlete.profile.save()
    page = phone(new_context, viewport, locale, zone)
    log_in(page, live_server.url, returning_athlete.username)
    taps = 0

    page.get_by_role("button", name="Start today's session").tap()
    taps += 1
    log_button = page.get_by_role("button", name="Log set")
    bar_status = page.locator(".action-bar [role=status]")
    for number in range(1, 6):
        log_button.tap()
        taps += 1
        expect(bar_status).to_contain_text(f"Set {number} logged: 100 kg × 8")
        assert_in_thumb_reach(page, log_button, f"Log set after set {number}")
        assert_in_thumb_reach(page, page.get_by_role("button", name="Load (kg): more"), "Load +")
        assert_in_thumb_reach(page, bar_status, "the confirmation")

    assert taps == 6
    session = TrainingSession.objects.get(athlete=returning_athlete, sets__position=5)
    assert session.date == local_today(zone)
    assert (
        list(Set.objects.filter(session=session).values_list("load_kg", "reps"))
        == [(Decimal("100.00"), 8)] * 5
    )
    if viewport["width"] == 360 and locale == "de-DE":
        check_page(page, "bench-five-sets-360")


@pytest.mark.parametrize("viewport", PHONES)
def test_opening_the_pain_picker_keeps_the_button_on_screen(
    live_server, new_context: NewContext, returning_athlete, viewport
):
    session = TrainingSessionFactory(athlete=returning_athlete, date=local_today("UTC"))
    page = phone(new_context, viewport, "en-GB", "Europe/London")
    log_in(page, live_server.url, returning_athlete.username)
    page.goto(f"{live_server.url}/sessions/{session.pk}/#log")
    page.get_by_text("Did anything hurt?").tap()
    page.get_by_role("checkbox", name="Lower back", exact=True).tap()
    log_button = page.get_by_role("button", name="Log set")
    assert_in_thumb_reach(page, log_button, "Log set with the pain picker open")
    log_button.tap()  # no score given: the page says so at the top and focuses the score
    expect(page.locator("#error-summary")).to_contain_text("Give lower back a score")
    focused = page.locator(":focus")
    expect(focused).to_have_attribute("name", "score_lower_back")
    expect(focused).to_be_in_viewport()


@pytest.mark.parametrize("viewport", PHONES)
def test_the_tab_bar_fits_the_screen(live_server, new_context: NewContext, athlete, viewport):
    page = phone(new_context, viewport, "en-US", "UTC")
    log_in(page, live_server.url, athlete.username)
    widths = page.evaluate(
        "() => { const nav = document.querySelector('nav.tabs');"
        " return [nav.scrollWidth, ...[...nav.children].map(a => a.scrollWidth - a.clientWidth)]; }"
    )
    assert widths[0] <= viewport["width"], f"the tab bar is {widths[0]} px wide"
    assert max(widths[1:]) <= 0, "a tab's label overflows its tab"


LOADS_TYPED = {"en-US": ("82.5", "82.5"), "en-GB": ("82.5", "82.5"), "de-DE": ("82,5", "82.5")}


@pytest.mark.parametrize(("locale", "zone"), PLACES)
def test_a_new_athlete_signs_up_logs_and_finishes_in_their_language_and_zone(
    live_server, new_context: NewContext, locale, zone
):
    page = phone(new_context, {"width": 390, "height": 844}, locale, zone)
    base = live_server.url
    page.goto(f"{base}/accounts/signup/")
    page.get_by_label("Username").fill("newcomer")
    page.get_by_label("Password", exact=True).fill("glute-bridge-2026")
    page.get_by_label("Password confirmation").fill("glute-bridge-2026")
    page.get_by_role("button", name="Sign up").tap()
    expect(page.get_by_role("button", name="Start today's session")).to_be_visible()
    assert Profile.objects.get(user__username="newcomer").time_zone == zone

    page.get_by_role("button", name="Start today's session").tap()
    typed, stored = LOADS_TYPED[locale]
    page.get_by_label("Load (kg)", exact=True).fill(typed)
    page.get_by_role("button", name="Log set").tap()
    expect(page.locator(".action-bar [role=status]")).to_contain_text(f"{stored} kg × 10")

    page.get_by_role("link", name="Finish session").tap()
    date_value = page.get_by_label("Date").input_value()
    assert date_value == local_today(zone).isoformat()
    page.get_by_role("button", name="Save and finish").tap()
    # Read the database only once the server has answered (SQLite locks during its write).
    expect(page.locator("#summary")).to_contain_text("Session done")
    session = TrainingSession.objects.get(athlete__username="newcomer")
    assert session.finished_at is not None
    assert session.date == local_today(zone)


def test_a_finish_form_with_an_error_summarises_it_and_focuses_the_field(
    live_server, new_context: NewContext, athlete
):
    session = TrainingSessionFactory(athlete=athlete, date=local_today("UTC"))
    page = phone(new_context, {"width": 390, "height": 844}, "de-DE", "Europe/Berlin")
    log_in(page, live_server.url, athlete.username)
    page.goto(f"{live_server.url}/sessions/{session.pk}/finish/")
    page.get_by_label("Date").fill("")
    page.get_by_role("button", name="Save and finish").tap()
    summary = page.locator("#error-summary")
    expect(summary).to_contain_text("Date: This field is required.")
    expect(page.locator(":focus")).to_have_attribute("name", "date")
    expect(page.locator(":focus")).to_be_in_viewport()
    page.evaluate("scrollTo(0, 0)")
    check_page(page, "finish-error-summary")


def test_changing_a_set_on_a_phone_changes_that_set_and_adds_none(
    live_server, new_context: NewContext, athlete
):
    session = TrainingSessionFactory(athlete=athlete, date=local_today("Europe/Berlin"))
    logged = SetFactory(session=session, position=1, load_kg=Decimal("100"), reps=8)
    page = phone(new_context, {"width": 390, "height": 844}, "de-DE", "Europe/Berlin")
    log_in(page, live_server.url, athlete.username)
    page.goto(f"{live_server.url}/sets/{logged.pk}/edit/")
    expect(page.locator("html")).to_have_attribute("data-outbox", "ready")
    page.get_by_label("Load (kg)", exact=True).fill("102,5")
    page.get_by_role("button", name="Save set").tap()
    expect(page).to_have_url(f"{live_server.url}/sessions/{session.pk}/", timeout=15_000)
    assert list(session.sets.values_list("pk", "load_kg", "reps")) == [
        (logged.pk, Decimal("102.50"), 8)
    ]


def test_settings_offer_a_searchable_list_of_real_zones(
    live_server, new_context: NewContext, athlete
):
    page = phone(new_context, {"width": 390, "height": 844}, "en-GB", "Europe/London")
    log_in(page, live_server.url, athlete.username)
    page.goto(f"{live_server.url}/settings/")
    check_page(page, "settings-time-zone")
    page.get_by_label("Time zone").fill("europe/london")
    page.get_by_role("button", name="Save settings").tap()
    expect(page.locator(".messages")).to_contain_text("Settings saved.")
    assert Profile.objects.get(user=athlete).time_zone == "Europe/London"


# --- the rest timer --------------------------------------------------------------------------

VIBRATIONS = (
    "window.__vibrations = [];"
    "navigator.vibrate = (p) => { window.__vibrations.push(p); return true; };"
)
ENDS_NOW = "({end: Date.now() + 500, alerted: false})"


def seconds_left(page: Page) -> int:
    return int(page.locator("#rest-timer").get_attribute("data-left") or -1)


def test_the_rest_timer_starts_counts_survives_a_reload_and_vibrates_at_zero(
    live_server, new_context: NewContext, returning_athlete
):
    session = TrainingSessionFactory(athlete=returning_athlete, date=local_today("UTC"))
    page = phone(new_context, {"width": 390, "height": 844}, "en-GB", "Europe/London")
    page.add_init_script(VIBRATIONS)
    log_in(page, live_server.url, returning_athlete.username)
    page.goto(f"{live_server.url}/sessions/{session.pk}/#log")
    timer = page.locator("#rest-timer")
    expect(timer).to_be_hidden()

    page.get_by_role("button", name="Log set").tap()
    expect(timer).to_be_visible()
    expect(timer).to_contain_text("Rest")
    assert 60 < seconds_left(page) <= 90
    assert_in_thumb_reach(page, page.get_by_role("button", name="Skip"), "Skip")
    check_page(page, "bench-rest-timer")

    page.reload()  # the end time is kept, not a count: the timer goes on where it was
    expect(timer).to_be_visible()
    before = seconds_left(page)
    assert 60 < before <= 90

    page.get_by_role("button", name="30 seconds more rest").tap()
    assert seconds_left(page) >= before + 25

    page.evaluate(f"localStorage.setItem('thrustlog.rest', JSON.stringify{ENDS_NOW})")
    expect(timer).to_contain_text("Rest over")
    assert page.evaluate("window.__vibrations.length") == 1

    page.get_by_role("button", name="Skip").tap()
    expect(timer).to_be_hidden()


def test_a_set_kept_offline_starts_the_timer_and_is_checked_for_records(
    live_server, new_context: NewContext, returning_athlete
):
    session = TrainingSessionFactory(athlete=returning_athlete, date=local_today("UTC"))
    page = phone(new_context, {"width": 390, "height": 844}, "en-US", "America/New_York")
    log_in(page, live_server.url, returning_athlete.username)
    page.goto(f"{live_server.url}/sessions/{session.pk}/#log")
    page.context.set_offline(True)
    page.get_by_role("button", name="Log set").tap()
    expect(page.locator("#offline-queue #queue-status")).to_contain_text("waiting to sync")
    expect(page.locator("#rest-timer")).to_be_visible()
    bar_status = page.locator(".action-bar [role=status]")
    expect(bar_status).to_have_text("Kept on this phone: 100 kg × 8.")
    page.get_by_label("Load (kg)", exact=True).fill("110")
    page.get_by_role("button", name="Log set").tap()  # heavier than 100 x 8: a record, offline
    expect(bar_status).to_contain_text("★ New record: heaviest set, best estimated 1RM!")
    assert_in_thumb_reach(page, page.get_by_role("button", name="Log set"), "Log set offline")


# --- plate math ------------------------------------------------------------------------------


def test_plates_per_side_for_100_kg(live_server, new_context: NewContext, returning_athlete):
    session = TrainingSessionFactory(athlete=returning_athlete, date=local_today("UTC"))
    page = phone(new_context, {"width": 360, "height": 740}, "de-DE", "Europe/Berlin")
    log_in(page, live_server.url, returning_athlete.username)
    page.goto(f"{live_server.url}/sessions/{session.pk}/#log")
    line = page.locator("#plates-line")
    expect(line).to_have_text("Per side: 25 + 15 (bar 20 kg)")
    page.get_by_role("button", name="Load (kg): more").tap()
    expect(line).to_have_text("Per side: 25 + 15 + 1.25 (bar 20 kg)")
    page.get_by_label("Load (kg)", exact=True).fill("101")
    expect(line).to_have_text("Your plates cannot make 101 kg: 100 or 102.5 kg")
    check_page(page, "bench-plates-kg")


def test_plates_per_side_for_225_lb_and_the_stepper_lands_on_loadable_loads(
    live_server, new_context: NewContext, athlete
):
    athlete.profile.unit = "lb"
    athlete.profile.save()
    session = TrainingSessionFactory(athlete=athlete, date=local_today("UTC"))
    SetFactory(session=session, position=1, load_kg=Decimal("102.06"), reps=5)  # 225 lb
    page = phone(new_context, {"width": 390, "height": 844}, "en-US", "America/New_York")
    log_in(page, live_server.url, athlete.username)
    page.goto(f"{live_server.url}/sessions/{session.pk}/#log")
    load = page.get_by_label("Load (lb)", exact=True)
    expect(load).to_have_value("225")
    expect(page.locator("#plates-line")).to_have_text("Per side: 45 + 45 (bar 45 lb)")
    load.fill("253.5")
    page.get_by_role("button", name="Load (lb): more").tap()
    expect(load).to_have_value("255")
    page.get_by_role("button", name="Load (lb): less").tap()
    expect(load).to_have_value("250")


# --- the new screens, light and dark ---------------------------------------------------------


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_new_screens_pass_the_phone_checks(
    live_server, new_context: NewContext, returning_athlete, scheme
):
    session = TrainingSessionFactory(athlete=returning_athlete, date=local_today("UTC"))
    context = new_context(color_scheme=scheme)
    page = context.new_page()
    log_in(page, live_server.url, returning_athlete.username)
    page.goto(f"{live_server.url}/sessions/{session.pk}/#log")
    page.get_by_label("Load (kg)", exact=True).fill("110")
    page.get_by_role("button", name="Log set").tap()
    expect(page.locator(".action-bar [role=status]")).to_contain_text("New record")
    check_page(page, f"bench-session-record-{scheme}")
    page.get_by_role("link", name="Finish session").tap()
    page.get_by_role("button", name="Save and finish").tap()
    expect(page.locator("#summary")).to_contain_text("Session done")
    check_page(page, f"bench-finish-summary-{scheme}")
    page.goto(f"{live_server.url}/")
    expect(page.get_by_text("Done for today")).to_be_visible()
    check_page(page, f"bench-today-finished-{scheme}")
    page.goto(f"{live_server.url}/records/")
    check_page(page, f"bench-records-{scheme}")
    page.goto(f"{live_server.url}/settings/")
    check_page(page, f"bench-settings-{scheme}")
