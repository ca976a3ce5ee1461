"""Properties a lifter can trust, over random histories (hypothesis): the unit never changes
the advice, more pain never calms it, time does not move it, a deload never blames the load,
and a red flag never leaves by itself."""

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from advice.history import History, Resolution, SetupPain, Symptom, WeekLoad, WeekPain, WeekSetup
from advice.items import SEVERITY_RANK
from advice.rules import advise
from advice.spec import triggers
from tests.advice.builders import severities, shifted
from tests.advice.test_properties import REGIONS, SYMPTOMS, TIMINGS, histories
from tracker.rollups import loadable

TODAY = date(2026, 4, 15)
THIS_MONDAY = TODAY - timedelta(days=TODAY.weekday())
KG_PER_LB = Decimal("0.45359237")
LOAD_CAUSES = {"too_much_weight_too_soon", "inadequate_progressive_overload"}
# Derandomised: the suite explores the same examples on every run, so CI is repeatable;
# run with --hypothesis-seed=N (and without derandomize) to explore further.
check = settings(max_examples=120, deadline=None, derandomize=True)


def _to_pounds(kg: Decimal) -> Decimal:
    """A load entered in pounds (to the nearest 5 lb, a pair of 2.5 lb plates) and stored in
    kilograms with two decimals, as the app stores it."""
    pounds = (kg / KG_PER_LB / 5).quantize(Decimal(1)) * 5
    return (pounds * KG_PER_LB).quantize(Decimal("0.01"))


def _week_load(week: date, sets: list[tuple[Decimal, int]], entered=lambda kg: kg) -> WeekLoad:
    """A week's WeekLoad from its sets, each load as `entered` stores it, summed as the
    roll-ups sum them."""
    stored = [(entered(load), reps) for load, reps in sets]
    return WeekLoad(
        week,
        max(load for load, _ in stored),
        sum(load * reps for load, reps in stored),
        len(stored),
        2,
        loadable_volume_kg=sum(loadable(load) * reps for load, reps in stored),
    )


@st.composite
def _plans(draw, min_weeks: int = 3):
    """Weeks of training on a 2.5 kg grid (what plates make): a top set and lighter sets of
    any reps, so volume is not a multiple of the top set, with pain in a few regions at any
    timing: the kind of log the load and setup rules read."""
    n = draw(st.integers(min_weeks, 14))
    tops = [Decimal("2.5") * draw(st.integers(16, 60))]
    for _ in range(n - 1):
        step = draw(st.sampled_from([-8, -2, 0, 0, 1, 2, 4, 6, 10]))
        tops.append(max(Decimal("20"), tops[-1] + Decimal("2.5") * step))
    weeks, pains, setups, setup_pains = [], [], [], []
    for k, top in enumerate(tops):
        week = THIS_MONDAY - timedelta(weeks=n - 1 - k)
        lighter = draw(st.lists(st.tuples(st.integers(8, 40), st.integers(1, 15)), max_size=4))
        sets = [(top, 8), *((min(top, Decimal("2.5") * steps), reps) for steps, reps in lighter)]
        weeks.append((week, sets))
        padding = draw(st.sampled_from(["none", "thick"]))
        setups += [
            WeekSetup(week, "padding", padding, len(sets)),
            WeekSetup(week, "exercise", "hip_thrust", len(sets)),
        ]
        for region in draw(st.lists(st.sampled_from(REGIONS), max_size=2, unique=True)):
            score, timing = draw(st.integers(0, 10)), draw(st.sampled_from(TIMINGS))
            pains.append(WeekPain(week, region, timing, score, float(score), 1))
            setup_pains.append(SetupPain(week, "padding", padding, region, score, float(score), 1))
    rest = {"pains": tuple(pains), "setups": tuple(setups), "setup_pains": tuple(setup_pains)}
    return weeks, rest


def _history(plan, entered=lambda kg: kg) -> History:
    weeks, rest = plan
    return History(today=TODAY, loads=tuple(_week_load(w, s, entered) for w, s in weeks), **rest)


def plate_histories(min_weeks: int = 3):
    return _plans(min_weeks).map(_history)


def _worst(items) -> int:
    return max((SEVERITY_RANK[i.severity] for i in items), default=-1)


@check
@given(_plans())
def test_the_same_history_in_pounds_and_in_kilos_gives_the_same_causes_and_severities(plan):
    in_kilos, in_pounds = _history(plan), _history(plan, entered=_to_pounds)
    assert severities(advise(in_kilos)) == severities(advise(in_pounds))


@check
@given(plate_histories(), st.sampled_from(REGIONS), st.integers(1, 4))
def test_stronger_latest_pain_never_lowers_the_most_urgent_severity(history, region, more):
    # The region's latest reported week hurts more. (Raising every week at once is not
    # "stronger": it also raises the athlete's own level that a sudden spike is read against.)
    latest = max((p.week for p in history.pains if p.region == region), default=None)
    assume(latest is not None)
    stronger = replace(
        history,
        pains=tuple(
            replace(
                p, max_score=min(10, p.max_score + more), mean_score=min(10, p.mean_score + more)
            )
            if p.region == region and p.week == latest
            else p
            for p in history.pains
        ),
    )
    assert _worst(advise(stronger)) >= _worst(advise(history))


@check
@given(plate_histories(), st.sampled_from(REGIONS), st.integers(4, 10), st.sampled_from(TIMINGS))
def test_one_more_week_of_pain_never_lowers_the_most_urgent_severity(
    history, region, score, timing
):
    this_week = [p for p in history.pains if p.week == THIS_MONDAY and p.region == region]
    assume(not this_week)
    # At least as strong as the region's latest week: a lower week would be easing pain.
    latest = max(
        (p for p in history.pains if p.region == region), key=lambda p: p.week, default=None
    )
    score = max(score, latest.max_score if latest else 0)
    longer = replace(
        history, pains=(*history.pains, WeekPain(THIS_MONDAY, region, timing, score, score, 1))
    )
    assert _worst(advise(longer)) >= _worst(advise(history))


@check
@given(histories, st.integers(1, 400))
def test_shifting_a_history_in_time_changes_nothing(history, weeks):
    assert severities(advise(shifted(history, weeks=weeks))) == severities(advise(history))


@check
@given(plate_histories(min_weeks=5), st.data())
def test_inserting_a_deload_week_never_creates_a_load_cause(history, data):
    weeks = sorted({w.week for w in history.loads})
    at = data.draw(st.sampled_from(weeks[1:]))
    best_before = max(w.top_load_kg for w in history.loads if w.week < at)
    deload_top = (best_before * Decimal("0.6") / Decimal("2.5")).quantize(Decimal(1)) * Decimal(
        "2.5"
    )

    def later(row):
        return replace(row, week=row.week + timedelta(weeks=1)) if row.week >= at else row

    with_deload = History(
        today=history.today + timedelta(weeks=1),
        loads=(*map(later, history.loads), WeekLoad(at, deload_top, deload_top * 16, 2, 1)),
        pains=tuple(map(later, history.pains)),
        setups=tuple(map(later, history.setups)),
        setup_pains=tuple(map(later, history.setup_pains)),
    )
    before = {i.cause for i in advise(history)} & LOAD_CAUSES
    after = {i.cause for i in advise(with_deload)} & LOAD_CAUSES
    assert after <= before


SYMPTOM_CAUSE = {
    "numbness": "neurological_symptoms",
    "tingling": "neurological_symptoms",
    "weakness": "neurological_symptoms",
    "popping": "structural_injury_signs",
    "swelling": "structural_injury_signs",
    "daily_activity_pain": "daily_life_or_sleep",
    "sleep_disturbance": "daily_life_or_sleep",
}


@check
@given(histories, st.sampled_from(SYMPTOMS), st.integers(-1, 2000))
def test_a_red_flag_without_a_resolution_never_disappears(history, kind, days_ago):
    # -1: a session may be dated the athlete's tomorrow.
    flagged = replace(
        history,
        symptoms=(*history.symptoms, Symptom(TODAY - timedelta(days=days_ago), kind)),
        resolutions=tuple(r for r in history.resolutions if r.symptom != kind),
    )
    causes = {i.cause: i.severity for i in advise(flagged)}
    assert causes.get(SYMPTOM_CAUSE[kind]) == "see_professional"


@check
@given(st.sampled_from(SYMPTOMS), st.integers(0, 60), st.integers(0, 30))
def test_a_red_flag_marked_gone_after_its_last_report_is_over(kind, days_ago, later):
    reported = TODAY - timedelta(days=days_ago)
    gone = min(TODAY, reported + timedelta(days=later))
    history = History(
        today=TODAY, symptoms=(Symptom(reported, kind),), resolutions=(Resolution(gone, kind),)
    )
    assert SYMPTOM_CAUSE[kind] not in {i.cause for i in advise(history)}


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.one_of(histories, plate_histories()))
def test_every_cause_and_section_the_engine_names_is_in_the_specification(history):
    specified = {(t.cause, t.section) for t in triggers()}
    for item in advise(history):
        assert (item.cause, item.source_section) in specified, item
