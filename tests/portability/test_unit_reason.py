"""Which unit an import assumed for weights, and why: the file's column names, a unit column,
the athlete's explicit choice, the pattern of barbell plates, or the athlete's setting."""

from decimal import Decimal

import pytest

from tests.portability.conftest import read
from tracker.portability import importer
from tracker.portability.mapping import unit_from_plates

pytestmark = pytest.mark.django_db
HEADER = (
    '"Date","Workout Name","Duration","Exercise Name","Set Order","Weight","Reps",'
    '"Distance","Seconds","Notes","Workout Notes","RPE"\n'
)


def strong_with_loads(*loads: str) -> bytes:
    rows = [
        f'"2026-08-03 17:00:00","A","1h","Hip Thrust (Barbell)","{n}","{w}","8","","","","",""\n'
        for n, w in enumerate(loads, start=1)
    ]
    return (HEADER + "".join(rows)).encode()


@pytest.mark.parametrize(
    ("name", "unit", "reason"),
    [
        ("strong6.csv", "kg", "header"),
        ("hevy_lb.csv", "lb", "header"),
        ("fitnotes_kg.csv", "kg", "header"),
        ("strong_old_semicolon.csv", "kg", "unit_column"),
    ],
)
def test_a_file_that_says_its_unit(athlete, name, unit, reason):
    plan = importer.preview(athlete, read(name)).plan
    assert (plan.unit, plan.unit_reason) == (unit, reason)


def test_an_explicit_choice_wins_over_plates(athlete):
    plan = importer.preview(athlete, strong_with_loads(*["135"] * 6), unit="kg").plan
    assert (plan.unit, plan.unit_reason) == ("kg", "chosen")


def test_pound_plates_say_pounds(athlete):
    plan = importer.preview(
        athlete, strong_with_loads("95", "135", "185", "225", "225", "245")
    ).plan
    assert (plan.unit, plan.unit_reason) == ("lb", "plate_pattern")


def test_metric_plates_say_kilograms_to_an_athlete_in_pounds(athlete):
    athlete.profile.unit = "lb"
    athlete.profile.save()
    loads = ("62.5", "82.5", "102.5", "102.5", "100", "110")
    plan = importer.preview(athlete, strong_with_loads(*loads)).plan
    assert (plan.unit, plan.unit_reason) == ("kg", "plate_pattern")


def test_loads_that_fit_both_leave_it_to_the_athletes_setting(athlete):
    athlete.profile.unit = "lb"
    athlete.profile.save()
    plan = importer.preview(athlete, read("strong_current.csv")).plan
    assert (plan.unit, plan.unit_reason) == ("lb", "athlete_setting")


@pytest.mark.parametrize(
    ("loads", "unit"),
    [
        (["135", "185", "225", "225", "315", "95"], "lb"),
        (["22.5", "42.5", "60", "80", "100", "102.5"], "kg"),
        (["100", "100", "110", "120", "120", "130"], None),  # fits both
        (["135", "185"], None),  # too few to say
        (["135", "185", "225", "225", "315", "97.5"], None),  # a half: not clean pounds
    ],
)
def test_plate_patterns(loads, unit):
    assert unit_from_plates([Decimal(x) for x in loads]) == unit
