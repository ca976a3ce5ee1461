"""Changes the log shows by itself, found without a database: a setup value switched and kept,
or a clearly lighter top set, after sessions in which a region hurt."""

from datetime import date, timedelta
from decimal import Decimal

from advice.experiments import SessionPain
from reports.detect import Detected, SessionSetup, detect

MONDAY = date(2026, 10, 5)
USUAL = {"padding": "none", "foot_distance": "shins_vertical", "stance_width": "hip_width"}


def setup_sessions(paddings: list[str], tops: list[int] | None = None) -> list[SessionSetup]:
    tops = tops or [100] * len(paddings)
    return [
        SessionSetup(
            MONDAY + timedelta(days=3 * n),
            tuple(sorted({**USUAL, "padding": padding}.items())),
            Decimal(top),
        )
        for n, (padding, top) in enumerate(zip(paddings, tops, strict=True))
    ]


def hurt(days: list[int], region: str = "hip_bone", score: int = 5) -> list[SessionPain]:
    return [SessionPain(MONDAY + timedelta(days=3 * n), ((region, score),)) for n in days]


def test_a_pad_taken_up_after_hip_bone_pain_is_an_experiment_answering_the_unpadded_bar():
    found = detect(setup_sessions(["none", "none", "none", "thick", "thick"]), hurt([0, 1, 2]))
    assert found == [
        Detected(
            MONDAY + timedelta(days=9), "padding", "thick", "none", ("hip_bone",), "unpadded_bar"
        )
    ]


def test_a_change_without_pain_before_it_is_no_experiment():
    assert detect(setup_sessions(["none", "none", "thick", "thick"]), []) == []


def test_a_single_odd_session_is_not_a_change():
    sessions = setup_sessions(["none", "none", "thick", "none", "none"])
    assert detect(sessions, hurt([0, 1])) == []


def test_a_clearly_lighter_top_set_kept_is_a_lighter_load_experiment():
    sessions = setup_sessions(["thick"] * 5, tops=[120, 120, 100, 100, 100])
    (found,) = detect(sessions, hurt([0, 1], region="lower_back"))
    assert (found.field, found.value, found.cause) == (
        "load",
        "lighter",
        "too_much_weight_too_soon",
    )
    assert found.started_on == MONDAY + timedelta(days=6)


def test_a_small_load_dip_is_not_a_lighter_load():
    sessions = setup_sessions(["thick"] * 4, tops=[120, 120, 112, 112])
    assert detect(sessions, hurt([0, 1], region="lower_back")) == []
