"""What one roster row says on a given day, from a stored summary alone (no database).

Table tests in the style of the advice rules: given these stored facts and this day, expect
these numbers, flags and attention group, including the near misses that must not flag.
"""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import User

from coaching.models import AthleteSummary
from coaching.roster import ATTENTION, RosterRow, roster_row

TODAY = date(2026, 3, 12)  # a Thursday
MONDAY = date(2026, 3, 9)


def summary(**facts) -> AthleteSummary:
    defaults = {"computed_on": TODAY, "last_session_date": TODAY - timedelta(days=2)}
    return AthleteSummary(**{**defaults, **facts})


def row(on: date = TODAY, **facts) -> RosterRow:
    return roster_row(User(pk=7, username="ada"), summary(**facts), on)


def weeks(*volumes: str, last: date = MONDAY) -> dict[str, str]:
    """Weekly volumes, oldest first, the last one in the week of `last`."""
    return {
        (last - timedelta(weeks=len(volumes) - 1 - i)).isoformat(): v for i, v in enumerate(volumes)
    }


def pain(days_ago: int, region: str, score: int, on: date = TODAY) -> list:
    return [(on - timedelta(days=days_ago)).isoformat(), region, score]


def test_this_weeks_volume_against_the_mean_of_the_four_weeks_before():
    r = row(weekly_volume=weeks("9999", "1000", "2000", "3000", "2000", "2500"))
    assert r.volume_week_kg == Decimal("2500")
    assert r.volume_average_kg == Decimal("2000.00")  # the 9999 week is five weeks back
    assert r.volume_percent == 125
    assert "load_spike" not in r.flags


def test_weeks_without_training_do_not_drag_the_average_down():
    stored = weeks("2000", "2000", "2000", "2000", "2000")
    for rest_week in (MONDAY - timedelta(weeks=1), MONDAY - timedelta(weeks=3)):
        del stored[rest_week.isoformat()]
    r = row(weekly_volume=stored)
    assert r.volume_average_kg == Decimal("2000.00")  # two logged weeks, not four


def reason(code: str, text: str) -> list:
    return [code, text, MONDAY.isoformat()]


@pytest.mark.parametrize(
    ("code", "flag"),
    [
        ("pain_rising", "rising_pain"),
        ("load_change", "load_spike"),
        ("check_in_missing", "check_in_missing"),
        ("logging_dropped", "logging_dropped"),
    ],
)
def test_a_stored_attention_reason_sets_its_flag_and_asks_for_a_look(code, flag):
    r = row(reasons=[reason(code, "Why")])
    assert flag in r.flags
    assert r.attention == "trend"


def test_the_badge_is_the_most_urgent_reason_else_the_advice_title():
    both = row(
        advice_cause="unpadded_bar", advice_severity="caution", advice_title="The bar pressing",
        reasons=[reason("pain_rising", "Hip bone pain rising: 2 to 6/10")],
    )  # fmt: skip
    assert both.badge == "Hip bone pain rising: 2 to 6/10"
    advice_only = row(advice_cause="unpadded_bar", advice_title="The bar pressing")
    assert advice_only.badge == "The bar pressing"
    assert row().badge == ""


def test_the_sparkline_weeks_are_read_as_stored():
    r = row(weekly=[["2026-03-02", 4, 2000.0], ["2026-03-09", 6, 2500.0]])
    assert r.weekly == ((date(2026, 3, 2), 4, 2000.0), (date(2026, 3, 9), 6, 2500.0))


def test_one_earlier_week_is_too_thin_a_base_for_a_spike():
    r = row(weekly_volume=weeks("1000", "5000"))
    assert r.volume_average_kg is None
    assert "load_spike" not in r.flags


def test_no_training_this_week_reads_zero():
    r = row(weekly_volume=weeks("2000", "2000", last=MONDAY - timedelta(weeks=1)))
    assert r.volume_week_kg == 0


def test_a_later_day_moves_the_weeks_without_a_refresh():
    stored = weeks("2000", "2000", "2000", "2600")
    assert row(weekly_volume=stored).volume_week_kg == Decimal("2600")
    next_week = row(on=TODAY + timedelta(days=7), weekly_volume=stored)
    assert next_week.volume_week_kg == 0


def test_worst_pain_of_the_last_seven_days_with_its_region():
    r = row(daily_pain=[pain(1, "knee", 3), pain(6, "hip_bone", 5), pain(7, "lower_back", 9)])
    assert r.worst_pain == (5, "hip_bone")  # 7 days ago is outside "the last 7 days"


def test_no_pain_in_the_last_seven_days_is_none():
    assert row(daily_pain=[pain(10, "knee", 8)]).worst_pain is None


@pytest.mark.parametrize(("days", "stopped"), [(14, False), (15, True)])
def test_fifteen_days_without_a_session_is_stopped_logging(days, stopped):
    r = row(last_session_date=TODAY - timedelta(days=days))
    assert ("stopped_logging" in r.flags) is stopped
    assert (r.attention == "stopped") is stopped


def test_an_athlete_who_never_logged_has_not_stopped():
    r = row(last_session_date=None)
    assert r.flags == frozenset()
    assert r.attention == "other"


def test_an_open_red_flag_stays_on_the_row_whatever_its_age():
    # Stored are the open flags only (summaries.open_red_flags): the row never ages them out.
    kinds = [[(TODAY - timedelta(days=3)).isoformat(), "numbness"],
             [(TODAY - timedelta(days=200)).isoformat(), "swelling"]]  # fmt: skip
    r = row(red_flags=kinds)
    assert r.red_flags == ("numbness", "swelling")
    assert "red_flags" in r.flags
    assert r.attention == "referral"


def test_a_row_without_open_red_flags_has_no_red_flag_chip():
    r = row(red_flags=[])
    assert r.red_flags == ()
    assert "red_flags" not in r.flags
    assert r.attention == "other"


@pytest.mark.parametrize(
    ("severity", "attention"),
    [("see_professional", "referral"), ("caution", "caution"), ("info", "other")],
)
def test_the_advice_headline_sets_the_attention_group(severity, attention):
    r = row(advice_cause="unpadded_bar", advice_severity=severity, advice_title="Pad the bar")
    assert r.headline.title == "Pad the bar"
    assert r.headline.region is None
    assert r.attention == attention


def test_rows_sort_by_attention_then_worst_pain_then_name():
    def named(name: str, **facts) -> RosterRow:
        return roster_row(User(pk=len(name), username=name), summary(**facts), TODAY)

    rows = [
        named("zoe"),
        named("stopped", last_session_date=TODAY - timedelta(days=30)),
        named("spike", reasons=[reason("load_change", "Volume up: ×2.0 the usual week")]),
        named("caution", advice_cause="unpadded_bar", advice_severity="caution"),
        named("amy"),
        named("mild", advice_cause="sharp_acute_pain", advice_severity="see_professional",
              daily_pain=[pain(1, "knee", 6)]),
        named("worse", advice_cause="sharp_acute_pain", advice_severity="see_professional",
              daily_pain=[pain(1, "knee", 8)]),
    ]  # fmt: skip
    ordered = sorted(rows, key=RosterRow.sort_key)
    assert [r.username for r in ordered] == [
        "worse", "mild", "caution", "spike", "stopped", "amy", "zoe",
    ]  # fmt: skip
    assert [r.attention for r in ordered] == [
        "referral", "referral", "caution", "trend", "stopped", "other", "other",
    ]  # fmt: skip
    assert ATTENTION == ("referral", "caution", "reply", "trend", "stopped", "other")


def test_an_athlete_without_a_summary_yet_is_listed_plainly():
    r = roster_row(User(pk=3, username="new"), None, TODAY)
    assert (r.computed, r.attention, r.headline) == (False, "other", None)
