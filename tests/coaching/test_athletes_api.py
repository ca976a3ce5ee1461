"""GET /api/v1/athletes/: the roster as JSON, same rows and order as the page."""

from datetime import timedelta

import pytest
from django.utils import timezone

from advice.items import EXTRA_KEYS, ITEM_KEYS
from tests.coaching.builders import roster_of
from tests.coaching.conftest import api_for, link
from tests.factories import SymptomFactory, TrainingSessionFactory

pytestmark = pytest.mark.django_db

ROW_KEYS = [
    "id", "username", "name", "last_session_date", "volume_this_week_kg",
    "volume_4_week_average_kg", "worst_pain_7_days", "red_flags", "advice_headline", "flags",
    "attention", "reasons",
]  # fmt: skip


@pytest.fixture
def api(coach):
    return api_for(coach)


def test_each_row_has_the_roster_fields(coach, api):
    (athlete, *_) = roster_of(coach, 6)
    body = api.get("/api/v1/athletes/").json()
    assert body["count"] == 6
    assert body["next"] is None
    first = body["results"][0]
    assert list(first) == ROW_KEYS
    today = timezone.localdate()
    assert first == {
        "id": athlete.pk,
        "username": "r000-referral",
        "name": "Athlete000",
        "last_session_date": (today - timedelta(days=1)).isoformat(),
        "volume_this_week_kg": 2100.0,
        "volume_4_week_average_kg": 2000.0,
        "worst_pain_7_days": {"score": 7, "region": "hip_bone"},
        "red_flags": ["numbness"],
        "advice_headline": {
            "cause": "sharp_acute_pain",
            "severity": "see_professional",
            "title": "A sudden, sharp pain",
            "region": "hip_bone",
        },
        "flags": ["referral", "red_flags", "rising_pain"],
        "attention": "referral",
        "reasons": [
            {"code": "referral", "text": "See a professional: A sudden, sharp pain"},
            {"code": "pain_rising", "text": "Hip bone pain rising: 1 to 7/10"},
        ],
    }


def test_the_order_matches_the_roster_page(coach, api):
    roster_of(coach, 6)
    usernames = [r["username"] for r in api.get("/api/v1/athletes/").json()["results"]]
    assert usernames == [
        "r000-referral", "r001-caution", "r003-rising", "r002-spike", "r004-stopped", "r005-quiet",
    ]  # fmt: skip


def test_a_quiet_athlete_has_nulls_not_guesses(coach, api):
    roster_of(coach, 6)
    quiet = api.get("/api/v1/athletes/?q=quiet").json()["results"][0]
    assert quiet["worst_pain_7_days"] is None
    assert quiet["advice_headline"] is None
    assert quiet["flags"] == []
    assert quiet["attention"] == "other"


def test_flag_and_search_filter(coach, api):
    roster_of(coach, 12)
    body = api.get("/api/v1/athletes/?flag=caution&q=r00").json()
    assert [r["username"] for r in body["results"]] == ["r001-caution", "r007-caution"]


def test_pages_of_athletes(coach, api):
    roster_of(coach, 7)
    body = api.get("/api/v1/athletes/?page_size=5&page=2").json()
    assert body["count"] == 7
    assert len(body["results"]) == 2
    assert body["previous"]


@pytest.mark.parametrize(
    "query", ["flag=nope", "flag=", "flag=referral&flag=caution", "q=" + "x" * 101, "q=a&q=b",
              "page_size=0", "page_size=101"],
)  # fmt: skip
def test_bad_parameters_are_a_bad_request(api, query):
    assert api.get(f"/api/v1/athletes/?{query}").status_code == 400


def test_an_athlete_who_coaches_nobody_gets_an_empty_roster(athlete):
    assert api_for(athlete).get("/api/v1/athletes/").json()["results"] == []


def test_a_roster_row_is_the_stored_summary_of_a_real_log(
    coach, athlete, api, django_capture_on_commit_callbacks
):
    session = TrainingSessionFactory(athlete=athlete, date=timezone.localdate())
    SymptomFactory(session=session, kind="tingling")
    with django_capture_on_commit_callbacks(execute=True):
        link(coach, athlete)
    (row,) = api.get("/api/v1/athletes/").json()["results"]
    assert row["red_flags"] == ["tingling"]
    assert row["advice_headline"]["cause"] == "neurological_symptoms"
    advice = api.get(f"/api/v1/advice/?athlete={athlete.pk}").json()
    assert advice[0]["cause"] == row["advice_headline"]["cause"]
    assert list(advice[0]) == [*ITEM_KEYS, *EXTRA_KEYS]


def test_the_pages_together_are_the_whole_roster_in_its_order(coach, api):
    roster_of(coach, 23)
    whole = [r["username"] for r in api.get("/api/v1/athletes/?page_size=100").json()["results"]]
    paged = [
        r["username"]
        for n in (1, 2, 3)
        for r in api.get(f"/api/v1/athletes/?page_size=10&page={n}").json()["results"]
    ]
    assert paged == whole
    assert len(set(paged)) == 23
