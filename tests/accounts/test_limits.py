"""Limits on sign-up, password-reset e-mails and invitation codes, per address and per account,
in the shared cache; a gym's address still signs up 60 athletes a minute (contract, section 2)."""

import pytest
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.test import Client
from rest_framework.test import APIClient

from accounts.limits import Limit, parse_rate
from coaching import services as coaching
from coaching.models import CoachLink
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
GYM = "203.0.113.7"
ELSEWHERE = "198.51.100.9"


def sign_up(client: Client, name: str):
    password = "gym-wifi-passphrase"
    return client.post(
        "/accounts/signup/", {"username": name, "password1": password, "password2": password}
    )


def test_sixty_web_sign_ups_a_minute_from_one_address_all_succeed(db):
    answers = [sign_up(Client(REMOTE_ADDR=GYM), f"member{n}").status_code for n in range(60)]
    assert answers == [302] * 60


def test_sign_ups_beyond_the_address_rate_get_429(settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "signup_per_address": "3/min"}
    answers = [sign_up(Client(REMOTE_ADDR=GYM), f"m{n}").status_code for n in range(4)]
    assert answers == [302, 302, 302, 429]
    assert sign_up(Client(REMOTE_ADDR=ELSEWHERE), "m9").status_code == 302


def test_a_spoofed_x_forwarded_for_does_not_escape_the_sign_up_limit(settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "signup_per_address": "3/min"}
    answers = [
        Client(REMOTE_ADDR=GYM, HTTP_X_FORWARDED_FOR=f"10.0.0.{n}")
        .post("/accounts/signup/", {"username": f"m{n}"})
        .status_code
        for n in range(4)
    ]
    assert answers[-1] == 429


def reset(email: str, address: str = GYM):
    return Client(REMOTE_ADDR=address).post("/accounts/password_reset/", {"email": email})


def test_three_reset_mails_an_hour_reach_one_address_then_none(db):
    UserFactory(username="lifter", email="lifter@example.com")
    answers = [reset("lifter@example.com", f"192.0.2.{n}").status_code for n in range(5)]
    assert answers == [302] * 5  # the same answer, sent or not
    assert len(mail.outbox) == 3


def test_an_unknown_address_gets_the_same_answer_as_a_limited_one(db):
    UserFactory(username="lifter", email="lifter@example.com")
    for n in range(3):
        reset("lifter@example.com", f"192.0.2.{n}")
    limited = reset("lifter@example.com", ELSEWHERE)
    unknown = reset("nobody@example.com", ELSEWHERE)
    assert (limited.status_code, limited["Location"]) == (unknown.status_code, unknown["Location"])


def test_reset_requests_beyond_the_network_rate_get_429(settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "password_reset_per_address": "2/h"}
    answers = [reset(f"person{n}@example.com").status_code for n in range(3)]
    assert answers == [302, 302, 429]
    assert reset("person9@example.com", ELSEWHERE).status_code == 302


@pytest.fixture
def prober(db):
    client = Client(REMOTE_ADDR=GYM)
    client.force_login(UserFactory(username="prober"))
    return client


def test_ten_wrong_codes_lock_the_account_out_of_codes_for_an_hour(prober):
    coach = UserFactory(username="cordelia")
    good = coaching.invitation_create(coach=coach).code
    answers = [prober.get(f"/coach/join/WRONG{n:03d}/").status_code for n in range(10)]
    assert answers == [404] * 10
    locked = prober.get(f"/coach/join/{good}/")
    assert locked.status_code == 429
    assert coach.get_username() not in locked.content.decode()  # the right code learns nothing
    assert prober.post(f"/coach/join/{good}/").status_code == 429


def test_a_locked_probe_answers_the_same_for_right_and_wrong_codes(prober):
    good = coaching.invitation_create(coach=UserFactory(username="coach")).code
    for n in range(10):
        prober.get(f"/coach/join/WRONG{n:03d}/")
    right, wrong = prober.get(f"/coach/join/{good}/"), prober.get("/coach/join/ZZZZZZZZ/")
    assert right.status_code == wrong.status_code == 429
    assert main_of(right) == main_of(wrong)


def main_of(response) -> str:
    return response.content.decode().split("<main")[1].split("</main>")[0]


def test_failed_acceptances_count_too(prober):
    for n in range(10):
        prober.post(f"/coach/join/WRONG{n:03d}/")
    assert prober.get("/coach/join/ZZZZZZZZ/").status_code == 429


def test_nine_wrong_codes_still_let_the_right_one_through(prober):
    coach = UserFactory(username="coach")
    good = coaching.invitation_create(coach=coach).code
    for n in range(9):
        prober.get(f"/coach/join/WRONG{n:03d}/")
    assert prober.get(f"/coach/join/{good}/").status_code == 200
    assert prober.post(f"/coach/join/{good}/").status_code == 302
    assert CoachLink.objects.filter(coach=coach, athlete__username="prober").exists()


def test_another_account_on_another_address_is_not_locked_by_a_prober(prober):
    for n in range(10):
        prober.get(f"/coach/join/WRONG{n:03d}/")
    other = Client(REMOTE_ADDR=ELSEWHERE)
    other.force_login(UserFactory(username="honest"))
    assert other.get("/coach/join/ZZZZZZZZ/").status_code == 404


def test_many_accounts_on_one_address_share_the_address_limit(settings, db):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "invitation_failures_per_address": "5/h"}
    answers = []
    for n in range(6):
        client = Client(REMOTE_ADDR=GYM)
        client.force_login(UserFactory(username=f"sock{n}"))
        answers.append(client.get(f"/coach/join/WRONG{n:03d}/").status_code)
    assert answers == [404] * 5 + [429]


def test_a_limit_counts_in_its_window(settings):
    settings.RATE_LIMITS = {"demo": "2/h"}
    limit = Limit("demo", "someone")
    assert [limit.hit(), limit.hit(), limit.hit()] == [False, False, True]
    assert limit.reached()
    assert not Limit("demo", "someone else").reached()


@pytest.mark.parametrize("rate", ["10", "ten/min", "10/fortnight", "", None])
def test_a_malformed_rate_names_the_setting(rate):
    with pytest.raises(ImproperlyConfigured, match="signup_per_address"):
        parse_rate("signup_per_address", rate)


def test_imports_beyond_the_account_rate_get_429_on_the_api_and_the_page(settings, athlete):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "imports_per_account": "2/h"}
    api = APIClient(REMOTE_ADDR=GYM)
    api.force_authenticate(athlete)
    answers = [api.post("/api/v1/imports/", {}, format="multipart").status_code for _ in range(3)]
    assert answers == [400, 400, 429]
    assert "Retry-After" in api.post("/api/v1/imports/", {}, format="multipart")
    page = Client(REMOTE_ADDR=ELSEWHERE)
    page.force_login(athlete)
    assert page.post("/settings/import/", {}).status_code == 429


def test_imports_of_another_account_elsewhere_are_not_limited(settings, athlete, outsider):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "imports_per_account": "2/h"}
    api = APIClient(REMOTE_ADDR=GYM)
    api.force_authenticate(athlete)
    for _ in range(3):
        api.post("/api/v1/imports/", {}, format="multipart")
    other = APIClient(REMOTE_ADDR=ELSEWHERE)
    other.force_authenticate(outsider)
    assert other.post("/api/v1/imports/", {}, format="multipart").status_code == 400
