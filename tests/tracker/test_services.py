"""Writes through tracker.services: idempotent, all-or-nothing, owner-checked."""

import uuid
from datetime import date
from decimal import Decimal

import pytest
from django.db import IntegrityError

from tests.factories import TrainingSessionFactory, UserFactory
from tracker import services
from tracker.models import PainReport, Set, TrainingSession
from tracker.services import PainInput

pytestmark = pytest.mark.django_db

SETUP = {
    "foot_distance": "shins_vertical",
    "stance_width": "hip_width",
    "padding": "thick",
    "equipment": "barbell",
}


def log(session, **overrides):
    fields = {"load_kg": Decimal("100"), "reps": 8, **SETUP, **overrides}
    return services.set_log(athlete=session.athlete, session=session, **fields)


def test_a_repeated_client_id_returns_the_first_set():
    session = TrainingSessionFactory()
    client_id = uuid.uuid4()
    first, created = log(session, client_id=client_id)
    again, created_again = log(session, client_id=client_id, load_kg=Decimal("120"))
    assert (created, created_again) == (True, False)
    assert again == first
    assert Set.objects.count() == 1


def test_sets_are_numbered_in_the_order_they_were_logged():
    session = TrainingSessionFactory()
    positions = [log(session)[0].position for _ in range(3)]
    assert positions == [1, 2, 3]


def test_pain_in_a_set_is_stored_as_during_reports():
    session = TrainingSessionFactory()
    logged, _ = log(session, pain=[PainInput("hip_bone", 5, "bruise"), PainInput("knee", 2)])
    reports = PainReport.objects.filter(set=logged).order_by("region")
    assert [(r.region, r.score, r.timing, r.character) for r in reports] == [
        ("hip_bone", 5, "during", "bruise"),
        ("knee", 2, "during", ""),
    ]


def test_a_set_with_an_impossible_pain_score_stores_nothing():
    session = TrainingSessionFactory()
    with pytest.raises(IntegrityError):
        log(session, pain=[PainInput("knee", 2), PainInput("hip_bone", 11)])
    assert Set.objects.count() == 0
    assert PainReport.objects.count() == 0


def test_a_set_cannot_be_logged_into_another_athletes_session():
    session = TrainingSessionFactory()
    with pytest.raises(PermissionError):
        services.set_log(
            athlete=UserFactory(), session=session, load_kg=Decimal("50"), reps=5, **SETUP
        )


def test_a_repeated_session_client_id_starts_one_session():
    athlete = UserFactory()
    client_id = uuid.uuid4()
    first, _ = services.session_start(athlete=athlete, date=date(2026, 3, 2), client_id=client_id)
    again, created = services.session_start(
        athlete=athlete, date=date(2026, 3, 2), client_id=client_id
    )
    assert again == first
    assert not created
    assert TrainingSession.objects.count() == 1


def test_a_second_check_in_replaces_the_first():
    session = TrainingSessionFactory()
    services.check_in(
        athlete=session.athlete, session=session, timing="next_day", scores={"knee": 4, "neck": 1}
    )
    services.check_in(
        athlete=session.athlete, session=session, timing="next_day", scores={"knee": 2}
    )
    assert list(session.pain_reports.values_list("region", "score")) == [("knee", 2)]


def test_finishing_a_session_records_bench_flags_and_after_pain():
    session = TrainingSessionFactory(bench_height_cm=None, bench_stable=None)
    services.session_finish(
        athlete=session.athlete,
        session=session,
        bench_height_cm=42,
        bench_stable=False,
        notes="Bench wobbled.",
        symptoms=["tingling"],
        after_pain={"lower_back": 3},
    )
    session.refresh_from_db()
    assert (session.bench_height_cm, session.bench_stable, session.finished_at is not None) == (
        42,
        False,
        True,
    )
    assert list(session.symptoms.values_list("kind", flat=True)) == ["tingling"]
    assert list(session.pain_reports.values_list("region", "score", "timing")) == [
        ("lower_back", 3, "after")
    ]
