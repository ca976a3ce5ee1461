"""When to see someone: every referral is see_professional, recent, and listed first."""

from datetime import timedelta

import pytest

from tests.advice.builders import (
    advice_for,
    character,
    day,
    loads,
    pains,
    resolution,
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
    assert "a lighter top set (100 kg down to 80 kg)" in item.detail


def test_in_set_pain_counts_at_its_score():
    rows = [*BASE, *pains("lower_back", {9: 5, 10: 5, 11: 5, 12: 5}, timing="during")]
    assert severities(advice_for(rows))[("persistent_pain", "lower_back")] == "see_professional"


def test_one_lighter_week_does_not_break_a_run_of_pain():
    rows = [*BASE, *pains("lower_back", {8: 7, 9: 6, 10: 2, 11: 8, 12: 7})]
    item = next(i for i in advice_for(rows) if i.cause == "persistent_pain")
    assert "in 4 of 5 logged weeks" in item.detail


def test_next_day_pain_counts_as_lasting_pain():
    rows = [*BASE, *pains("si_joint", {10: 4, 11: 4, 12: 4}, timing="next_day")]
    assert severities(advice_for(rows))[("persistent_pain", "si_joint")] == "see_professional"


@pytest.mark.parametrize(
    ("case", "scores", "timing"),
    [
        ("only two weeks", {11: 6, 12: 6}, "after"),
        ("below the threshold", {9: 3, 10: 3, 11: 3, 12: 3}, "after"),
        ("clearly improving", {9: 7, 10: 6, 11: 5, 12: 4}, "after"),
        ("in-set twinges only", {9: 3, 10: 3, 11: 3, 12: 3}, "during"),
        ("two painless weeks in a row end the run", {8: 5, 9: 5, 10: 0, 11: 0, 12: 5}, "after"),
        ("pain in only half the weeks", {9: 5, 10: 0, 11: 5, 12: 0}, "after"),
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
    assert any(
        e.metric == "sharp hamstring pain in a set" and e.value == 6 for e in found[0].evidence
    )


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
    assert found[0].evidence[0].metric.endswith(" reported")
    assert kind not in found[0].evidence[0].metric or "_" not in kind


def test_a_red_flag_from_long_ago_stays_until_it_is_marked_gone():
    found = advice_for([*BASE, symptom(day(1), "popping")], today_week=60)
    assert [(i.cause, i.severity) for i in found] == [
        ("structural_injury_signs", "see_professional")
    ]
    assert "You reported a popping sound on 7 Jan 2026" in found[0].detail


def test_a_red_flag_marked_gone_is_over_and_a_new_report_opens_it_again():
    gone = resolution(day(3), "popping")
    assert advice_for([*BASE, symptom(day(1), "popping"), gone]) == []
    again = advice_for([*BASE, symptom(day(1), "popping"), gone, symptom(day(10), "popping")])
    assert [i.cause for i in again] == ["structural_injury_signs"]


def test_entries_dated_beyond_tomorrow_are_ignored():
    # Input refuses them (a session may be dated the athlete's tomorrow, not later).
    assert advice_for([*BASE, symptom(day(12) + timedelta(days=2), "numbness")]) == []


def test_referrals_come_before_cautions_and_infos():
    rows = [*BASE, *pains("neck", {9: 5, 10: 5, 11: 5, 12: 5}), symptom(day(12), "tingling")]
    found = advice_for(rows)
    ranks = [i.severity for i in found]
    assert ranks[:2] == ["see_professional", "see_professional"]
    assert "caution" in ranks
