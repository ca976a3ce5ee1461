"""POST /api/v1/imports/ as the contract (section 2) fixes it."""

import pytest

from tests.portability.conftest import log_rows, read, upload, zipped
from tracker.models import Set

pytestmark = pytest.mark.django_db
URL = "/api/v1/imports/"
KEYS = {"sessions", "sets", "skipped", "first_date", "last_date"}


def post(client, data: bytes, name: str = "strong.csv", **fields):
    return client.post(URL, {"file": upload(data, name), **fields}, format="multipart")


def test_an_import_answers_201_with_what_was_added(athlete_api, athlete):
    response = post(athlete_api, read("strong_current.csv"), unit="kg")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert set(body) >= KEYS
    assert body["sessions"] == 2
    assert body["sets"] == 7
    assert body["skipped"] == 3
    assert (body["first_date"], body["last_date"]) == ("2026-08-03", "2026-08-06")
    assert log_rows(athlete)["sets"] == 7


def test_importing_the_same_file_again_adds_nothing(athlete_api, athlete):
    post(athlete_api, read("hevy_kg.csv"))
    before = log_rows(athlete)
    again = post(athlete_api, read("hevy_kg.csv"))
    assert again.status_code == 201
    assert again.json()["sessions"] == 0
    assert again.json()["sets"] == 0
    assert log_rows(athlete) == before


def test_the_same_history_zipped_adds_nothing_either(athlete_api, athlete):
    post(athlete_api, read("hevy_lb.csv"))
    again = post(athlete_api, zipped("workouts.csv", read("hevy_lb.csv")), name="hevy.zip")
    assert again.status_code == 201, again.json()
    assert (again.json()["sessions"], again.json()["sets"]) == (0, 0)


def test_a_dry_run_answers_200_and_stores_nothing(athlete_api, athlete):
    response = post(athlete_api, read("strong_old_semicolon.csv"), dry_run="true")
    assert response.status_code == 200
    assert set(response.json()) >= KEYS
    assert response.json()["sets"] == 3
    assert log_rows(athlete)["sets"] == 0


def test_the_unit_parameter_reads_weights_in_pounds(athlete_api, athlete):
    post(athlete_api, read("strong_current.csv"), unit="lb")
    loads = set(Set.objects.filter(athlete=athlete).values_list("load_kg", flat=True))
    assert {str(v) for v in loads} >= {"45.36", "47.63"}  # 100 lb and 105 lb


def test_without_a_unit_the_athletes_own_unit_is_used(athlete_api, athlete):
    athlete.profile.unit = "lb"
    athlete.profile.save()
    post(athlete_api, read("strong_current.csv"))
    assert Set.objects.filter(athlete=athlete, load_kg="45.36").count() == 2


@pytest.mark.parametrize(
    "fields",
    [{"unit": "stone"}, {"dry_run": "perhaps"}],
)
def test_bad_parameters_are_400s_naming_the_field(athlete_api, athlete, fields):
    response = post(athlete_api, read("strong_current.csv"), **fields)
    assert response.status_code == 400
    assert set(response.json()) == set(fields)
    assert log_rows(athlete)["sets"] == 0


def test_a_missing_file_is_a_400_on_file(athlete_api):
    response = athlete_api.post(URL, {"unit": "kg"}, format="multipart")
    assert response.status_code == 400
    assert "file" in response.json()


def test_json_is_refused_with_415(athlete_api):
    assert athlete_api.post(URL, {"file": "x"}, format="json").status_code == 415


def test_without_credentials_it_is_401(anonymous_api):
    response = post(anonymous_api, read("strong_current.csv"))
    assert response.status_code == 401


def test_an_import_stores_rows_for_the_caller_only(athlete_api, athlete, outsider):
    post(athlete_api, read("strong_current.csv"))
    assert log_rows(outsider) == {"sessions": 0, "sets": 0, "pain": 0, "symptoms": 0}


def test_another_athletes_import_does_not_count_as_yours(athlete_api, outsider_api, outsider):
    # The same file imported by two athletes: each gets their own rows (keys are per athlete).
    post(athlete_api, read("hevy_kg.csv"))
    response = post(outsider_api, read("hevy_kg.csv"))
    assert (response.json()["sessions"], response.json()["sets"]) == (1, 5)
    assert log_rows(outsider)["sets"] == 5
