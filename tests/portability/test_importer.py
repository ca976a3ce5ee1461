"""The import service: the preview's counts, what is stored, bulk writes, idempotency."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import SetFactory, TrainingSessionFactory
from tests.portability.conftest import log_rows, read
from tracker.models import Set, TrainingSession
from tracker.portability import importer

pytestmark = pytest.mark.django_db


def test_the_preview_counts_sessions_sets_dates_exercises_and_skips(athlete):
    outcome = importer.preview(athlete, read("strong_current.csv"), unit="kg")
    assert (outcome.sessions, outcome.sets, outcome.skipped) == (2, 7, 3)
    assert (str(outcome.first_date), str(outcome.last_date)) == ("2026-08-03", "2026-08-06")
    found = {(e.name, e.exercise, e.equipment, e.sets) for e in outcome.plan.exercises()}
    assert found == {
        ("Hip Thrust (Barbell)", "hip_thrust", "barbell", 3),
        ("Squat (Barbell)", "other", "", 1),
        ("Glute Bridge (Band)", "glute_bridge", "band", 1),
        ("Single Leg Hip Thrust (Dumbbell)", "single_leg_hip_thrust", "dumbbell", 1),
        ("Hip Thrust (Smith Machine)", "hip_thrust", "smith", 1),
    }
    assert outcome.plan.skipped_reasons() == [
        ("warm-up set (Thrustlog logs working sets)", 1, [2]),
        ("rest timer", 1, [5]),
        ("no reps (a timed, distance or empty set)", 1, [8]),
    ]
    assert log_rows(athlete)["sessions"] == 0  # a preview stores nothing


def test_a_second_preview_says_everything_is_already_there(athlete):
    importer.import_file(athlete, read("hevy_kg.csv"))
    outcome = importer.preview(athlete, read("hevy_kg.csv"))
    assert (outcome.sessions, outcome.sets) == (0, 0)
    assert (outcome.already_sessions, outcome.already_sets) == (1, 5)


def test_sets_are_stored_as_mapped_with_an_unknown_setup(athlete):
    importer.import_file(athlete, read("strong_current.csv"), unit="kg")
    session = TrainingSession.objects.get(athlete=athlete, date="2026-08-03")
    rows = list(
        session.sets.order_by("position").values_list(
            "position", "exercise", "exercise_name", "equipment", "load_kg", "reps", "rir"
        )
    )
    assert rows == [
        (1, "hip_thrust", "", "barbell", Decimal("100.00"), 8, 2),
        (2, "hip_thrust", "", "barbell", Decimal("100.00"), 8, 2),
        (3, "hip_thrust", "", "barbell", Decimal("105.00"), 6, 1),
        (4, "other", "Squat (Barbell)", "", Decimal("80.00"), 5, 3),
    ]
    setup = session.sets.values_list("foot_distance", "stance_width", "padding")
    assert set(setup) == {("", "", "")}  # the source does not know: left empty
    assert session.bench_height_cm is None
    assert session.bench_stable is None
    assert session.notes == "Glutes A\nFelt strong\nHip Thrust (Barbell), set 2: pad slipped"
    assert session.finished_at == datetime(2026, 8, 3, 18, 4, tzinfo=UTC)  # 17:00 + 1h 4m, UTC


def test_pounds_convert_exactly_to_kilograms(athlete):
    importer.import_file(athlete, read("hevy_lb.csv"))
    loads = list(Set.objects.filter(athlete=athlete).order_by("position").values_list("load_kg"))
    # 225 lb, 245.5 lb, 50 lb, 100 lb at 0.45359237 kg/lb, to 2 decimals
    assert [v for (v,) in loads] == [Decimal(x) for x in ("102.06", "111.36", "22.68", "45.36")]


def test_both_strong_layouts_mix_units_per_row(athlete):
    importer.import_file(athlete, read("strong_old_semicolon.csv"), unit="lb")
    loads = Set.objects.filter(athlete=athlete).order_by("position").values_list("load_kg")
    assert [v for (v,) in loads] == [Decimal("102.50"), Decimal("102.06"), Decimal("70.00")]


def test_the_athletes_time_zone_dates_the_end_of_a_session(athlete):
    athlete.profile.time_zone = "America/New_York"
    athlete.profile.save()
    importer.import_file(athlete, read("hevy_kg.csv"))
    session = TrainingSession.objects.get(athlete=athlete)
    assert session.finished_at == datetime(2026, 8, 7, 22, 5, tzinfo=UTC)  # 18:05 EDT


def test_importing_twice_changes_nothing(athlete):
    first = importer.import_file(athlete, read("strong_current.csv"))
    stored = Set.objects.filter(athlete=athlete).values_list("pk", "client_id", "load_kg")
    rows = sorted(stored)
    second = importer.import_file(athlete, read("strong_current.csv"))
    assert (first.sessions, first.sets) == (2, 7)
    assert (second.sessions, second.sets) == (0, 0)
    assert (
        sorted(Set.objects.filter(athlete=athlete).values_list("pk", "client_id", "load_kg"))
        == rows
    )


def test_an_imported_workout_the_athlete_trimmed_stays_trimmed(athlete):
    importer.import_file(athlete, read("hevy_kg.csv"))
    Set.objects.filter(athlete=athlete, exercise="other").delete()
    again = importer.import_file(athlete, read("hevy_kg.csv"))
    assert (again.sessions, again.sets) == (0, 0)
    assert Set.objects.filter(athlete=athlete).count() == 4


def test_old_and_new_strong_exports_of_one_workout_share_keys(athlete):
    # The keys come from date, workout, exercise and set order, not from the file's layout.
    data = read("strong_old_semicolon.csv").decode()
    current = (
        '"Date","Workout Name","Duration","Exercise Name","Set Order","Weight","Reps",'
        '"Distance","Seconds","Notes","Workout Notes","RPE"\n'
        '"2019-05-04 08:30:00","Leg Day","1h 4m","Hip Thrust (Barbell)","1","102.5","8",'
        '"","","","","8"\n'
    )
    importer.import_file(athlete, data.encode())
    again = importer.import_file(athlete, current.encode(), unit="kg")
    assert (again.sessions, again.sets) == (0, 0)


def test_existing_history_is_left_alone(athlete):
    session = TrainingSessionFactory(athlete=athlete, date="2026-08-03")
    SetFactory(session=session, position=1)
    importer.import_file(athlete, read("strong_current.csv"))
    assert session.sets.count() == 1
    assert TrainingSession.objects.filter(athlete=athlete).count() == 3


def test_queries_do_not_grow_with_the_rows(athlete):
    """Bulk inserts: queries grow with batches of rows (SQLite: its limit on parameters), never
    with each row."""

    def queries_for(workouts: int) -> int:
        lines = [
            '"Date","Workout Name","Duration","Exercise Name","Set Order","Weight","Reps",'
            '"Distance","Seconds","Notes","Workout Notes","RPE"'
        ]
        for day in range(workouts):
            for n in range(1, 6):
                lines.append(
                    f'"2025-{1 + day // 28:02d}-{1 + day % 28:02d} 07:00:00","W{workouts}","1h",'
                    f'"Hip Thrust","{n}","100","8","","","","","8"'
                )
        with CaptureQueriesContext(connection) as captured:
            importer.import_file(athlete, "\n".join(lines).encode(), unit="kg")
        return len(captured)

    small, large = queries_for(20), queries_for(200)  # 100 and 1,000 sets
    assert small < 16, small  # the weekly roll-ups: three reads and one write more
    assert large < 1000 / 25, large
