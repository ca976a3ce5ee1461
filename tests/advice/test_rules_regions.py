"""Where it hurts: the region map of "Specific Pain Locations", the stance, and a pinch."""

import pytest

from tests.advice.builders import advice_for, character, loads, pains, severities

BASE = loads([100] * 12)


@pytest.mark.parametrize(
    ("region", "score", "cause", "severity"),
    [
        ("neck", 5, "neck_position", "caution"),
        ("neck", 3, "neck_position", "info"),
        ("si_joint", 5, "si_joint_dysfunction", "caution"),
        ("lower_back", 4, "lumbar_hyperextension", "caution"),
        ("lower_back", 4, "weak_core", "info"),
        ("hip_flexor", 4, "tight_hip_flexors", "info"),
        ("hamstring", 4, "tight_hamstrings", "info"),
        ("groin", 4, "groin_strain", "caution"),
        ("groin", 4, "hip_impingement", "info"),
        ("hip_bone", 4, "unpadded_bar", "caution"),
        ("knee", 4, "knee_valgus", "caution"),
        ("knee", 4, "knee_condition", "info"),
        ("hamstring", 4, "weak_glutes", "caution"),
        ("hip_flexor", 4, "weak_glutes", "caution"),
        ("knee", 3, "knee_valgus", "info"),
    ],
)
def test_recent_pain_in_a_region_names_the_causes_the_source_pairs_with_it(
    region, score, cause, severity
):
    found = severities(advice_for([*BASE, *pains(region, {11: score, 12: score})]))
    assert found[(cause, region)] == severity


@pytest.mark.parametrize("region", ["knee", "hamstring", "hip_flexor", "groin", "hip_bone"])
def test_a_single_week_of_moderate_pain_is_not_yet_a_pattern(region):
    found = advice_for([*BASE, *pains(region, {12: 6})])
    assert {i.severity for i in found if region in i.regions} == {"info"}


def test_neck_pain_cites_the_form_section_it_comes_from():
    found = advice_for([*BASE, *pains("neck", {11: 5, 12: 5})])
    item = next(i for i in found if i.cause == "neck_position")
    assert item.source_section == "Common Causes of Pain: Improper Form and Technique"
    assert any(e.metric == "neck pain after the session" and e.value == 5 for e in item.evidence)


@pytest.mark.parametrize(
    ("case", "rows"),
    [
        ("too mild", pains("neck", {11: 2, 12: 2})),
        ("settled for two weeks", pains("neck", {8: 6, 9: 6})),
        ("long ago", pains("neck", {1: 6, 2: 6})),
    ],
)
def test_near_misses_give_no_region_advice(case, rows):
    assert advice_for([*BASE, *rows]) == [], case


def test_a_small_twinge_during_a_set_is_at_most_a_note():
    found = advice_for([*BASE, *pains("neck", {12: 3}, timing="during")])
    assert {i.severity for i in found} <= {"info"}


def test_groin_pain_with_a_wide_stance_points_to_a_groin_strain():
    rows = [
        *loads([100] * 8),
        *loads([100] * 4, first_week=9, stance_width="wide", pain={"groin": 5}),
    ]
    found = severities(advice_for(rows))
    assert found[("groin_strain", "groin")] == "caution"


def test_groin_pain_with_a_hip_width_stance_points_to_a_strain_by_place_not_by_stance():
    item = next(
        i for i in advice_for(loads([100] * 12, pain={"groin": 5})) if i.cause == "groin_strain"
    )
    assert item.severity == "caution"
    assert item.source_section == "Specific Pain Locations and Their Potential Causes"
    assert "With a wide stance" not in item.detail


@pytest.mark.parametrize("region", ["groin", "hip_flexor"])
def test_a_pinching_pain_at_the_front_of_the_hip_points_to_hip_impingement(region):
    rows = [*BASE, *pains(region, {11: 5, 12: 5}), character(12, region, "pinch", 5)]
    assert severities(advice_for(rows))[("hip_impingement", region)] == "caution"


@pytest.mark.parametrize(
    ("case", "rows"),
    [
        ("a mild pinch", [*pains("groin", {11: 5, 12: 5}), character(12, "groin", "pinch", 2)]),
        ("an old pinch", [*pains("groin", {11: 5, 12: 5}), character(2, "groin", "pinch", 6)]),
        (
            "a pinch at the hip bone",
            [*pains("hip_bone", {11: 5, 12: 5}), character(12, "hip_bone", "pinch", 5)],
        ),
    ],
)
def test_near_misses_do_not_raise_a_hip_impingement_caution(case, rows):
    found = severities(advice_for([*BASE, *rows]))
    assert "caution" not in {
        severity for (cause, _), severity in found.items() if cause == "hip_impingement"
    }, case
