"""Failed sign-ins are limited per username and per address, on every way in (django-axes).

The web log-in, /admin/login/ and POST /api/v1/auth/token/ share one count, kept in the
database. People are not limited: successful sign-ins never count (contract, section 2).
"""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.db.models import F
from django.test import Client
from rest_framework.test import APIClient

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

TOKEN = "/api/v1/auth/token/"
LOGIN = "/accounts/login/"
ADMIN_LOGIN = "/admin/login/"
GYM = "203.0.113.7"
ELSEWHERE = "198.51.100.9"
FULLWIDTH_TARGET = "\uff54\uff41\uff52\uff47\uff45\uff54"  # "target" in fullwidth letters


def from_address(address: str) -> APIClient:
    return APIClient(REMOTE_ADDR=address)


def guess(client: APIClient, username: str, password: str = "not-the-password", **headers):
    return client.post(TOKEN, {"username": username, "password": password}, **headers)


def web_guess(username: str, password: str = "not-the-password", address: str = GYM):
    return Client(REMOTE_ADDR=address).post(LOGIN, {"username": username, "password": password})


@pytest.fixture
def target(db):
    return UserFactory(username="target")


def test_successful_sign_ins_are_never_counted(target):
    gym = from_address(GYM)
    assert {guess(gym, "target", PASSWORD).status_code for _ in range(60)} == {200}
    assert guess(gym, "target").status_code == 400  # a failure is still a plain failure


def test_nine_failures_leave_the_right_password_working(target):
    answers = [guess(from_address(GYM), "target").status_code for _ in range(9)]
    assert answers == [400] * 9
    assert guess(from_address(GYM), "target", PASSWORD).status_code == 200


def test_the_tenth_failure_locks_the_username_for_every_address(target):
    answers = [guess(from_address(f"192.0.2.{n}"), "target").status_code for n in range(10)]
    assert answers == [400] * 9 + [429]
    locked = guess(from_address(ELSEWHERE), "target", PASSWORD)  # even the right password
    assert locked.status_code == 429
    assert 0 < int(locked.headers["Retry-After"]) <= 15 * 60
    assert "throttled" in locked.json()["detail"]


def test_a_locked_username_does_not_lock_others_at_the_same_address(target):
    UserFactory(username="bystander")
    gym = from_address(GYM)
    for _ in range(10):
        guess(gym, "target")
    assert guess(gym, "target").status_code == 429
    assert guess(gym, "bystander", PASSWORD).status_code == 200


@pytest.mark.parametrize(
    "variant", ["TARGET", " target", "target\n", "\ttarget ", FULLWIDTH_TARGET, "Target"]
)
def test_username_variants_share_one_counter_on_the_api(target, variant):
    for n in range(10):
        guess(from_address(f"192.0.2.{n}"), variant if n % 2 else "target")
    assert guess(from_address(ELSEWHERE), "target", PASSWORD).status_code == 429
    assert guess(from_address(ELSEWHERE), variant, PASSWORD).status_code == 429


@pytest.mark.parametrize("variant", [" target", "target\n", FULLWIDTH_TARGET, "TARGET"])
def test_username_variants_share_one_counter_on_the_web_log_in(target, variant):
    for n in range(10):
        web_guess(variant if n % 2 else "target", address=f"192.0.2.{n}")
    # Django signs " target" and the fullwidth name in as "target": locked all the same.
    locked = web_guess(variant, PASSWORD, address=ELSEWHERE)
    assert locked.status_code == 429
    assert b"Too many failed sign-ins" in locked.content


def test_a_web_log_in_variant_with_the_right_password_is_refused_while_locked(target):
    for n in range(10):
        web_guess("target", address=f"192.0.2.{n}")
    client = Client(REMOTE_ADDR=ELSEWHERE)
    response = client.post(LOGIN, {"username": f" {FULLWIDTH_TARGET}\n", "password": PASSWORD})
    assert response.status_code == 429
    assert client.get("/").status_code == 302  # not signed in


def test_the_web_log_in_and_the_api_share_one_count(target):
    for n in range(5):
        web_guess("target", address=f"192.0.2.{n}")
    for n in range(5):
        guess(from_address(f"192.0.2.{50 + n}"), "target")
    assert web_guess("target", PASSWORD, address=ELSEWHERE).status_code == 429
    assert guess(from_address(ELSEWHERE), "target", PASSWORD).status_code == 429


def test_the_admin_log_in_locks(db):
    UserFactory(username="boss", is_staff=True, is_superuser=True)
    admin = Client(REMOTE_ADDR=GYM)
    answers = [
        admin.post(ADMIN_LOGIN, {"username": "boss", "password": "guess"}).status_code
        for _ in range(10)
    ]
    assert answers == [200] * 9 + [429]
    locked = Client(REMOTE_ADDR=ELSEWHERE).post(
        ADMIN_LOGIN, {"username": "boss", "password": PASSWORD}
    )
    assert locked.status_code == 429
    assert Client(REMOTE_ADDR=ELSEWHERE).get("/admin/").status_code == 302


def test_the_fiftieth_failure_locks_an_address(target):
    gym = from_address(GYM)
    answers = [guess(gym, f"guess{n}").status_code for n in range(50)]
    assert answers == [400] * 49 + [429]
    assert guess(gym, "target", PASSWORD).status_code == 429
    assert guess(from_address(ELSEWHERE), "target", PASSWORD).status_code == 200


def test_a_new_x_forwarded_for_per_request_does_not_escape_the_address_limit(target):
    gym = from_address(GYM)
    for n in range(50):
        guess(gym, f"guess{n}", HTTP_X_FORWARDED_FOR=f"10.{n}.0.1")
    assert guess(gym, "target", PASSWORD, HTTP_X_FORWARDED_FOR="10.99.0.1").status_code == 429


def test_behind_a_trusted_proxy_only_the_address_it_saw_counts(settings, target):
    settings.TRUSTED_PROXIES = 1
    proxy = from_address("10.0.0.2")
    for n in range(50):
        # The client writes a new first entry each time; the proxy appends what it saw.
        guess(proxy, f"guess{n}", HTTP_X_FORWARDED_FOR=f"10.{n}.0.1, {GYM}")
    assert guess(proxy, "target", PASSWORD, HTTP_X_FORWARDED_FOR=GYM).status_code == 429
    assert guess(proxy, "target", PASSWORD, HTTP_X_FORWARDED_FOR=ELSEWHERE).status_code == 200


def test_without_a_trusted_proxy_setting_x_forwarded_for_is_ignored(target):
    for n in range(50):
        guess(from_address(GYM), f"guess{n}", HTTP_X_FORWARDED_FOR=ELSEWHERE)
    assert guess(from_address(ELSEWHERE), "target", PASSWORD).status_code == 200


def test_a_lock_ends_fifteen_minutes_after_the_last_failure(target):
    gym = from_address(GYM)
    for _ in range(10):
        guess(gym, "target")
    assert guess(gym, "target", PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=15, seconds=1))
    assert guess(gym, "target", PASSWORD).status_code == 200


def test_guesses_during_a_lock_do_not_stretch_it(target):
    gym = from_address(GYM)
    for _ in range(10):
        guess(gym, "target")
    before = AccessAttempt.objects.values_list("attempt_time", "failures_since_start").get()
    for _ in range(5):
        guess(gym, "target")
    assert AccessAttempt.objects.values_list("attempt_time", "failures_since_start").get() == before
