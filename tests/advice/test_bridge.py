"""advice.services reads a real log in a fixed number of queries and finds its stories."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from advice import trends
from advice.services import advice_for, history_from_log, history_of
from tests.factories import PainReportFactory, SetFactory, TrainingSessionFactory
from tracker import demo, rollups

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 25)


def weeks_of_training(athlete, weeks: int, *, load=Decimal("80"), padding="thick") -> None:
    for week in range(weeks):
        session = TrainingSessionFactory(athlete=athlete, date=TODAY - timedelta(weeks=week))
        SetFactory(session=session, load_kg=load, padding=padding)
        PainReportFactory(session=session, region="knee", score=1, timing="after")


def queries_for_history(athlete) -> int:
    with CaptureQueriesContext(connection) as ctx:
        history_of(athlete, TODAY)
    return len(ctx.captured_queries)


def test_the_history_is_read_in_a_few_queries_however_long(athlete):
    weeks_of_training(athlete, 5)
    small = queries_for_history(athlete)
    weeks_of_training(athlete, 150)
    assert small == queries_for_history(athlete) <= 5


def test_weekly_loads_are_summed_in_the_database(athlete):
    session = TrainingSessionFactory(athlete=athlete, date=date(2026, 11, 25))  # a Wednesday
    SetFactory(session=session, load_kg=Decimal("100"), reps=10)
    SetFactory(session=session, load_kg=Decimal("80"), reps=5)
    (week,) = history_of(athlete, TODAY).loads
    assert week.week == date(2026, 11, 23)
    assert (week.top_load_kg, week.volume_kg, week.sets, week.sessions) == (
        Decimal("100"),
        Decimal("1400"),
        2,
        1,
    )
    assert round(week.e1rm_kg, 1) == Decimal("133.3")  # Epley: 100 x (1 + 10/30)


def test_a_weeks_loadable_volume_reads_each_pound_load_as_the_bar_carries_it(athlete):
    session = TrainingSessionFactory(athlete=athlete, date=date(2026, 11, 25))
    SetFactory(session=session, load_kg=Decimal("99.79"), reps=10)  # 220 lb
    SetFactory(session=session, load_kg=Decimal("31.75"), reps=20)  # 70 lb
    (from_rollups,) = history_of(athlete, TODAY).loads
    (from_log,) = history_from_log(athlete, TODAY).loads
    assert from_rollups.volume_kg == Decimal("1632.90")
    assert from_rollups.loadable_volume_kg == from_log.loadable_volume_kg == Decimal("1650")


def test_an_unknown_setup_gives_no_setup_rows_only_the_exercise(athlete):
    session = TrainingSessionFactory(athlete=athlete, date=TODAY)
    SetFactory(session=session, padding="", foot_distance="", stance_width="", equipment="")
    assert [(s.field, s.value) for s in history_of(athlete, TODAY).setups] == [
        ("exercise", "hip_thrust")
    ]


def test_another_athletes_log_never_reaches_the_advice(athlete, outsider):
    weeks_of_training(outsider, 6, padding="none")
    assert history_of(athlete, TODAY).loads == ()


@pytest.mark.parametrize(
    ("username", "cause"),
    [("ben", "too_much_weight_too_soon"), ("cleo", "unpadded_bar")],
)
def test_the_demo_stories_are_recognised(username, cause):
    from django.contrib.auth.models import User

    demo.seed(TODAY)
    causes = {i.cause for i in advice_for(User.objects.get(username=username), TODAY)}
    assert cause in causes


def test_the_clean_progression_raises_no_alarm():
    from django.contrib.auth.models import User

    demo.seed(TODAY)
    items = advice_for(User.objects.get(username="ada"), TODAY)
    assert all(i.severity == "info" for i in items)


def test_pain_after_the_session_belongs_to_every_setup_value_of_its_sets(athlete):
    session = TrainingSessionFactory(athlete=athlete, date=TODAY)
    SetFactory(session=session, padding="none")
    SetFactory(session=session, padding="thin")
    PainReportFactory(session=session, region="hip_bone", score=6, timing="after")
    linked = {(p.field, p.value, p.region) for p in history_of(athlete, TODAY).setup_pains}
    assert ("padding", "none", "hip_bone") in linked
    assert ("padding", "thin", "hip_bone") in linked


def test_pain_in_a_set_of_another_exercise_is_kept_apart_from_hip_thrust_pain(athlete):
    session = TrainingSessionFactory(athlete=athlete, date=TODAY)
    deadlift = SetFactory(session=session, exercise="other", exercise_name="Deadlift")
    PainReportFactory(session=session, set=deadlift, region="lower_back", score=6, timing="during")
    history = history_of(athlete, TODAY)
    assert history.pains == ()
    assert [(p.region, p.score, p.exercise) for p in history.other_pains] == [
        ("lower_back", 6, "Deadlift")
    ]


def test_pain_after_a_session_of_other_exercises_only_is_not_hip_thrust_pain(athlete):
    session = TrainingSessionFactory(athlete=athlete, date=TODAY)
    SetFactory(session=session, exercise="other", exercise_name="Squat")
    PainReportFactory(session=session, region="knee", score=5, timing="after")
    history = history_of(athlete, TODAY)
    assert history.pains == ()
    assert history.other_pains[0].exercise == "Squat"


def test_the_exercise_of_a_set_is_a_setup_value(athlete):
    session = TrainingSessionFactory(athlete=athlete, date=TODAY)
    one_leg = SetFactory(session=session, exercise="single_leg_hip_thrust")
    PainReportFactory(session=session, set=one_leg, region="si_joint", score=5, timing="during")
    history = history_of(athlete, TODAY)
    assert ("exercise", "single_leg_hip_thrust") in {(s.field, s.value) for s in history.setups}
    assert ("exercise", "single_leg_hip_thrust", "si_joint") in {
        (p.field, p.value, p.region) for p in history.setup_pains
    }


def test_a_coach_reads_the_athletes_advice_by_name_in_the_athletes_unit(athlete):
    from tracker.services import profile_for

    athlete.first_name = "Ada"
    athlete.save()
    profile = profile_for(athlete)
    profile.unit = "lb"
    profile.save()
    for week in range(8):
        session = TrainingSessionFactory(athlete=athlete, date=TODAY - timedelta(weeks=10 - week))
        SetFactory(session=session, load_kg=Decimal("100"))
    for week in (1, 0):
        session = TrainingSessionFactory(athlete=athlete, date=TODAY - timedelta(weeks=week))
        SetFactory(session=session, load_kg=Decimal("125"))
        PainReportFactory(session=session, region="lower_back", score=6, timing="after")
    item = next(
        i for i in advice_for(athlete, TODAY, coach=True) if i.cause == "too_much_weight_too_soon"
    )
    assert "Ada's top set went from 220 lb" in item.detail


def test_pain_placed_on_one_side_is_kept_with_the_exercise_of_its_set(athlete):
    session = TrainingSessionFactory(athlete=athlete, date=TODAY)
    one_leg = SetFactory(session=session, exercise="single_leg_hip_thrust")
    PainReportFactory(
        session=session, set=one_leg, region="lower_back", score=5, timing="during", side="left"
    )
    PainReportFactory(session=session, region="knee", score=4, timing="after", side="both")
    sided = history_of(athlete, TODAY).sided_pains
    assert [(p.region, p.side, p.exercise, p.max_score) for p in sided] == [
        ("lower_back", "left", "single_leg_hip_thrust", 5)
    ]


def test_the_roll_ups_read_volume_to_the_step_the_rules_read_top_sets_to():
    # The roll-ups cannot import the rules (layers): one number, kept in two places.
    assert float(rollups.LOADABLE_KG) == trends.LOADABLE_KG
