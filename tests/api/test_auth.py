"""/api/v1/auth/: register an account and get its token."""

import pytest
from django.contrib.auth.models import User
from rest_framework.test import APIClient

from accounts.models import ApiToken
from tests.factories import PASSWORD
from tracker.models import Profile

pytestmark = pytest.mark.django_db

REGISTER = "/api/v1/auth/register/"
TOKEN = "/api/v1/auth/token/"
GOOD = "quiet-glute-bridge-42"


def test_registering_answers_201_with_id_and_username(anonymous_api):
    body = {"username": "newbie", "password": GOOD, "email": "newbie@example.com"}
    response = anonymous_api.post(REGISTER, body)
    assert response.status_code == 201
    user = User.objects.get(username="newbie")
    assert response.json() == {"id": user.pk, "username": "newbie"}
    assert user.check_password(GOOD)
    assert user.email == "newbie@example.com"
    assert Profile.objects.filter(user=user).exists()


def test_an_email_is_optional(anonymous_api):
    response = anonymous_api.post(REGISTER, {"username": "newbie", "password": GOOD})
    assert response.status_code == 201
    assert User.objects.get().email == ""


@pytest.mark.parametrize("taken", ["athlete", "ATHLETE", "Athlete"])
def test_a_taken_username_is_a_400(anonymous_api, athlete, taken):
    response = anonymous_api.post(REGISTER, {"username": taken, "password": GOOD})
    assert response.status_code == 400
    assert response.json() == {"username": ["A user with that username already exists."]}
    assert User.objects.count() == 1


@pytest.mark.parametrize(
    "password",
    [
        "Sh0rt!",  # too short
        "password123",  # too common
        "58204719365",  # only digits
        "newbie1234",  # too like the username
        "",
    ],
)
def test_a_weak_password_is_a_400_and_registers_nobody(anonymous_api, password):
    response = anonymous_api.post(REGISTER, {"username": "newbie", "password": password})
    assert response.status_code == 400
    assert list(response.json()) == ["password"]
    assert all(isinstance(message, str) for message in response.json()["password"])
    assert not User.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("username", ""),
        ("username", "two words"),
        ("username", "ünïcode"),  # ASCII only over the API (see tracker/api/auth.py)
        ("username", "x" * 151),
        ("username", 12345),
        ("username", None),
        ("password", 1234567890123),
        ("password", ["a", "list"]),
        ("email", "not-an-address"),
        ("email", 7),
    ],
)
def test_a_bad_field_is_a_400_naming_it(anonymous_api, field, value):
    body = {"username": "newbie", "password": GOOD, field: value}
    response = anonymous_api.post(REGISTER, body)
    assert response.status_code == 400
    assert field in response.json()
    assert not User.objects.exists()


def test_registering_needs_username_and_password(anonymous_api):
    response = anonymous_api.post(REGISTER, {})
    assert response.status_code == 400
    assert response.json() == {
        "username": ["This field is required."],
        "password": ["This field is required."],
    }


def test_registering_ignores_a_signed_in_browser_and_its_csrf(athlete):
    browser = APIClient(enforce_csrf_checks=True)
    browser.force_login(athlete)
    response = browser.post(REGISTER, {"username": "friend", "password": GOOD})
    assert response.status_code == 201


# --- token -----------------------------------------------------------------------------------


def test_a_username_and_password_get_a_token_and_its_expiry(anonymous_api, athlete):
    response = anonymous_api.post(TOKEN, {"username": "athlete", "password": PASSWORD})
    assert response.status_code == 200
    assert set(response.json()) == {"token", "expiry"}
    stored = ApiToken.objects.get(user=athlete)
    assert response.json()["token"].startswith(stored.token_key)
    assert response.json()["expiry"] == stored.expiry.isoformat().replace("+00:00", "Z")


def test_only_a_hash_of_the_token_is_stored(anonymous_api, athlete):
    key = anonymous_api.post(TOKEN, {"username": "athlete", "password": PASSWORD}).json()["token"]
    assert not ApiToken.objects.filter(digest=key).exists()
    assert ApiToken.objects.get().digest != key


def test_each_sign_in_gets_a_token_of_its_own_and_both_work(anonymous_api, athlete):
    body = {"username": "athlete", "password": PASSWORD}
    first = anonymous_api.post(TOKEN, body).json()["token"]
    second = anonymous_api.post(TOKEN, body).json()["token"]
    assert first != second
    for key in (first, second):
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
        assert client.get("/api/v1/sessions/").status_code == 200


def test_the_token_authenticates_api_requests(anonymous_api, athlete):
    key = anonymous_api.post(TOKEN, {"username": "athlete", "password": PASSWORD}).json()["token"]
    client = APIClient()
    assert client.get("/api/v1/sessions/").status_code == 401
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get("/api/v1/sessions/").status_code == 200


def test_a_bad_token_is_a_401(anonymous_api):
    anonymous_api.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    response = anonymous_api.get("/api/v1/sessions/")
    assert response.status_code == 401
    assert response.json() == {"detail": "Invalid token."}


@pytest.mark.parametrize(
    "body",
    [
        {"username": "athlete", "password": "wrong-password"},
        {"username": "nobody", "password": PASSWORD},
        {"username": "ATHLETE", "password": PASSWORD},  # usernames are exact when signing in
    ],
)
def test_wrong_credentials_are_a_400_without_a_token(anonymous_api, athlete, body):
    response = anonymous_api.post(TOKEN, body)
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["Unable to log in with provided credentials."]}
    assert not ApiToken.objects.exists()


def test_an_inactive_account_gets_no_token(anonymous_api, athlete):
    athlete.is_active = False
    athlete.save()
    response = anonymous_api.post(TOKEN, {"username": "athlete", "password": PASSWORD})
    assert response.status_code == 400


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"username": "athlete"},
        {"username": 1, "password": "x"},
        {"username": "", "password": ""},
    ],
)
def test_a_malformed_token_request_is_a_400(anonymous_api, body):
    response = anonymous_api.post(TOKEN, body)
    assert response.status_code == 400
    assert set(response.json()) <= {"username", "password"}


@pytest.mark.parametrize("path", [REGISTER, TOKEN])
def test_the_auth_endpoints_only_take_posts(anonymous_api, path):
    response = anonymous_api.get(path)
    assert response.status_code == 405
    assert response.headers["Allow"] == "POST, OPTIONS"
