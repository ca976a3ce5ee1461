"""When to see someone: every referral is see_professional, recent, and listed first."""

from datetime import timedelta

import pytest

from tests.advice.builders import (
    advice_for,
    character,
    day,
    loads,
    pains,
    severities,
    symptom,
)

BASE = loads([100] * 12)


def test_four_weeks_of_lasting_pain_that_does_not_ease_sends_you_to_a_professional():
    found = advice_for([*BASE, *pains("lower_back", {9: 5, 10: 5, 11: 6, 12: 5})])
    assert found[0].cause == "persistent_pain"
    assert (found[0].severity, found[0].region) == ("see_professional", "lower_back")
    assert "physical therapist or a sports medicine doctor" in found[0].detail
    assert [e.value for e in found[0].evidence] == [5, 5, 6, 5]
    assert found[0].source_section == "When to Seek Professional Advice"


def test_persistent_pain_says_it_did_not_ease_with_a_lighter_load():
    rows = [*loads([100] * 9 + [80] * 3), *pains("knee", {9: 5, 10: 5, 11: 5, 12: 5})]
    item = next(i for i in advice_for(rows) if i.cause == "persistent_pain")
    assert "a lighter top set (100 -> 80 kg)" in item.detail


def test_next_day_pain_counts_as_lasting_pain():
    rows = [*BASE, *pains("si_joint", {10: 4, 11: 4, 12: 4}, timing="next_day")]
    assert severities(advice_for(rows))[("persistent_pain", "si_joint")] == "see_professional"


@pytest.mark.parametrize(
    ("case", "scores", "timing"),
    [
        ("only two weeks", {11: 6, 12: 6}, "after"),
        ("below the threshold", {9: 3, 10: 3, 11: 3, 12: 3}, "after"),
        ("clearly improving", {9: 7, 10: 6, 11: 5, 12: 4}, "after"),
        ("in-set twinges only", {9: 5, 10: 5, 11: 5, 12: 5}, "during"),
        ("a painless week in between", {8: 5, 9: 5, 10: 0, 11: 5, 12: 5}, "after"),
        ("long ago", {1: 6, 2: 6, 3: 6, 4: 6}, "after"),
    ],
)
def test_near_misses_are_not_persistent_pain(case, scores, timing):
    rows = [*BASE, *pains("lower_back", scores, timing)]
    assert ("persistent_pain", "lower_back") not in severities(advice_for(rows)), case


def test_a_sharp_pain_of_six_or_more_sends_you_to_a_professional():
    rows = [*BASE, *pains("hamstring", {12: 6}, "during"), character(12, "hamstring", "sharp", 6)]
    found = advice_for(rows)
    assert (found[0].cause, found[0].severity, found[0].region) == (
        "sharp_acute_pain",
        "see_professional",
        "hamstring",
    )
    assert any(e.metric == "hamstring sharp pain" and e.value == 6 for e in found[0].evidence)


def test_a_sudden_spike_to_seven_or_more_sends_you_to_a_professional():
    rows = [*BASE, *pains("knee", {9: 1, 10: 1, 11: 1, 12: 8}, "during")]
    assert severities(advice_for(rows))[("sharp_acute_pain", "knee")] == "see_professional"


@pytest.mark.parametrize(
    ("case", "rows"),
    [
        ("sharp but mild", [*pains("knee", {12: 5}), character(12, "knee", "sharp", 5)]),
        ("sharp long ago", [*pains("knee", {2: 8}), character(2, "knee", "sharp", 8)]),
        ("high but not sudden", pains("knee", {8: 4, 9: 4, 10: 4, 11: 4, 12: 7}, "during")),
        ("sudden but not high", pains("knee", {11: 0, 12: 6}, "during")),
    ],
)
def test_near_misses_are_not_sharp_acute_pain(case, rows):
    assert ("sharp_acute_pain", "knee") not in severities(advice_for([*BASE, *rows])), case


@pytest.mark.parametrize(
    ("kind", "cause"),
    [
        ("numbness", "neurological_symptoms"),
        ("tingling", "neurological_symptoms"),
        ("weakness", "neurological_symptoms"),
        ("daily_activity_pain", "daily_life_or_sleep"),
        ("sleep_disturbance", "daily_life_or_sleep"),
        ("popping", "structural_injury_signs"),
        ("swelling", "structural_injury_signs"),
    ],
)
def test_a_recent_red_flag_symptom_sends_you_to_a_professional(kind, cause):
    found = advice_for([*BASE, symptom(day(11), kind)])
    assert [(i.cause, i.severity, i.region) for i in found] == [(cause, "see_professional", None)]
    assert found[0].evidence[0].metric == f"{kind} reported"


def test_a_red_flag_from_long_ago_no_longer_shouts():
    assert advice_for([*BASE, symptom(day(12) - timedelta(days=29), "numbness")]) == []
    assert advice_for([*BASE, symptom(day(1), "popping")], today_week=60) == []


def test_a_red_flag_within_the_last_four_weeks_still_counts():
    found = advice_for([*BASE, symptom(day(12) - timedelta(days=27), "swelling")])
    assert [i.cause for i in found] == ["structural_injury_signs"]


def test_entries_dated_after_today_are_ignored():
    assert advice_for([*BASE, symptom(day(12) + timedelta(days=1), "numbness")]) == []


def test_referrals_come_before_cautions_and_infos():
    rows = [*BASE, *pains("neck", {9: 5, 10: 5, 11: 5, 12: 5}), symptom(day(12), "tingling")]
    found = advice_for(rows)
    ranks = [i.severity for i in found]
    assert ranks[:2] == ["see_professional", "see_professional"]
    assert "caution" in ranks
