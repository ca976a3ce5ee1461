"""The database itself refuses impossible rows, whatever code path writes them."""

import uuid
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from tests.factories import (
    PainReportFactory,
    ProfileFactory,
    SetFactory,
    SymptomFactory,
    TrainingSessionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def rejected(factory, **fields) -> bool:
    try:
        with transaction.atomic():
            factory(**fields)
    except IntegrityError:
        return True
    return False


@pytest.mark.parametrize("score", [11, 99])
def test_a_pain_score_above_ten_is_rejected(score):
    assert rejected(PainReportFactory, score=score)


def test_a_negative_load_is_rejected():
    assert rejected(SetFactory, load_kg=Decimal("-2.5"))


def test_a_load_above_a_thousand_kilograms_is_rejected():
    assert rejected(SetFactory, load_kg=Decimal("1000.01"))


def test_zero_reps_are_rejected():
    assert rejected(SetFactory, reps=0)


def test_reps_in_reserve_above_ten_are_rejected():
    assert rejected(SetFactory, rir=11)


@pytest.mark.parametrize(
    ("factory", "field", "value"),
    [
        (PainReportFactory, "region", "shoulder"),
        (PainReportFactory, "timing", "yesterday"),
        (PainReportFactory, "character", "burning"),
        (SetFactory, "foot_distance", "far"),
        (SetFactory, "stance_width", "sumo"),
        (SetFactory, "padding", "towel"),
        (SetFactory, "equipment", "kettlebell"),
        (SetFactory, "exercise", "squat"),
        (SymptomFactory, "kind", "headache"),
    ],
)
def test_a_value_outside_the_vocabulary_is_rejected(factory, field, value):
    assert rejected(factory, **{field: value})


def test_an_unknown_setup_may_stay_blank():
    logged = SetFactory(foot_distance="", stance_width="", padding="", equipment="")
    assert logged.pk


def test_a_client_id_is_stored_once_per_athlete():
    client_id = uuid.uuid4()
    first = SetFactory(client_id=client_id)
    assert rejected(
        SetFactory, client_id=client_id, session=TrainingSessionFactory(athlete=first.athlete)
    )


def test_two_athletes_may_use_the_same_client_id():
    client_id = uuid.uuid4()
    SetFactory(client_id=client_id)
    assert not rejected(SetFactory, client_id=client_id)


def test_a_session_client_id_is_stored_once_per_athlete():
    client_id = uuid.uuid4()
    first = TrainingSessionFactory(client_id=client_id)
    assert rejected(TrainingSessionFactory, client_id=client_id, athlete=first.athlete)


def test_a_red_flag_is_recorded_once_per_session():
    symptom = SymptomFactory()
    assert rejected(SymptomFactory, session=symptom.session, kind=symptom.kind)


def test_an_absurd_bench_height_is_rejected():
    assert rejected(TrainingSessionFactory, bench_height_cm=300)


def test_a_bodyweight_must_be_positive():
    assert rejected(ProfileFactory, user=UserFactory(profile=None), bodyweight_kg=Decimal("-1"))
