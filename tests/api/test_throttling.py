"""People are not limited (contract, section 2): a gym's athletes share one Wi-Fi address.

Failed sign-ins are limited per username and per address: tests/accounts/test_sign_in_limits.py.
"""

import pytest
from django.core.exceptions import ImproperlyConfigured
from rest_framework.test import APIClient

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
