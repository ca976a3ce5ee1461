"""Export: GET /api/v1/export/ (contract section 2), the ZIP of CSVs and the JSON download."""

import csv
import io
import json
import zipfile
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coaching.models import Comment
from tests.conftest import streamed_json, token_client
from tests.factories import (
    CoachLinkFactory,
    CommentFactory,
    SetFactory,
    TrainingSessionFactory,
    UserFactory,
)
from tests.portability.history import rich_history
from tracker.portability import export, streaming

pytestmark = pytest.mark.django_db
# The export format's column names: documented in README.txt, never renamed.
COLUMNS = {
    "sessions.csv": "session_id,date,bench_height_cm,bench_stable,notes,red_flags,finished_at,"
    "checked_in_at,client_id,created,updated",
    "sets.csv": "set_id,session_id,date,position,exercise,exercise_name,load_kg,reps,rir,"
    "foot_distance,stance_width,padding,equipment,client_id,created,updated",
    "pain_reports.csv": "pain_report_id,session_id,set_id,date,region,score,character,side,"
    "client_id,created",
    "check_ins.csv": "pain_report_id,session_id,date,timing,region,score,character,side,client_id,"
    "created",
    "comments.csv": "comment_id,session_id,date,coach,cause,region,body,created,author",
    "access_log.csv": "access_id,at,viewer,what",
}


@pytest.fixture
def history(athlete):
    rich_history(athlete)


def test_the_api_export_holds_every_session_as_on_the_session_detail(athlete_api, history):
    body = streamed_json(athlete_api.get("/api/v1/export/"))
    assert [s["date"] for s in body["sessions"]] == ["2026-10-12", "2026-10-05", "2026-10-05"]
    for session in body["sessions"]:
        detail = athlete_api.get(f"/api/v1/sessions/{session['id']}/").json()
        assert {k: v for k, v in session.items() if k != "checked_in_at"} == detail
    assert body["format"] == "thrustlog-export"
    assert body["athlete"]["display_unit"] == "kg"
    assert [c["body"] for c in body["comments"]] == [
        "Pad the bar next time.",
        "This matches the bruising.",
    ]


def test_the_athletes_own_replies_to_a_coach_are_in_the_export(athlete, athlete_client, history):
    note = Comment.objects.get(body="Pad the bar next time.")
    CommentFactory(coach=note.coach, session=note.session, author=athlete, body="Will do.")

    downloaded = athlete_client.get("/settings/export/json/").streaming_content
    document = json.loads(b"".join(downloaded))
    zipped = athlete_client.get("/settings/export/zip/").streaming_content
    archive = zipfile.ZipFile(io.BytesIO(b"".join(zipped)))

    assert [(c["author"], c["body"]) for c in document["comments"]] == [
        ("coach", "Pad the bar next time."),
        ("coach", "This matches the bruising."),
        ("athlete", "Will do."),
    ]
    rows = list(csv.DictReader(io.StringIO(archive.read("comments.csv").decode())))
    assert [(r["author"], r["coach"]) for r in rows][-1] == ("athlete", "coach")


def test_the_api_export_streams_its_first_bytes_before_reading_the_sessions(athlete, athlete_api):
    TrainingSessionFactory.create_batch(3, athlete=athlete)
    response = athlete_api.get("/api/v1/export/")
    assert response.streaming
    assert response["Content-Type"] == "application/json"
    with CaptureQueriesContext(connection) as reading:
        first = next(iter(response.streaming_content))
    assert first.startswith(b'{"format":"thrustlog-export"')
    assert not any("tracker_set" in query["sql"] for query in reading.captured_queries)


def test_an_export_never_shows_another_athletes_log(outsider_api, outsider, history):
    SetFactory(session__athlete=outsider)
    body = streamed_json(outsider_api.get("/api/v1/export/"))
    assert len(body["sessions"]) == 1
    assert body["comments"] == []
    assert body["athlete"]["username"] == "outsider"


def test_the_export_needs_credentials(history):
    from rest_framework.test import APIClient

    assert APIClient().get("/api/v1/export/").status_code == 401


def test_the_zip_holds_csvs_with_stable_columns_a_readme_and_the_json(athlete_client, history):
    response = athlete_client.get("/settings/export/zip/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith('attachment; filename="thrustlog-athlete-')
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert sorted(archive.namelist()) == sorted([*COLUMNS, "README.txt", "export.json"])
    readme = archive.read("README.txt").decode()
    for name, header in COLUMNS.items():
        text = archive.read(name).decode()
        assert text.splitlines()[0] == header
        assert name in readme
        for column in header.split(","):
            assert column in readme, column
    assert "your display unit\nwas kg" in readme
    sets = list(csv.DictReader(io.StringIO(archive.read("sets.csv").decode())))
    assert len(sets) == 7
    assert {s["load_kg"] for s in sets} >= {"102.06", "107.50", "0.00"}
    checks = list(csv.DictReader(io.StringIO(archive.read("check_ins.csv").decode())))
    assert sorted(c["timing"] for c in checks) == ["after", "next_day"]
    sessions = list(csv.DictReader(io.StringIO(archive.read("sessions.csv").decode())))
    assert "numbness sleep_disturbance" in {s["red_flags"] for s in sessions}
    comments = list(csv.DictReader(io.StringIO(archive.read("comments.csv").decode())))
    assert [c["coach"] for c in comments] == ["coach", "coach"]
    document = json.loads(archive.read("export.json"), parse_float=Decimal)
    assert len(document["sessions"]) == 3


def test_the_json_download_is_the_api_document(athlete, athlete_client, history):
    response = athlete_client.get("/settings/export/json/")
    assert response["Content-Type"] == "application/json"
    downloaded = json.loads(b"".join(response.streaming_content))
    api = streamed_json(token_client(athlete).get("/api/v1/export/"))
    downloaded.pop("exported_at"), api.pop("exported_at")
    assert downloaded == api


def test_the_export_page_offers_both_downloads(athlete_client):
    page = athlete_client.get("/settings/export/").content.decode()
    assert 'href="/settings/export/zip/"' in page
    assert 'href="/settings/export/json/"' in page
    assert athlete_client.get("/settings/export/csv/").status_code == 404


FORMULAS = ['=HYPERLINK("http://evil.example","pad")', "+1 from coach", "-2+3", "@SUM(A1:A9)"]


@pytest.mark.parametrize("text", FORMULAS)
def test_a_cell_that_starts_a_formula_cannot_run_in_a_spreadsheet(athlete, athlete_client, text):
    from tests.factories import (
        TrainingSessionFactory,
    )

    session = TrainingSessionFactory(athlete=athlete, notes=text)
    coach = UserFactory(username="coach")
    CoachLinkFactory(coach=coach, athlete=athlete)
    CommentFactory(coach=coach, session=session, body=text)
    response = athlete_client.get("/settings/export/zip/")
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    notes = next(csv.DictReader(io.StringIO(archive.read("sessions.csv").decode())))["notes"]
    body = next(csv.DictReader(io.StringIO(archive.read("comments.csv").decode())))["body"]
    # A leading apostrophe makes a spreadsheet show the cell as text, never evaluate it.
    assert notes == body == "'" + text
    # export.json keeps what was written, as it was.
    assert json.loads(archive.read("export.json"))["sessions"][0]["notes"] == text


def test_negative_and_plain_numbers_stay_numbers():
    text = export.csv_text("access_log.csv", [[1, "-12.5", "coach", "history"]])
    assert text.splitlines()[1] == "1,-12.5,coach,history"


def test_the_streamed_zip_holds_what_the_document_holds(athlete, history):
    streamed = zipfile.ZipFile(io.BytesIO(b"".join(streaming.zip_chunks(athlete))))
    whole = zipfile.ZipFile(io.BytesIO(export.zip_bytes(export.document(athlete))))
    for name in COLUMNS:
        assert streamed.read(name) == whole.read(name), name
    one = json.loads(streamed.read("export.json"))
    other = json.loads(whole.read("export.json"))
    one.pop("exported_at"), other.pop("exported_at")
    assert one == other


def test_the_download_streams_and_costs_the_same_queries_for_more_sessions(athlete):
    def queries_for(sessions: int) -> int:
        for _ in range(sessions):
            SetFactory(session=TrainingSessionFactory(athlete=athlete), position=1)
        with CaptureQueriesContext(connection) as captured:
            b"".join(streaming.zip_chunks(athlete))
        return len(captured)

    assert queries_for(3) == queries_for(30)
