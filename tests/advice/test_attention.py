"""Why a coach should look now (advice.attention): each reason with its near misses, over
hand-built histories, no database."""

from datetime import timedelta

from advice.attention import CODES, reasons, unread_reply
from advice.history import SessionBench
from advice.items import AdviceItem
from advice.timeline import Timeline
from advice.trends import load_weeks
from tests.advice.builders import day, history, loads, pains, week


def _codes(rows, items=(), today_week: int = 12) -> dict[str, str]:
    found = reasons(Timeline(history(rows, today_week=today_week)), list(items))
    return {r.code: r.text for r in found}


BASE = loads([100] * 12)


# Pain rising -------------------------------------------------------------------------------


def test_pain_climbing_from_3_to_7_over_five_weeks_is_rising():
    rows = [*BASE, *pains("lower_back", {8: 3, 9: 4, 10: 5, 11: 6, 12: 7})]
    assert _codes(rows)["pain_rising"] == "Lower back pain rising: 3 to 7/10"


def test_a_single_4_in_clean_weeks_is_not_rising():
    assert "pain_rising" not in _codes([*BASE, *pains("lower_back", {12: 4})])


def test_two_weeks_well_above_the_athletes_own_level_are_rising():
    steady = dict.fromkeys(range(3, 11), 1)
    rows = [*BASE, *pains("knee", {**steady, 11: 5, 12: 5})]
    assert _codes(rows)["pain_rising"] == "Knee pain rising: 1 to 5/10"


def test_one_week_above_the_own_level_is_not_yet_a_trend():
    steady = dict.fromkeys(range(3, 12), 1)
    assert "pain_rising" not in _codes([*BASE, *pains("knee", {**steady, 12: 6})])


def test_steady_pain_at_the_same_level_is_not_rising():
    rows = [*BASE, *pains("knee", dict.fromkeys(range(6, 13), 4))]
    assert "pain_rising" not in _codes(rows)


def test_a_rise_that_ended_weeks_ago_is_not_rising_now():
    rows = [*BASE, *pains("lower_back", {3: 3, 4: 5, 5: 7})]
    assert "pain_rising" not in _codes(rows)


# Load change (acute:chronic outside 0.8-1.3) -------------------------------------------------


def test_this_weeks_volume_at_1_5_times_the_usual_is_a_load_change():
    rows = [*loads([100] * 11), *loads([150], first_week=12)]
    assert _codes(rows)["load_change"] == "Volume up: ×1.5 the usual week"


def test_a_week_at_1_2_times_the_usual_is_no_load_change():
    rows = [*loads([100] * 11), *loads([120], first_week=12)]
    assert "load_change" not in _codes(rows)


def test_last_weeks_volume_at_half_the_usual_is_a_load_change_down():
    rows = [*loads([100] * 10), *loads([50], first_week=11)]
    assert _codes(rows)["load_change"] == "Volume down: ×0.5 the usual week"


def test_a_week_in_progress_is_not_yet_a_drop():
    rows = [*loads([100] * 11), *loads([30], first_week=12)]
    assert "load_change" not in _codes(rows)


def test_the_week_back_at_the_usual_after_a_deload_is_no_load_change():
    # Averaged in, the two light weeks would make the usual 100 read as x1.3 the usual week;
    # the engine leaves light weeks out of what is usual.
    rows = [*loads([100] * 8), *loads([50, 50], first_week=9), *loads([100, 100], first_week=11)]
    assert "load_change" not in _codes(rows)


def test_last_weeks_return_from_a_deload_is_no_load_change():
    rows = [*loads([100] * 8), *loads([50, 50], first_week=9), *loads([100], first_week=11)]
    assert "load_change" not in _codes(rows)


def test_a_jump_after_a_deload_is_measured_against_the_weeks_before_the_deload():
    rows = [*loads([100] * 8), *loads([50], first_week=9), *loads([100, 150], first_week=10)]
    assert _codes(rows)["load_change"] == "Volume up: ×1.5 the usual week"


def test_load_change_is_the_engines_acute_chronic_ratio():
    rows = [*loads([100] * 8), *loads([50, 50], first_week=9), *loads([100, 140], first_week=11)]
    [measured] = [j for j, _ in load_weeks(Timeline(history(rows))) if j.week == week(12)]
    assert _codes(rows)["load_change"] == f"Volume up: ×{measured.acwr:.1f} the usual week"


def test_a_new_athlete_with_three_training_weeks_has_no_load_change():
    rows = loads([100, 100, 100, 300], first_week=9)
    assert "load_change" not in _codes(rows)


# Check-in missing ---------------------------------------------------------------------------


def _session(days_ago: int, pain: int, checked_in: bool) -> SessionBench:
    return SessionBench(day(12) - timedelta(days=days_ago), None, None, pain, checked_in)


def test_a_painful_session_without_its_next_morning_check_in_asks_for_a_look():
    codes = _codes([*BASE, _session(3, 6, checked_in=False)])
    assert codes["check_in_missing"].startswith("No check-in after 6/10 on ")


def test_a_session_checked_in_the_next_morning_is_fine():
    assert "check_in_missing" not in _codes([*BASE, _session(3, 6, checked_in=True)])


def test_a_mildly_painful_session_needs_no_check_in_reminder():
    assert "check_in_missing" not in _codes([*BASE, _session(3, 4, checked_in=False)])


def test_yesterdays_session_still_has_its_morning_to_come():
    assert "check_in_missing" not in _codes([*BASE, _session(1, 7, checked_in=False)])


# Logging dropped ----------------------------------------------------------------------------


def _sessions(days_ago: list[int]) -> list[SessionBench]:
    return [SessionBench(day(12) - timedelta(days=d), None, None) for d in days_ago]


def test_sessions_this_week_down_by_half_against_the_four_weeks_before_is_logging_dropped():
    usual = [d for w in range(1, 5) for d in (7 * w + 1, 7 * w + 3, 7 * w + 5)]  # 3 a week
    codes = _codes([*BASE, *_sessions([2, *usual])])
    assert (
        codes["logging_dropped"]
        == "Logging dropped: 1 session in the last 7 days, usually 3 a week"
    )


def test_two_sessions_instead_of_three_is_not_a_drop():
    usual = [d for w in range(1, 5) for d in (7 * w + 1, 7 * w + 3, 7 * w + 5)]
    assert "logging_dropped" not in _codes([*BASE, *_sessions([2, 4, *usual])])


def test_an_athlete_with_no_habit_yet_has_not_dropped_it():
    assert "logging_dropped" not in _codes([*BASE, *_sessions([20, 30])])


# Referral -----------------------------------------------------------------------------------


def _item(severity: str) -> AdviceItem:
    return AdviceItem(
        cause="sharp_acute_pain" if severity == "see_professional" else "unpadded_bar",
        severity=severity,
        title="A headline",
        detail="",
        region="hip_bone",
        evidence=(),
        source_section="When to Seek Professional Advice",
    )


def test_advice_to_see_a_professional_is_a_referral():
    assert _codes(BASE, [_item("see_professional")])["referral"].startswith("See a professional")


def test_advice_worth_changing_is_not_a_referral():
    assert "referral" not in _codes(BASE, [_item("caution")])


# Unread reply (the coach's own: counted per coach, outside the log) -------------------------


def test_a_reply_the_coach_has_not_read_is_a_reason_dated_by_the_first():
    found = unread_reply(1, day(10))
    assert found is not None
    assert (found.code, found.text, found.since) == ("unread_reply", "Unread reply", day(10))
    assert unread_reply(3, day(10)).text == "3 unread replies"  # type: ignore[union-attr]


def test_no_unread_reply_is_no_reason():
    assert unread_reply(0, None) is None
    assert unread_reply(0, day(10)) is None


def test_an_unread_reply_ranks_after_pain_rising_and_before_a_missing_check_in():
    assert (
        CODES.index("pain_rising") < CODES.index("unread_reply") < CODES.index("check_in_missing")
    )


def test_the_log_alone_never_gives_an_unread_reply():
    rows = [*BASE, *pains("lower_back", {8: 3, 9: 4, 10: 5, 11: 6, 12: 7})]
    assert "unread_reply" not in _codes(rows, [_item("see_professional")])


# Order --------------------------------------------------------------------------------------


def test_a_referral_comes_first():
    urgent = AdviceItem(
        cause="sharp_acute_pain",
        severity="see_professional",
        title="A sudden, sharp pain",
        detail="",
        region="knee",
        evidence=(),
        source_section="When to Seek Professional Advice",
    )
    rows = [*BASE, *pains("lower_back", {8: 3, 9: 4, 10: 5, 11: 6, 12: 7})]
    found = reasons(Timeline(history(rows)), [urgent])
    assert [r.code for r in found] == ["referral", "pain_rising"]
    assert found[0].text == "See a professional: sharp pain, knee"
    assert found[1].since == week(12)
