"""The account pages of issue 20 on a phone: apps and devices, who opened the log, the lock-out
and too-many-tries pages. Screenshots in test-artifacts/."""

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from accounts.models import AccessRecord
from accounts.services import token_issue
from tests.browser.phone import check_page, log_in
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def lifter(transactional_db):
    return UserFactory(username="lifter")


def test_the_devices_page_lists_tokens_and_signs_one_out(live_server, page: Page, lifter):
    token_issue(user=lifter, device="ThrustlogPhone/2.1 (iPhone; iOS 19.2) a long user agent")
    token_issue(user=lifter, device="Gym tablet")
    log_in(page, live_server.url, "lifter")
    page.goto(f"{live_server.url}/settings/")
    page.get_by_role("link", name="Apps and devices").tap()
    expect(page.get_by_role("heading", level=1)).to_have_text("Apps and devices")
    check_page(page, "account-devices")
    page.get_by_role("button", name="Sign out Gym tablet").tap()
    expect(page.get_by_text("That device is signed out.")).to_be_visible()
    expect(page.get_by_text("Gym tablet")).to_have_count(0)


def test_the_access_log_page(live_server, page: Page, lifter):
    coach = UserFactory(username="cordelia")
    for what in ("history", "advice", "session of 2026-03-02", "roster summary (API)"):
        AccessRecord.objects.create(athlete=lifter, viewer=coach, viewer_name="cordelia", what=what)
    log_in(page, live_server.url, "lifter")
    page.goto(f"{live_server.url}/settings/")
    page.get_by_role("link", name="Who opened your log").tap()
    expect(page.get_by_text("cordelia opened your advice")).to_be_visible()
    check_page(page, "account-access-log")


def test_the_locked_out_page(live_server, page: Page, lifter):
    for _ in range(10):
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Username").fill("lifter")
        page.get_by_label("Password").fill("not-the-password")
        page.get_by_role("button", name="Log in").click()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("lifter")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Too many failed sign-ins")
    check_page(page, "account-locked-out")


def test_the_two_step_set_up_and_sign_in_pages(live_server, page: Page, lifter, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    log_in(page, live_server.url, "lifter")
    page.goto(f"{live_server.url}/settings/two-step/")
    page.get_by_role("button", name="Set up two-step sign-in").tap()
    expect(page.get_by_role("link", name="open it in the app")).to_be_visible()
    check_page(page, "account-two-step-set-up")
    device = TOTPDevice.objects.get(user=lifter)
    page.get_by_label("Code").fill(_code(device))
    page.get_by_role("button", name="Turn on").tap()
    expect(page.get_by_role("heading", name="Your recovery codes")).to_be_visible()
    check_page(page, "account-two-step-codes")
    page.get_by_role("button", name="Log out").tap()
    expect(page.get_by_role("heading", level=1)).to_have_text("Log in")  # logging out lands here
    page.get_by_label("Username").fill("lifter")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Two-step sign-in")
    check_page(page, "account-two-step-verify")
    page.get_by_label("Code").fill(_code(device, ahead=1))
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Today")


def _code(device, ahead: int = 0) -> str:
    device.refresh_from_db()
    drift = device.drift + ahead
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, drift):06d}"
