"""Advice after a set logged this week does not index three years again: the weeks at least
two weeks old are indexed once and kept in the cache (`advice.services._frozen_weeks`), and
every read checks them against the weeks as stored, so a change to an old week (an edit, a
deletion, an import) is read at once. Either way the timeline is the one the log gives.
"""

import random
import zlib
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.cache import cache

from advice import services
from advice.cache import _frozen_key, frozen
from advice.services import FROZEN_LAG, FROZEN_REFRESH, compute_advice
from tests.factories import PainReportFactory, SetFactory, TrainingSessionFactory, UserFactory
from tests.tracker.test_rollups import REGIONS, TODAY, random_history
from tests.tracker.test_rollups_timeline import assert_same_timeline
from tracker import services as log
from tracker.choices import PainTiming
from tracker.models import TrainingSession
from tracker.rollups import monday

pytestmark = pytest.mark.django_db


@pytest.fixture
def weeks_read(monkeypatch) -> list[int]:
    """How many stored weeks each advice run read from their JSON (frozen ones included)."""
    counts: list[int] = []
    cells = services._cells

    def counted(weeks, dated):
        weeks = list(weeks)
        counts.append(len(weeks))
        return cells(weeks, dated)

    monkeypatch.setattr(services, "_cells", counted)
    return counts


def twelve_weeks() -> TrainingSession:
    """An athlete's twelve weeks, a session each, with pain now and then."""
    athlete = UserFactory()
    for weeks_ago in range(12, 0, -1):
        session = TrainingSessionFactory(athlete=athlete, date=TODAY - timedelta(weeks=weeks_ago))
        logged = SetFactory(session=session, load_kg=Decimal(60 + 2 * weeks_ago), reps=8)
        score = weeks_ago % 4
        PainReportFactory(session=session, set=logged, timing=PainTiming.DURING, score=score)
    return TrainingSessionFactory(athlete=athlete, date=TODAY)


def test_a_set_logged_this_week_reads_only_the_newer_weeks(weeks_read):
    today_session = twelve_weeks()
    athlete = today_session.athlete
    compute_advice(athlete, TODAY)
    weeks_read.clear()

    SetFactory(session=today_session, load_kg=Decimal("90"), reps=5)
    compute_advice(athlete, TODAY)

    newer = {monday(TODAY) - timedelta(weeks=1), monday(TODAY)}
    assert weeks_read == [len(newer)]
    assert_same_timeline(athlete, TODAY)


def test_a_change_to_an_old_week_is_read_at_once(weeks_read):
    athlete = twelve_weeks().athlete
    compute_advice(athlete, TODAY)
    old = TrainingSession.objects.get(athlete=athlete, date=TODAY - timedelta(weeks=9))

    PainReportFactory(session=old, timing=PainTiming.AFTER, region="knee", score=8)

    assert_same_timeline(athlete, TODAY)


def test_an_old_session_deleted_is_read_at_once():
    athlete = twelve_weeks().athlete
    compute_advice(athlete, TODAY)
    old = TrainingSession.objects.get(athlete=athlete, date=TODAY - timedelta(weeks=10))

    log.log_row_delete(athlete=athlete, row=old)

    assert_same_timeline(athlete, TODAY)


def test_an_old_week_gained_is_read_at_once():
    athlete = twelve_weeks().athlete
    compute_advice(athlete, TODAY)

    earlier = TrainingSessionFactory(athlete=athlete, date=TODAY - timedelta(weeks=30))
    SetFactory(session=earlier, load_kg=Decimal("140"), reps=3)

    assert_same_timeline(athlete, TODAY)


def test_the_older_weeks_are_indexed_again_once_enough_newer_ones_piled_up(weeks_read):
    athlete = twelve_weeks().athlete
    compute_advice(athlete, TODAY - FROZEN_REFRESH)  # kept up to two weeks before then

    weeks_read.clear()
    compute_advice(athlete, TODAY - FROZEN_REFRESH + timedelta(weeks=1))
    reused = list(weeks_read)
    weeks_read.clear()
    compute_advice(athlete, TODAY + timedelta(weeks=1))
    again = list(weeks_read)

    assert len(reused) == 1  # the newer weeks only, on top of the kept ones
    assert len(again) == 2  # too many newer weeks: the older ones read and kept again
    assert_same_timeline(athlete, TODAY + timedelta(weeks=1))


def test_a_day_before_the_kept_weeks_reads_the_log_again():
    athlete = twelve_weeks().athlete
    compute_advice(athlete, TODAY)

    assert_same_timeline(athlete, TODAY - FROZEN_LAG - timedelta(weeks=3))


@pytest.mark.parametrize("kept", [b"not a kept copy", zlib.compress(b"not a pickle"), "text"])
def test_a_kept_copy_that_cannot_be_read_is_indexed_again(kept):
    athlete = twelve_weeks().athlete
    cache.set(_frozen_key(athlete.pk), kept)

    assert_same_timeline(athlete, TODAY)
    assert frozen(athlete.pk) is not None  # and kept again, readable


@pytest.mark.parametrize("seed", range(4))
def test_random_changes_to_any_week_after_freezing_read_as_the_log(seed):
    rng = random.Random(seed)
    athlete = UserFactory()
    sessions = random_history(athlete, rng, weeks=12)
    compute_advice(athlete, TODAY)
    for _ in range(3):
        session = rng.choice(sessions)
        change = rng.randrange(3)
        if change == 0:
            PainReportFactory(session=session, region=rng.choice(REGIONS), score=rng.randint(0, 9))
        elif change == 1:
            SetFactory(session=session, load_kg=Decimal(rng.randrange(20, 200)), reps=5)
        elif TrainingSession.objects.filter(pk=session.pk).exists():
            log.log_row_delete(athlete=athlete, row=session)
        assert_same_timeline(athlete, TODAY)
