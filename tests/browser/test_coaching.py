"""A coach and an athlete, each on a phone (390x844): invite, accept, a sharp pain, the roster.

The coach's roster must put the athlete who just logged a sharp pain first, with the referral
headline, above athletes who were already on it. Every coach page passes the phone checks,
and so does the roster at 360 px, where coaches get one more tab.
"""

import contextlib
import re

import pytest
from django.utils import timezone
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from tests.browser.conftest import NewContext
from tests.browser.phone import check_page, choose, log_in
from tests.coaching.builders import roster_of
from tests.factories import TrainingSessionFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


WRAPPED_OR_CLIPPED = """els => els.filter(e => {
    const text = document.createRange();
    text.selectNodeContents(e);
    return text.getClientRects().length > 1 || text.getBoundingClientRect().width > e.clientWidth;
}).map(e => e.textContent)"""


def test_a_sharp_pain_puts_the_athlete_first_on_the_coachs_roster(
    live_server, new_context: NewContext
):
    base = live_server.url
    coach = UserFactory(username="coach", first_name="Cora", last_name="Coach")
    UserFactory(username="bea", first_name="Bea", last_name="Strong")
    roster_of(coach, 2, start=1)  # already coached: a caution, and a rising pain
    coach_phone, athlete_phone = new_context(), new_context()
    coach_page, athlete_page = coach_phone.new_page(), athlete_phone.new_page()

    # The coach invites.
    log_in(coach_page, base, "coach")
    coach_page.goto(f"{base}/coach/")
    check_page(coach_page, "coach-roster-before")
    coach_page.get_by_role("button", name="New invitation").click()
    expect(coach_page.get_by_role("heading", name="Invitation")).to_be_visible()
    check_page(coach_page, "coach-invitation")
    join_link = coach_page.get_by_label("Link").input_value()
    code = coach_page.locator(".big-code").inner_text()
    assert join_link.endswith(f"/coach/join/{code}/")

    # The athlete accepts, after being told what the coach will see.
    log_in(athlete_page, base, "bea")
    athlete_page.goto(join_link)
    expect(
        athlete_page.get_by_role("heading", name="Share your log with Cora Coach?")
    ).to_be_visible()
    check_page(athlete_page, "athlete-join")
    athlete_page.get_by_role("button", name="Accept and share my log").click()
    expect(athlete_page.get_by_role("status")).to_contain_text("coach now coaches you")
    check_page(athlete_page, "athlete-coaches")

    # The athlete logs a set with a sharp hip-bone pain of 7.
    athlete_page.goto(f"{base}/")
    athlete_page.get_by_role("button", name="Start today's session").click()
    athlete_page.get_by_label("Load (kg)", exact=True).fill("80")
    athlete_page.get_by_text("Did anything hurt?").click()
    athlete_page.get_by_role("checkbox", name="Hip bone (where the bar sits)", exact=True).tap()
    choose(athlete_page, "Hip bone (where the bar sits): how much", "7")
    choose(athlete_page, "Hip bone (where the bar sits): what kind", "Sharp")
    athlete_page.get_by_role("button", name="Log set").click()
    expect(athlete_page.get_by_role("status")).to_contain_text("logged")

    # The coach's roster: Bea first, with the referral headline.
    coach_page.get_by_role("link", name="Coach", exact=True).click()
    rows = coach_page.locator("ul.roster > li")
    expect(rows).to_have_count(3)
    expect(rows.first).to_contain_text("Bea Strong")
    expect(rows.first).to_contain_text("See a professional: sharp pain, hip bone")
    expect(rows.nth(1)).to_contain_text("Pad the bar")
    check_page(coach_page, "coach-roster")

    # Drill down, read-only, and leave a note on the advice.
    rows.first.get_by_role("link").click()
    expect(coach_page.get_by_role("heading", name="Bea Strong")).to_be_visible()
    check_page(coach_page, "coach-athlete")
    day = timezone.localdate().strftime("%a %-d %b %Y")
    coach_page.get_by_role("link", name=re.compile(f"^{day}")).click()
    expect(coach_page.get_by_text("Hip bone (where the bar sits): 7/10")).to_be_visible()
    check_page(coach_page, "coach-session")
    coach_page.get_by_role("link", name="Advice", exact=True).first.click()
    check_page(coach_page, "coach-advice")
    coach_page.locator("summary", has_text="Add a note").first.click()
    coach_page.get_by_label("Note on this advice").first.fill("Please get this looked at.")
    coach_page.get_by_role("button", name="Save note").first.click()
    expect(coach_page.get_by_role("status")).to_contain_text("Note saved")

    # The athlete sees it, marked as the coach's.
    athlete_page.goto(f"{base}/advice/")
    note = athlete_page.locator(".note", has_text="Please get this looked at.")
    expect(note).to_contain_text("Coach's note · Cora Coach")
    check_page(athlete_page, "athlete-advice-with-note")


def test_the_coach_pages_fit_a_360_pixel_phone(live_server, new_context: NewContext):
    coach = UserFactory(username="coach")
    coach.profile.is_coach = True
    coach.profile.save()
    (first, *_, quiet) = roster_of(coach, 6)
    session = TrainingSessionFactory(athlete=quiet, date=timezone.localdate())
    context = new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    log_in(page, live_server.url, "coach")
    tabs = page.locator("nav.tabs a")
    expect(tabs).to_have_count(6)
    for path, name in [
        ("/coach/", "360-coach-roster"),
        ("/coach/?flag=referral", "360-coach-roster-filtered"),
        (f"/coach/athletes/{first.pk}/", "360-coach-athlete"),
        (f"/coach/athletes/{quiet.pk}/sessions/{session.pk}/", "360-coach-session"),
        (f"/coach/athletes/{first.pk}/advice/", "360-coach-advice"),
        ("/coach/coaches/", "360-coach-coaches"),
        ("/coach/join/", "360-coach-join"),
    ]:
        page.goto(live_server.url + path)
        check_page(page, name)
        # Each tab's label fits on one line inside its tab (a fixed bar clips or wraps).
        broken = tabs.evaluate_all(WRAPPED_OR_CLIPPED)
        assert broken == [], f"{name}: tab labels that do not fit: {broken}"


def test_twenty_athletes_show_six_or_more_rows_in_the_first_screen(
    live_server, new_context: NewContext
):
    coach = UserFactory(username="coach")
    roster_of(coach, 20)
    context = new_context()
    page = context.new_page()
    log_in(page, live_server.url, "coach")
    expect(page).to_have_url(live_server.url + "/coach/")  # a coach lands on the roster
    whole_rows = """() => {
        const bar = document.querySelector("nav.tabs").getBoundingClientRect().top;
        return [...document.querySelectorAll("ul.roster > li")]
            .filter((row) => row.getBoundingClientRect().bottom <= bar).length;
    }"""
    # Layout settles after the load event on a busy machine (fonts, the outbox panel): wait
    # for it, then say what the screen holds if it never gets there.
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function(f"() => ({whole_rows})() >= 6", timeout=10_000)
    whole = page.evaluate(whole_rows)
    assert whole >= 6, f"{whole} whole rows above the tab bar"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    check_page(page, "coach-roster-20")
