"""Load rules: pain that rose after a load jump, and jumps that came too often."""

import pytest

from tests.advice.builders import (
    advice_for,
    loads,
    loads_with_jump,
    pains,
    progression,
    severities,
    training_week,
)

LOADING = {"too_much_weight_too_soon", "inadequate_progressive_overload"}


def test_lower_back_pain_rising_after_a_top_set_jump_points_to_too_much_weight_too_soon():
    rows = [*loads_with_jump(10, jump_week=9), *pains("lower_back", {9: 4, 10: 5})]
    found = severities(advice_for(rows, today_week=10))
    assert found[("too_much_weight_too_soon", "lower_back")] == "caution"
    assert found[("lumbar_hyperextension", "lower_back")] == "caution"
    assert found[("weak_core", "lower_back")] == "info"
    assert found[("weak_glutes", "lower_back")] == "info"


def test_the_jump_item_shows_the_loads_and_the_pain_with_dates():
    rows = [*loads_with_jump(10, jump_week=9), *pains("lower_back", {9: 4, 10: 5})]
    item = next(i for i in advice_for(rows, today_week=10) if i.cause == "too_much_weight_too_soon")
    evidence = {(e.date.isoformat(), e.metric, e.value) for e in item.evidence}
    assert ("2026-03-02", "top set", 120.0) in evidence
    assert ("2026-03-02", "best top set of the weeks before", 100.0) in evidence
    assert ("2026-03-09", "lower back pain after the session", 5) in evidence
    assert "100 kg (the best of the weeks before) to 120 kg (+20%)" in item.detail
    assert "the week of 2 Mar 2026" in item.detail
    assert item.source_section == "Common Causes of Pain: Loading Issues"


def test_knee_pain_after_a_jump_is_a_load_issue_but_not_a_lower_back_arch():
    rows = [*loads_with_jump(10, jump_week=9), *pains("knee", {9: 5, 10: 5})]
    found = severities(advice_for(rows, today_week=10))
    assert found[("too_much_weight_too_soon", "knee")] == "caution"
    assert ("lumbar_hyperextension", "knee") not in found
    assert ("lumbar_hyperextension", "lower_back") not in found


def test_a_weekly_volume_spike_followed_by_pain_counts_as_a_jump():
    rows = [*loads([100] * 8), *training_week(9, 100, sets=8), *training_week(10, 100, sets=8)]
    rows += pains("hamstring", {9: 5, 10: 5})
    found = advice_for(rows, today_week=10)
    item = next(i for i in found if i.cause == "too_much_weight_too_soon")
    assert (item.severity, item.region) == ("caution", "hamstring")
    assert any(
        e.metric == "weekly volume against the most handled before" and e.value == 2
        for e in item.evidence
    )


@pytest.mark.parametrize(
    ("case", "rows", "today_week"),
    [
        (
            "pain stays mild",
            [*loads_with_jump(10, jump_week=9), *pains("lower_back", {9: 2, 10: 2})],
            10,
        ),
        (
            "pain only a month later",
            [*loads_with_jump(10, jump_week=5), *pains("lower_back", {9: 5, 10: 5})],
            10,
        ),
        ("pain without any jump", [*progression(10), *pains("lower_back", {9: 5, 10: 5})], 10),
        (
            "a 10% step is not a jump",
            [*loads_with_jump(10, jump_week=9, jump=0.1), *pains("lower_back", {9: 5, 10: 5})],
            10,
        ),
        (
            "pain was already there",
            [*loads_with_jump(10, jump_week=9), *pains("lower_back", {7: 4, 8: 4, 9: 5, 10: 5})],
            10,
        ),
    ],
)
def test_near_misses_do_not_blame_the_load(case, rows, today_week):
    found = severities(advice_for(rows, today_week=today_week))
    assert ("too_much_weight_too_soon", "lower_back") not in found, case


def test_mild_pain_after_a_jump_gives_no_advice_at_all():
    rows = [*loads_with_jump(10, jump_week=9), *pains("lower_back", {9: 2, 10: 2})]
    assert advice_for(rows, today_week=10) == []


def test_pain_that_settled_after_lowering_the_load_becomes_an_info_note_of_what_helped():
    tops = [100] * 6 + [120, 120] + [100] * 4
    rows = [*loads(tops), *pains("lower_back", {7: 5, 8: 5, 9: 1, 10: 0, 11: 0, 12: 0})]
    found = advice_for(rows, today_week=12)
    assert all(item.severity == "info" for item in found)
    helped = next(i for i in found if i.cause == "too_much_weight_too_soon")
    assert helped.region == "lower_back"
    assert "helped" in helped.title
    assert "100 kg" in helped.detail


def test_pain_that_went_away_on_its_own_gives_no_load_warning():
    rows = [*loads_with_jump(12, jump_week=7), *pains("lower_back", {7: 5, 8: 5})]
    found = advice_for(rows, today_week=12)
    assert [i for i in found if i.severity != "info"] == []
    assert not any(i.cause == "too_much_weight_too_soon" for i in found)


def test_a_jump_with_pain_long_ago_no_longer_shows():
    rows = [*loads_with_jump(8, jump_week=3), *pains("lower_back", {3: 6, 4: 6})]
    assert advice_for(rows, today_week=40) == []


def test_pain_that_has_gone_on_since_an_older_jump_is_still_linked_to_it():
    rows = [*loads_with_jump(12, jump_week=7), *pains("knee", dict.fromkeys(range(7, 13), 5))]
    found = severities(advice_for(rows, today_week=12))
    assert found[("too_much_weight_too_soon", "knee")] == "caution"


def test_repeated_jumps_with_pain_point_to_progressing_faster_than_adapting():
    rows = [*loads([100] * 6 + [112, 125, 125]), *pains("hamstring", {8: 5, 9: 5})]
    found = severities(advice_for(rows, today_week=9))
    assert found[("inadequate_progressive_overload", "hamstring")] == "caution"


def test_repeated_jumps_without_pain_give_only_an_info_note_on_the_pace():
    rows = loads([100] * 6 + [112, 125, 125])
    found = advice_for(rows, today_week=9)
    assert [(i.cause, i.severity, i.region) for i in found] == [
        ("inadequate_progressive_overload", "info", None)
    ]


def test_a_single_jump_spaced_from_the_next_is_not_repeated():
    rows = [*loads([100] * 4 + [112] * 5 + [125] * 3), *pains("hamstring", {10: 5, 11: 5})]
    found = severities(advice_for(rows, today_week=12))
    assert ("inadequate_progressive_overload", "hamstring") not in found


def test_a_clean_progression_without_pain_gives_no_advice():
    assert advice_for(progression(12), today_week=12) == []


def test_a_load_jump_without_pain_gives_no_pain_cause_and_no_referral():
    for rows in (loads_with_jump(12, jump_week=7), loads([100] * 6 + [115, 130, 145, 160])):
        found = advice_for(rows, today_week=12)
        assert all(item.severity == "info" for item in found)
        assert {item.cause for item in found} <= LOADING
