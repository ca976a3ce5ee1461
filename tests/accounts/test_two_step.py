"""Optional two-step sign-in: a TOTP code from an app, or a single-use recovery code, after the
password; on the web, the admin and the API token alike. Offered first to coaches."""

import re

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from accounts import two_step
from coaching import services as coaching
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
SETTINGS = "/settings/two-step/"
LOGIN = "/accounts/login/"


@pytest.fixture(autouse=True)
def _no_backoff(settings):
    # django-otp slows a device down after a wrong code; these tests try codes back to back.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


def code_of(device: TOTPDevice, *, ahead: int = 0) -> str:
    device.refresh_from_db()
    return (
        f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift + ahead):06d}"
    )


@pytest.fixture
def protected(athlete):
    """The athlete with two-step sign-in turned on; returns their recovery codes."""
    device = two_step.app_start(user=athlete)
    codes = two_step.app_confirm(user=athlete, code=code_of(device))
    assert codes is not None
    return codes


def app_of(user) -> TOTPDevice:
    return TOTPDevice.objects.get(user=user, confirmed=True)


def password_step(client: Client, username: str = "athlete"):
    return client.post(LOGIN, {"username": username, "password": PASSWORD})


def test_turning_it_on_takes_a_code_from_the_app_and_shows_ten_recovery_codes(
    athlete, athlete_client
):
    page = athlete_client.post(SETTINGS, {"action": "start"})
    assert page.status_code == 200
    assert "otpauth://totp/" in page.content.decode()
    device = TOTPDevice.objects.get(user=athlete)
    assert not device.confirmed
    done = athlete_client.post(SETTINGS, {"action": "confirm", "code": code_of(device)})
    assert done.status_code == 200
    assert two_step.is_on(athlete)
    shown = re.findall(r"<code>([a-z2-7]{8})</code>", done.content.decode())
    assert len(shown) == 10


def test_a_wrong_confirmation_code_leaves_it_off(athlete, athlete_client):
    athlete_client.post(SETTINGS, {"action": "start"})
    response = athlete_client.post(SETTINGS, {"action": "confirm", "code": "000000"})
    assert response.status_code == 400
    assert not two_step.is_on(athlete)


def test_the_password_alone_does_not_sign_in(protected):
    client = Client()
    response = password_step(client)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/two-step/"
    assert client.get("/").status_code == 302  # still signed out
    assert "_auth_user_id" not in client.session


def test_the_apps_code_completes_the_sign_in(athlete, protected):
    client = Client()
    password_step(client)
    # The confirmation used this step's code; the app's next one is within the tolerance.
    response = client.post("/accounts/two-step/", {"code": code_of(app_of(athlete), ahead=1)})
    assert response.status_code == 302
    assert client.get("/").status_code == 200


def test_a_wrong_code_does_not_sign_in(protected):
    client = Client()
    password_step(client)
    response = client.post("/accounts/two-step/", {"code": "123456"})
    assert response.status_code == 400
    assert client.get("/").status_code == 302


def test_a_recovery_code_signs_in_once(protected):
    first = Client()
    password_step(first)
    assert first.post("/accounts/two-step/", {"code": protected[0]}).status_code == 302
    again = Client()
    password_step(again)
    assert again.post("/accounts/two-step/", {"code": protected[0]}).status_code == 400
    assert again.get("/").status_code == 302


def test_the_second_step_without_the_first_signs_nobody_in(protected):
    client = Client()
    response = client.post("/accounts/two-step/", {"code": protected[0]})
    assert response.status_code == 302
    assert client.get("/").status_code == 302


def test_an_account_without_two_steps_signs_in_with_its_password(athlete):
    client = Client()
    assert password_step(client)["Location"] == "/"
    assert client.get("/").status_code == 200


def test_the_api_token_needs_the_code_too(athlete, protected):
    body = {"username": "athlete", "password": PASSWORD}
    refused = APIClient().post("/api/v1/auth/token/", body)
    assert refused.status_code == 400
    assert list(refused.json()) == ["otp"]
    granted = APIClient().post("/api/v1/auth/token/", {**body, "otp": protected[1]})
    assert granted.status_code == 200
    assert set(granted.json()) == {"token", "expiry"}


def test_the_admin_refuses_a_password_alone_for_two_step_accounts(db):
    boss = UserFactory(username="boss", is_staff=True, is_superuser=True)
    device = two_step.app_start(user=boss)
    two_step.app_confirm(user=boss, code=code_of(device))
    admin = Client()
    response = admin.post("/admin/login/", {"username": "boss", "password": PASSWORD})
    assert response.status_code == 200
    assert "signs in in two steps" in response.content.decode()
    assert admin.get("/admin/").status_code == 302


def test_turning_it_off_takes_a_code(athlete, athlete_client, protected):
    assert athlete_client.post(SETTINGS, {"action": "off", "code": "999999"}).status_code == 400
    assert two_step.is_on(athlete)
    athlete_client.post(SETTINGS, {"action": "off", "code": protected[2]})
    assert not two_step.is_on(athlete)


def test_coaches_are_offered_two_step_sign_in_on_their_roster(athlete):
    coach = UserFactory(username="cordelia")
    invitation = coaching.invitation_create(coach=coach)
    coaching.invitation_accept(athlete=athlete, code=invitation.code)
    client = Client()
    client.force_login(coach)
    assert "Set up two-step sign-in" in client.get("/coach/").content.decode()
    device = two_step.app_start(user=coach)
    two_step.app_confirm(user=coach, code=code_of(device))
    assert "Set up two-step sign-in" not in client.get("/coach/").content.decode()
