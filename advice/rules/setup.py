"""Setup rules: pain that comes with a padding, foot distance or stance value, or with a
wobbly or unusual bench ("Common Causes of Pain: Equipment and Setup", "... Improper Form
and Technique", and the region map in "Specific Pain Locations")."""

from __future__ import annotations

from dataclasses import dataclass

from advice.history import SessionBench
from advice.items import AdviceItem, Evidence
from advice.rules.common import make_item, recent_change, region_label, week_text
from advice.signals import PAIN_RISE, SetupLink, session_pain, setup_link, usual_bench_height
from advice.timeline import PAIN_FLOOR, Timeline

BENCH_HEIGHT_GAP_CM = 10  # this far from the athlete's median bench height is "unusual"


@dataclass(frozen=True)
class SetupRule:
    cause: str
    field: str
    values: tuple[str, ...]
    region: str
    # A caution also needs this pain character in a week the value was used; without it
    # the link is only an info (see the hamstring note in advice.causes).
    character: str | None = None


SETUP_RULES = (
    SetupRule("unpadded_bar", "padding", ("none", "thin"), "hip_bone"),
    SetupRule("feet_too_far_forward", "foot_distance", ("too_far",), "hamstring", "cramp"),
    SetupRule("feet_too_far_forward", "foot_distance", ("too_far",), "hip_flexor"),
    SetupRule("feet_too_close", "foot_distance", ("too_close",), "knee"),
    SetupRule("feet_too_close", "foot_distance", ("too_close",), "hamstring"),
    SetupRule("groin_strain", "stance_width", ("wide",), "groin"),
)


def _values_text(link: SetupLink) -> str:
    used = [v for v in link.values if any(e.metric.endswith(f" {v}") for e in link.painful)]
    return " or ".join(v.replace("_", " ") for v in used or link.values)


def _seen(link: SetupLink) -> str:
    inside, outside = link.with_values, link.without
    text = (
        f"On sets with {link.field.replace('_', ' ')} {_values_text(link)} you reported "
        f"{region_label(link.region)} pain {inside.reports} times in {inside.sets} sets "
        f"(up to {inside.max_score}, latest {week_text(link.painful[-1].date)})"
    )
    if outside.sets:
        text += (
            f"; with other {link.field.replace('_', ' ')} settings, {outside.reports} "
            f"times in {outside.sets} sets"
        )
        if outside.reports:
            text += f" (up to {outside.max_score})"
    return text + "."


def _has_character(timeline: Timeline, rule: SetupRule, link: SetupLink) -> bool:
    """The rule's pain character was reported in a week the suspect value was in use."""
    if rule.character is None:
        return True
    used = {entry.date for entry in link.painful}
    used |= {week for value in rule.values for week in timeline.setups.get((rule.field, value), {})}
    return any(week in used for week in timeline.character_weeks(rule.region, rule.character))


def setup_with_pain(timeline: Timeline) -> list[AdviceItem]:
    """Each SETUP_RULES link: caution while the pain is active and still came with the value
    recently; info once the athlete moved off the value and the pain settled (what helped)."""
    items = []
    for rule in SETUP_RULES:
        link = setup_link(timeline, rule.field, rule.values, rule.region)
        if link is None:
            continue
        status = timeline.status(rule.region)
        strength = link.with_values.max_score + min(link.with_values.reports, 6) / 2
        if status.state == "resolved":
            changed = status.settled[0]
            if link.last_use < changed and recent_change(timeline, changed):
                seen = (
                    f"{_seen(link)} Since you moved off {_values_text(link)} "
                    f"({week_text(changed)} on), "
                    f"that pain stayed below {PAIN_FLOOR:g} for {len(status.settled)} "
                    "logged weeks."
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
                        title=f"Changing the {rule.field.replace('_', ' ')} helped",
                    )
                )
        elif status.state == "active":
            current = timeline.is_recent(link.painful[-1].date)
            severity = "caution" if current and _has_character(timeline, rule, link) else "info"
            extra: tuple[Evidence, ...] = ()
            if rule.character:
                cramps = timeline.character_weeks(rule.region, rule.character)
                extra = tuple(
                    Evidence(w, f"{rule.region} {rule.character} reports", n)
                    for w, (n, _) in sorted(cramps.items())
                )
            items.append(
                make_item(
                    rule.cause,
                    severity,
                    seen=_seen(link),
                    region=rule.region,
                    evidence=(*link.painful, *extra),
                    strength=strength if current else strength / 3,
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
        evidence = [Evidence(b.date, "session pain on an unstable bench", p) for b, p in hurt]
        seen = (
            f"{len(hurt)} session(s) on a bench you marked unstable came with pain up to "
            f"{max(p for _, p in hurt)} (latest {last.date.isoformat()}); sessions on a steady "
            f"bench averaged {_mean_pain(steady):.1f}."
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
        f"You marked the bench as unstable in {len(recent)} recent session(s) "
        f"(latest {recent[-1][0].date.isoformat()}); no pain clearly came with it."
    )
    evidence = [Evidence(b.date, "session pain on an unstable bench", p) for b, p in recent]
    return [make_item("unstable_bench", "info", seen=seen, evidence=evidence, strength=0.5)]


def bench_height(timeline: Timeline) -> list[AdviceItem]:
    """Caution when sessions on a bench BENCH_HEIGHT_GAP_CM or more from the usual (median)
    height hurt clearly more than usual ones and the latest such session is recent; an info
    note when later sessions at the usual height stayed painless (what helped)."""
    usual = usual_bench_height(timeline)
    if usual is None:
        return []
    odd, normal = [], []
    for b in timeline.benches:
        if b.bench_height_cm is not None:
            far = abs(b.bench_height_cm - usual) >= BENCH_HEIGHT_GAP_CM
            (odd if far else normal).append((b, session_pain(timeline, b)))
    hurt = [(b, p) for b, p in odd if p >= PAIN_FLOOR]
    if not hurt or _mean_pain(odd) < _mean_pain(normal) + PAIN_RISE:
        return []
    last = hurt[-1][0]
    evidence = [Evidence(b.date, "bench height (cm)", b.bench_height_cm or 0) for b, _ in hurt]
    evidence += [Evidence(b.date, "session pain, unusual bench height", p) for b, p in hurt]
    seen = (
        f"Your usual bench is about {usual:g} cm. On {len(odd)} session(s) at a height "
        f"{BENCH_HEIGHT_GAP_CM} cm or more away from that, pain averaged {_mean_pain(odd):.1f} "
        f"(latest {last.date.isoformat()} at {last.bench_height_cm} cm) against "
        f"{_mean_pain(normal):.1f} on your usual height."
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
                seen=f"{seen} Back on your usual height, the pain stayed low.",
                helped=True,
                title="Going back to my usual bench helped",
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
