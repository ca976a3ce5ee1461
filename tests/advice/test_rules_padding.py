"""Padding: hip-bone pain and the bar pad ("Common Causes of Pain: Equipment and Setup")."""

import pytest

from tests.advice.builders import advice_for, lasting_pain, loads, severities

THIN_WITH_PAIN = loads([100] * 8, padding="thin", pain={"hip_bone": 5})
THICK = loads([100] * 4, first_week=9)


def test_hip_bone_pain_without_a_pad_points_to_the_unpadded_bar():
    rows = [
        *loads([100] * 8),
        *loads([100] * 4, first_week=9, padding="none", pain={"hip_bone": 5}),
    ]
    found = advice_for(rows, today_week=12)
    item = next(i for i in found if i.cause == "unpadded_bar")
    assert (item.severity, item.region) == ("caution", "hip_bone")
    assert item.source_section == "Common Causes of Pain: Equipment and Setup"
    assert "With no pad, you reported hip bone pain 4 times" in item.detail
    assert any(e.metric == "hip bone pain with no pad" for e in item.evidence)


def test_hip_bone_pain_with_a_thin_pad_from_the_start_points_to_the_unpadded_bar():
    found = severities(advice_for(loads([100] * 12, padding="thin", pain={"hip_bone": 4})))
    assert found[("unpadded_bar", "hip_bone")] == "caution"


@pytest.mark.parametrize(
    ("case", "rows"),
    [
        (
            "a thick pad and a single week of hip-bone pain",
            loads([100] * 11) + loads([100], first_week=12, pain={"hip_bone": 5}),
        ),
        ("no pad but no pain", loads([100] * 12, padding="none")),
        (
            "no pad, a single twinge",
            [
                *loads([100] * 11, padding="none"),
                *loads([100], first_week=12, padding="none", pain={"hip_bone": 4}),
            ],
        ),
        ("no pad, pain too mild to count", loads([100] * 12, padding="none", pain={"hip_bone": 2})),
    ],
)
def test_near_misses_do_not_raise_an_unpadded_bar_caution(case, rows):
    found = severities(advice_for(rows))
    assert found.get(("unpadded_bar", "hip_bone")) in (None, "info"), case


def test_thin_and_thick_pads_hurting_alike_do_not_blame_the_thin_pad():
    rows = [
        *loads([100] * 6, padding="thin", pain={"hip_bone": 5}),
        *loads([100] * 6, first_week=7, pain={"hip_bone": 5}),
    ]
    item = next(i for i in advice_for(rows) if i.cause == "unpadded_bar")
    # Repeated hip-bone pain still points to padding (the source: almost always), but from
    # where it hurts, not from the thin pad, which hurt no more than the thick one.
    assert item.source_section == "Specific Pain Locations and Their Potential Causes"
    assert "thin pad" not in item.detail


def test_one_padless_session_followed_by_hip_bone_pain_is_worth_changing():
    rows = [*loads([100] * 11), *loads([100], first_week=12, padding="none")]
    rows += lasting_pain(12, "hip_bone", 5, padding="none")
    item = next(i for i in advice_for(rows) if i.cause == "unpadded_bar")
    assert item.severity == "caution"
    assert item.source_section == "Common Causes of Pain: Equipment and Setup"


def test_adding_a_thick_pad_that_ended_the_pain_turns_the_caution_into_a_note_of_what_helped():
    found = advice_for([*THIN_WITH_PAIN, *THICK])
    assert [i for i in found if i.severity != "info"] == []
    item = next(i for i in found if i.cause == "unpadded_bar")
    assert item.region == "hip_bone"
    assert item.title == "Changing the padding helped"
    assert "the week of 2 Mar 2026" in item.detail  # the week the pain stopped


def test_one_week_on_a_thick_pad_is_too_early_to_call_it_fixed():
    rows = [*loads([100] * 11, padding="thin", pain={"hip_bone": 5}), *loads([100], first_week=12)]
    assert severities(advice_for(rows))[("unpadded_bar", "hip_bone")] == "caution"


def test_a_pad_fix_from_long_ago_is_no_longer_mentioned():
    assert advice_for([*THIN_WITH_PAIN, *THICK], today_week=40) == []
