"""Issue 16, "Exercise and side": one-sided pain with single-leg or B-stance sets names uneven
loading; a machine against a barbell is compared like any other setup value. Pure rules, no
database."""

from tests.advice.builders import advice_for, lasting_pain, loads, severities, sided_pain

BASE = loads([100] * 8)


def _si_items(rows):
    return [i for i in advice_for(rows) if i.cause == "si_joint_dysfunction"]


# One-sided pain ------------------------------------------------------------------------


def test_left_sided_back_pain_with_single_leg_sets_names_uneven_loading_at_caution():
    rows = [*BASE, *(r for n in (10, 11, 12) for r in sided_pain(n, "lower_back", "left", 5))]
    (item,) = _si_items(rows)
    assert item.severity == "caution"
    assert "lower_back" in item.regions
    assert "hurt on the left side 3 times with single-leg hip thrusts" in item.detail
    assert "Loading one side more than the other" in item.detail
    assert item.source_section == "Common Causes of Pain: Pre-existing Conditions or Injuries"


def test_one_sided_pain_with_b_stance_sets_counts_too():
    rows = [
        *BASE,
        *(
            r
            for n in (11, 12)
            for r in sided_pain(n, "hamstring", "right", 5, "b_stance_hip_thrust")
        ),
    ]
    (item,) = _si_items(rows)
    assert "B-stance" in item.detail or "b-stance" in item.detail.lower()


def test_one_sided_pain_on_two_legged_sets_names_no_uneven_loading():
    """Near miss: the same left-sided pain, but on ordinary hip thrusts."""
    rows = [
        *BASE,
        *(r for n in (10, 11, 12) for r in sided_pain(n, "lower_back", "left", 5, "hip_thrust")),
    ]
    assert _si_items(rows) == []


def test_pain_on_both_sides_alike_is_not_one_sided():
    """Near miss: left and right equally often with single-leg sets."""
    rows = [*BASE]
    for n, side in ((9, "left"), (10, "right"), (11, "left"), (12, "right")):
        rows += sided_pain(n, "lower_back", side, 5)
    assert _si_items(rows) == []


def test_a_single_one_sided_report_is_not_enough():
    assert _si_items([*BASE, *sided_pain(12, "lower_back", "left", 6)]) == []


def test_mild_one_sided_pain_is_at_most_info():
    rows = [*BASE, *(r for n in (10, 11, 12) for r in sided_pain(n, "lower_back", "left", 3))]
    assert {i.severity for i in _si_items(rows)} <= {"info"}


def test_one_sided_pain_says_how_often_that_side_hurt_on_two_legged_sets():
    rows = [*BASE, *(r for n in (11, 12) for r in sided_pain(n, "lower_back", "left", 5))]
    (item,) = _si_items(rows)
    assert "on the left side with two-legged sets 0 times" in item.detail


# A machine against a barbell ------------------------------------------------------------


def test_hip_bone_pain_only_with_the_barbell_and_not_on_the_machine_points_to_the_bar():
    rows = [*loads([100] * 6, equipment="machine", padding="machine")]
    rows += loads([100] * 6, first_week=7)  # barbell, thick pad
    rows += [r for n in (10, 11, 12) for r in lasting_pain(n, "hip_bone", 5)]
    found = severities(advice_for(rows))
    assert found[("unpadded_bar", "hip_bone")] == "caution"
    item = next(i for i in advice_for(rows) if i.cause == "unpadded_bar")
    assert "With a barbell" in item.detail or "with a barbell" in item.detail.lower()


def test_hip_bone_pain_on_the_machine_as_often_as_with_the_barbell_does_not_blame_the_bar():
    """Near miss: the equipment makes no difference, so it is not named."""
    rows = []
    for n in range(1, 13):
        kit = {"equipment": "machine", "padding": "machine"} if n % 2 else {}
        rows += loads([100], first_week=n, **kit)
        if n >= 9:
            rows += lasting_pain(n, "hip_bone", 5, **kit)
    items = [i for i in advice_for(rows) if i.cause == "unpadded_bar"]
    assert not any("barbell" in i.detail.lower() for i in items)


def test_moving_from_the_barbell_to_the_machine_and_the_pain_settling_says_it_helped():
    rows = [*loads([100] * 6)]
    rows += [r for n in (4, 5, 6) for r in lasting_pain(n, "hip_bone", 5)]
    rows += loads([100] * 6, first_week=7, equipment="machine", padding="machine")
    helped = [i for i in advice_for(rows) if i.cause == "unpadded_bar" and i.severity == "info"]
    assert helped
    assert any("equipment helped" in i.title for i in helped)
