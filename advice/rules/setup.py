"""Setup rules: pain that comes with a padding, foot distance or stance value, or with a
wobbly or unusual bench ("Common Causes of Pain: Equipment and Setup", "... Improper Form
and Technique", and the region map in "Specific Pain Locations")."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from advice.causes import CONDITION, EQUIPMENT, FORM, LOCATIONS
from advice.history import SessionBench
from advice.items import AdviceItem, Evidence
from advice.rules.common import make_item, recent_change
from advice.thresholds import PAIN_FLOOR, PAIN_RISE, monday
from advice.timeline import Timeline
from advice.trends import (
    SetupLink,
    above_own_level,
    load_changes,
    session_pain,
    setup_link,
    usual_bench_height,
)
from advice.wording import day_text, pain_text, region_text, setup_text, week_text

BENCH_HEIGHT_GAP_CM = 10
MODERATE = 4  # a setup link is worth changing from this pain on
BRUISES = ("hip_bone",)  # where next-morning pain is a bruise from the bar, not soreness


@dataclass(frozen=True)
class SetupRule:
    cause: str
    field: str
    values: tuple[str, ...]
    region: str
    section: str  # the section that makes this claim (not always the cause's own)
    min_reports: int = 2
    # Only when other values were used too: a lifter who never used anything else learns
    # nothing from being told the pain came with what they always use.
    needs_contrast: bool = False


ASYMMETRIC = ("single_leg_hip_thrust", "b_stance_hip_thrust")
SETUP_RULES = (
    # "Direct Hip Bone Pain: almost always padding": one painful padless session is enough.
    SetupRule("unpadded_bar", "padding", ("none", "thin"), "hip_bone", EQUIPMENT, 1),
    # The same section blames "a heavy barbell" pressing on the bone; a machine is the other
    # way to load the movement, so equipment is compared like any setup value.
    SetupRule(
        "unpadded_bar",
        "equipment",
        ("barbell", "smith"),
        "hip_bone",
        EQUIPMENT,
        needs_contrast=True,
    ),
    SetupRule("feet_too_far_forward", "foot_distance", ("too_far",), "hamstring", FORM),
    SetupRule("feet_too_far_forward", "foot_distance", ("too_far",), "hip_flexor", LOCATIONS),
    SetupRule("feet_too_close", "foot_distance", ("too_close",), "knee", LOCATIONS),
    SetupRule("feet_too_close", "foot_distance", ("too_close",), "hamstring", LOCATIONS),
    SetupRule("groin_strain", "stance_width", ("wide",), "groin", LOCATIONS),
    # The SI joint is "triggered by asymmetrical loading": one-legged and B-stance sets.
    SetupRule("si_joint_dysfunction", "exercise", ASYMMETRIC, "si_joint", CONDITION, 1),
)
# Machine values of the pain's side (an extension of the contract's vocabulary).
ONE_SIDE = ("left", "right")
MIN_SIDED_REPORTS = 2
# The document disagrees with itself on hamstrings: "Common Causes" blames feet too far
# forward, "Specific Pain Locations" feet too close. Both claims get the same bar of
# evidence, and the item says so and shows what the athlete's own log holds for each side.
HAMSTRING_SIDES = (("too_far", FORM), ("too_close", LOCATIONS))


def _values_text(link: SetupLink) -> str:
    used = [
        v
        for v in link.values
        if any(e.metric.endswith(setup_text(link.field, v)) for e in link.painful)
    ]
    return " or ".join(setup_text(link.field, v) for v in used or link.values)


def _seen(timeline: Timeline, link: SetupLink) -> str:
    voice = timeline.voice
    inside, outside = link.with_values, link.without
    text = (
        f"With {_values_text(link)}, {voice.you} reported {region_text(link.region)} pain "
        f"{inside.reports} times over {inside.sets} sets (up to {pain_text(inside.max_score)}, "
        f"latest {week_text(link.painful[-1].date)})"
    )
    if outside.sets:
        text += f"; otherwise {outside.reports} times over {outside.sets} sets"
        if outside.reports:
            text += f" (up to {pain_text(outside.max_score)})"
    return text + "."


def _hamstring_note(timeline: Timeline) -> str:
    """One plain sentence on the document's contradiction, and the log's own numbers."""
    counts = []
    for value, _ in HAMSTRING_SIDES:
        sets = sum(
            sum(w.values())
            for (f, v), w in timeline.setups.items()
            if (f, v) == ("foot_distance", value)
        )
        reports = sum(
            n
            for n, _, _ in timeline.setup_pains.get(
                ("foot_distance", value, "hamstring"), {}
            ).values()
        )
        with_value = setup_text("foot_distance", value)
        counts.append(f"{reports} hamstring pain reports over {sets} sets with {with_value}")
    return (
        " The source is not consistent here: one section ties hamstring trouble to feet too far "
        "forward, another to feet too close to the glutes. "
        f"{timeline.voice.Your} log shows {counts[0]}, and {counts[1]}."
    )


def _one_mornings_ache(timeline: Timeline, link: SetupLink) -> bool:
    """The link rests on pain felt only the next morning, in a single week: muscle soreness
    until it persists (a second week) or comes back during the lifts. Hip-bone pain is
    bruising from the bar, not soreness, and is taken at its word."""
    weeks = {e.date for e in link.painful}
    return (
        link.region not in BRUISES
        and len(weeks) == 1
        and all(timeline.region_week(link.region, w).only_next_day for w in weeks)
    )


def setup_with_pain(timeline: Timeline) -> list[AdviceItem]:
    """Each SETUP_RULES link (pain in the set, after the session or the next morning): caution
    while the pain is active and still came with the value recently; info once the athlete
    moved off the value and the pain settled (what helped)."""
    items = []
    for rule in SETUP_RULES:
        link = setup_link(
            timeline, rule.field, rule.values, rule.region, min_reports=rule.min_reports
        )
        if link is None or (rule.needs_contrast and not link.without.sets):
            continue
        status = timeline.status(rule.region)
        strength = link.with_values.max_score + min(link.with_values.reports, 6) / 2
        note = (
            _hamstring_note(timeline)
            if rule.region == "hamstring" and rule.field == "foot_distance"
            else ""
        )
        if status.state == "resolved":
            changed = status.settled[0]
            if link.last_use < changed and recent_change(timeline, changed):
                seen = (
                    f"{_seen(timeline, link)} Since the change away from {_values_text(link)} "
                    f"({week_text(changed)} on), that pain stayed below {pain_text(PAIN_FLOOR)} "
                    f"for {len(status.settled)} logged weeks."
                )
                evidence = (
                    *link.painful[-3:],
                    *(timeline.region_week(rule.region, w).evidence() for w in status.settled[:2]),
                )
                items.append(
                    make_item(
                        rule.cause,
                        "info",
                        seen=seen,
                        region=rule.region,
                        evidence=evidence,
                        strength=1.0,
                        helped=True,
                        section=rule.section,
                        title=f"Changing the {rule.field.replace('_', ' ')} helped",
                    )
                )
        elif status.state == "active":
            current = timeline.is_recent(link.painful[-1].date)
            moderate = link.with_values.max_score >= MODERATE
            latest = timeline.region_week(rule.region, monday(link.painful[-1].date))
            own = above_own_level(timeline, latest)
            level = f" The latest week stood {own[0]}." if own else ""
            evidence = (
                *link.painful,
                *([own[1]] if own else []),
                *load_changes(timeline, {monday(e.date) for e in link.painful}),
            )
            items.append(
                make_item(
                    rule.cause,
                    "caution"
                    if current and moderate and not _one_mornings_ache(timeline, link)
                    else "info",
                    seen=_seen(timeline, link) + level + note,
                    region=rule.region,
                    evidence=evidence,
                    strength=strength if current else strength / 3,
                    section=rule.section,
                )
            )
    return items


def _sided(timeline: Timeline, region: str, side: str, uneven: bool) -> tuple[int, dict[date, int]]:
    """Reports on one side, and the worst score per week, with (or without) single-leg and
    B-stance sets."""
    reports = 0
    worst: dict[date, int] = {}
    for (r, s, exercise), weeks in timeline.sided.items():
        if (r, s) == (region, side) and (exercise in ASYMMETRIC) == uneven:
            for week, (count, top) in weeks.items():
                reports += count
                worst[week] = max(worst.get(week, 0), top)
    return reports, dict(sorted(worst.items()))


def one_sided_pain(timeline: Timeline) -> list[AdviceItem]:
    """Pain placed on the same side again and again with single-leg or B-stance sets: the
    uneven loading the document names as a trigger of SI-joint trouble, in any region the
    athlete felt it. At least MIN_SIDED_REPORTS reports on that side, one at PAIN_FLOOR or
    more, and at most half as many on the other side; caution while the region's pain is
    active, the latest such week recent and at least MODERATE, otherwise info."""
    items = []
    for region in sorted({r for r, _, _ in timeline.sided}):
        on = {side: _sided(timeline, region, side, True) for side in ONE_SIDE}
        counts = {side: reports for side, (reports, _) in on.items()}
        side = max(ONE_SIDE, key=lambda s: (counts[s], s))
        other = counts["right" if side == "left" else "left"]
        weeks = on[side][1]
        if counts[side] < MIN_SIDED_REPORTS or 2 * other > counts[side]:
            continue
        top = max(weeks.values(), default=0)
        if top < PAIN_FLOOR or timeline.status(region).state != "active":
            continue
        last = max(weeks)
        used = sorted(
            {e for (r, s, e) in timeline.sided if (r, s) == (region, side)} & set(ASYMMETRIC)
        )
        sets = " or ".join(setup_text("exercise", e) for e in used)
        seen = (
            f"{timeline.voice.Your} {region_text(region)} hurt on the {side} side "
            f"{counts[side]} times with {sets} (up to {pain_text(top)}, latest "
            f"{week_text(last)}), on the other side {other} times"
        )
        even, _ = _sided(timeline, region, side, False)
        if even or any(f == "exercise" and v not in ASYMMETRIC for f, v in timeline.setups):
            seen += f"; on the {side} side with two-legged sets {even} times"
        evidence = [
            Evidence(week, f"{side} {region_text(region)} pain with one-sided sets", score)
            for week, score in weeks.items()
        ]
        current = timeline.is_recent(last) and top >= MODERATE
        items.append(
            make_item(
                "si_joint_dysfunction",
                "caution" if current else "info",
                seen=seen + ". Loading one side more than the other can do that.",
                region=region,
                evidence=evidence,
                strength=(top + min(counts[side], 6) / 2) / (1 if current else 3),
                section=CONDITION,
                title="One side loaded more than the other",
            )
        )
    return items


SETTLED_SESSIONS = 2  # painless sessions on a usual bench before a bench problem counts as fixed


def _mean_pain(sessions: list[tuple[SessionBench, int]]) -> float:
    return sum(pain for _, pain in sessions) / len(sessions) if sessions else 0.0


def _settled(later: list[tuple[SessionBench, int]]) -> bool:
    return len(later) >= SETTLED_SESSIONS and max(pain for _, pain in later) < PAIN_FLOOR


def unstable_bench(timeline: Timeline) -> list[AdviceItem]:
    """For a bench marked unstable in a recent session: caution when wobbly sessions hurt
    clearly more than steady ones (or all were wobbly) and the latest painful one is recent;
    an info note once later steady sessions stayed painless (what helped), or when the
    wobble came without pain."""
    scored = [
        (b, session_pain(timeline, b)) for b in timeline.benches if b.bench_stable is not None
    ]
    wobbly = [(b, pain) for b, pain in scored if b.bench_stable is False]
    steady = [(b, pain) for b, pain in scored if b.bench_stable]
    recent = [(b, pain) for b, pain in wobbly if timeline.is_recent(b.date)]
    if not recent:
        return []
    hurt = [(b, pain) for b, pain in wobbly if pain >= PAIN_FLOOR]
    if hurt and (not steady or _mean_pain(wobbly) >= _mean_pain(steady) + PAIN_RISE):
        last = hurt[-1][0]
        evidence = [
            Evidence(b.date, "worst pain of a session on a wobbly bench", p) for b, p in hurt
        ]
        seen = (
            f"{_sessions(len(hurt))} on a bench marked unstable came with pain up to "
            f"{pain_text(max(p for _, p in hurt))} (latest {day_text(last.date)}); sessions on "
            f"a steady bench averaged {pain_text(round(_mean_pain(steady), 1))}."
        )
        if _settled([(b, p) for b, p in steady if b.date > last.date]):
            return [
                make_item(
                    "unstable_bench",
                    "info",
                    seen=f"{seen} On a steady bench since, the pain stayed low.",
                    evidence=evidence,
                    strength=1.0,
                    helped=True,
                    title="A steady bench helped",
                )
            ]
        if timeline.is_recent(last.date):
            strength = max(p for _, p in hurt) + len(hurt) / 2
            return [
                make_item(
                    "unstable_bench", "caution", seen=seen, evidence=evidence, strength=strength
                )
            ]
    seen = (
        f"The bench was marked unstable in {_sessions(len(recent))} recently "
        f"(latest {day_text(recent[-1][0].date)}); no pain clearly came with it."
    )
    evidence = [Evidence(b.date, "worst pain of a session on a wobbly bench", p) for b, p in recent]
    return [make_item("unstable_bench", "info", seen=seen, evidence=evidence, strength=0.5)]


def bench_height(timeline: Timeline) -> list[AdviceItem]:
    """Caution when sessions on a bench BENCH_HEIGHT_GAP_CM or more from the usual (median)
    height hurt clearly more than usual ones and the latest such session is recent; an info
    note when later sessions at the usual height stayed painless (what helped)."""
    usual = usual_bench_height(timeline)
    if usual is None:
        return []
    odd: list[tuple[SessionBench, int]] = []
    normal: list[tuple[SessionBench, int]] = []
    for b in timeline.benches:
        if b.bench_height_cm is not None:
            far = abs(b.bench_height_cm - usual) >= BENCH_HEIGHT_GAP_CM
            (odd if far else normal).append((b, session_pain(timeline, b)))
    hurt = [(b, p) for b, p in odd if p >= PAIN_FLOOR]
    if not hurt or _mean_pain(odd) < _mean_pain(normal) + PAIN_RISE:
        return []
    last = hurt[-1][0]
    evidence = [
        Evidence(b.date, "bench height in cm", b.bench_height_cm or 0, "count") for b, _ in hurt
    ]
    evidence += [
        Evidence(b.date, "worst pain of a session at an unusual bench height", p) for b, p in hurt
    ]
    voice = timeline.voice
    seen = (
        f"{voice.Your} usual bench is about {usual:g} cm. On {_sessions(len(odd))} at a height "
        f"{BENCH_HEIGHT_GAP_CM} cm or more away from that, pain averaged "
        f"{pain_text(round(_mean_pain(odd), 1))} (latest {day_text(last.date)} at "
        f"{last.bench_height_cm} cm) against {pain_text(round(_mean_pain(normal), 1))} at the "
        "usual height."
    )
    if _settled([(b, p) for b, p in normal if b.date > last.date]):
        if not recent_change(timeline, last.date):
            return []
        return [
            make_item(
                "incorrect_bench_height",
                "info",
                evidence=evidence,
                strength=1.0,
                seen=f"{seen} Back at the usual height, the pain stayed low.",
                helped=True,
                title="Going back to the usual bench height helped",
            )
        ]
    if not timeline.is_recent(last.date):
        return []
    strength = max(p for _, p in hurt) + len(hurt) / 2
    return [
        make_item(
            "incorrect_bench_height", "caution", seen=seen, evidence=evidence, strength=strength
        )
    ]


def _sessions(count: int) -> str:
    return "1 session" if count == 1 else f"{count} sessions"
