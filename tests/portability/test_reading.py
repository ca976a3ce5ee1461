"""Files as athletes have them: both Strong layouts, Hevy in kg and lb, BOM, CRLF, ZIP,
delimiters and durations sniffed (no database)."""

from datetime import datetime, timedelta
from decimal import Decimal

import pytest

from tests.portability.conftest import read, zipped
from tracker.portability import hevy, reading, strong
from tracker.portability.sources import Table, duration


def parsed(data: bytes):
    table = Table.of(reading.read(data).text)
    parser = strong if strong.recognises(table) else hevy
    assert parser.recognises(table)
    return parser.parse(table)


def test_the_fixtures_have_a_bom_and_crlf_endings():
    assert read("strong_current.csv").startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in read("strong_current.csv")
    assert b"\r\n" in read("hevy_lb.csv")


def test_strongs_current_layout():
    found = parsed(read("strong_current.csv"))
    assert (found.source, found.layout) == ("Strong", "current layout, comma-separated")
    assert not found.unit_in_file  # the athlete confirms the unit on the preview
    first = found.rows[0]
    assert first.line == 2  # the BOM did not eat the header, the CRLF did not add lines
    assert (first.exercise, first.set_order, first.warmup) == ("Hip Thrust (Barbell)", "W", True)
    assert first.started == datetime(2026, 8, 3, 17, 0)
    assert first.duration == timedelta(hours=1, minutes=4)
    assert [s.reason for s in found.skipped] == [
        "rest timer",
        "no reps (a timed, distance or empty set)",
    ]


def test_strongs_older_semicolon_layout_with_units_and_decimal_commas():
    found = parsed(read("strong_old_semicolon.csv"))
    assert found.layout == "older layout, with a Weight Unit column, semicolon-separated"
    assert found.unit_in_file
    weights = [(r.weight, r.unit) for r in found.rows]
    assert weights[:3] == [(Decimal("40"), "kg"), (Decimal("102.5"), "kg"), (Decimal("225"), "lb")]
    assert found.rows[0].duration == timedelta(hours=1, minutes=4)  # "1h 4min"
    assert found.rows[-1].notes == "slow, controlled"  # a quoted delimiter stays in its cell


@pytest.mark.parametrize(("name", "unit"), [("hevy_kg.csv", "kg"), ("hevy_lb.csv", "lb")])
def test_hevy_in_kilograms_and_pounds(name, unit):
    found = parsed(read(name))
    assert found.source == "Hevy"
    assert {r.unit for r in found.rows} == {unit}
    assert found.rows[0].warmup  # set_type warmup
    assert not any(r.warmup for r in found.rows[1:])  # normal, failure, dropset: working sets


def test_hevy_dates_and_end_times():
    row = parsed(read("hevy_kg.csv")).rows[0]
    assert (row.started, row.ended) == (datetime(2026, 8, 7, 17, 0), datetime(2026, 8, 7, 18, 5))


def test_a_zip_holding_the_csv_reads_the_same():
    data = zipped("strong_workouts.csv", read("strong_current.csv"), ("__MACOSX/._x.csv", b"junk"))
    assert parsed(data).rows == parsed(read("strong_current.csv")).rows


def test_a_tab_separated_export_is_sniffed():
    text = read("hevy_kg.csv").decode().replace('"7 Aug 2026, 17:00"', "7 Aug 2026 17:00")
    text = text.replace('"7 Aug 2026, 18:05"', "7 Aug 2026 18:05").replace(",", "\t")
    found = parsed(text.encode())
    assert found.layout == "kilograms, tab-separated"
    assert len(found.rows) == 6


def test_a_utf16_spreadsheet_save_is_read():
    assert parsed(read("hevy_lb.csv").decode().encode("utf-16")).rows


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1h 4m", timedelta(hours=1, minutes=4)),
        ("1h 4min", timedelta(hours=1, minutes=4)),
        ("55m", timedelta(minutes=55)),
        ("45s", timedelta(seconds=45)),
        ("3840", timedelta(seconds=3840)),
        ("01:04:00", timedelta(hours=1, minutes=4)),
        ("", None),
        ("about an hour", None),  # an odd duration only loses the session's end time
    ],
)
def test_durations_as_the_apps_write_them(text, expected):
    assert duration(text) == expected
