"""The charts page on a phone (390x844): every chart arrives drawn by the server (no plotly.js
until the athlete explores one), the switches change the data with and without JavaScript, and
the page passes the phone checks in light and dark mode."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.browser.conftest import ARTIFACTS, NewContext
from tests.browser.phone import check_page, log_in
from tests.dashboard.history import add_weeks
from tests.factories import PainReportFactory, SetFactory, TrainingSessionFactory

pytestmark = pytest.mark.django_db(transaction=True)
CHARTS = ("progression", "pain", "load-pain", "setup", "consistency")


@pytest.fixture
def history(athlete):
    today = timezone.localdate()
    add_weeks(athlete, 30, today=today)
    # This week: a jump to 130 kg and lower-back pain after it.
    session = TrainingSessionFactory(athlete=athlete, date=today)
    SetFactory(session=session, load_kg=Decimal("130"), reps=6)
    PainReportFactory(session=session, region="lower_back", score=7, timing="after")
    TrainingSessionFactory(athlete=athlete, date=today - timedelta(weeks=60))  # an old, empty day
    return athlete


def wait_for_chart(page: Page, chart: str) -> None:
    """Each chart comes drawn with the page (tracker/charts/svg.py)."""
    expect(page.locator(f"#plot-{chart} svg.chart-svg")).to_be_attached()


def wait_for_charts(page: Page) -> None:
    for chart in CHARTS:
        wait_for_chart(page, chart)


def screenshot_each_chart(page: Page, prefix: str) -> None:
    for chart in CHARTS:
        page.locator(f"#{chart}").screenshot(path=ARTIFACTS / f"{prefix}-{chart}.png")


def weeks_drawn(page: Page) -> int:
    wait_for_chart(page, "consistency")
    return page.evaluate(
        "JSON.parse(document.getElementById('figure-consistency').textContent).data[0].x.length"
    )


def test_the_charts_paint_without_plotly_until_one_is_explored(
    live_server, page: Page, history, console_errors
):
    log_in(page, live_server.url, history.username)
    page.goto(f"{live_server.url}/charts/")
    wait_for_charts(page)
    assert page.evaluate("typeof window.Plotly") == "undefined"
    assert page.locator("script[src*=plotly]").count() == 0

    page.locator("#progression").get_by_role("button", name="Explore the values").click()
    expect(page.locator("#plot-progression svg.main-svg").first).to_be_attached()
    assert page.locator("#plot-progression svg.chart-svg").count() == 0
    assert page.evaluate("document.activeElement.id") == "plot-progression"
    assert page.locator("#plot-consistency svg.main-svg").count() == 0  # the others stay
    assert console_errors == []


def test_every_chart_draws_and_the_switches_change_the_data(
    live_server, page: Page, history, console_errors
):
    log_in(page, live_server.url, history.username)
    page.goto(f"{live_server.url}/charts/")
    wait_for_charts(page)
    assert weeks_drawn(page) == 12
    for chart in ("progression", "pain", "load-pain", "consistency"):
        assert not page.locator(f"#{chart}-summary").inner_text().startswith("No ")
    check_page(page, "dashboard-12-weeks")
    screenshot_each_chart(page, "dashboard-chart")

    page.get_by_role("navigation", name="Range").get_by_role("link", name="4 weeks").click()
    expect(page).to_have_url(re.compile(r"range=4w"))
    expect(page.locator("#consistency-summary")).to_contain_text("of 4 weeks")
    wait_for_charts(page)
    assert weeks_drawn(page) == 4
    focused = page.evaluate("document.activeElement.dataset.switch")
    assert focused == "range-4w"  # the tapped switch keeps the focus after the swap

    before = page.locator("#pain-summary").inner_text()
    page.get_by_role("navigation", name="Pain timing").get_by_role("link", name="During").click()
    expect(page.locator("#pain-summary")).not_to_have_text(before)
    expect(page.locator("#pain-summary")).to_contain_text("during sets")
    wait_for_charts(page)

    page.get_by_label("Region (this chart and the next)").select_option("knee")
    expect(page.locator("#load-pain-summary")).to_contain_text("Knee")
    expect(page).to_have_url(re.compile(r"region=knee"))
    wait_for_charts(page)
    check_page(page, "dashboard-4-weeks-knee")

    page.go_back()  # the browser's back button returns to the previous switches
    expect(page.locator("#load-pain-summary")).not_to_contain_text("Knee")
    wait_for_charts(page)
    assert console_errors == []


def test_advice_evidence_links_to_the_load_against_pain_chart(live_server, page: Page, history):
    log_in(page, live_server.url, history.username)
    page.goto(f"{live_server.url}/charts/?region=lower_back#load-pain")
    wait_for_charts(page)
    expect(page.locator("#load-pain-summary")).to_contain_text("Lower back pain")
    expect(page.get_by_label("Region (this chart and the next)")).to_have_value("lower_back")
    assert page.evaluate("document.getElementById('load-pain').getBoundingClientRect().top") < 300


def test_the_switches_work_without_javascript(live_server, new_context: NewContext, history):
    context = new_context(java_script_enabled=False)
    page = context.new_page()
    log_in(page, live_server.url, history.username)
    page.goto(f"{live_server.url}/charts/")
    page.get_by_role("link", name="1 year").click()
    expect(page).to_have_url(re.compile(r"range=1y"))
    expect(page.locator("#consistency-summary")).to_contain_text("of 52 weeks")
    page.get_by_label("Region (this chart and the next)").select_option("hip_bone")
    page.get_by_role("button", name="Show").click()
    expect(page).to_have_url(re.compile(r"range=1y&timing=after&region=hip_bone#load-pain"))
    expect(page.locator("#load-pain-summary")).to_contain_text("Hip bone")
    page.locator("#setup summary").click()
    expect(page.locator("#setup table")).to_be_visible()
    # check_page evaluates scripts in the page, which never answer with JavaScript off.
    page.screenshot(path=ARTIFACTS / "dashboard-no-javascript.png", full_page=True)


def test_dark_mode_and_a_360_pixel_phone(live_server, new_context: NewContext, history):
    context = new_context(viewport={"width": 360, "height": 740}, color_scheme="dark")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    log_in(page, live_server.url, history.username)
    page.goto(f"{live_server.url}/charts/?range=all")
    wait_for_charts(page)
    tick = page.evaluate(
        "getComputedStyle(document.querySelector('#plot-progression .chart-svg .tick')).fill"
    )
    assert tick not in ("rgb(0, 0, 0)", "rgb(90, 99, 112)")  # the dark theme's muted text
    page.locator("#progression").get_by_role("button", name="Explore the values").click()
    expect(page.locator("#plot-progression svg.main-svg").first).to_be_attached()
    paper = page.evaluate("document.getElementById('plot-progression')._fullLayout.paper_bgcolor")
    assert paper.lower() in ("#1b2026", "rgb(27, 32, 38)")
    check_page(page, "dashboard-dark-360-all")
    screenshot_each_chart(page, "dashboard-dark-chart")
    assert errors == []
