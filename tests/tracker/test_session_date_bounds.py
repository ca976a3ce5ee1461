"""A session's date lies between 1900-01-01 and the athlete's today plus one day (contract v1.1):
one rule (tracker/validators.py) on the API, the finish form and imports."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from rest_framework.test import APIClient

from tests.factories import TrainingSessionFactory
from tracker import queries
from tracker.models import TrainingSession
from tracker.validators import session_date_problem, validate_session_date

pytestmark = pytest.mark.django_db
TODAY = date(2026, 3, 2)


@pytest.fixture
def athlete_api(athlete) -> APIClient:
    client = APIClient()
    client.force_authenticate(athlete)
    return client


@pytest.mark.parametrize("day", [date(1900, 1, 1), TODAY, TODAY + timedelta(days=1)])
def test_the_bounds_themselves_are_accepted(day):
    assert session_date_problem(day, today=TODAY) is None


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (date(1, 1, 1), "The date 0001-01-01 is before 1900-01-01."),
        (date(1899, 12, 31), "The date 1899-12-31 is before 1900-01-01."),
        (TODAY + timedelta(days=2), "The date 2026-03-04 is in the future."),
        (date(9999, 12, 31), "The date 9999-12-31 is in the future."),
    ],
)
def test_dates_outside_are_refused_with_a_message(day, message):
    assert session_date_problem(day, today=TODAY) == message
    with pytest.raises(ValidationError, match=message):
        validate_session_date(day, today=TODAY)


@pytest.mark.parametrize("day", ["0001-01-01", "1899-12-31", "9999-12-31"])
def test_the_api_refuses_a_new_session_out_of_bounds(athlete_api, day):
    response = athlete_api.post("/api/v1/sessions/", {"date": day})
    assert response.status_code == 400
    assert list(response.json()) == ["date"]
    assert not TrainingSession.objects.exists()


def test_the_api_accepts_1900_01_01(athlete_api):
    assert athlete_api.post("/api/v1/sessions/", {"date": "1900-01-01"}).status_code == 201


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_the_api_refuses_moving_a_session_out_of_bounds(athlete_api, athlete, day):
    session = TrainingSessionFactory(athlete=athlete, date=date(2026, 3, 2))
    response = athlete_api.patch(f"/api/v1/sessions/{session.pk}/", {"date": day})
    assert response.status_code == 400
    session.refresh_from_db()
    assert session.date == date(2026, 3, 2)


def test_tomorrow_follows_the_athletes_time_zone(athlete_api, athlete):
    # Kiritimati is 14 hours ahead: its tomorrow may be the server's day after tomorrow.
    athlete.profile.time_zone = "Pacific/Kiritimati"
    athlete.profile.save()
    tomorrow = queries.today_for(athlete) + timedelta(days=1)
    assert athlete_api.post("/api/v1/sessions/", {"date": tomorrow.isoformat()}).status_code == 201
    later = (tomorrow + timedelta(days=1)).isoformat()
    assert athlete_api.post("/api/v1/sessions/", {"date": later}).status_code == 400
