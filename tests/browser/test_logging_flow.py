"""An athlete's first day, on a phone: sign up, log three sets, finish, check in, switch to lb."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from tests.browser.phone import check_page, choose, log_in
from tracker.models import PainReport, Set, TrainingSession

pytestmark = pytest.mark.django_db(transaction=True)


def sign_up(page: Page, base: str) -> None:
    page.goto(f"{base}/accounts/signup/")
    check_page(page, "signup")
    page.get_by_label("Username").fill("first_timer")
    page.get_by_label("Password", exact=True).fill("glute-bridge-2026")
    page.get_by_label("Password confirmation").fill("glute-bridge-2026")
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_role("heading", name=re.compile("Today"))).to_be_visible()


def log_set(page: Page) -> None:
    # Sent through the outbox, then the page comes back from the server with its confirmation.
    with page.expect_navigation(timeout=15_000):
        page.get_by_role("button", name="Log set").click()
    expect(page.get_by_role("status")).to_contain_text("logged")


def test_a_new_athlete_logs_a_day_of_training_on_a_phone(live_server, page: Page, console_errors):
    base = live_server.url
    sign_up(page, base)
    check_page(page, "today-empty")

    page.get_by_role("button", name="Start today's session").click()
    # The start is kept on the phone before the form posts: the click returns before that.
    page.wait_for_url(re.compile(r"/sessions/\d+/$"))
    check_page(page, "session-new")
    page.get_by_label("Load (kg)", exact=True).fill("60")
    log_set(page)  # set 1: typed load, default setup

    page.get_by_role("button", name="Load (kg): more").tap()
    log_set(page)  # set 2: one tap more load, then Log set

    page.get_by_text("Did anything hurt?").click()
    page.get_by_role("checkbox", name="Hip bone (where the bar sits)", exact=True).tap()
    choose(page, "Hip bone (where the bar sits): how much", "5")
    choose(page, "Hip bone (where the bar sits): what kind", "Bruise")
    page.get_by_role("checkbox", name="Lower back", exact=True).tap()
    choose(page, "Lower back: how much", "3")
    check_page(page, "session-pain-picker")
    log_set(page)  # set 3: repeated load, two regions hurt
    check_page(page, "session-three-sets")

    session = TrainingSession.objects.get(athlete__username="first_timer")
    loads = list(Set.objects.filter(session=session).values_list("load_kg", flat=True))
    assert loads == [Decimal("60"), Decimal("62.5"), Decimal("62.5")]
    during = PainReport.objects.filter(session=session, timing="during").order_by("region")
    assert [(p.region, p.score, p.character) for p in during] == [
        ("hip_bone", 5, "bruise"),
        ("lower_back", 3, ""),
    ]

    page.get_by_role("link", name="Finish session").click()
    check_page(page, "finish")
    choose(page, "Hip bone (where the bar sits)", "2")
    choose(page, "Lower back", "0")
    page.get_by_role("button", name="Save and finish").click()
    # The finish goes through the outbox (queue first): the page moves on once it is stored.
    expect(page).not_to_have_url(re.compile(r"/finish/$"), timeout=15_000)
    after = PainReport.objects.filter(session=session, timing="after").order_by("region")
    assert [(p.region, p.score) for p in after] == [("hip_bone", 2), ("lower_back", 0)]

    # The next morning: yesterday's session asks for its check-in on the Today page.
    TrainingSession.objects.filter(pk=session.pk).update(date=session.date - timedelta(days=1))
    page.goto(f"{base}/")
    page.get_by_role("link", name="Check in").click()
    check_page(page, "next-morning")
    choose(page, "Hip bone (where the bar sits)", "1")
    page.get_by_role("button", name="Save check-in").click()
    expect(page).not_to_have_url(re.compile(r"/next-morning/$"), timeout=15_000)
    assert PainReport.objects.filter(session=session, timing="next_day").count() == 1

    page.get_by_role("link", name="Settings").click()
    check_page(page, "settings")
    choose(page, "Display unit", "Pounds (lb)")
    page.get_by_role("button", name="Save settings").click()
    page.goto(f"{base}/sessions/{session.pk}/")
    expect(page.locator(".sets")).to_contain_text("132.3 lb × 10")  # 60 kg
    expect(page.get_by_label("Load (lb)", exact=True)).to_have_value("137.8")  # 62.5 kg, prefilled
    check_page(page, "session-in-lb")
    page.goto(f"{base}/sessions/")
    check_page(page, "history")
    page.get_by_role("link", name="Advice").click()
    check_page(page, "advice")
    assert console_errors == []


def test_a_red_flag_shows_the_referral_note_at_once(live_server, page: Page, athlete):
    from tests.factories import TrainingSessionFactory

    session = TrainingSessionFactory(athlete=athlete)
    page.goto(f"{live_server.url}/accounts/login/")
    check_page(page, "login")
    log_in(page, live_server.url, athlete.username)
    page.goto(f"{live_server.url}/sessions/{session.pk}/finish/")
    note = page.locator(".referral-live")
    expect(note).to_be_hidden()
    page.get_by_role("checkbox", name="Tingling in the legs or feet").tap()
    expect(note).to_be_visible()
    expect(note).to_contain_text("physical therapist")
