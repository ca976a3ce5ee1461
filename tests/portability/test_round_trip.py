"""Export, import into a new account, export again: the same history apart from ids."""

import json
from copy import deepcopy

import pytest

from tests.factories import UserFactory
from tests.portability.conftest import log_rows, read, upload
from tests.portability.history import rich_history
from tracker.portability import export, importer

pytestmark = pytest.mark.django_db
ROW_STAMPS = {"id", "client_id", "created", "updated"}  # ids, and when the row was written


def comparable(document: dict) -> list[dict]:
    """The sessions with every id left out; a pain report names its set by position."""
    sessions = deepcopy(document["sessions"])
    for session in sessions:
        positions = {s["id"]: s["position"] for s in session["sets"]}
        for item in session["sets"]:
            for pain in item["pain"]:
                del pain["id"]
            _drop(item, "session")
        for pain in session["pain_reports"]:
            pain["set"] = positions.get(pain["set"])
            _drop(pain, "session")
        _drop(session)
    return sessions


def _drop(row: dict, *more: str) -> None:
    for key in (*ROW_STAMPS, *more):
        row.pop(key, None)


@pytest.fixture
def exported(athlete) -> dict:
    rich_history(athlete)
    importer.import_file(athlete, read("strong_current.csv"), unit="kg")  # imported rows too
    return export.document(athlete)


@pytest.mark.parametrize("packed", ["zip", "json"])
def test_an_export_imported_into_a_new_account_exports_the_same(exported, packed):
    newcomer = UserFactory(username="newcomer")
    data = export.zip_bytes(exported) if packed == "zip" else export.json_bytes(exported)
    outcome = importer.import_file(newcomer, data)
    assert (outcome.sessions, outcome.sets) == (5, 14)
    assert outcome.plan.comments_left_out == 2  # the coach's writing stays the coach's
    again = export.document(newcomer)
    assert comparable(again) == comparable(exported)
    assert len(again["sessions"]) == 5


def test_client_ids_the_phone_chose_come_along(exported):
    newcomer = UserFactory(username="newcomer")
    importer.import_file(newcomer, export.json_bytes(exported))
    before = {s["client_id"] for s in exported["sessions"]} - {None}
    after = {s["client_id"] for s in export.document(newcomer)["sessions"]}
    assert before <= after


def test_restoring_twice_adds_nothing(exported):
    newcomer = UserFactory(username="newcomer")
    importer.import_file(newcomer, export.zip_bytes(exported))
    before = log_rows(newcomer)
    again = importer.import_file(newcomer, export.zip_bytes(exported))
    assert (again.sessions, again.sets) == (0, 0)
    assert log_rows(newcomer) == before


def test_an_export_back_into_its_own_account_adds_nothing(athlete, exported):
    before = log_rows(athlete)
    again = importer.import_file(athlete, export.json_bytes(exported))
    assert (again.sessions, again.sets) == (0, 0)
    assert log_rows(athlete) == before


def test_the_round_trip_through_the_api(athlete_api, exported):
    from tests.conftest import streamed_json, token_client

    newcomer = token_client(UserFactory(username="newcomer"))
    data = export.json_bytes(exported)
    response = newcomer.post(
        "/api/v1/imports/", {"file": upload(data, "export.json")}, format="multipart"
    )
    assert response.status_code == 202, response.json()
    job = newcomer.get(response.json()["url"]).json()
    assert (job["state"], job["source"], job["sessions"]) == ("done", "Thrustlog", 5)
    again = streamed_json(newcomer.get("/api/v1/export/"))
    assert comparable(again) == comparable(streamed_json(athlete_api.get("/api/v1/export/")))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["sessions"][0]["sets"][0].update(load_kg="heavy"), "load kg:"),
        (lambda d: d["sessions"][0]["sets"][0].update(exercise="deadlift"), "exercise:"),
        (lambda d: d["sessions"][0]["sets"][0].update(reps=500), "reps:"),
        (lambda d: d["sessions"][0].update(date="5 Oct"), "is not YYYY-MM-DD"),
        (lambda d: d["sessions"][0]["sets"].append(d["sessions"][0]["sets"][0]), "appears twice"),
        (lambda d: d["sessions"][2]["pain_reports"][0].update(region="elbow"), "region:"),
        (lambda d: d["sessions"][2].update(symptoms=["hiccups"]), "kind:"),
        (lambda d: d.update(sessions="all of them"), 'no "sessions" list'),
    ],
)
def test_a_doctored_export_is_refused_naming_the_row(exported, change, message):
    doctored = json.loads(export.json_bytes(exported))
    change(doctored)
    newcomer = UserFactory(username="newcomer")
    with pytest.raises(importer.ImportFileError, match=message):
        importer.import_file(newcomer, json.dumps(doctored).encode())
    assert log_rows(newcomer)["sessions"] == 0


def test_the_streamed_download_round_trips_too(exported, athlete):
    from tracker.portability import streaming

    newcomer = UserFactory(username="newcomer")
    outcome = importer.import_file(newcomer, b"".join(streaming.zip_chunks(athlete)))
    assert (outcome.sessions, outcome.sets) == (5, 14)
    assert comparable(export.document(newcomer)) == comparable(exported)
