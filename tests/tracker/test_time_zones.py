"""The athlete's time zone: taken from the phone at sign-up, chosen from real places, and
deciding what "today" is on every page."""

from datetime import UTC, date, datetime
from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import TrainingSessionFactory
from tracker import zones
from tracker.models import Profile, TrainingSession

pytestmark = pytest.mark.django_db

# 23:30 on Monday 30 November in New York is already 04:30 on Tuesday in UTC.
NEW_YORK_EVENING = datetime(2026, 12, 1, 4, 30, tzinfo=UTC)


def sign_up(client: Client, **extra: str):
    data = {
        "username": "newcomer",
        "password1": "glute-bridge-2026",
        "password2": "glute-bridge-2026",
        **extra,
    }
    return client.post(reverse("signup"), data)


def zone_of(username: str) -> str:
    return Profile.objects.get(user__username=username).time_zone


# --- sign-up ---------------------------------------------------------------------------------


def test_sign_up_stores_the_zone_the_browser_reported(client):
    assert sign_up(client, time_zone="America/New_York").status_code == 302
    assert zone_of("newcomer") == "America/New_York"


@pytest.mark.parametrize("junk", ["Factory", "localtime", "posixrules", "Etc/GMT+5", "Mars/Olympus",
                                  "<b>", "x" * 300, ""])  # fmt: skip
def test_sign_up_ignores_a_zone_that_is_no_real_place(client, junk):
    assert sign_up(client, time_zone=junk).status_code == 302
    assert zone_of("newcomer") == "UTC"


def test_sign_up_without_script_starts_on_utc(client):
    assert sign_up(client).status_code == 302
    assert zone_of("newcomer") == "UTC"


def test_the_sign_up_page_loads_the_script_that_reads_the_zone(client):
    html = client.get(reverse("signup")).content.decode()
    assert 'type="hidden" name="time_zone"' in html
    assert "js/timezone" in html


def test_an_evening_session_right_after_sign_up_is_dated_the_local_day(client):
    sign_up(client, time_zone="America/New_York")
    with mock.patch("django.utils.timezone.now", return_value=NEW_YORK_EVENING):
        client.post(reverse("tracker:session_start"))
    assert TrainingSession.objects.get().date == date(2026, 11, 30)


# --- Settings --------------------------------------------------------------------------------


def settings_data(**overrides: str) -> dict[str, str]:
    return {"unit": "kg", "time_zone": "Europe/Berlin", "bodyweight": "", **overrides}


def test_settings_suggest_real_places_and_not_the_odds_and_ends(athlete_client):
    html = athlete_client.get(reverse("tracker:settings")).content.decode()
    assert '<datalist id="time-zones">' in html
    assert 'list="time-zones"' in html
    assert '<option value="Europe/Berlin">' in html
    for junk in ("Factory", "localtime", "posixrules", "Etc/GMT+5", "US/Eastern"):
        assert f'<option value="{junk}">' not in html


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("America/New_York", "America/New_York"), ("america/new york", "America/New_York"),
     (" Asia/Tokyo ", "Asia/Tokyo"), ("UTC", "UTC")],
)  # fmt: skip
def test_settings_take_a_zone_typed_loosely(athlete_client, athlete, typed, stored):
    response = athlete_client.post(reverse("tracker:settings"), settings_data(time_zone=typed))
    assert response.status_code == 302
    athlete.profile.refresh_from_db()
    assert athlete.profile.time_zone == stored


@pytest.mark.parametrize("junk", ["Factory", "localtime", "Berlin", "Etc/GMT+5", ""])
def test_settings_refuse_a_zone_that_is_no_real_place(athlete_client, athlete, junk):
    response = athlete_client.post(reverse("tracker:settings"), settings_data(time_zone=junk))
    assert response.status_code == 400
    assert "error-summary" in response.content.decode()
    athlete.profile.refresh_from_db()
    assert athlete.profile.time_zone == "UTC"


def test_every_zone_offered_can_be_loaded():
    import zoneinfo

    for name in zones.choices():
        zoneinfo.ZoneInfo(name)
    assert len(zones.choices()) > 300


# --- today -----------------------------------------------------------------------------------


@pytest.fixture
def new_yorker(athlete) -> Client:
    athlete.profile.time_zone = "America/New_York"
    athlete.profile.save()
    client = Client()
    client.force_login(athlete)  # the zone is copied into the browser session at login
    return client


def test_today_is_the_athletes_local_day(new_yorker, athlete):
    TrainingSessionFactory(athlete=athlete, date=date(2026, 11, 30))
    with mock.patch("django.utils.timezone.now", return_value=NEW_YORK_EVENING):
        response = new_yorker.get(reverse("tracker:today"))
    assert response.context["today"] == date(2026, 11, 30)
    assert response.context["current"] is not None


def test_the_finish_form_refuses_a_date_two_days_after_the_local_day(new_yorker, athlete):
    session = TrainingSessionFactory(athlete=athlete, date=date(2026, 11, 30))
    url = reverse("tracker:session_finish", args=[session.pk])
    with mock.patch("django.utils.timezone.now", return_value=NEW_YORK_EVENING):
        tomorrow = new_yorker.post(url, {"date": "2026-12-01"})
        after = new_yorker.post(url, {"date": "2026-12-02"})
    assert tomorrow.status_code == 302
    assert after.status_code == 400
