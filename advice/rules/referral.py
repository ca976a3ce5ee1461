"""Referral rules ("When to Seek Professional Advice"), and the questions back to an athlete
who went quiet after strong pain.

A referral fires on what was logged, never on a guess about a cause, and it reads pain at
every timing and on every exercise: pain is pain. A red flag stays until the athlete says
it is gone.
"""

from __future__ import annotations

import statistics
from datetime import date

from advice.causes import CONDITION
from advice.history import OtherPain, Symptom
from advice.items import AdviceItem, Evidence
from advice.rules.common import ease_off, make_item
from advice.thresholds import PAIN_FLOOR, PAIN_RISE, WEEK, monday
from advice.timeline import SETTLED_WEEKS, RegionWeek, Timeline
from advice.trends import theil_sen
from advice.wording import (
    TIMING_WORDS,
    day_text,
    pain_text,
    region_text,
    symptoms_text,
    week_text,
)

PERSISTENT_SCORE = 4  # pain of 4/10 or more, at any timing...
PERSISTENT_WEEKS = 3  # ...in most of a run of at least this many logged weeks
SHARP_SCORE = 6  # a pain described as sharp, in a set, at this score or more
SPIKE_SCORE = 7  # a pain in a set at this score or more...
SPIKE_JUMP = 4  # ...this many points above the region's own level before...
SPIKE_MIN_WEEKS = 2  # ...measured over at least this many logged weeks (4 at most)
SPIKE_BASE_WEEKS = 4
STRONG_SCORE = 6  # pain this strong, then silence, asks "how is it now?"
QUIET_DAYS = 7  # ...once nothing has been logged for this long
NERVE_NEAR_DAYS = 28  # lower-back pain this close to a nerve symptom goes with it
RED_FLAG_STRENGTH = 100.0  # red flags rank above every other referral

SYMPTOM_CAUSES = (
    ("neurological_symptoms", ("numbness", "tingling", "weakness")),
    ("daily_life_or_sleep", ("daily_activity_pain", "sleep_disturbance")),
    ("structural_injury_signs", ("popping", "swelling")),
)
NERVE_SYMPTOMS = SYMPTOM_CAUSES[0][1]


def _run(timeline: Timeline, region: str) -> list[RegionWeek]:
    """The latest run of logged weeks around the region's pain: it reaches back from the
    last week at PERSISTENT_SCORE or more until two logged weeks in a row were below it (one
    lighter week does not break it) and starts at a painful week; a lighter week logged
    after the last painful one belongs to the run too (it counts against "most weeks")."""
    weeks = list(timeline.weeks)
    cells = [timeline.any_region_week(region, w) for w in weeks]
    painful = [i for i, c in enumerate(cells) if c.peak >= PERSISTENT_SCORE]
    if not painful:
        return []
    end = painful[-1]
    start = end
    for i in range(end - 1, -1, -1):
        if cells[i].peak >= PERSISTENT_SCORE:
            start = i
        elif i - 1 < 0 or cells[i - 1].peak < PERSISTENT_SCORE:
            break
    return cells[start : end + 2]


def clearly_down(scores: list[int]) -> bool:
    """Over the whole run, pain came down by PAIN_RISE or more both by its robust slope and
    by the last two weeks against the first two (never first against last alone)."""
    if len(scores) < 2:
        return False
    fitted_drop = -theil_sen(scores) * (len(scores) - 1)
    ends = statistics.fmean(scores[:2]) - statistics.fmean(scores[-2:])
    return fitted_drop >= PAIN_RISE and ends >= PAIN_RISE


def _what_was_tried(timeline: Timeline, run: list[RegionWeek]) -> list[str]:
    voice = timeline.voice
    first, last = run[0].week, run[-1].week
    tried = []
    tops = [t for w in timeline.weeks_between(first, last) if (t := timeline.top_load(w))]
    if tops and tops[-1] < max(tops):
        tried.append(f"a lighter top set ({voice.load(max(tops))} down to {voice.load(tops[-1])})")
    setup_first = {key for key, weeks in timeline.setups.items() if first in weeks}
    setup_last = {key for key, weeks in timeline.setups.items() if last in weeks}
    if setup_first and setup_last and setup_first != setup_last:
        tried.append("a changed setup")
    if (last - first) // WEEK + 1 > len(run):
        tried.append("rest weeks in between")
    return tried


def persistent_pain(timeline: Timeline) -> list[AdviceItem]:
    """Pain at PERSISTENT_SCORE or more (any timing, any exercise) in most logged weeks of a
    run of PERSISTENT_WEEKS or more that reaches a recent week, unless the run's trend is
    clearly down. A lighter load or a dip of one week does not cancel it."""
    voice = timeline.voice
    items = []
    for region in sorted(timeline.any_pain):
        run = _run(timeline, region)
        painful = [c for c in run if c.peak >= PERSISTENT_SCORE]
        if len(run) < PERSISTENT_WEEKS or 2 * len(painful) <= len(run):
            continue
        if not timeline.is_recent(painful[-1].week):
            continue
        scores = [c.peak for c in run]
        if clearly_down(scores):
            continue
        listed = ", ".join(pain_text(s) for s in scores)
        seen = (
            f"{voice.Your} {region_text(region)} pain was {pain_text(PERSISTENT_SCORE)} or more "
            f"in {len(painful)} of {len(run)} logged weeks, from {week_text(run[0].week)} to "
            f"{week_text(run[-1].week)} ({listed}), and it is not clearly easing."
        )
        tried = _what_was_tried(timeline, run)
        if tried:
            seen += f" It kept on despite {' and '.join(tried)}."
        others = _other_exercises(timeline, region, run[0].week)
        if others:
            seen += f" Some of it was felt during {others}."
        items.append(
            make_item(
                "persistent_pain",
                "see_professional",
                seen=seen,
                region=region,
                evidence=[c.evidence() for c in painful],
                strength=len(painful) + max(scores),
                title=f"{region_text(region).capitalize()} pain that isn't going away",
            )
        )
    return items


def _other_exercises(timeline: Timeline, region: str, since: date) -> str:
    names = sorted(
        {p.exercise for p in timeline.other_pains if p.region == region and p.date >= since}
    )
    return " and ".join(names)


def _spike(timeline: Timeline, region: str, week: date, score: int) -> float | None:
    """The region's own level before `week` when an in-set `score` stands SPIKE_JUMP above
    it; None when it does not, or when too few weeks were logged to know the level."""
    before = timeline.weeks_before(week, SPIKE_BASE_WEEKS)
    if len(before) < SPIKE_MIN_WEEKS or score < SPIKE_SCORE:
        return None
    levels = [timeline.any_region_week(region, w).peak for w in before]
    mean, sd = statistics.fmean(levels), statistics.pstdev(levels)
    return mean if score >= mean + max(SPIKE_JUMP, 2 * sd) else None


def sharp_pain(timeline: Timeline) -> list[AdviceItem]:
    """Pain that came on suddenly in a set, recently: described as sharp at SHARP_SCORE or
    more, or SPIKE_JUMP points above the region's own level to SPIKE_SCORE or more. Pain
    after the session or the next morning is never "sudden during the exercise"."""
    voice = timeline.voice
    items = []
    for region in sorted(timeline.any_pain):
        parts, evidence, strengths = [], [], []
        sharp_weeks = dict(timeline.sharp_in_set.get(region, {}))
        for other in timeline.other_pains:
            if other.region == region and other.character == "sharp" and other.timing == "during":
                week = monday(other.date)
                sharp_weeks[week] = max(sharp_weeks.get(week, 0), other.score)
        for week, top in sorted(sharp_weeks.items()):
            if timeline.is_recent(week) and top >= SHARP_SCORE:
                parts.append(f"a sharp {region_text(region)} pain of {pain_text(top)} in a set "
                             f"in {week_text(week)}")  # fmt: skip
                evidence.append(Evidence(week, f"sharp {region_text(region)} pain in a set", top))
                strengths.append(top)
        for week, cell in sorted(timeline.any_pain.get(region, {}).items()):
            if week in sharp_weeks or not timeline.is_recent(week) or not cell.during:
                continue
            level = _spike(timeline, region, week, cell.during)
            if level is not None:
                parts.append(
                    f"a sudden {region_text(region)} pain of {pain_text(cell.during)} in a set "
                    f"in {week_text(week)}, against {voice.your} usual {pain_text(round(level))}"
                )
                evidence.append(Evidence(week, f"{region_text(region)} pain in a set", cell.during))
                strengths.append(cell.during)
        if parts:
            items.append(
                make_item(
                    "sharp_acute_pain",
                    "see_professional",
                    region=region,
                    seen=f"{voice.You} logged {'; '.join(parts)}.",
                    evidence=evidence,
                    strength=max(strengths) + len(evidence) / 2,
                )
            )
    return items


def _dated(symptoms: list[Symptom]) -> str:
    """ "tingling on 3 Nov 2026 and numbness on 5 Nov 2026"."""
    latest: dict[str, date] = {}
    for s in symptoms:
        latest[s.symptom] = s.date
    parts = [f"{symptoms_text([kind])} on {day_text(day)}" for kind, day in latest.items()]
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


def _flag_evidence(symptom: Symptom) -> Evidence:
    return Evidence(symptom.date, f"{symptoms_text([symptom.symptom])} reported", 1, "flag")


def red_flags(timeline: Timeline) -> list[AdviceItem]:
    """Every red-flag symptom the athlete has not yet marked as gone, however long ago, first
    of all items; lower-back pain with nerve symptoms also names lower_back_condition."""
    voice = timeline.voice
    items = []
    for cause, kinds in SYMPTOM_CAUSES:
        found = timeline.open_symptoms(kinds)
        if not found:
            continue
        seen = (
            f"{voice.You} reported {_dated(found)}. This stays here until {voice.you} "
            f"{'marks' if voice.name else 'mark'} it as gone."
        )
        evidence = [_flag_evidence(s) for s in found]
        items.append(
            make_item(
                cause,
                "see_professional",
                seen=seen,
                evidence=evidence,
                strength=RED_FLAG_STRENGTH + len(found),
            )
        )
    nerve = timeline.open_symptoms(NERVE_SYMPTOMS)
    back = [c for c in timeline.any_pain.get("lower_back", {}).values() if c.peak >= PAIN_FLOOR]
    near = sorted(
        (c for c in back if any(abs((c.week - s.date).days) <= NERVE_NEAR_DAYS for s in nerve)),
        key=lambda c: c.week,
    )
    if nerve and near:
        seen = (
            f"{voice.Your} lower back hurt ({near[-1].describe()}) around the time "
            f"{voice.you} reported {_dated(nerve)}. Back pain together with nerve symptoms can "
            "come from an existing back problem, which the source lists among the causes."
        )
        items.append(
            make_item(
                "lower_back_condition",
                "caution",
                seen=seen,
                region="lower_back",
                evidence=[*(c.evidence() for c in near), *map(_flag_evidence, nerve)],
                strength=RED_FLAG_STRENGTH / 10,
                section=CONDITION,
                try_first=ease_off(timeline, "lower_back", near[0].week),
            )
        )
    return items


def follow_ups(timeline: Timeline) -> list[AdviceItem]:
    """A question instead of silence: the region's last pain was STRONG_SCORE or more, it has
    not settled (SETTLED_WEEKS logged weeks below PAIN_FLOOR), and nothing has been logged
    for QUIET_DAYS or more, or the pain dropped out of the recent weeks unanswered."""
    voice = timeline.voice
    if timeline.last_entry is None:
        return []
    quiet_for = (timeline.today - timeline.last_entry).days
    items = []
    for region in sorted(timeline.any_pain):
        painful = [c for c in timeline.any_pain[region].values() if c.peak >= PAIN_FLOOR]
        if not painful:
            continue
        last = max(painful, key=lambda c: c.week)
        settled = [w for w in timeline.weeks if w > last.week]
        if last.peak < STRONG_SCORE or len(settled) >= SETTLED_WEEKS:
            continue
        if quiet_for < QUIET_DAYS and timeline.is_recent(last.week):
            continue
        seen = (
            f"{voice.Your} last {region_text(region)} pain was {pain_text(last.peak)} "
            f"{TIMING_WORDS[last.timing]} in {week_text(last.week)}, and nothing logged since "
            f"says how it is now. A short check-in (even a 0/10) settles it; pain that lingers "
            "deserves a professional look."
        )
        items.append(
            make_item(
                "persistent_pain",
                "caution",
                seen=seen,
                region=region,
                evidence=[last.evidence()],
                strength=last.peak,
                title=f"How is {voice.your} {region_text(region)} now?",
                follow_up=True,
            )
        )
    return items


def other_exercise_pain(timeline: Timeline) -> list[AdviceItem]:
    """Pain felt on another exercise, shown as such: the form and setup rules read hip-thrust
    sets only, so without this a lower back hurting on deadlifts would leave "nothing stands
    out". An info note per region with such pain at PAIN_FLOOR or more in a recent week,
    naming the exercise; it becomes a referral only as pain that persists (persistent_pain)."""
    voice = timeline.voice
    by_region: dict[str, list[OtherPain]] = {}
    for other in timeline.other_pains:
        if other.score >= PAIN_FLOOR and timeline.is_recent(other.date):
            by_region.setdefault(other.region, []).append(other)
    items = []
    for region, felt in sorted(by_region.items()):
        worst = max(felt, key=lambda p: (p.score, p.date))
        exercises = " and ".join(sorted({p.exercise for p in felt}))
        times = {1: "once", 2: "twice"}.get(len(felt), f"{len(felt)} times")
        seen = (
            f"{voice.Your} {region_text(region)} hurt during {exercises} {times} recently, at "
            f"worst {pain_text(worst.score)} on {day_text(worst.date)}. The advice here reads "
            "hip-thrust sets only, so it does not guess at the form of that lift."
        )
        items.append(
            make_item(
                "persistent_pain",
                "info",
                seen=seen,
                region=region,
                evidence=[
                    Evidence(p.date, f"{region_text(region)} pain during {p.exercise}", p.score)
                    for p in felt
                ],
                strength=worst.score / 10,
                title=f"{region_text(region).capitalize()} pain on {exercises}",
                follow_up=True,
                advice=(
                    "Pain that keeps coming back week after week, on any exercise, is worth a "
                    "professional look; a check-in after those sessions keeps the log honest."
                ),
            )
        )
    return items
