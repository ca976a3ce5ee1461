"""The athlete can read who opened their data: a row for each coach visit (who, what, when),
shown in Settings and part of the export."""

import csv
import io
import json
import zipfile

import pytest
from django.test import Client
from rest_framework.test import APIClient

from accounts.models import AccessRecord
from coaching import services as coaching
from tests.factories import TrainingSessionFactory, UserFactory

pytestmark = pytest.mark.django_db
ACCESS = "/settings/access/"


@pytest.fixture
def coach(athlete):
    coach = UserFactory(username="cordelia")
    invitation = coaching.invitation_create(coach=coach)
    coaching.invitation_accept(athlete=athlete, code=invitation.code)
    return coach


@pytest.fixture
def coach_client(coach) -> Client:
    client = Client()
    client.force_login(coach)
    return client


def recorded(athlete) -> list[tuple[str, str]]:
    return list(AccessRecord.objects.filter(athlete=athlete).values_list("viewer_name", "what"))


@pytest.mark.parametrize(
    ("path", "what"),
    [
        ("/coach/athletes/{id}/", "history"),
        ("/coach/athletes/{id}/advice/", "advice"),
        ("/charts/{id}/", "charts"),
        ("/coach/", "roster summary"),
    ],
)
def test_a_coachs_visit_is_recorded(athlete, coach_client, path, what):
    assert coach_client.get(path.format(id=athlete.pk)).status_code == 200
    assert recorded(athlete) == [("cordelia", what)]


def test_a_coach_opening_a_session_is_recorded_with_its_date(athlete, coach_client):
    session = TrainingSessionFactory(athlete=athlete, date="2026-03-02")
    coach_client.get(f"/coach/athletes/{athlete.pk}/sessions/{session.pk}/")
    assert recorded(athlete) == [("cordelia", "session of 2026-03-02")]


def test_the_coach_api_is_recorded(athlete, coach):
    api = APIClient()
    api.force_authenticate(coach)
    assert api.get(f"/api/v1/advice/?athlete={athlete.pk}").status_code == 200
    assert api.get("/api/v1/athletes/").status_code == 200
    assert sorted(recorded(athlete)) == [
        ("cordelia", "advice (API)"),
        ("cordelia", "roster summary (API)"),
    ]


def test_the_athlete_looking_at_their_own_data_is_not_recorded(athlete, athlete_client):
    for path in ("/", "/sessions/", "/advice/", "/charts/", f"/charts/{athlete.pk}/"):
        athlete_client.get(path)
    api = APIClient()
    api.force_authenticate(athlete)
    assert api.get(f"/api/v1/advice/?athlete={athlete.pk}").status_code == 200
    assert recorded(athlete) == []


def test_an_outsiders_refused_visit_records_nothing(athlete, outsider_client):
    assert outsider_client.get(f"/coach/athletes/{athlete.pk}/").status_code == 404
    assert outsider_client.get(f"/charts/{athlete.pk}/").status_code == 404
    assert recorded(athlete) == []


def test_a_repeat_within_ten_minutes_is_one_row(athlete, coach_client):
    for _ in range(3):
        coach_client.get(f"/coach/athletes/{athlete.pk}/")
    coach_client.get(f"/coach/athletes/{athlete.pk}/advice/")
    assert sorted(recorded(athlete)) == [("cordelia", "advice"), ("cordelia", "history")]


def test_settings_shows_who_opened_what(athlete, athlete_client, coach_client):
    coach_client.get(f"/coach/athletes/{athlete.pk}/advice/")
    page = athlete_client.get(ACCESS)
    assert page.status_code == 200
    assert "cordelia opened your advice" in page.content.decode()


def test_another_athletes_log_is_not_shown(athlete, coach_client, outsider_client):
    coach_client.get(f"/coach/athletes/{athlete.pk}/")
    assert "cordelia" not in outsider_client.get(ACCESS).content.decode()


def test_the_access_log_page_costs_the_same_queries_for_many_rows(
    athlete, athlete_client, coach, django_assert_max_num_queries
):
    AccessRecord.objects.bulk_create(
        AccessRecord(athlete=athlete, viewer=coach, viewer_name="cordelia", what="history")
        for _ in range(120)
    )
    with django_assert_max_num_queries(6):
        assert athlete_client.get(ACCESS).status_code == 200


def test_the_export_holds_the_access_log(athlete, athlete_client, coach_client):
    coach_client.get(f"/coach/athletes/{athlete.pk}/advice/")
    # The downloads stream (issue 19): read them to the end.
    document = json.loads(b"".join(athlete_client.get("/settings/export/json/").streaming_content))
    assert [(a["viewer"], a["what"]) for a in document["access_log"]] == [("cordelia", "advice")]
    zipped = b"".join(athlete_client.get("/settings/export/zip/").streaming_content)
    archive = zipfile.ZipFile(io.BytesIO(zipped))
    rows = list(csv.reader(io.StringIO(archive.read("access_log.csv").decode())))
    assert rows[0] == ["access_id", "at", "viewer", "what"]
    assert rows[1][2:] == ["cordelia", "advice"]
    assert "access_log.csv" in archive.read("README.txt").decode()


def test_a_deleted_coachs_visits_stay_readable(athlete, coach, coach_client):
    coach_client.get(f"/coach/athletes/{athlete.pk}/")
    coach.delete()
    assert recorded(athlete) == [("cordelia", "history")]
