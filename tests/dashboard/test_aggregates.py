"""The dashboard's reads: summed per week (in the database, or in the weekly roll-ups), a
range cut by week, and the same one query whatever the length of the history."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.dashboard.history import add_weeks
from tests.factories import PainReportFactory, SetFactory, TrainingSessionFactory
from tracker import aggregates, charts
from tracker.charts.common import as_date

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 25)  # a Wednesday


def queries_for(athlete, options: charts.Options) -> int:
    with CaptureQueriesContext(connection) as ctx:
        charts.Rows(**aggregates.chart_rows(athlete, **options.windows(TODAY)))
    return len(ctx.captured_queries)


@pytest.mark.parametrize("range_id", ["4w", "all"])
def test_one_query_for_a_month_or_for_three_years(athlete, range_id):
    add_weeks(athlete, 3, today=TODAY)
    small = queries_for(athlete, charts.Options(range=range_id))
    add_weeks(athlete, 156, today=TODAY - timedelta(weeks=3))
    assert small == queries_for(athlete, charts.Options(range=range_id)) == 1


def test_the_epley_estimate_comes_from_sets_of_ten_reps_or_fewer(athlete):
    session = TrainingSessionFactory(athlete=athlete, date=TODAY)
    SetFactory(session=session, load_kg=Decimal("100"), reps=10)
    SetFactory(session=session, load_kg=Decimal("90"), reps=15)  # too many reps to trust
    (week,) = aggregates.weekly_load(athlete, since=TODAY)
    assert round(week["e1rm_kg"], 1) == 133.3  # 100 x (1 + 10/30)


def test_since_leaves_out_earlier_weeks_in_the_database(athlete):
    for days in (0, 7, 35):
        session = TrainingSessionFactory(athlete=athlete, date=TODAY - timedelta(days=days))
        SetFactory(session=session)
        PainReportFactory(session=session)
    since = date(2026, 11, 16)
    assert [as_date(r["week"]) for r in aggregates.weekly_load(athlete, since=since)] == [
        date(2026, 11, 16), date(2026, 11, 23),
    ]  # fmt: skip
    assert len(aggregates.weekly_pain(athlete, since=since)) == 2
    assert len(aggregates.weekly_load(athlete)) == 3  # the advice engine's call is unchanged


def test_sessions_per_week_count_sessions_with_a_set_of_any_exercise(athlete):
    monday = date(2026, 11, 23)
    for day, exercise in ((0, "hip_thrust"), (1, "other"), (2, None)):
        session = TrainingSessionFactory(athlete=athlete, date=monday + timedelta(days=day))
        if exercise:
            SetFactory(session=session, exercise=exercise, exercise_name="Squat")
            SetFactory(session=session, exercise=exercise, exercise_name="Squat")
    (week,) = aggregates.weekly_sessions(athlete)
    assert (as_date(week["week"]), week["sessions"]) == (monday, 2)


def test_setup_counts_and_in_set_pain_are_grouped_by_setup(athlete):
    session = TrainingSessionFactory(athlete=athlete, date=TODAY)
    thick = SetFactory(session=session, padding="thick")
    bare = SetFactory(session=session, padding="none")
    SetFactory(session=session, padding="none", exercise="other", exercise_name="Squat")
    PainReportFactory(session=session, set=bare, region="hip_bone", score=6, timing="during")
    PainReportFactory(session=session, set=thick, region="hip_bone", score=2, timing="during")
    PainReportFactory(session=session, region="hip_bone", score=9, timing="after")  # no set
    sets = {r["padding"]: r["sets"] for r in aggregates.setup_sets(athlete)}
    assert sets == {"none": 1, "thick": 1}  # the squat is not a hip thrust
    pains = {
        r["set__padding"]: (r["max_score"], r["reports"]) for r in aggregates.setup_pain(athlete)
    }
    assert pains == {"none": (6, 1), "thick": (2, 1)}


def test_another_athletes_log_is_never_read(athlete, outsider):
    add_weeks(outsider, 4, today=TODAY)
    rows = charts.Rows(
        **aggregates.chart_rows(athlete, **charts.Options(range="all").windows(TODAY))
    )
    assert rows == charts.Rows(loads=[], pains=[], sessions=[], setup_sets=[], setup_pains=[])
