"""The bench: wobbly or at an unusual height ("Common Causes of Pain: Equipment and Setup")."""

import pytest

from tests.advice.builders import advice_for, bench, loads, pains, severities

BASE = loads([100] * 12)
USUAL = [bench(n, 40) for n in range(1, 10)]


def test_pain_on_a_wobbly_bench_points_to_the_unstable_bench():
    rows = [*BASE, *USUAL, bench(11, stable=False, pain_max=6), bench(12, stable=False, pain_max=5)]
    found = advice_for(rows)
    item = next(i for i in found if i.cause == "unstable_bench")
    assert (item.severity, item.region) == ("caution", None)
    assert {e.metric for e in item.evidence} == {"worst pain of a session on a wobbly bench"}


def test_a_wobbly_bench_without_pain_is_only_an_info_note():
    rows = [*BASE, *USUAL, bench(12, stable=False, pain_max=0)]
    assert severities(advice_for(rows)) == {("unstable_bench", None): "info"}


def test_a_wobbly_bench_long_ago_is_not_mentioned():
    rows = [*BASE, bench(1, stable=False, pain_max=6), *USUAL]
    assert advice_for(rows) == []


def test_when_pain_is_as_high_on_a_steady_bench_the_wobble_is_not_blamed():
    steady = [bench(n, 40, pain_max=6) for n in range(1, 11)]
    rows = [*BASE, *steady, bench(12, stable=False, pain_max=6)]
    assert severities(advice_for(rows)).get(("unstable_bench", None)) == "info"


def test_the_week_pain_stands_in_when_the_session_pain_is_unknown():
    rows = [*BASE, *USUAL, bench(12, stable=False, pain_max=None), *pains("knee", {12: 6})]
    assert severities(advice_for(rows))[("unstable_bench", None)] == "caution"


def test_pain_on_a_bench_far_from_the_usual_height_points_to_the_bench_height():
    rows = [*BASE, *USUAL, bench(11, 55, pain_max=6), bench(12, 55, pain_max=5)]
    item = next(i for i in advice_for(rows) if i.cause == "incorrect_bench_height")
    assert item.severity == "caution"
    assert "40 cm" in item.detail
    assert any(e.metric == "bench height in cm" and e.value == 55 for e in item.evidence)


@pytest.mark.parametrize(
    ("case", "rows"),
    [
        ("close to the usual height", [bench(11, 45, pain_max=6), bench(12, 45, pain_max=6)]),
        ("a different height without pain", [bench(11, 60, pain_max=0), bench(12, 60)]),
        ("too few heights to know the usual", []),
        ("long ago", [bench(1, 60, pain_max=7)]),
    ],
)
def test_near_misses_do_not_blame_the_bench_height(case, rows):
    usual = USUAL if rows else [bench(10, 40)]
    found = severities(advice_for([*BASE, *usual, *rows]))
    assert found.get(("incorrect_bench_height", None)) in (None, "info"), case


def test_a_painful_session_on_an_odd_bench_long_ago_is_forgotten():
    rows = [*BASE, bench(1, 60, pain_max=7), *USUAL]
    assert advice_for(rows, today_week=40) == []


def test_going_back_to_the_usual_bench_after_painful_sessions_becomes_a_note_of_what_helped():
    rows = [
        *BASE,
        *USUAL,
        bench(9, 55, pain_max=6),
        bench(9, 55, pain_max=6),
        bench(10, 40),
        bench(11, 40),
        bench(12, 40),
    ]
    found = advice_for(rows)
    assert [(i.cause, i.severity) for i in found] == [("incorrect_bench_height", "info")]
    assert "helped" in found[0].title


def test_a_steady_bench_that_ended_the_pain_leaves_no_caution():
    rows = [*BASE, *USUAL, bench(10, stable=False, pain_max=6), bench(10, stable=False, pain_max=6)]
    rows += [bench(11, 40), bench(12, 40), bench(12, 40)]
    found = advice_for(rows)
    assert [(i.cause, i.severity) for i in found] == [("unstable_bench", "info")]
    assert found[0].title == "A steady bench helped"
