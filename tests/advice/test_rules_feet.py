"""Foot distance: hamstrings, hip flexors and knees ("Common Causes of Pain: Improper Form and
Technique" and "Specific Pain Locations").

The source contradicts itself on hamstrings (see advice.causes): hamstring pain with the feet
too far out is blamed on feet_too_far_forward, with the feet too close on feet_too_close, with
the same bar of evidence on both sides, and the item says so.
"""

import pytest

from tests.advice.builders import advice_for, character, loads, severities


def _weeks(foot_distance, region, score=5, first_week=9, weeks=4):
    return loads(
        [100] * weeks, first_week=first_week, foot_distance=foot_distance, pain={region: score}
    )


def test_hamstring_cramps_with_the_feet_too_far_out_point_to_feet_too_far_forward():
    rows = [
        *loads([100] * 8),
        *_weeks("too_far", "hamstring"),
        *(character(n, "hamstring", "cramp", 5) for n in (10, 11, 12)),
    ]
    found = severities(advice_for(rows))
    assert found[("feet_too_far_forward", "hamstring")] == "caution"
    assert found[("tight_hamstrings", "hamstring")] == "info"
    assert found[("weak_glutes", "hamstring")] == "caution"  # the region's main cause
    assert ("feet_too_close", "hamstring") not in found


def test_hamstring_pain_with_the_feet_too_far_out_needs_no_cramp_the_same_bar_as_too_close():
    found = severities(advice_for([*loads([100] * 8), *_weeks("too_far", "hamstring")]))
    assert found[("feet_too_far_forward", "hamstring")] == "caution"


@pytest.mark.parametrize("side", ["too_far", "too_close"])
def test_a_hamstring_item_says_the_source_disagrees_and_shows_both_sides_of_the_log(side):
    other = "too_close" if side == "too_far" else "too_far"
    rows = [*loads([100] * 8, foot_distance=other), *_weeks(side, "hamstring")]
    cause = "feet_too_far_forward" if side == "too_far" else "feet_too_close"
    item = next(i for i in advice_for(rows) if i.cause == cause)
    assert "The source is not consistent here" in item.detail
    assert "4 hamstring pain reports over 16 sets with the feet " in item.detail
    assert "0 hamstring pain reports over 32 sets with the feet " in item.detail


def test_hamstring_pain_with_the_feet_too_close_points_to_feet_too_close():
    found = severities(advice_for([*loads([100] * 8), *_weeks("too_close", "hamstring")]))
    assert found[("feet_too_close", "hamstring")] == "caution"
    assert ("feet_too_far_forward", "hamstring") not in found


def test_hip_flexor_pain_with_the_feet_too_far_out_points_to_feet_too_far_forward():
    found = severities(advice_for([*loads([100] * 8), *_weeks("too_far", "hip_flexor")]))
    assert found[("feet_too_far_forward", "hip_flexor")] == "caution"
    assert found[("tight_hip_flexors", "hip_flexor")] == "info"
    assert found[("weak_glutes", "hip_flexor")] == "caution"  # the region's main cause


def test_knee_pain_with_the_feet_too_close_points_to_feet_too_close():
    found = severities(advice_for([*loads([100] * 8), *_weeks("too_close", "knee")]))
    assert found[("feet_too_close", "knee")] == "caution"


def test_repeated_knee_pain_with_vertical_shins_points_to_knee_valgus_first():
    found = severities(advice_for(loads([100] * 12, pain={"knee": 5})))
    assert ("feet_too_close", "knee") not in found
    assert found[("knee_valgus", "knee")] == "caution"
    assert found[("knee_condition", "knee")] == "info"


@pytest.mark.parametrize(
    ("case", "rows", "cause", "region"),
    [
        (
            "feet too far, no pain",
            loads([100] * 12, foot_distance="too_far"),
            "feet_too_far_forward",
            "hamstring",
        ),
        (
            "hamstring pain on every foot position alike",
            [
                *loads([100] * 6, pain={"hamstring": 5}),
                *_weeks("too_far", "hamstring", first_week=7, weeks=6),
            ],
            "feet_too_far_forward",
            "hamstring",
        ),
        (
            "knee pain mild",
            [*loads([100] * 8), *_weeks("too_close", "knee", score=3)],
            "feet_too_close",
            "knee",
        ),
    ],
)
def test_near_misses_do_not_blame_the_feet(case, rows, cause, region):
    assert severities(advice_for(rows)).get((cause, region)) in (None, "info"), case


def test_moving_the_feet_in_that_ended_the_cramps_becomes_a_note_of_what_helped():
    rows = [
        *loads([100] * 8, foot_distance="too_far", pain={"hamstring": 5}),
        *(character(n, "hamstring", "cramp", 5) for n in range(1, 9)),
        *loads([100] * 4, first_week=9),
    ]
    found = advice_for(rows)
    assert [i for i in found if i.severity != "info"] == []
    item = next(i for i in found if i.cause == "feet_too_far_forward")
    assert item.title == "Changing the foot distance helped"
