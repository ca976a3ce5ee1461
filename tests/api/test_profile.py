"""GET/PATCH /api/v1/profile/ (contract v1.1): the caller's unit, time zone and bodyweight."""

from decimal import Decimal

import pytest
from django.test import Client

from tests.factories import TrainingSessionFactory
from tracker.models import Profile

pytestmark = pytest.mark.django_db


def test_the_profile_says_the_callers_settings(athlete_api, athlete):
    Profile.objects.filter(user=athlete).update(
        unit="lb", time_zone="America/New_York", bodyweight_kg=Decimal("72.5")
    )
    answer = athlete_api.get("/api/v1/profile/")
    assert answer.status_code == 200
    assert answer.json() == {
        "username": "athlete",
        "unit": "lb",
        "time_zone": "America/New_York",
        "bodyweight_kg": 72.5,
        "rest_seconds": 90,
        "is_coach": False,
    }


def test_a_patch_changes_only_the_fields_sent(athlete_api, athlete):
    Profile.objects.filter(user=athlete).update(time_zone="Europe/Berlin")
    answer = athlete_api.patch("/api/v1/profile/", {"unit": "lb"}, format="json")
    assert answer.status_code == 200
    profile = Profile.objects.get(user=athlete)
    assert (profile.unit, profile.time_zone) == ("lb", "Europe/Berlin")
    assert answer.json()["unit"] == "lb"


def test_a_zone_named_for_a_place_is_stored(athlete_api, athlete):
    answer = athlete_api.patch("/api/v1/profile/", {"time_zone": "Asia/Tokyo"}, format="json")
    assert answer.json()["time_zone"] == "Asia/Tokyo"
    assert Profile.objects.get(user=athlete).time_zone == "Asia/Tokyo"


def test_bodyweight_null_forgets_it(athlete_api, athlete):
    Profile.objects.filter(user=athlete).update(bodyweight_kg=Decimal("80"))
    athlete_api.patch("/api/v1/profile/", {"bodyweight_kg": None}, format="json")
    assert Profile.objects.get(user=athlete).bodyweight_kg is None


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"unit": "stone"}, "unit"),
        ({"time_zone": "Factory"}, "time_zone"),
        ({"time_zone": "asia/tokyo"}, "time_zone"),
        ({"time_zone": "Mars/Olympus_Mons"}, "time_zone"),
        ({"time_zone": 5}, "time_zone"),
        ({"bodyweight_kg": 12}, "bodyweight_kg"),
        ({"bodyweight_kg": "80"}, "bodyweight_kg"),
        ({"bodyweight_kg": 80.123}, "bodyweight_kg"),
        ({"rest_seconds": 901}, "rest_seconds"),
    ],
)
def test_a_bad_value_is_a_400_naming_the_field_and_changes_nothing(
    athlete_api, athlete, body, field
):
    answer = athlete_api.patch("/api/v1/profile/", {"unit": "lb", **body}, format="json")
    assert answer.status_code == 400
    assert field in answer.json()
    assert Profile.objects.get(user=athlete).unit == "kg"


def test_the_profile_needs_a_signed_in_caller(anonymous_api):
    assert anonymous_api.get("/api/v1/profile/").status_code in (401, 403)
    assert anonymous_api.patch("/api/v1/profile/", {"unit": "lb"}, format="json").status_code in (
        401,
        403,
    )


def test_a_browser_session_shows_the_new_unit_on_its_pages(athlete):
    browser = Client()
    browser.force_login(athlete)
    session = TrainingSessionFactory(athlete=athlete)
    browser.patch("/api/v1/profile/", {"unit": "lb"}, content_type="application/json")
    assert browser.session["unit"] == "lb"
    page = browser.get(f"/sessions/{session.pk}/")
    assert "lb" in page.content.decode()
