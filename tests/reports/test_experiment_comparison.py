"""Experiments compared without a database: pain of the regions concerned in the four weeks
before a change against the first four weeks from it, with the counts behind the verdict."""

import ast
from datetime import date, timedelta
from pathlib import Path

import pytest

import advice
from advice.experiments import (
    HELPED,
    NO_CHANGE,
    NOT_ENOUGH,
    WORSE,
    SessionPain,
    Trial,
    compare,
    helped_item,
    outcome_text,
    with_helped,
)
from advice.items import AdviceItem
from advice.wording import Voice

PAD_DAY = date(2026, 11, 3)  # a Tuesday
PAD = Trial(PAD_DAY, "padding", "thick", ("hip_bone",))


def sessions(first: date, scores: list[int | None], region: str = "hip_bone") -> list:
    """One session every third day from `first`; None is a session with no report of the
    region (which counts as 0: nothing ticked is no pain)."""
    return [
        SessionPain(first + timedelta(days=3 * n), () if s is None else ((region, s),))
        for n, s in enumerate(scores)
    ]


def before(scores: list[int | None]) -> list:
    return sessions(PAD_DAY - timedelta(days=3 * len(scores)), scores)


def after(scores: list[int | None]) -> list:
    return sessions(PAD_DAY, scores)


THREE_WEEKS_ON = PAD_DAY + timedelta(days=20)


def test_a_pad_that_ends_hip_bone_pain_helped_with_the_numbers():
    outcome = compare(PAD, before([5, 6, 4, 5]) + after([2, 1, 1, 0, 1]), THREE_WEEKS_ON)
    assert outcome.verdict == HELPED
    (region,) = outcome.regions
    assert (region.before.sessions, region.after.sessions) == (4, 5)
    assert (region.before.mean, region.after.mean) == (5.0, 1.0)
    assert outcome_text(outcome) == (
        "Since you switched to a thick pad on 3 Nov 2026, hip bone pain went from 5/10 to 1/10 "
        "over 3 weeks (4 sessions before, 5 sessions after)."
    )


def test_pain_that_stays_where_it_was_is_no_change_and_says_so():
    outcome = compare(PAD, before([5, 4, 5]) + after([5, 4, 4, 5]), THREE_WEEKS_ON)
    assert outcome.verdict == NO_CHANGE
    assert "stayed about the same: 4.7/10 to 4.5/10 over 3 weeks" in outcome_text(outcome)


def test_pain_that_rises_after_the_change_is_worse():
    outcome = compare(PAD, before([1, 2, 1]) + after([4, 5, 5]), THREE_WEEKS_ON)
    assert outcome.verdict == WORSE
    assert "rose from 1.3/10 to 4.7/10" in outcome_text(outcome)


def test_too_few_sessions_after_the_change_is_not_enough_data_yet_with_the_counts():
    outcome = compare(PAD, before([5, 6, 5]) + after([1, 0]), THREE_WEEKS_ON)
    assert outcome.verdict == NOT_ENOUGH
    assert outcome_text(outcome) == (
        "Hip bone pain: not enough data yet (3 sessions before, 2 sessions after; "
        "a result needs 3 sessions after the change)."
    )


def test_fewer_than_two_weeks_since_the_change_is_not_enough_data_yet():
    outcome = compare(PAD, before([5, 6, 5]) + after([1, 0, 0, 1]), PAD_DAY + timedelta(days=12))
    assert outcome.verdict == NOT_ENOUGH
    assert "two weeks (from 16 Nov 2026)" in outcome_text(outcome)


def test_too_few_sessions_before_the_change_is_not_enough_data_yet():
    outcome = compare(PAD, before([6]) + after([1, 0, 1]), THREE_WEEKS_ON)
    assert outcome.verdict == NOT_ENOUGH
    assert "3 sessions in the four weeks before it" in outcome_text(outcome)


def test_sessions_without_a_report_of_the_region_count_as_painless():
    outcome = compare(PAD, before([6, 5, 6]) + after([None, None, 1]), THREE_WEEKS_ON)
    region = outcome.regions[0]
    assert (region.after.sessions, region.after.reports, region.after.mean) == (3, 1, 1 / 3)
    assert outcome.verdict == HELPED


def test_only_four_weeks_on_each_side_are_compared():
    long_ago = sessions(PAD_DAY - timedelta(weeks=10), [0, 0, 0, 0])
    much_later = sessions(PAD_DAY + timedelta(weeks=5), [9, 9, 9])
    outcome = compare(
        PAD, long_ago + before([5, 5, 5]) + after([1, 1, 1]) + much_later, PAD_DAY + timedelta(70)
    )
    region = outcome.regions[0]
    assert (region.before.sessions, region.after.sessions) == (3, 3)
    assert outcome.verdict == HELPED
    assert outcome.weeks_after == 4


def test_one_region_worse_makes_the_whole_experiment_worse():
    trial = Trial(PAD_DAY, "foot_distance", "shins_vertical", ("hamstring", "knee"))
    rows = [
        SessionPain(PAD_DAY - timedelta(days=d), (("hamstring", 6), ("knee", 0))) for d in (3, 6, 9)
    ] + [
        SessionPain(PAD_DAY + timedelta(days=d), (("hamstring", 1), ("knee", 5))) for d in (1, 5, 9)
    ]
    outcome = compare(trial, rows, THREE_WEEKS_ON)
    assert [r.verdict for r in outcome.regions] == [HELPED, WORSE]
    assert outcome.verdict == WORSE


@pytest.mark.parametrize(
    ("trial", "words"),
    [
        (Trial(PAD_DAY, "load", "lighter", ()), "went to a lighter load"),
        (Trial(PAD_DAY, "foot_distance", "shins_vertical", ()), "switched to the shins vertical"),
        (Trial(PAD_DAY, "other", "", (), "glute activation first"), "glute activation first"),
    ],
)
def test_a_change_is_said_in_plain_words(trial, words):
    assert trial.change_text() == words


def test_a_coach_reads_the_result_about_the_athlete_by_name():
    outcome = compare(PAD, before([5, 5, 5]) + after([1, 1, 1]), THREE_WEEKS_ON)
    assert outcome_text(outcome, Voice(name="Ada")).startswith("Since Ada switched to a thick pad")


def _item(cause: str, severity: str) -> AdviceItem:
    return AdviceItem(cause, severity, "t", "d", "hip_bone", (), "s")


def test_a_helped_note_replaces_the_engines_own_info_note_on_that_cause():
    outcome = compare(PAD, before([5, 5, 5]) + after([1, 1, 1]), THREE_WEEKS_ON)
    note = helped_item(outcome, "unpadded_bar")
    merged = with_helped([_item("unpadded_bar", "info"), _item("weak_glutes", "info")], [note])
    assert sorted(i.cause for i in merged) == ["unpadded_bar", "weak_glutes"]
    (padding,) = [i for i in merged if i.cause == "unpadded_bar"]
    assert padding is note
    assert padding.title == "What helped: you switched to a thick pad"
    assert [e.value for e in padding.evidence] == [5.0, 1.0]


def test_a_caution_the_engine_still_sees_is_not_hidden_by_a_helped_note():
    outcome = compare(PAD, before([5, 5, 5]) + after([1, 1, 1]), THREE_WEEKS_ON)
    caution = _item("unpadded_bar", "caution")
    assert with_helped([caution], [helped_item(outcome, "unpadded_bar")]) == [caution]


def test_the_comparison_imports_nothing_from_django():
    path = Path(advice.__file__).parent / "experiments.py"
    modules = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            modules |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            modules.add(node.module or "")
    assert not {m for m in modules if m.split(".")[0] in {"django", "rest_framework"}}
