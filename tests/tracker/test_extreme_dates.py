"""No stored row can crash a page: sessions dated year 1 and year 9999, written straight into
the database (as an old bug or a restore could have left them), against every page and API
answer of the athlete and of their coach. The doors themselves refuse such dates (contract
v1.1): tests/tracker/test_session_date_bounds.py.
"""

from datetime import date
from decimal import Decimal

import pytest
from django.test import Client
from rest_framework.test import APIClient

from coaching import services as coaching_services
from tests.factories import (
    PainReportFactory,
    SetFactory,
    TrainingSessionFactory,
    UserFactory,
)
from tracker.models import TrainingSession

pytestmark = pytest.mark.django_db

EXTREMES = [date(1, 1, 1), date(9999, 12, 31)]


@pytest.fixture(params=["year-1", "year-9999"])
def odd_sessions(request, athlete):
    days = {"year-1": EXTREMES[:1], "year-9999": EXTREMES[1:]}[request.param]
    ordinary = TrainingSessionFactory(athlete=athlete, date=date(2026, 3, 2))
    SetFactory(session=ordinary, load_kg=Decimal("80"))
    made = []
    for day in days:
        session = TrainingSessionFactory(athlete=athlete, date=day)
        SetFactory(session=session, load_kg=Decimal("100"))
        PainReportFactory(session=session, region="lower_back", score=7, timing="after")
        made.append(session)
    # As if written before the bounds existed: the bounds are on the doors, not the table.
    assert TrainingSession.objects.filter(date__in=days).count() == len(days)
    return made


@pytest.fixture
def coach(athlete):
    coach = UserFactory(username="coach")
    invitation = coaching_services.invitation_create(coach=coach)
    coaching_services.invitation_accept(athlete=athlete, code=invitation.code)
    return coach


def _get_all(client, paths):
    answers = {}
    for path in paths:
        response = client.get(path)
        if response.streaming:  # a row that breaks mid-stream must fail here, not in a browser
            b"".join(response.streaming_content)
        answers[path] = response.status_code
    return answers


def test_the_athletes_pages_answer(athlete, odd_sessions):
    client = Client()
    client.force_login(athlete)
    paths = ["/", "/sessions/", "/advice/", "/settings/", "/settings/export/"]
    paths += [f"/charts/?weeks={weeks}" for weeks in ("4", "12", "52", "all")]
    paths += ["/charts/"]
    for session in odd_sessions:
        paths += [f"/sessions/{session.pk}/", f"/sessions/{session.pk}/finish/"]
        paths += [f"/sessions/{session.pk}/next-morning/"]
    answers = _get_all(client, paths)
    assert {path: code for path, code in answers.items() if code >= 500} == {}
    assert answers["/"] == 200
    assert answers["/sessions/"] == 200
    assert answers["/advice/"] == 200
    assert answers["/charts/"] == 200


def test_the_athletes_exports_answer(athlete, odd_sessions):
    client = Client()
    client.force_login(athlete)
    for kind in ("zip", "json"):
        response = client.get(f"/settings/export/{kind}/")
        assert response.status_code < 500, kind


def test_the_athletes_api_answers(athlete, odd_sessions):
    api = APIClient()
    api.force_authenticate(athlete)
    paths = ["/api/v1/sessions/", "/api/v1/advice/", "/api/v1/export/"]
    paths += [f"/api/v1/sessions/{session.pk}/" for session in odd_sessions]
    answers = _get_all(api, paths)
    assert set(answers.values()) == {200}


def test_the_coachs_pages_and_api_answer(athlete, coach, odd_sessions):
    client = Client()
    client.force_login(coach)
    paths = ["/coach/", f"/coach/athletes/{athlete.pk}/", f"/coach/athletes/{athlete.pk}/advice/"]
    paths += [f"/charts/{athlete.pk}/", f"/charts/{athlete.pk}/?weeks=all"]
    paths += [f"/coach/athletes/{athlete.pk}/sessions/{s.pk}/" for s in odd_sessions]
    answers = _get_all(client, paths)
    assert set(answers.values()) == {200}, answers
    api = APIClient()
    api.force_authenticate(coach)
    api_paths = [f"/api/v1/advice/?athlete={athlete.pk}", "/api/v1/athletes/"]
    assert set(_get_all(api, api_paths).values()) == {200}
