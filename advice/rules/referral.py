"""Referral rules ("When to Seek Professional Advice"): every item is see_professional.

Only the last RECENT_WEEKS weeks count, so a red flag logged long ago does not keep
shouting; a referral fires on what was logged, never on a guess about a cause.
"""

from __future__ import annotations

from advice.items import AdviceItem, Evidence
from advice.rules.common import make_item, region_label, week_text
from advice.signals import BASELINE_WEEKS, PAIN_RISE
from advice.timeline import TIMING_PHRASE, WEEK, RegionWeek, Timeline

PERSISTENT_SCORE = 4.0  # weighted weekly pain (lasting pain, or >= 6 in a set)
PERSISTENT_WEEKS = 3  # logged weeks in a row
SHARP_SCORE = 6  # a pain described as sharp, at this score or more
SPIKE_SCORE = 7  # a sudden week at this score or more...
SPIKE_JUMP = 4  # ...this many points above the region's mean of the previous weeks

SYMPTOM_CAUSES = (
    ("neurological_symptoms", ("numbness", "tingling", "weakness")),
    ("daily_life_or_sleep", ("daily_activity_pain", "sleep_disturbance")),
    ("structural_injury_signs", ("popping", "swelling")),
)


def _last_streak(timeline: Timeline, region: str) -> list[RegionWeek]:
    """The latest run of consecutive logged weeks at PERSISTENT_SCORE or more."""
    streak: list[RegionWeek] = []
    for week in timeline.weeks:
        cell = timeline.region_week(region, week)
        if cell.weighted >= PERSISTENT_SCORE:
            streak.append(cell)
        else:
            streak = []
    return streak


def _what_was_tried(timeline: Timeline, streak: list[RegionWeek]) -> list[str]:
    first, last = streak[0].week, streak[-1].week
    tried = []
    top_first, top_last = timeline.top_load(first), timeline.top_load(last)
    if top_first and top_last is not None and top_last < top_first:
        tried.append(f"a lighter top set ({top_first:g} -> {top_last:g} kg)")
    setup_first = {key for key, weeks in timeline.setups.items() if first in weeks}
    setup_last = {key for key, weeks in timeline.setups.items() if last in weeks}
    if setup_first and setup_last and setup_first != setup_last:
        tried.append("a changed setup")
    if (last - first) // WEEK >= len(streak):
        tried.append("rest weeks in between")
    return tried


def persistent_pain(timeline: Timeline) -> list[AdviceItem]:
    """PERSISTENT_WEEKS or more logged weeks in a row at PERSISTENT_SCORE or more, still
    going in a recent week, and not improving (the last week is not PAIN_RISE lower than
    the first)."""
    items = []
    for region in timeline.regions():
        streak = _last_streak(timeline, region)
        if len(streak) < PERSISTENT_WEEKS or not timeline.is_recent(streak[-1].week):
            continue
        if streak[-1].weighted <= streak[0].weighted - PAIN_RISE:
            continue
        scores = ", ".join(f"{c.raw} ({TIMING_PHRASE[c.timing]})" for c in streak)
        seen = (
            f"Your {region_label(region)} pain has been {PERSISTENT_SCORE:g} or more for "
            f"{len(streak)} logged weeks in a row, from {week_text(streak[0].week)} to "
            f"{week_text(streak[-1].week)}: {scores}."
        )
        tried = _what_was_tried(timeline, streak)
        if tried:
            seen += f" It did not ease despite {' and '.join(tried)}."
        strength = len(streak) + max(c.weighted for c in streak)
        items.append(
            make_item(
                "persistent_pain",
                "see_professional",
                seen=seen,
                region=region,
                evidence=[c.evidence() for c in streak],
                strength=strength,
            )
        )
    return items


def _spikes(timeline: Timeline, region: str) -> list[tuple[RegionWeek, float]]:
    found = []
    for week in timeline.weeks:
        cell = timeline.region_week(region, week)
        if not timeline.is_recent(week) or cell.peak < SPIKE_SCORE:
            continue
        before = [
            timeline.region_week(region, w).peak
            for w in timeline.weeks_between(week - BASELINE_WEEKS * WEEK, week - WEEK)
        ]
        baseline = sum(before) / len(before) if before else 0.0
        if cell.peak - baseline >= SPIKE_JUMP:
            found.append((cell, baseline))
    return found


def sharp_pain(timeline: Timeline) -> list[AdviceItem]:
    """A recent pain described as sharp at SHARP_SCORE or more, or a recent week that
    jumped SPIKE_JUMP points above the region's previous weeks to SPIKE_SCORE or more."""
    items = []
    for region in timeline.regions():
        sharp = sorted(
            (week, top)
            for week, (_, top) in timeline.character_weeks(region, "sharp").items()
            if timeline.is_recent(week) and top >= SHARP_SCORE
        )
        spikes = _spikes(timeline, region)
        if not sharp and not spikes:
            continue
        parts = [
            f"a sharp {region_label(region)} pain of {top} in {week_text(week)}"
            for week, top in sharp
        ]
        sharp_weeks = {week for week, _ in sharp}
        spikes = [(cell, base) for cell, base in spikes if cell.week not in sharp_weeks]
        parts += [
            f"a sudden {region_label(region)} pain of {cell.peak} in "
            f"{week_text(cell.week)}, against about {baseline:.0f} in the weeks before"
            for cell, baseline in spikes
        ]
        evidence = [Evidence(week, f"{region} sharp pain", top) for week, top in sharp]
        evidence += [Evidence(cell.week, f"{region} pain (worst)", cell.peak) for cell, _ in spikes]
        strength = max([top for _, top in sharp] + [cell.peak for cell, _ in spikes])
        items.append(
            make_item(
                "sharp_acute_pain",
                "see_professional",
                region=region,
                seen=f"You logged {'; '.join(parts)}.",
                evidence=evidence,
                strength=strength + len(evidence) / 2,
            )
        )
    return items


def red_flags(timeline: Timeline) -> list[AdviceItem]:
    """Any red-flag symptom reported in the last four weeks (28 days)."""
    items = []
    for cause, kinds in SYMPTOM_CAUSES:
        found = timeline.recent_symptoms(kinds)
        if not found:
            continue
        named = sorted({s.symptom.replace("_", " ") for s in found})
        listed = " and ".join([", ".join(named[:-1]), named[-1]] if len(named) > 1 else named)
        seen = (
            f"You reported {listed} with {len(found)} session(s) in the last four "
            f"weeks (latest {found[-1].date.isoformat()})."
        )
        evidence = [Evidence(s.date, f"{s.symptom} reported", 1) for s in found]
        items.append(
            make_item(
                cause, "see_professional", seen=seen, evidence=evidence, strength=8 + len(found)
            )
        )
    return items
