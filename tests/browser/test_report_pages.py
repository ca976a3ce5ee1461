"""The report, its print layout and the share links on a phone (390x844), and the report as
the clinician opens it from a link; screenshots of each, and of the server's PDF, go to
test-artifacts/ for a person to look at."""

import subprocess

import pytest
from playwright.sync_api import Page, expect

from reports import services
from tests.browser.conftest import ARTIFACTS, NewContext
from tests.browser.phone import check_page, choose, log_in
from tests.reports.conftest import MISSING
from tests.reports.history import pad_history
from tracker import queries

pytestmark = pytest.mark.django_db(transaction=True)
A4 = {"width": 794, "height": 1123}  # CSS pixels of an A4 page at 96 dpi


@pytest.fixture
def history(athlete):
    built = pad_history(athlete, queries.today_for(athlete))
    services.experiment_record(
        athlete=athlete,
        started_on=built.pad_day,
        field="padding",
        value="thick",
        regions=["hip_bone"],
        cause="unpadded_bar",
    )
    return built


def test_the_report_page_on_a_phone(live_server, page: Page, athlete, history, console_errors):
    log_in(page, live_server.url, athlete.username)
    page.goto(f"{live_server.url}/report/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Training and pain report")
    expect(page.locator(".report-chart.pain")).to_have_count(1)
    check_page(page, "report-page")
    assert console_errors == []


def test_the_print_layout_is_black_on_white_without_the_app_around_it(
    live_server, new_context: NewContext, athlete, history
):
    context = new_context(viewport=A4, is_mobile=False, has_touch=False)
    page = context.new_page()
    log_in(page, live_server.url, athlete.username)
    page.goto(f"{live_server.url}/report/")
    page.emulate_media(media="print", color_scheme="light")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "report-print-layout.png", full_page=True)
    assert not page.locator("nav.tabs").is_visible()
    assert not page.locator(".screen-only").is_visible()
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(255, 255, 255)"


@pytest.mark.skipif(MISSING is not None, reason=MISSING or "")
def test_the_server_pdf_pages_as_pictures(live_server, page: Page, athlete, history, tmp_path):
    log_in(page, live_server.url, athlete.username)
    response = page.request.get(f"{live_server.url}/report/pdf/")
    assert response.status == 200
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(response.body())
    ARTIFACTS.mkdir(exist_ok=True)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "80", str(pdf), str(ARTIFACTS / "report-pdf-page")], check=True
    )
    assert (ARTIFACTS / "report-pdf-page-1.png").exists()


def test_sharing_a_link_on_a_phone(
    live_server, page: Page, new_context: NewContext, athlete, history, console_errors
):
    log_in(page, live_server.url, athlete.username)
    page.goto(f"{live_server.url}/settings/")
    page.get_by_role("link", name="Share links for a clinician").tap()
    page.get_by_label("Who it is for").fill("Physio, Dr Ng")
    choose(page, "Works for", "30 days")
    page.get_by_role("button", name="Make the link").tap()
    expect(page.get_by_role("heading", name="Your new link")).to_be_visible()
    url = page.get_by_label("Link for Physio, Dr Ng").input_value()
    assert "/shared/" in url
    check_page(page, "share-links")

    clinician = new_context()
    shared = clinician.new_page()
    shared.goto(url)
    expect(shared.get_by_role("heading", level=1)).to_contain_text("Training and pain report")
    check_page(shared, "shared-report")

    page.reload()
    expect(page.get_by_text("Opened 1 time:")).to_be_visible()
    page.get_by_role("button", name="Revoke the link for Physio, Dr Ng").tap()
    expect(page.get_by_text("The link is revoked")).to_be_visible()
    assert console_errors == []


def test_the_advice_page_shows_the_experiment(live_server, page: Page, athlete, history):
    log_in(page, live_server.url, athlete.username)
    page.goto(f"{live_server.url}/advice/")
    expect(page.locator(".experiments")).to_contain_text("went from 5/10 to 1/10")
    check_page(page, "advice-experiments")
