"""Each mapping rule: exercise names, equipment, RPE -> RIR (pure functions, no database)."""

from decimal import Decimal

import pytest

from tracker.portability.mapping import exercise_of, rir_from_rpe

NAMES = [
    # name in the file                     exercise                 equipment
    ("Hip Thrust (Barbell)", "hip_thrust", "barbell"),
    ("Hip Thrust (Smith Machine)", "hip_thrust", "smith"),
    ("Hip Thrust (Machine)", "hip_thrust", "machine"),
    ("Hip Thrust Machine", "hip_thrust", "machine"),
    ("Hip Thrust (Dumbbell)", "hip_thrust", "dumbbell"),
    ("Banded Hip Thrust", "hip_thrust", "band"),
    ("Hip Thrust (Band)", "hip_thrust", "band"),
    ("Hip Thrust (Bodyweight)", "hip_thrust", "bodyweight"),
    ("Hip Thrust", "hip_thrust", ""),  # no equipment named: unknown, not guessed
    ("hip-thrust", "hip_thrust", ""),
    ("HIPTHRUST (BB)", "hip_thrust", "barbell"),
    ("Hip Thrusts", "hip_thrust", ""),
    ("Single Leg Hip Thrust (Dumbbell)", "single_leg_hip_thrust", "dumbbell"),
    ("Hip Thrust - Single Leg", "single_leg_hip_thrust", ""),
    ("B-Stance Hip Thrust (Barbell)", "b_stance_hip_thrust", "barbell"),
    ("Glute Bridge", "glute_bridge", ""),
    ("Glute Bridge (Band)", "glute_bridge", "band"),
    ("Barbell Glute Bridge", "glute_bridge", "barbell"),
    ("Single Leg Glute Bridge", "glute_bridge", ""),
    ("Kas Glute Bridge", "kas_glute_bridge", ""),
    ("Frog Pumps", "frog_pump", ""),
]


@pytest.mark.parametrize(("name", "exercise", "equipment"), NAMES)
def test_hip_thrust_and_glute_bridge_names_map_with_their_equipment(name, exercise, equipment):
    mapped = exercise_of(name)
    assert (mapped.exercise, mapped.equipment) == (exercise, equipment)
    assert mapped.exercise_name == ""


@pytest.mark.parametrize(
    "name",
    ["Squat (Barbell)", "Hip Abduction (Machine)", "Romanian Deadlift", "Bulgarian Split Squat",
     "Thruster (Barbell)", "Bridge Pose"],
)  # fmt: skip
def test_other_exercises_are_kept_under_their_own_name(name):
    mapped = exercise_of(name)
    assert (mapped.exercise, mapped.exercise_name, mapped.equipment) == ("other", name, "")


def test_an_other_exercises_name_is_cut_to_what_the_log_holds():
    assert len(exercise_of("Cable Kickback " * 20).exercise_name) == 100


@pytest.mark.parametrize(
    ("rpe", "rir"),
    [
        (None, None),
        ("10", 0),
        ("9", 1),
        ("8", 2),
        ("8.5", 2),  # 1.5 rounds half up
        ("7.5", 3),
        ("9.5", 1),
        ("6", 4),
        ("1", 9),
        ("0", None),  # Strong writes 0 for "no RPE": no RIR, never RIR 10
        ("0.5", None),
        ("11", None),  # outside the scale: not a rating
        ("-3", None),
    ],
)
def test_rpe_becomes_reps_in_reserve(rpe, rir):
    assert rir_from_rpe(None if rpe is None else Decimal(rpe)) == rir
