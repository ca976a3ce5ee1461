"""/api/v1/sessions/: log, list, read, change and delete training sessions."""

import json
import uuid
from datetime import date, timedelta

import pytest
from django.utils import timezone

from tests.factories import PainReportFactory, SetFactory, SymptomFactory, TrainingSessionFactory
from tracker import queries
from tracker.models import PainReport, Set, Symptom, TrainingSession

pytestmark = pytest.mark.django_db

SESSIONS = "/api/v1/sessions/"
SESSION_KEYS = {
    "id", "date", "bench_height_cm", "bench_stable", "notes", "symptoms", "finished_at",
    "client_id", "sets", "pain_reports", "created", "updated",
}  # fmt: skip


def detail(session) -> str:
    return f"{SESSIONS}{session.pk}/"


def today() -> date:
    return timezone.localdate()


# --- POST ----------------------------------------------------------------------------------


def test_logging_a_session_answers_201_with_the_session_and_its_id(athlete_api, athlete):
    body = {
        "date": today().isoformat(),
        "bench_height_cm": 42,
        "bench_stable": False,
        "notes": "Bench wobbled.",
        "symptoms": ["tingling", "numbness"],
    }
    response = athlete_api.post(SESSIONS, body)
    assert response.status_code == 201
    data = response.json()
    assert set(data) == SESSION_KEYS
    stored = TrainingSession.objects.get(pk=data["id"])
    assert stored.athlete == athlete
    assert (data["date"], data["bench_height_cm"], data["bench_stable"], data["notes"]) == (
        today().isoformat(),
        42,
        False,
        "Bench wobbled.",
    )
    assert data["symptoms"] == ["numbness", "tingling"]
    assert (data["sets"], data["pain_reports"]) == ([], [])
    assert sorted(stored.symptoms.values_list("kind", flat=True)) == ["numbness", "tingling"]


def test_a_session_needs_only_a_date(athlete_api):
    response = athlete_api.post(SESSIONS, {"date": "2026-03-02"})
    assert response.status_code == 201
    assert response.json()["bench_height_cm"] is None
    assert response.json()["symptoms"] == []


def test_tomorrow_is_accepted_for_athletes_ahead_of_the_server(athlete_api, athlete):
    tomorrow = queries.today_for(athlete) + timedelta(days=1)
    assert athlete_api.post(SESSIONS, {"date": tomorrow.isoformat()}).status_code == 201


def test_the_athletes_today_follows_their_time_zone(athlete):
    athlete.profile.time_zone = "Pacific/Kiritimati"
    athlete.profile.save()
    import zoneinfo

    assert queries.today_for(athlete) == timezone.localdate(
        timezone=zoneinfo.ZoneInfo("Pacific/Kiritimati")
    )


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("date", None),
        ("date", "2026-02-30"),  # impossible
        ("date", "2026-13-01"),
        ("date", "2026-3-2"),  # not ISO 8601's YYYY-MM-DD
        ("date", "20260302"),
        ("date", "2026-W10-1"),
        ("date", "02/03/2026"),
        ("date", 20260302),
        ("date", "２０２６-03-02"),  # full-width digits
        ("bench_height_cm", 9),
        ("bench_height_cm", 121),
        ("bench_height_cm", "40"),
        ("bench_height_cm", 40.5),
        ("bench_height_cm", True),
        ("bench_stable", "true"),
        ("bench_stable", 1),
        ("notes", 12),
        ("notes", "x" * 2001),
        ("notes", "nul \x00 byte"),
        ("notes", "lone \ud800 surrogate"),
        ("symptoms", ["dizziness"]),
        ("symptoms", "numbness"),
        ("symptoms", [1]),
        ("symptoms", {"numbness": True}),
        ("client_id", "not-a-uuid"),
        ("client_id", 12345),
        ("client_id", "0f8fad5bd9cb469fa16570867728950e"),  # 32 hex digits: not the canonical form
    ],
)
def test_a_bad_field_is_a_400_naming_it_and_stores_nothing(athlete_api, field, value):
    body = {"date": today().isoformat(), field: value}
    # Serialised here: json.dumps escapes a lone surrogate, the test client would choke on it.
    response = athlete_api.post(SESSIONS, json.dumps(body), content_type="application/json")
    assert response.status_code == 400
    assert list(response.json()) == [field]
    assert all(isinstance(message, str) for message in _messages(response.json()[field]))
    assert TrainingSession.objects.count() == 0
    assert Symptom.objects.count() == 0


def _messages(errors):
    if isinstance(errors, dict):
        return [m for nested in errors.values() for m in _messages(nested)]
    return [
        m for item in errors for m in (_messages(item) if not isinstance(item, str) else [item])
    ]


def test_a_missing_date_is_a_400(athlete_api):
    response = athlete_api.post(SESSIONS, {"notes": "forgot the date"})
    assert response.status_code == 400
    assert response.json() == {"date": ["This field is required."]}
    assert TrainingSession.objects.count() == 0


def test_a_date_after_tomorrow_is_a_400(athlete_api, athlete):
    later = queries.today_for(athlete) + timedelta(days=2)
    response = athlete_api.post(SESSIONS, {"date": later.isoformat()})
    assert response.status_code == 400
    assert "date" in response.json()
    assert TrainingSession.objects.count() == 0


def test_logging_needs_credentials(anonymous_api):
    response = anonymous_api.post(SESSIONS, {"date": today().isoformat()})
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Token"
    assert TrainingSession.objects.count() == 0


def test_a_browser_session_works_and_needs_its_csrf_token(athlete):
    from rest_framework.test import APIClient

    browser = APIClient(enforce_csrf_checks=True)
    browser.force_login(athlete)
    assert browser.get(SESSIONS).status_code == 200
    response = browser.post(SESSIONS, {"date": today().isoformat()})
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]


# --- GET list ------------------------------------------------------------------------------


def test_the_list_shows_own_sessions_newest_first_paginated(athlete_api, athlete, outsider):
    days = [date(2026, 3, 2), date(2026, 3, 9), date(2026, 3, 5)]
    for day in days:
        TrainingSessionFactory(athlete=athlete, date=day)
    TrainingSessionFactory(athlete=outsider)
    response = athlete_api.get(SESSIONS)
    assert response.status_code == 200
    data = response.json()
    assert set(data) == {"count", "next", "previous", "results"}
    assert data["count"] == 3
    assert (data["next"], data["previous"]) == (None, None)
    assert [s["date"] for s in data["results"]] == ["2026-03-09", "2026-03-05", "2026-03-02"]
    assert set(data["results"][0]) == SESSION_KEYS


def test_the_list_pages_through_page_and_page_size(athlete_api, athlete):
    for day in range(1, 6):
        TrainingSessionFactory(athlete=athlete, date=date(2026, 3, day))
    first = athlete_api.get(SESSIONS, {"page_size": 2}).json()
    assert [s["date"] for s in first["results"]] == ["2026-03-05", "2026-03-04"]
    assert first["next"].endswith("page=2&page_size=2")
    last = athlete_api.get(SESSIONS, {"page_size": 2, "page": 3}).json()
    assert [s["date"] for s in last["results"]] == ["2026-03-01"]
    assert last["next"] is None


def test_from_and_to_filter_the_list_both_days_included(athlete_api, athlete):
    for day in (1, 2, 3, 4):
        TrainingSessionFactory(athlete=athlete, date=date(2026, 3, day))
    response = athlete_api.get(SESSIONS, {"from": "2026-03-02", "to": "2026-03-03"})
    assert [s["date"] for s in response.json()["results"]] == ["2026-03-03", "2026-03-02"]


@pytest.mark.parametrize(
    "query", [{"from": "2026-02-30"}, {"to": "yesterday"}, {"from": ""}, {"to": "2026-3-1"}]
)
def test_a_bad_date_filter_is_a_400(athlete_api, query):
    response = athlete_api.get(SESSIONS, query)
    assert response.status_code == 400
    assert list(response.json()) == list(query)


@pytest.mark.parametrize("name", ["from", "to", "page", "page_size"])
def test_a_query_parameter_given_twice_is_a_400(athlete_api, athlete, name):
    TrainingSessionFactory(athlete=athlete)
    values = {"from": "2026-03-01", "to": "2026-03-09", "page": "1", "page_size": "5"}[name]
    response = athlete_api.get(f"{SESSIONS}?{name}={values}&{name}={values}")
    assert response.status_code == 400
    assert response.json() == {name: ["Give this parameter once."]}


@pytest.mark.parametrize("page", ["0", "-1", "abc", "2", "9" * 30, "1.5", "", "last", "+1", " 1"])
def test_a_page_that_does_not_exist_is_a_404(athlete_api, athlete, page):
    TrainingSessionFactory(athlete=athlete)
    response = athlete_api.get(SESSIONS, {"page": page})
    assert response.status_code == 404
    assert response.json() == {"detail": "Invalid page."}


@pytest.mark.parametrize("size", ["0", "-5", "101", "ten", "9" * 5000, "1.5", ""])
def test_a_bad_page_size_is_a_400(athlete_api, size):
    response = athlete_api.get(SESSIONS, {"page_size": size})
    assert response.status_code == 400
    assert list(response.json()) == ["page_size"]


def test_the_list_costs_the_same_queries_for_many_sets(
    athlete_api, athlete, django_assert_max_num_queries
):
    for _ in range(3):
        session = TrainingSessionFactory(athlete=athlete)
        for _ in range(3):
            PainReportFactory(session=session, set=SetFactory(session=session))
    # authentication, count, sessions, sets, their pain, pain reports, red flags
    with django_assert_max_num_queries(7):
        assert athlete_api.get(SESSIONS).status_code == 200


# --- GET/PATCH/DELETE one --------------------------------------------------------------------


def test_a_session_comes_with_its_sets_pain_and_red_flags(athlete_api, athlete):
    session = TrainingSessionFactory(athlete=athlete)
    second = SetFactory(session=session, position=2)
    first = SetFactory(session=session, position=1)
    PainReportFactory(session=session, set=first, region="hip_bone", score=5, timing="during")
    PainReportFactory(session=session, region="lower_back", score=3, timing="after")
    SymptomFactory(session=session, kind="swelling")
    response = athlete_api.get(detail(session))
    assert response.status_code == 200
    data = response.json()
    assert [s["id"] for s in data["sets"]] == [first.pk, second.pk]
    assert data["sets"][0]["pain"] == [
        {
            "id": first.pain_reports.get().pk,
            "region": "hip_bone",
            "score": 5,
            "timing": "during",
            "character": "",
            "side": "",
        }
    ]
    assert data["sets"][0]["load_kg"] == 80.0
    assert sorted((p["region"], p["timing"]) for p in data["pain_reports"]) == [
        ("hip_bone", "during"),
        ("lower_back", "after"),
    ]
    assert data["symptoms"] == ["swelling"]


def test_changing_a_session_keeps_what_was_not_sent(athlete_api, athlete):
    session = TrainingSessionFactory(athlete=athlete, notes="old", bench_height_cm=40)
    SymptomFactory(session=session, kind="popping")
    response = athlete_api.patch(detail(session), {"notes": "new", "symptoms": ["swelling"]})
    assert response.status_code == 200
    assert response.json()["notes"] == "new"
    assert response.json()["bench_height_cm"] == 40
    assert response.json()["symptoms"] == ["swelling"]
    session.refresh_from_db()
    assert (session.notes, session.bench_height_cm) == ("new", 40)


def test_a_session_can_be_moved_to_another_day(athlete_api, athlete):
    session = TrainingSessionFactory(athlete=athlete, date=date(2026, 3, 2))
    response = athlete_api.patch(detail(session), {"date": "2026-03-01", "bench_stable": None})
    assert response.status_code == 200
    session.refresh_from_db()
    assert (session.date, session.bench_stable) == (date(2026, 3, 1), None)


@pytest.mark.parametrize(
    "body",
    [
        {"date": "2026-02-30"},
        {"date": (date.today() + timedelta(days=30)).isoformat()},
        {"bench_height_cm": 500},
        {"symptoms": ["swelling", "dizziness"]},
        {"notes": ["a list"]},
    ],
)
def test_a_bad_change_is_a_400_and_changes_nothing(athlete_api, athlete, body):
    session = TrainingSessionFactory(athlete=athlete, date=date(2026, 3, 2), bench_height_cm=40)
    SymptomFactory(session=session, kind="popping")
    response = athlete_api.patch(detail(session), body)
    assert response.status_code == 400
    assert list(response.json()) == list(body)
    session.refresh_from_db()
    assert (session.date, session.bench_height_cm, session.notes) == (date(2026, 3, 2), 40, "")
    assert list(session.symptoms.values_list("kind", flat=True)) == ["popping"]


def test_a_client_id_cannot_be_changed(athlete_api, athlete):
    session = TrainingSessionFactory(athlete=athlete)
    athlete_api.patch(detail(session), {"client_id": str(uuid.uuid4())})
    session.refresh_from_db()
    assert session.client_id is None


def test_deleting_a_session_deletes_what_was_logged_in_it(athlete_api, athlete):
    session = TrainingSessionFactory(athlete=athlete)
    PainReportFactory(session=session, set=SetFactory(session=session))
    SymptomFactory(session=session)
    response = athlete_api.delete(detail(session))
    assert response.status_code == 204
    assert not response.content
    assert (TrainingSession.objects.count(), Set.objects.count()) == (0, 0)
    assert (PainReport.objects.count(), Symptom.objects.count()) == (0, 0)
    assert athlete_api.get(detail(session)).status_code == 404


@pytest.mark.parametrize("pk", ["0", "999999", "abc", "9" * 30, "1.0", "-1"])
def test_an_id_that_does_not_exist_is_a_404(athlete_api, pk):
    for method in ("get", "patch", "delete"):
        response = getattr(athlete_api, method)(f"{SESSIONS}{pk}/")
        assert response.status_code == 404
        assert response.json() == {"detail": "Not found."}


def test_put_is_not_allowed(athlete_api, athlete):
    session = TrainingSessionFactory(athlete=athlete)
    response = athlete_api.put(detail(session), {"date": "2026-03-02"})
    assert response.status_code == 405
    assert "PATCH" in response.headers["Allow"]
