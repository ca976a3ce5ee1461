"""The weekly roll-ups give the advice exactly the history the log's rows give, after any write.

`history_from_log` reads every row (the reference); `history_of` reads the roll-ups. Random
histories are built with the factories (the signals' path) and changed through the services
(the batches' path), and the two must be equal after each step, order of every tuple included.
"""

import random
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from advice.services import history_from_log, history_of
from tests.factories import (
    PainReportFactory,
    SetFactory,
    SymptomFactory,
    SymptomResolutionFactory,
    TrainingSessionFactory,
    UserFactory,
)
from tracker import aggregates, rollups, services
from tracker.choices import (
    Equipment,
    Exercise,
    FootDistance,
    Padding,
    PainCharacter,
    PainRegion,
    PainSide,
    PainTiming,
    RedFlag,
    StanceWidth,
)
from tracker.models import PainReport, Set, TrainingSession, WeekRollup
from tracker.services import PainInput
from tracker.validators import history_bounds

pytestmark = pytest.mark.django_db
TODAY = date.today()
REGIONS = [PainRegion.LOWER_BACK, PainRegion.KNEE, PainRegion.HIP_BONE, PainRegion.NECK]
EXERCISES = [*[Exercise.HIP_THRUST] * 4, Exercise.GLUTE_BRIDGE, Exercise.SINGLE_LEG_HIP_THRUST]


def _maybe(rng: random.Random, values, blank: float = 0.15) -> str:
    return "" if rng.random() < blank else rng.choice(list(values))


def _set_fields(rng: random.Random) -> dict:
    if rng.random() < 0.15:
        return {"exercise": Exercise.OTHER, "exercise_name": rng.choice(["Deadlift", "Squat", ""])}
    return {
        "exercise": rng.choice(EXERCISES),
        "load_kg": Decimal(rng.randrange(0, 40000, 25)) / 100,
        "reps": rng.randint(1, 15),
        "padding": _maybe(rng, Padding.values),
        "foot_distance": _maybe(rng, FootDistance.values),
        "stance_width": _maybe(rng, StanceWidth.values),
        "equipment": _maybe(rng, Equipment.values),
    }


def _pain_fields(rng: random.Random) -> dict:
    return {
        "region": rng.choice(REGIONS),
        "score": rng.randint(0, 10),
        "character": _maybe(rng, PainCharacter.values, blank=0.5),
        "side": _maybe(rng, PainSide.values, blank=0.5),
    }


def random_history(athlete, rng: random.Random, *, weeks: int = 10) -> list[TrainingSession]:
    """Sessions over `weeks` weeks (some on the same day), with sets of any exercise, pain in
    sets, after them and the next morning, red flags, benches known and unknown."""
    sessions = []
    for _ in range(rng.randint(weeks, weeks * 3)):
        session = TrainingSessionFactory(
            athlete=athlete,
            date=TODAY - timedelta(days=rng.randrange(weeks * 7)),
            bench_height_cm=rng.choice([None, 35, 45]),
            bench_stable=rng.choice([None, True, False]),
            checked_in_at=None if rng.random() < 0.5 else timezone.now(),
        )
        sessions.append(session)
        for _ in range(rng.randint(0, 5)):
            logged = SetFactory(session=session, **_set_fields(rng))
            for _ in range(rng.choice([0, 0, 1, 2])):
                PainReportFactory(
                    session=session, set=logged, timing=PainTiming.DURING, **_pain_fields(rng)
                )
        for _ in range(rng.choice([0, 1, 2])):
            timing = rng.choice([PainTiming.AFTER, PainTiming.NEXT_DAY])
            PainReportFactory(session=session, timing=timing, **_pain_fields(rng))
        if rng.random() < 0.1:
            SymptomFactory(session=session, kind=rng.choice(RedFlag.values))
    if rng.random() < 0.3:
        SymptomResolutionFactory(athlete=athlete, kind=RedFlag.NUMBNESS, date=TODAY)
    return sessions


def assert_same_history(athlete) -> None:
    assert history_of(athlete, TODAY) == history_from_log(athlete, TODAY)


@pytest.mark.parametrize("seed", range(12))
def test_a_history_built_row_by_row_reads_the_same_from_the_rollups(seed):
    athlete = UserFactory()
    random_history(athlete, random.Random(seed))
    assert_same_history(athlete)


@pytest.mark.parametrize("seed", range(6))
def test_every_service_keeps_the_rollups_equal_to_the_log(seed):
    rng = random.Random(seed)
    athlete = UserFactory()
    random_history(athlete, rng, weeks=6)
    for _ in range(25):
        sessions = list(TrainingSession.objects.filter(athlete=athlete).order_by("pk"))
        session = rng.choice(sessions)
        step = rng.randrange(8)
        if step == 0:
            fields = _set_fields(rng)
            fields.setdefault("load_kg", Decimal("60"))
            fields.setdefault("reps", 8)
            pain = [PainInput(**_pain_fields(rng)) for _ in range(rng.choice([0, 1]))]
            services.set_log(athlete=athlete, session=session, pain=pain, **fields)
        elif step == 1 and (logged := Set.objects.filter(session=session).first()):
            pain = [PainInput(**_pain_fields(rng))] if rng.random() < 0.5 else None
            services.set_update(
                athlete=athlete, logged_set=logged, pain=pain, **_set_fields(rng) | {"reps": 5}
            )
        elif step == 2:
            timing = rng.choice([PainTiming.AFTER, PainTiming.NEXT_DAY])
            scores = {r: rng.randint(0, 9) for r in rng.sample(REGIONS, 2)}
            services.check_in(athlete=athlete, session=session, timing=timing, scores=scores)
        elif step == 3:  # moved to another week
            moved = TODAY - timedelta(days=rng.randrange(60))
            services.session_update(
                athlete=athlete, session=session, date=moved, symptoms=[RedFlag.SWELLING]
            )
        elif step == 4 and (report := PainReport.objects.filter(session=session).first()):
            services.pain_report_update(
                athlete=athlete, report=report, score=rng.randint(0, 10), side=PainSide.LEFT
            )
        elif step == 5 and (logged := Set.objects.filter(session=session).last()):
            services.log_row_delete(athlete=athlete, row=logged)
        elif step == 6 and len(sessions) > 3:
            services.log_row_delete(athlete=athlete, row=session)
        elif step == 7:
            services.session_finish(
                athlete=athlete,
                session=session,
                bench_height_cm=50,
                bench_stable=False,
                notes="",
                symptoms=[RedFlag.NUMBNESS],
                after_pain={PainRegion.KNEE: rng.randint(0, 10)},
                on=session.date + timedelta(days=rng.choice([0, 3, 8])),
            )
        assert_same_history(athlete)


def test_a_new_session_in_the_future_waits_outside_the_history():
    athlete = UserFactory()
    random_history(athlete, random.Random(99), weeks=2)
    # Stored before the doors refused such dates: not history until its day comes.
    later = TrainingSessionFactory(athlete=athlete, date=TODAY + timedelta(days=4))
    SetFactory(session=later, load_kg=Decimal("300"))
    assert_same_history(athlete)


def test_a_week_holding_a_day_past_the_bounds_is_summed_without_it():
    athlete = UserFactory()
    _, latest = history_bounds()
    if rollups.monday(latest + timedelta(days=1)) != rollups.monday(latest):
        latest -= timedelta(days=1)  # keep the two days in one week
    for day in (latest, latest + timedelta(days=1)):
        SetFactory(session=TrainingSessionFactory(athlete=athlete, date=day))
    assert history_of(athlete, latest) == history_from_log(athlete, latest)


def test_sessions_before_1900_never_reach_the_history():
    athlete = UserFactory()
    SetFactory(session=TrainingSessionFactory(athlete=athlete, date=date(1899, 12, 31)))
    SetFactory(session=TrainingSessionFactory(athlete=athlete, date=date(1900, 1, 1)))
    assert_same_history(athlete)
    assert len(history_of(athlete, TODAY).loads) == 1


def test_the_rebuild_command_restores_rows_lost_or_drifted():
    athlete = UserFactory()
    random_history(athlete, random.Random(5), weeks=4)
    expected = history_from_log(athlete, TODAY)
    WeekRollup.objects.filter(athlete=athlete).first().delete()
    WeekRollup.objects.filter(athlete=athlete).update(summary={})
    call_command("rebuild_rollups", verbosity=0)
    assert history_of(athlete, TODAY) == expected


def test_deleting_an_account_takes_its_rollups_with_it():
    athlete = UserFactory()
    random_history(athlete, random.Random(3), weeks=3)
    athlete.delete()
    assert not WeekRollup.objects.exists()


def test_a_week_left_without_sessions_loses_its_row():
    athlete = UserFactory()
    session = TrainingSessionFactory(athlete=athlete)
    SetFactory(session=session)
    services.log_row_delete(athlete=athlete, row=session)
    assert not WeekRollup.objects.filter(athlete=athlete).exists()


def test_a_failed_write_leaves_the_rollups_as_they_were():
    athlete = UserFactory()
    session = TrainingSessionFactory(athlete=athlete)
    SetFactory(session=session, load_kg=Decimal("100"))
    before = list(WeekRollup.objects.values_list("summary", flat=True))
    with pytest.raises(TypeError):
        services.set_update(athlete=athlete, logged_set=Set.objects.get(), colour="red")
    assert list(WeekRollup.objects.values_list("summary", flat=True)) == before


@pytest.mark.parametrize("seed", range(6))
def test_the_charts_read_the_same_rows_from_the_rollups(seed):
    athlete = UserFactory()
    random_history(athlete, random.Random(seed), weeks=8)
    # Every range the charts offer, over one history (building it is what takes the time).
    for weeks_shown in (None, 2, 12):
        since = None
        if weeks_shown is not None:
            since = rollups.monday(TODAY) - timedelta(weeks=weeks_shown)
        load_since = None if since is None else since - timedelta(weeks=4)
        windows = {"load_since": load_since, "since": since}
        assert aggregates.chart_rows(athlete, **windows) == aggregates.chart_rows_from_log(
            athlete, **windows
        ), weeks_shown
