"""/api/v1/pain-reports/: pain in a region during a set, after a session or the next morning."""

import json

import pytest

from tests.factories import PainReportFactory, SetFactory, TrainingSessionFactory
from tracker.models import PainReport

pytestmark = pytest.mark.django_db

REPORTS = "/api/v1/pain-reports/"
REPORT_KEYS = {
    "id", "session", "set", "region", "score", "timing", "character", "client_id", "created",
    "side",  # an extension of the contract: which side hurt ("" when not said)
}  # fmt: skip


@pytest.fixture
def session(athlete):
    return TrainingSessionFactory(athlete=athlete)


def a_report(in_session, **overrides) -> dict:
    return {"session": in_session.pk, "region": "lower_back", "score": 4, "timing": "after"} | (
        overrides
    )


def test_reporting_pain_answers_201_with_the_report(athlete_api, session, athlete):
    response = athlete_api.post(REPORTS, a_report(session, character="ache"))
    assert response.status_code == 201
    data = response.json()
    assert set(data) == REPORT_KEYS
    stored = PainReport.objects.get(pk=data["id"])
    assert (stored.athlete, stored.session, stored.set) == (athlete, session, None)
    assert (data["region"], data["score"], data["timing"], data["character"]) == (
        "lower_back",
        4,
        "after",
        "ache",
    )


@pytest.mark.parametrize("timing", ["during", "after", "next_day"])
def test_every_timing_is_accepted(athlete_api, session, timing):
    assert athlete_api.post(REPORTS, a_report(session, timing=timing)).status_code == 201


def test_a_report_can_name_a_set_of_its_session(athlete_api, session):
    logged = SetFactory(session=session)
    response = athlete_api.post(REPORTS, a_report(session, set=logged.pk, timing="during"))
    assert response.status_code == 201
    assert PainReport.objects.get().set == logged


def test_a_set_of_another_session_is_a_400(athlete_api, session, athlete):
    elsewhere = SetFactory(session=TrainingSessionFactory(athlete=athlete))
    response = athlete_api.post(REPORTS, a_report(session, set=elsewhere.pk))
    assert response.status_code == 400
    assert list(response.json()) == ["set"]
    assert PainReport.objects.count() == 0


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("region", "elbow"),
        ("region", ""),
        ("region", None),
        ("score", 11),
        ("score", -1),
        ("score", "4"),
        ("score", 4.5),
        ("score", 4.0),
        ("score", True),
        ("timing", "yesterday"),
        ("timing", 1),
        ("character", "burning"),
        ("character", 3),
        ("session", "x"),
        ("session", -5),
        ("set", "1"),
        ("set", 999_999),
        ("client_id", "nope"),
    ],
)
def test_a_bad_field_is_a_400_naming_it_and_stores_nothing(athlete_api, session, field, value):
    body = json.dumps(a_report(session, **{field: value}))
    response = athlete_api.post(REPORTS, body, content_type="application/json")
    assert response.status_code == 400
    assert list(response.json()) == [field]
    assert PainReport.objects.count() == 0


@pytest.mark.parametrize("missing", ["session", "region", "score", "timing"])
def test_a_required_field_missing_is_a_400(athlete_api, session, missing):
    body = a_report(session)
    del body[missing]
    response = athlete_api.post(REPORTS, body)
    assert response.status_code == 400
    assert response.json() == {missing: ["This field is required."]}
    assert PainReport.objects.count() == 0


def test_another_athletes_session_or_set_is_a_400_as_if_missing(athlete_api, session, outsider):
    theirs = TrainingSessionFactory(athlete=outsider)
    their_set = SetFactory(session=theirs)
    response = athlete_api.post(REPORTS, a_report(theirs))
    assert response.status_code == 400
    assert response.json() == {"session": [f'Invalid pk "{theirs.pk}" - object does not exist.']}
    response = athlete_api.post(REPORTS, a_report(session, set=their_set.pk))
    assert response.json() == {"set": [f'Invalid pk "{their_set.pk}" - object does not exist.']}
    assert PainReport.objects.count() == 0


# --- GET list, GET/PATCH/DELETE one ----------------------------------------------------------


def test_the_list_shows_own_reports_paginated(athlete_api, session, outsider):
    mine = PainReportFactory(session=session)
    PainReportFactory(session=TrainingSessionFactory(athlete=outsider))
    response = athlete_api.get(REPORTS)
    assert response.status_code == 200
    data = response.json()
    assert set(data) == {"count", "next", "previous", "results"}
    assert [r["id"] for r in data["results"]] == [mine.pk]


def test_a_report_reads_back(athlete_api, session):
    report = PainReportFactory(session=session, region="groin", score=7, timing="next_day")
    response = athlete_api.get(f"{REPORTS}{report.pk}/")
    assert response.status_code == 200
    assert set(response.json()) == REPORT_KEYS
    assert (response.json()["region"], response.json()["score"]) == ("groin", 7)
    assert response.json()["character"] == ""


def test_changing_a_report_keeps_what_was_not_sent(athlete_api, session):
    report = PainReportFactory(session=session, region="groin", score=7, timing="after")
    response = athlete_api.patch(f"{REPORTS}{report.pk}/", {"score": 2, "character": "pinch"})
    assert response.status_code == 200
    report.refresh_from_db()
    assert (report.region, report.score, report.timing, report.character) == (
        "groin",
        2,
        "after",
        "pinch",
    )


@pytest.mark.parametrize("body", [{"score": 12}, {"timing": "later"}, {"region": None}])
def test_a_bad_change_is_a_400_and_changes_nothing(athlete_api, session, body):
    report = PainReportFactory(session=session, region="groin", score=7, timing="after")
    response = athlete_api.patch(f"{REPORTS}{report.pk}/", body)
    assert response.status_code == 400
    assert list(response.json()) == list(body)
    report.refresh_from_db()
    assert (report.region, report.score, report.timing) == ("groin", 7, "after")


def test_deleting_a_report(athlete_api, session):
    report = PainReportFactory(session=session)
    assert athlete_api.delete(f"{REPORTS}{report.pk}/").status_code == 204
    assert PainReport.objects.count() == 0
