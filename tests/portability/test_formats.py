"""Every layout, language, set type and date format the apps write, read as lifters mean them:
warm-ups left out and counted, failure and drop sets kept, session lengths kept, notes once."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from tests.portability.conftest import read
from tracker.models import Set, TrainingSession
from tracker.portability import fitnotes, hevy, importer, reading, strong
from tracker.portability.sources import Table

pytestmark = pytest.mark.django_db

LANGUAGES = ["de", "es", "fr", "pt", "ru", "zh", "ja"]


def parsed(data: bytes):
    table = Table.of(reading.read(data).text)
    parser = next(p for p in importer.PARSERS if p.recognises(table))
    return parser.parse(table)


def stored(athlete) -> list[tuple]:
    rows = Set.objects.filter(athlete=athlete).order_by("session__date", "position")
    return list(rows.values_list("exercise", "load_kg", "reps", "rir"))


# --- Strong in every language -----------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_strong_export_in_another_language_is_read_by_its_column_names(language):
    found = parsed(read(f"strong_{language}.csv"))
    assert found.source == "Strong"
    assert found.layout == "current layout, comma-separated"
    assert [(r.set_order, r.weight, r.reps, r.warmup) for r in found.rows] == [
        ("W", Decimal("60"), 10, True),
        ("1", Decimal("100"), 8, False),
        ("2", Decimal("102.5"), 8, False),
    ]
    assert found.rows[2].notes == "pad, then fine"
    assert found.rows[0].duration == timedelta(hours=1, minutes=4)
    assert [s.reason for s in found.skipped] == ["no reps (a timed, distance or empty set)"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_imports_the_same_sets(athlete, language):
    outcome = importer.import_file(athlete, read(f"strong_{language}.csv"), unit="kg")
    assert (outcome.sessions, outcome.sets, outcome.skipped) == (1, 2, 2)
    assert stored(athlete) == [
        ("hip_thrust", Decimal("100.00"), 8, 2),
        ("hip_thrust", Decimal("102.50"), 8, 1),
    ]


def test_a_german_android_export_is_read_by_the_words_strong_writes():
    # Column names as jjaju/statlift lists them for German Android exports (semicolons,
    # "Reihenfolge festlegen" for the set order, the workout's duration last).
    found = parsed(read("strong_de_android.csv"))
    assert found.source == "Strong"
    assert "another language" not in found.layout
    assert [(r.set_order, r.weight, r.reps, r.warmup) for r in found.rows] == [
        ("W", Decimal("60"), 10, True),
        ("1", Decimal("100"), 8, False),
        ("2", Decimal("102.5"), 8, False),
    ]
    assert found.rows[2].notes == "pad, then fine"
    assert found.rows[0].duration == timedelta(hours=1, minutes=4)


def test_a_unit_written_in_chinese_in_the_weight_column_is_the_files_unit():
    found = parsed(read("strong_zh.csv"))  # 重量（公斤）: weight (kilograms)
    assert found.unit_in_file
    assert {r.unit for r in found.rows} == {"kg"}


def test_column_names_in_a_language_without_a_word_list_are_read_by_their_order():
    found = parsed(read("strong_pl.csv"))  # Polish: none of its names is in the word list
    assert found.source == "Strong"
    assert found.layout.startswith("current layout (column names in another language")
    assert [(r.exercise, r.weight, r.reps) for r in found.rows] == [
        ("Hip Thrust (Barbell)", Decimal("60"), 10),
        ("Hip Thrust (Barbell)", Decimal("100"), 8),
        ("Hip Thrust (Barbell)", Decimal("102.5"), 8),
    ]


def test_unknown_names_over_columns_of_another_shape_are_not_taken_for_strong():
    data = "Dzień,Ćwiczenie,Ciężar\nwczoraj,przysiad,100\n".encode()
    table = Table.of(data.decode())
    assert not strong.recognises(table)


# --- Strong's layouts -------------------------------------------------------------------


def test_strong_6_quoted_with_workout_numbers_and_units_in_the_names():
    found = parsed(read("strong6.csv"))
    assert found.layout == "Strong 6 layout, semicolon-separated"
    assert found.unit_in_file
    assert found.rows[0].duration == timedelta(seconds=3840)


def test_strong_6_warm_ups_are_skipped_and_counted_failure_and_drop_sets_kept(athlete):
    outcome = importer.preview(athlete, read("strong6.csv"))
    reasons = {r: n for r, n, _ in outcome.plan.skipped_reasons()}
    assert reasons["warm-up set (Thrustlog logs working sets)"] == 2
    assert outcome.sets == 6  # 4 hip thrusts (1, 2, FAILURE, DROP_SET), a pull-up, one more
    orders = [s.key for s in outcome.plan.sessions[0].sets]
    assert len(orders) == len(set(orders))


def test_strong_6_keeps_the_session_length_and_rounds_float_noise(athlete):
    importer.import_file(athlete, read("strong6.csv"))
    first = TrainingSession.objects.get(athlete=athlete, date="2026-07-28")
    assert first.finished_at == datetime(2026, 7, 28, 19, 53, 12, tzinfo=UTC)  # + 3840 s
    assert Set.objects.filter(
        athlete=athlete, exercise_name="Pull Up (Assisted)"
    ).get().load_kg == (Decimal("12.90"))


def test_an_rpe_of_0_is_no_rpe_not_rir_10(athlete):
    importer.import_file(athlete, read("strong6.csv"))
    rirs = list(
        TrainingSession.objects.get(athlete=athlete, date="2026-07-28")
        .sets.filter(exercise="hip_thrust")
        .order_by("position")
        .values_list("rir", flat=True)
    )
    assert rirs == [2, None, 0, None]  # RPE 8, 0 (none), 10, empty


def test_strong_2016_names_its_columns_by_unit_and_counts_sets_from_0(athlete):
    found = parsed(read("strong_2016.csv"))
    assert found.unit_in_file
    assert [r.set_order for r in found.rows] == ["0", "1", "2", "0"]
    assert not any(r.warmup for r in found.rows)  # set 0 is the first set, not a warm-up
    outcome = importer.import_file(athlete, read("strong_2016.csv"))
    assert (outcome.sessions, outcome.sets) == (2, 4)
    assert stored(athlete)[0] == ("hip_thrust", Decimal("80.00"), 10, None)


def test_strong_with_a_12_hour_clock_and_a_narrow_space_before_pm():
    header = '"Date","Workout Name","Duration","Exercise Name","Set Order","Weight","Reps",'
    header += '"Distance","Seconds","Notes","Workout Notes","RPE"\n'
    row = '"2026-01-05 6:49:00\u202fPM","A","1h","Hip Thrust","1","100","8","","","","",""\n'
    found = parsed((header + row).encode())
    assert found.rows[0].started == datetime(2026, 1, 5, 18, 49)


def test_an_unknown_set_order_with_reps_names_its_line():
    header = '"Date","Workout Name","Duration","Exercise Name","Set Order","Weight","Reps",'
    header += '"Distance","Seconds","Notes","Workout Notes","RPE"\n'
    row = '"2026-01-05 18:49:00","A","1h","Hip Thrust","SUPER","100","8","","","","",""\n'
    with pytest.raises(importer.ImportFileError, match='Line 2: Set Order "SUPER"'):
        parsed((header + row).encode())


# --- Hevy -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "start"),
    [
        ("hevy_kg.csv", datetime(2026, 8, 7, 17, 0)),  # 24-hour: 7 Aug 2026, 17:00
        ("hevy_12h.csv", datetime(2026, 7, 28, 18, 49)),  # 12-hour: Jul 28, 2026, 6:49 PM
        ("hevy_iso.csv", datetime(2026, 7, 28, 18, 49)),  # ISO 8601 with an offset
    ],
)
def test_hevy_dates_in_every_clock(name, start):
    assert parsed(read(name)).rows[0].started == start


def test_hevy_12_hour_end_times_date_the_session_end(athlete):
    importer.import_file(athlete, read("hevy_12h.csv"))
    session = TrainingSession.objects.get(athlete=athlete, date="2026-07-28")
    assert session.finished_at == datetime(2026, 7, 28, 19, 52, tzinfo=UTC)
    morning = TrainingSession.objects.get(athlete=athlete, date="2026-08-01")
    assert morning.finished_at == datetime(2026, 8, 1, 9, 40, tzinfo=UTC)


@pytest.mark.parametrize(
    ("set_type", "kept"),
    [("warmup", False), ("normal", True), ("failure", True), ("dropset", True)],
)
def test_hevy_set_types(set_type, kept):
    rows = {r.set_order: r for r in parsed(read("hevy_12h.csv")).rows if r.workout == "Glutes"}
    by_type = {"warmup": "0", "normal": "1", "failure": "2", "dropset": "3"}
    assert rows[by_type[set_type]].warmup is not kept


def test_hevys_repeated_exercise_note_is_stored_once(athlete):
    importer.import_file(athlete, read("hevy_12h.csv"))
    session = TrainingSession.objects.get(athlete=athlete, date="2026-07-28")
    assert session.notes.count("Pad on the bar") == 1
    assert "Hip Thrust (Barbell): Pad on the bar" in session.notes


@pytest.mark.parametrize(("name", "unit"), [("hevy_kg.csv", "kg"), ("hevy_lb.csv", "lb")])
def test_hevy_weight_columns_say_the_unit(name, unit):
    found = parsed(read(name))
    assert found.unit_source == "header"
    assert {r.unit for r in found.rows} == {unit}


# --- FitNotes ---------------------------------------------------------------------------


def test_fitnotes_in_kilograms(athlete):
    found = parsed(read("fitnotes_kg.csv"))
    assert (found.source, found.unit_in_file) == ("FitNotes", True)
    outcome = importer.import_file(athlete, read("fitnotes_kg.csv"))
    assert (outcome.sessions, outcome.sets, outcome.skipped) == (2, 4, 1)
    assert stored(athlete) == [
        ("hip_thrust", Decimal("100.00"), 8, None),
        ("hip_thrust", Decimal("100.00"), 8, None),
        ("hip_thrust", Decimal("102.50"), 6, None),
        ("glute_bridge", Decimal("80.00"), 12, None),
    ]
    first = TrainingSession.objects.get(athlete=athlete, date="2026-08-03")
    assert "Barbell Hip Thrust, set 2: bar pad, thick" in first.notes


def test_fitnotes_in_pounds(athlete):
    importer.import_file(athlete, read("fitnotes_lb.csv"), unit="kg")  # the file's word wins
    assert [load for _, load, _, _ in stored(athlete)] == [Decimal("102.06"), Decimal("111.36")]


def test_fitnotes_reimported_adds_nothing(athlete):
    importer.import_file(athlete, read("fitnotes_kg.csv"))
    again = importer.import_file(athlete, read("fitnotes_kg.csv"))
    assert (again.sessions, again.sets) == (0, 0)


def test_each_parser_recognises_only_its_own_files():
    for name, parser in [
        ("fitnotes_kg.csv", fitnotes),
        ("hevy_12h.csv", hevy),
        ("strong6.csv", strong),
        ("strong_ja.csv", strong),
    ]:
        table = Table.of(reading.read(read(name)).text)
        assert next(p for p in importer.PARSERS if p.recognises(table)) is parser, name
