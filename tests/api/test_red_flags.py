"""GET/POST /api/v1/red-flags/: the open red flags, and saying one is gone."""

from datetime import timedelta
from uuid import uuid4

import pytest
from django.utils import timezone

from tests.factories import SymptomFactory, TrainingSessionFactory
from tracker.models import SymptomResolution

pytestmark = pytest.mark.django_db
LONG_AGO = timedelta(days=90)


def _flag(athlete, kind="tingling", ago=LONG_AGO):
    session = TrainingSessionFactory(athlete=athlete, date=timezone.localdate() - ago)
    SymptomFactory(session=session, kind=kind)


def test_the_api_lists_open_red_flags_and_takes_one_gone(athlete_api, athlete):
    _flag(athlete)
    listed = athlete_api.get("/api/v1/red-flags/").json()
    assert listed == [
        {
            "symptom": "tingling",
            "last_reported": (timezone.localdate() - LONG_AGO).isoformat(),
        }
    ]
    answer = athlete_api.post("/api/v1/red-flags/", {"symptom": "tingling"}, format="json")
    assert answer.status_code == 201
    assert answer.json()["date"] == timezone.localdate().isoformat()
    assert athlete_api.get("/api/v1/red-flags/").json() == []
    assert "neurological_symptoms" not in {
        i["cause"] for i in athlete_api.get("/api/v1/advice/").json()
    }


def test_a_repeated_client_id_stores_one_resolution(athlete_api, athlete):
    _flag(athlete)
    body = {"symptom": "tingling", "client_id": str(uuid4())}
    assert athlete_api.post("/api/v1/red-flags/", body, format="json").status_code == 201
    assert athlete_api.post("/api/v1/red-flags/", body, format="json").status_code == 200
    assert SymptomResolution.objects.count() == 1


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"symptom": "dizziness"}, "symptom"),
        ({"symptom": "tingling", "date": "2999-01-01"}, "date"),
        ({"symptom": "tingling", "date": "01/02/2026"}, "date"),
        ({"symptom": "tingling", "date": "2000-01-01"}, "date"),  # before its last report
    ],
)
def test_bad_input_is_a_400_that_stores_nothing(athlete_api, athlete, body, field):
    _flag(athlete)
    answer = athlete_api.post("/api/v1/red-flags/", body, format="json")
    assert answer.status_code == 400
    assert field in answer.json()
    assert not SymptomResolution.objects.exists()


def test_another_athletes_red_flags_are_invisible(outsider_api, athlete):
    _flag(athlete)
    assert outsider_api.get("/api/v1/red-flags/").json() == []


def test_the_red_flags_endpoint_needs_a_signed_in_user(anonymous_api):
    assert anonymous_api.get("/api/v1/red-flags/").status_code in (401, 403)
