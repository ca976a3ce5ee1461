"""Cached advice is never stale: any change to the log is seen by the next read."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from advice.services import advice_for
from tests.factories import SymptomFactory, TrainingSessionFactory
from tracker import services

pytestmark = pytest.mark.django_db(transaction=True)  # on_commit must really fire
TODAY = date(2026, 11, 25)
SETUP = {"foot_distance": "shins_vertical", "stance_width": "hip_width", "padding": "none",
         "equipment": "barbell"}  # fmt: skip


def causes(athlete) -> set[str]:
    return {item.cause for item in advice_for(athlete, TODAY)}


def test_a_second_read_of_an_unchanged_log_costs_only_the_profile_query(athlete):
    advice_for(athlete, TODAY)
    with CaptureQueriesContext(connection) as ctx:
        advice_for(athlete, TODAY)
    assert len(ctx.captured_queries) == 1  # the athlete's zone and unit


def test_a_red_flag_logged_after_a_read_shows_at_once(athlete):
    assert causes(athlete) == set()
    services.session_start(athlete=athlete, date=TODAY, symptoms=["numbness"])
    assert "neurological_symptoms" in causes(athlete)


def test_deleting_the_session_takes_its_advice_away(athlete):
    session = TrainingSessionFactory(athlete=athlete, date=TODAY)
    SymptomFactory(session=session, kind="swelling")
    assert "structural_injury_signs" in causes(athlete)
    session.delete()
    assert causes(athlete) == set()


def test_sets_with_pain_logged_through_the_service_refresh_the_advice(athlete):
    for week in range(4):
        session, _ = services.session_start(athlete=athlete, date=TODAY - timedelta(weeks=week))
        causes(athlete)  # cache in between every write
        for _ in range(2):
            services.set_log(
                athlete=athlete, session=session, load_kg=Decimal("90"), reps=8, **SETUP,
                pain=[services.PainInput("hip_bone", 6, "bruise")],
            )  # fmt: skip
    assert "unpadded_bar" in causes(athlete)


def test_one_athletes_change_keeps_anothers_cache(athlete, outsider):
    advice_for(outsider, TODAY)
    services.session_start(athlete=athlete, date=TODAY, symptoms=["tingling"])
    with CaptureQueriesContext(connection) as ctx:
        advice_for(outsider, TODAY)
    assert len(ctx.captured_queries) == 1  # the profile; the advice itself from the cache
