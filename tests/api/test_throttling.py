"""Failed sign-ins are limited per username and per address; people are not (contract, section 2).

A gym's athletes share one Wi-Fi address, so registering and signing in must keep working for
all of them at once, while someone guessing passwords is stopped.
"""

from unittest import mock

import pytest
from django.core.exceptions import ImproperlyConfigured
from rest_framework.test import APIClient

from tests.factories import PASSWORD, UserFactory
from tracker.api import throttles

pytestmark = pytest.mark.django_db

REGISTER = "/api/v1/auth/register/"
TOKEN = "/api/v1/auth/token/"
GYM = "203.0.113.7"
ELSEWHERE = "198.51.100.9"


def from_address(address: str) -> APIClient:
    return APIClient(REMOTE_ADDR=address)


def guess(client: APIClient, username: str, password: str = "not-the-password"):
    return client.post(TOKEN, {"username": username, "password": password})


def test_sixty_registrations_and_sixty_sign_ins_a_minute_from_one_address_all_succeed():
    gym = from_address(GYM)
    names = [f"member{n}" for n in range(60)]
    registered = [
        gym.post(REGISTER, {"username": name, "password": "gym-wifi-passphrase"}).status_code
        for name in names
    ]
    signed_in = [guess(gym, name, "gym-wifi-passphrase").status_code for name in names]
    assert registered == [201] * 60
    assert signed_in == [200] * 60


def test_successful_sign_ins_are_never_counted():
    UserFactory(username="regular")
    gym = from_address(GYM)
    assert {guess(gym, "regular", PASSWORD).status_code for _ in range(120)} == {200}
    assert guess(gym, "regular").status_code == 400  # a failure is still a plain failure


def test_after_ten_failures_a_username_is_locked_for_everyone():
    UserFactory(username="target")
    answers = [guess(from_address(f"192.0.2.{n}"), "target").status_code for n in range(10)]
    assert answers == [400] * 10
    locked = guess(from_address(ELSEWHERE), "target", PASSWORD)  # even the right password
    assert locked.status_code == 429
    assert 0 < int(locked.headers["Retry-After"]) <= 15 * 60
    assert "throttled" in locked.json()["detail"]


def test_a_locked_username_does_not_lock_others_at_the_same_address():
    UserFactory(username="target")
    UserFactory(username="bystander")
    gym = from_address(GYM)
    for _ in range(10):
        guess(gym, "target")
    assert guess(gym, "target").status_code == 429
    assert guess(gym, "bystander", PASSWORD).status_code == 200


def test_usernames_are_counted_whatever_their_case():
    UserFactory(username="target")
    gym = from_address(GYM)
    for n in range(10):
        guess(gym, "target" if n % 2 else "TARGET")
    assert guess(gym, "Target").status_code == 429


def test_after_fifty_failures_an_address_is_locked():
    UserFactory(username="regular")
    gym = from_address(GYM)
    answers = [guess(gym, f"guess{n}").status_code for n in range(50)]
    assert answers == [400] * 50
    assert guess(gym, "regular", PASSWORD).status_code == 429
    assert guess(from_address(ELSEWHERE), "regular", PASSWORD).status_code == 200


def test_a_lock_ends_with_its_window():
    UserFactory(username="target")
    gym = from_address(GYM)
    for _ in range(10):
        guess(gym, "target")
    assert guess(gym, "target", PASSWORD).status_code == 429
    later = throttles.time.time() + 15 * 60
    with mock.patch.object(throttles.time, "time", return_value=later):
        assert guess(gym, "target", PASSWORD).status_code == 200


def test_registrations_beyond_the_address_rate_get_429(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            "register": "3/min",
        },
    }
    gym = from_address(GYM)
    answers = [
        gym.post(REGISTER, {"username": f"m{n}", "password": "gym-wifi-passphrase"}).status_code
        for n in range(4)
    ]
    assert answers == [201, 201, 201, 429]
    other = from_address(ELSEWHERE).post(
        REGISTER, {"username": "m9", "password": "gym-wifi-passphrase"}
    )
    assert other.status_code == 201


def test_the_registration_rate_lets_a_gym_sign_up():
    count, seconds = throttles.parse_rate("register")
    assert count / seconds * 60 >= 60


@pytest.mark.parametrize("rate", ["10", "ten/min", "10/fortnight", "", None])
def test_a_malformed_rate_names_the_setting(settings, rate):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"sign_in_failures_per_username": rate},
    }
    with pytest.raises(ImproperlyConfigured, match="sign_in_failures_per_username"):
        throttles.parse_rate("sign_in_failures_per_username")


@pytest.mark.parametrize(
    ("rate", "parsed"), [("10/15min", (10, 900)), ("120/min", (120, 60)), ("5/2h", (5, 7200))]
)
def test_rates_may_name_a_multiple_of_their_period(settings, rate, parsed):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"register": rate},
    }
    assert throttles.parse_rate("register") == parsed
