"""Records (heaviest, best estimated 1RM, most reps at a load) marked when a set is logged,
and "last time" beside the form: the previous session's sets and the best set."""

import uuid
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import SetFactory, TrainingSessionFactory
from tracker import services
from tracker.models import Set

pytestmark = pytest.mark.django_db

MONDAY = date(2026, 11, 23)


def log(athlete, session, load: str, reps: int, **extra) -> Set:
    logged, _ = services.set_log(
        athlete=athlete, session=session, load_kg=Decimal(load), reps=reps, **extra
    )
    return logged


def marks(logged: Set) -> tuple[bool, bool, bool]:
    return (logged.load_record, logged.e1rm_record, logged.reps_record)


@pytest.fixture
def last_week(athlete):
    session = TrainingSessionFactory(athlete=athlete, date=MONDAY - timedelta(days=7))
    SetFactory(session=session, position=1, load_kg=Decimal("100"), reps=8)
    SetFactory(session=session, position=2, load_kg=Decimal("100"), reps=8)
    SetFactory(session=session, position=3, load_kg=Decimal("110"), reps=5)
    return session


@pytest.fixture
def today_session(athlete):
    return TrainingSessionFactory(athlete=athlete, date=MONDAY)


# --- records ---------------------------------------------------------------------------------


def test_the_very_first_set_is_no_record(athlete, today_session):
    assert marks(log(athlete, today_session, "100", 8)) == (False, False, False)


def test_a_heavier_set_is_a_load_record(athlete, last_week, today_session):
    # 112.5 x 3: heaviest, but its 1RM estimate (123.75) is below 110 x 5 (128.3).
    assert marks(log(athlete, today_session, "112.5", 3)) == (True, False, False)


def test_a_better_estimate_is_an_e1rm_record(athlete, last_week, today_session):
    # 105 x 8 estimates 133 kg, above 110 x 5 (128.3); not heavier; no earlier set at 105.
    assert marks(log(athlete, today_session, "105", 8)) == (False, True, False)


def test_more_reps_at_a_load_is_a_reps_record(athlete, last_week, today_session):
    assert marks(log(athlete, today_session, "100", 9)) == (False, True, True)


def test_matching_a_best_is_no_record(athlete, last_week, today_session):
    assert marks(log(athlete, today_session, "110", 5)) == (False, False, False)


def test_more_than_ten_reps_is_never_an_e1rm_record(athlete, last_week, today_session):
    assert marks(log(athlete, today_session, "100", 15)) == (False, False, True)


def test_another_exercise_has_its_own_records(athlete, last_week, today_session):
    bridge = log(athlete, today_session, "60", 10, exercise="glute_bridge")
    assert marks(bridge) == (False, False, False)


def test_a_set_beats_the_sets_of_the_same_session_before_it(athlete, last_week, today_session):
    log(athlete, today_session, "115", 3)
    assert marks(log(athlete, today_session, "115", 3)) == (False, False, False)


def test_correcting_a_typo_removes_the_record_mark(athlete, last_week, today_session):
    typo = log(athlete, today_session, "1000", 8)
    assert typo.load_record
    services.set_update(athlete=athlete, logged_set=typo, load_kg=Decimal("100"), reps=8)
    typo.refresh_from_db()
    assert marks(typo) == (False, False, False)


def test_the_confirmation_announces_a_record(athlete_client, athlete, last_week, today_session):
    data = {
        "client_id": str(uuid.uuid4()), "load": "112.5", "reps": "3", "exercise": "hip_thrust",
        "foot_distance": "shins_vertical", "stance_width": "hip_width", "padding": "thick",
        "equipment": "barbell",
    }  # fmt: skip
    response = athlete_client.post(
        reverse("tracker:set_create", args=[today_session.pk]), data, follow=True
    )
    assert "Set 1 logged: 112.5 kg × 3. ★ New record: heaviest set!" in response.content.decode()


def test_the_session_and_history_mark_records(athlete_client, athlete, last_week, today_session):
    log(athlete, today_session, "112.5", 3)
    session_page = athlete_client.get(reverse("tracker:session", args=[today_session.pk]))
    assert "★ Record: heaviest set" in session_page.content.decode()
    history = athlete_client.get(reverse("tracker:history")).content.decode()
    assert "★ 1 record" in history


def test_the_records_page_lists_every_record(athlete_client, athlete, last_week, today_session):
    log(athlete, today_session, "112.5", 3)
    log(athlete, today_session, "100", 9)
    html = athlete_client.get(reverse("tracker:records")).content.decode()
    assert "112.5 kg × 3" in html
    assert "most reps at 100 kg" in html


def test_an_outsider_sees_none_of_the_athletes_records(
    outsider_client, athlete, last_week, today_session
):
    log(athlete, today_session, "112.5", 3)
    assert "112.5" not in outsider_client.get(reverse("tracker:records")).content.decode()


def test_logging_a_set_costs_the_same_queries_for_a_long_history(athlete, today_session):
    log(athlete, today_session, "100", 8)
    for weeks in range(1, 30):
        old = TrainingSessionFactory(athlete=athlete, date=MONDAY - timedelta(weeks=weeks))
        SetFactory(session=old, position=1, load_kg=Decimal(50 + weeks), reps=8)
    with CaptureQueriesContext(connection) as few:
        log(athlete, today_session, "101", 8)
    SetFactory.create_batch(40, session=TrainingSessionFactory(athlete=athlete, date=MONDAY))
    with CaptureQueriesContext(connection) as many:
        log(athlete, today_session, "102", 8)
    assert len(many) == len(few)


# --- last time -------------------------------------------------------------------------------


def page_context(client: Client, session):
    return client.get(reverse("tracker:session", args=[session.pk])).context


def test_last_time_shows_the_previous_sessions_sets(athlete_client, last_week, today_session):
    context = page_context(athlete_client, today_session)
    assert [(s.load_kg, s.reps) for s in context["last_time"]] == [
        (Decimal("100"), 8), (Decimal("100"), 8), (Decimal("110"), 5),
    ]  # fmt: skip


def test_last_time_is_written_grouped_by_load(athlete_client, last_week, today_session):
    html = athlete_client.get(reverse("tracker:session", args=[today_session.pk])).content
    assert "100 kg × 8, 8 · 110 kg × 5" in html.decode()


def test_last_time_skips_a_session_of_another_exercise(athlete, athlete_client, last_week):
    between = TrainingSessionFactory(athlete=athlete, date=MONDAY - timedelta(days=3))
    SetFactory(session=between, exercise="glute_bridge", load_kg=Decimal("60"))
    today = TrainingSessionFactory(athlete=athlete, date=MONDAY)
    SetFactory(session=today, position=1, exercise="hip_thrust")  # the form's exercise
    context = page_context(athlete_client, today)
    assert {s.session_id for s in context["last_time"]} == {last_week.pk}


def test_last_time_and_best_are_in_the_athletes_unit(athlete, last_week, today_session):
    athlete.profile.unit = "lb"
    athlete.profile.save()
    client = Client()
    client.force_login(athlete)
    html = client.get(reverse("tracker:session", args=[today_session.pk])).content.decode()
    assert "220.5 lb × 8, 8 · 242.5 lb × 5" in html


def test_the_best_set_is_the_best_estimated_1rm(athlete_client, last_week, today_session):
    best = page_context(athlete_client, today_session)["best"]
    assert (best.load_kg, best.reps) == (Decimal("110"), 5)


def test_a_first_session_shows_no_last_time(athlete_client, today_session):
    context = page_context(athlete_client, today_session)
    assert context["last_time"] == []
    assert context["best"] is None


def test_the_session_page_costs_the_same_queries_for_a_long_history(
    athlete_client, athlete, today_session
):
    url = reverse("tracker:session", args=[today_session.pk])
    old = TrainingSessionFactory(athlete=athlete, date=MONDAY - timedelta(days=2))
    SetFactory(session=old, position=1)
    athlete_client.get(url)
    with CaptureQueriesContext(connection) as few:
        athlete_client.get(url)
    for weeks in range(1, 30):
        older = TrainingSessionFactory(athlete=athlete, date=MONDAY - timedelta(weeks=weeks))
        SetFactory.create_batch(4, session=older)
    SetFactory.create_batch(6, session=old)
    with CaptureQueriesContext(connection) as many:
        athlete_client.get(url)
    assert len(many) == len(few)
