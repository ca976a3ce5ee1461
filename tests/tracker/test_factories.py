"""The factories build objects that pass every model validation."""

import pytest

from tests.factories import (
    PainReportFactory,
    SetFactory,
    SymptomFactory,
    TrainingSessionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "factory",
    [UserFactory, TrainingSessionFactory, SetFactory, PainReportFactory, SymptomFactory],
)
def test_the_factory_builds_a_valid_object(factory):
    obj = factory()
    obj.full_clean()


def test_a_user_comes_with_a_profile():
    assert UserFactory().profile.unit == "kg"


def test_a_set_belongs_to_its_session_athlete():
    logged = SetFactory()
    assert logged.athlete == logged.session.athlete
