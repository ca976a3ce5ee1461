"""Properties of the engine over random valid histories (hypothesis)."""

import json
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from advice.causes import CATALOGUE_ONLY, CAUSES
from advice.history import (
    History,
    SessionBench,
    SetupPain,
    Symptom,
    WeekCharacter,
    WeekLoad,
    WeekPain,
    WeekSetup,
)
from advice.items import EXTRA_KEYS, ITEM_KEYS, SEVERITIES, AdviceItem
from advice.rules import advise
from advice.thresholds import AHEAD

TODAY = date(2026, 4, 15)
THIS_MONDAY = TODAY - timedelta(days=TODAY.weekday())
REGIONS = ("lower_back", "si_joint", "hip_flexor", "hip_bone", "groin", "hamstring", "knee", "neck")
TIMINGS = ("during", "after", "next_day")
CHARACTERS = ("ache", "sharp", "cramp", "pinch", "bruise")
SETUP = (
    *(("foot_distance", v) for v in ("too_close", "shins_vertical", "too_far")),
    *(("stance_width", v) for v in ("narrow", "hip_width", "wide")),
    *(("padding", v) for v in ("none", "thin", "thick", "mat", "machine")),
    *(("equipment", v) for v in ("barbell", "smith", "machine", "dumbbell", "band", "bodyweight")),
)
SYMPTOMS = (
    "numbness",
    "tingling",
    "weakness",
    "popping",
    "swelling",
    "daily_activity_pain",
    "sleep_disturbance",
)

weeks = st.integers(-2, 30).map(lambda k: THIS_MONDAY - timedelta(weeks=k))  # a few in the future
days = st.integers(-10, 220).map(lambda k: TODAY - timedelta(days=k))
scores = st.integers(0, 10)
kg = st.decimals(min_value=0, max_value=300, places=2, allow_nan=False, allow_infinity=False)


@st.composite
def setup_pain(draw):
    field, value = draw(st.sampled_from(SETUP))
    score = draw(scores)
    return SetupPain(
        draw(weeks),
        field,
        value,
        draw(st.sampled_from(REGIONS)),
        score,
        float(draw(st.integers(0, score))),
        draw(st.integers(1, 4)),
    )


@st.composite
def week_pain(draw, week=weeks):
    score = draw(scores)
    return WeekPain(
        draw(week),
        draw(st.sampled_from(REGIONS)),
        draw(st.sampled_from(TIMINGS)),
        score,
        float(draw(st.integers(0, score))),
        draw(st.integers(1, 4)),
    )


loads = st.builds(
    WeekLoad,
    week=weeks,
    top_load_kg=kg,
    volume_kg=kg.map(lambda d: d * 30),
    sets=st.integers(0, 20),
    sessions=st.integers(0, 6),
)
characters = st.builds(
    WeekCharacter,
    week=weeks,
    region=st.sampled_from(REGIONS),
    character=st.sampled_from(CHARACTERS),
    reports=st.integers(1, 4),
    max_score=scores,
)
setups = st.builds(
    lambda w, fv, n: WeekSetup(w, *fv, n), weeks, st.sampled_from(SETUP), st.integers(0, 12)
)
benches = st.builds(
    SessionBench,
    date=days,
    bench_height_cm=st.none() | st.integers(20, 80),
    bench_stable=st.none() | st.booleans(),
    pain_max=st.none() | scores,
)
symptoms = st.builds(Symptom, date=days, symptom=st.sampled_from(SYMPTOMS))


def _tuple(strategy, size=30):
    return st.lists(strategy, max_size=size).map(tuple)


sparse = st.builds(
    History,
    today=st.just(TODAY),
    loads=_tuple(loads),
    pains=_tuple(week_pain()),
    characters=_tuple(characters),
    setups=_tuple(setups),
    setup_pains=_tuple(setup_pain()),
    benches=_tuple(benches),
    symptoms=_tuple(symptoms, 4),
)


@st.composite
def training(draw):
    """Consecutive weeks with a wandering top set and frequent pain: rules actually fire."""
    n = draw(st.integers(1, 16))
    rows_loads, rows_pains, rows_setups, rows_setup_pains = [], [], [], []
    top = Decimal(draw(st.integers(40, 150)))
    for k in range(n):
        week = THIS_MONDAY - timedelta(weeks=n - 1 - k)
        top = max(Decimal(0), top * Decimal(draw(st.sampled_from(["0.9", "1", "1.05", "1.2"]))))
        rows_loads.append(WeekLoad(week, top, top * 32, 4, 2))
        used = [
            draw(st.sampled_from([s for s in SETUP if s[0] == f]))
            for f in ("padding", "foot_distance", "stance_width")
        ]
        rows_setups += [WeekSetup(week, f, v, 4) for f, v in used]
        for _ in range(draw(st.integers(0, 2))):
            pain = draw(week_pain(st.just(week)))
            rows_pains.append(pain)
            rows_setup_pains += [
                SetupPain(week, f, v, pain.region, pain.max_score, pain.mean_score, 1)
                for f, v in used
            ]
    return History(
        today=TODAY,
        loads=tuple(rows_loads),
        pains=tuple(rows_pains),
        characters=draw(_tuple(characters, 6)),
        setups=tuple(rows_setups),
        setup_pains=tuple(rows_setup_pains),
        benches=draw(_tuple(benches, 8)),
        symptoms=draw(_tuple(symptoms, 2)),
    )


histories = st.one_of(sparse, training())
fast = settings(max_examples=100, deadline=None)


def _reversed(history: History) -> History:
    return History(
        history.today,
        *(
            getattr(history, f)[::-1]
            for f in (
                "loads",
                "pains",
                "characters",
                "setups",
                "setup_pains",
                "benches",
                "symptoms",
            )
        ),
    )


@fast
@given(histories)
def test_the_same_history_always_gives_the_same_advice_whatever_the_row_order(history):
    first = advise(history)
    assert advise(history) == first
    assert advise(_reversed(history)) == first


@fast
@given(histories)
def test_only_contract_causes_and_severities_appear_and_referrals_alone_are_urgent(history):
    for item in advise(history):
        assert item.cause in CAUSES
        assert item.cause not in CATALOGUE_ONLY
        assert item.severity in SEVERITIES
        # A question back ("how is it now?") is the one referral-cause item below a referral.
        assert (item.severity == "see_professional") == (
            CAUSES[item.cause].is_referral and not item.follow_up
        )
        assert item.region is None or item.region in REGIONS
        assert item.title
        assert item.detail
        assert item.source_section
        assert all(entry.date <= TODAY + AHEAD for entry in item.evidence)


@fast
@given(histories)
def test_items_are_unique_per_cause_and_region_and_ordered(history):
    found = advise(history)
    assert found == sorted(found, key=AdviceItem.sort_key)
    keys = [(item.cause, item.region) for item in found]
    assert len(keys) == len(set(keys))


@fast
@given(histories)
def test_as_dict_matches_the_contract_keys_exactly(history):
    for item in advise(history):
        shape = item.as_dict()
        assert tuple(shape) == ITEM_KEYS + EXTRA_KEYS
        for entry in shape["evidence"]:
            assert set(entry) == {"date", "metric", "value", "kind"}
            assert date.fromisoformat(entry["date"])
            assert type(entry["value"]) in (int, float)
        json.dumps(shape)


@fast
@given(histories)
def test_referrals_send_you_to_a_professional_and_nothing_diagnoses(history):
    for item in advise(history):
        assert "you have " not in item.detail.lower()
        if item.severity == "see_professional":
            assert "physical therapist" in item.detail


@fast
@given(
    _tuple(loads),
    _tuple(setups),
    _tuple(benches.map(lambda b: SessionBench(b.date, b.bench_height_cm, True, 0))),
)
def test_without_pain_or_red_flags_there_is_never_a_caution_or_referral(loads_, setups_, benches_):
    history = History(TODAY, loads=loads_, setups=setups_, benches=benches_)
    assert {item.severity for item in advise(history)} <= {"info"}
