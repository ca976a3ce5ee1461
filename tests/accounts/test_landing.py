"""Where signing in lands: a coach on the roster, an athlete on Today, `next` before both."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.coaching.conftest import link
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def _sign_in(username: str, next_url: str = "") -> str:
    url = reverse("login") + (f"?next={next_url}" if next_url else "")
    answer = Client().post(url, {"username": username, "password": PASSWORD})
    return answer.headers["Location"]


def test_a_coach_with_athletes_lands_on_the_roster():
    link(UserFactory(username="coach"), UserFactory(username="ada"))
    assert _sign_in("coach") == reverse("coaching:roster")


def test_an_athlete_lands_on_today():
    link(UserFactory(username="coach"), UserFactory(username="ada"))
    assert _sign_in("ada") == reverse("tracker:today")


def test_a_page_asked_for_comes_first_even_for_a_coach():
    link(UserFactory(username="coach"), UserFactory(username="ada"))
    assert _sign_in("coach", "/charts/") == "/charts/"
