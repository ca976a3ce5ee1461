"""Right after sign-up, Today asks the unit, the bar and the plates once."""

from decimal import Decimal

import pytest
from django.urls import reverse

from tracker.models import Profile

pytestmark = pytest.mark.django_db


@pytest.fixture
def newcomer(client):
    client.post(
        reverse("signup"),
        {
            "username": "newcomer",
            "password1": "glute-bridge-2026",
            "password2": "glute-bridge-2026",
        },
    )
    return client


def profile() -> Profile:
    return Profile.objects.get(user__username="newcomer")


def test_a_new_athlete_is_asked_to_set_up(newcomer):
    assert "Set up in 20 seconds" in newcomer.get(reverse("tracker:today")).content.decode()


def test_setting_up_stores_the_unit_bar_and_plates_in_that_unit(newcomer):
    data = {"unit": "lb", "bar_weight": "35", "plates": "45 25 10 5 2.5"}
    assert newcomer.post(reverse("tracker:first_run"), data).status_code == 302
    stored = profile()
    assert (stored.unit, stored.bar_weight, stored.plates, stored.plates_unit) == (
        "lb", Decimal("35"), "45 25 10 5 2.5", "lb",
    )  # fmt: skip
    html = newcomer.get(reverse("tracker:today")).content.decode()
    assert "Set up in 20 seconds" not in html


def test_blank_bar_and_plates_mean_the_usual_ones_for_the_unit(newcomer):
    newcomer.post(reverse("tracker:first_run"), {"unit": "lb", "bar_weight": "", "plates": ""})
    newcomer.get(reverse("tracker:today"))
    html = newcomer.get(reverse("tracker:settings")).content.decode()
    assert 'name="bar_weight" value="45"' in html


def test_not_now_stops_asking(newcomer):
    newcomer.post(reverse("tracker:first_run"), {"action": "later"})
    assert "Set up in 20 seconds" not in newcomer.get(reverse("tracker:today")).content.decode()
    assert profile().plates_unit == "kg"


def test_bad_plates_are_refused_and_nothing_stored(newcomer):
    response = newcomer.post(reverse("tracker:first_run"), {"unit": "kg", "plates": "lots"})
    assert response.status_code == 400
    assert "error-summary" in response.content.decode()
    assert profile().plates == ""
