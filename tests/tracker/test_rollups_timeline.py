"""Cold advice reads the roll-ups' weekly cells straight into the timeline
(`advice.services.timeline_of`, `Timeline.of_weeks`): the timeline must be the one the
History read from the same roll-ups gives (`Timeline(history_of(...))`), every index in the
same order, whatever the day the advice is for (weeks merged into this one, weeks not yet
history, a pain on another exercise), and so must the advice.
"""

import random
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest

from advice.rules import advise
from advice.services import compute_advice, history_of, timeline_of
from advice.timeline import Timeline
from tests.factories import (
    PainReportFactory,
    SetFactory,
    TrainingSessionFactory,
    UserFactory,
)
from tests.tracker.test_rollups import TODAY, random_history
from tracker.choices import Exercise, PainTiming

pytestmark = pytest.mark.django_db


def _plain(value: Any) -> Any:
    """Dicts as lists of their items, so that the order of every index is compared too."""
    if isinstance(value, dict):
        return [(key, _plain(item)) for key, item in value.items()]
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    return value


def _state(timeline: Timeline) -> dict[str, Any]:
    return {name: _plain(v) for name, v in vars(timeline).items() if not name.startswith("_")}


def assert_same_timeline(athlete, today: date) -> None:
    from_cells = timeline_of(athlete, today)
    from_rows = Timeline(history_of(athlete, today))
    assert _state(from_cells) == _state(from_rows)
    for region in ("knee", "lower_back", "hip_bone", "neck"):
        assert from_cells.status(region) == from_rows.status(region)
    assert compute_advice(athlete, today) == advise(history_of(athlete, today))


@pytest.mark.parametrize("seed", range(8))
def test_the_timeline_from_the_weekly_cells_is_the_timeline_of_the_history(seed):
    rng = random.Random(seed)
    athlete = UserFactory()
    random_history(athlete, rng, weeks=8)
    # Tomorrow's session and one not yet history, with pain on another exercise.
    for ahead in (1, 2, 8):
        session = TrainingSessionFactory(athlete=athlete, date=TODAY + timedelta(days=ahead))
        logged = SetFactory(session=session, load_kg=Decimal("80"), reps=8)
        other = SetFactory(session=session, exercise=Exercise.OTHER, exercise_name="Deadlift")
        PainReportFactory(session=session, set=logged, timing=PainTiming.DURING, score=6)
        PainReportFactory(session=session, set=other, timing=PainTiming.DURING, score=5)
    # Every weekday as today, a week back and forth: Sundays merge next Monday's rows.
    for days in range(-9, 9, rng.choice([1, 2])):
        assert_same_timeline(athlete, TODAY + timedelta(days=days))


def test_an_empty_log_gives_an_empty_timeline():
    assert_same_timeline(UserFactory(), TODAY)
