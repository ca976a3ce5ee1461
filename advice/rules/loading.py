"""Load rules: pain that rose after the weight or volume jumped, and jumps that came too
often ("Common Causes of Pain: Loading Issues"; lower back: "Specific Pain Locations")."""

from __future__ import annotations

from datetime import date

from advice.items import AdviceItem
from advice.rules.common import make_item, recent_change, region_label, week_text
from advice.signals import Jump, Rise, jumps, rise_after
from advice.timeline import PAIN_FLOOR, WEEK, Timeline

CLUSTER_WEEKS = 4  # two or more jumps within this many weeks are "repeated"


def _connected(timeline: Timeline, region: str, rise: Rise) -> bool:
    """The region has hurt in every logged week since the rise, up to its latest pain."""
    last = timeline.status(region).last_painful
    if last is None:
        return False
    weeks = timeline.weeks_between(rise.pain.week, last)
    return all(timeline.region_week(region, w).weighted >= PAIN_FLOOR for w in weeks)


def _live_rise(timeline: Timeline, region: str, jumps: list[Jump]) -> Rise | None:
    """The latest rise after a jump that the region's current pain still continues."""
    for jump in reversed(jumps):
        rise = rise_after(timeline, region, jump)
        if rise and _connected(timeline, region, rise):
            return rise
    return None


def _seen(rise: Rise, region: str) -> str:
    pain = rise.pain
    before = f"up from at most {rise.before:g}" if rise.before else "after none worth noting"
    return (
        f"{rise.jump.describe()}. Within two weeks your {region_label(region)} pain "
        f"reached {pain.describe()}, {before} in the four weeks before."
    )


def load_jump_then_pain(timeline: Timeline) -> list[AdviceItem]:
    """Pain that rose (>= PAIN_RISE, to >= PAIN_FLOOR) within two weeks of a load jump.

    Caution while that pain is still going; lower back also gets lumbar_hyperextension
    (caution) and weak_core / weak_glutes (info), the document's pairing. Once the pain
    has settled on a lighter top set, an info note says that easing off helped.
    """
    all_jumps = jumps(timeline)
    items: list[AdviceItem] = []
    for region in timeline.regions():
        status = timeline.status(region)
        if status.state == "active":
            rise = _live_rise(timeline, region, all_jumps)
            if rise is None:
                continue
            seen = _seen(rise, region)
            evidence = (
                *rise.jump.evidence(),
                rise.pain.evidence(),
                *(cell.evidence() for cell in timeline.recent_pain(region)[:2]),
            )
            strength = rise.pain.weighted + (rise.pain.weighted - rise.before) / 2
            found = [("too_much_weight_too_soon", "caution", strength)]
            if region == "lower_back":  # the document's pairing for a sore lower back
                found += [
                    ("lumbar_hyperextension", "caution", strength - 0.5),
                    ("weak_core", "info", strength / 4),
                    ("weak_glutes", "info", strength / 4),
                ]
            for cause, severity, weight in found:
                item = make_item(
                    cause, severity, seen=seen, region=region, evidence=evidence, strength=weight
                )
                items.append(item)
        elif status.state == "resolved" and recent_change(timeline, status.settled[0]):
            helped = _eased_off(timeline, region, all_jumps, status.settled)
            if helped:
                items.append(helped)
    return items


def _eased_off(
    timeline: Timeline, region: str, jumps: list[Jump], settled: tuple[date, ...]
) -> AdviceItem | None:
    """An info note when pain that followed a jump settled once the top set came down."""
    for jump in reversed(jumps):
        rise = rise_after(timeline, region, jump)
        if rise is None or not _connected(timeline, region, rise):
            continue
        tops = [top for week in settled if (top := timeline.top_load(week)) is not None]
        if not tops or max(tops) >= jump.top_kg:
            return None
        seen = (
            f"{_seen(rise, region)} After your top set came down to {max(tops):g} kg "
            f"({week_text(settled[0])} on), that pain stayed below {PAIN_FLOOR:g} for "
            f"{len(settled)} logged weeks."
        )
        evidence = (
            *jump.evidence(),
            rise.pain.evidence(),
            *(timeline.region_week(region, week).evidence() for week in settled[:2]),
        )
        return make_item(
            "too_much_weight_too_soon",
            "info",
            seen=seen,
            region=region,
            evidence=evidence,
            strength=1.0,
            helped=True,
            title="Easing off the weight helped",
        )
    return None


def repeated_jumps(timeline: Timeline) -> list[AdviceItem]:
    """Two or more jumps within CLUSTER_WEEKS: caution when pain rose after one of them
    and is still going, an info note on the pace when the jumps are recent but painless."""
    all_jumps = jumps(timeline)
    cluster: list[Jump] = []
    for jump in all_jumps:
        near = [
            j for j in all_jumps if jump.week - (CLUSTER_WEEKS - 1) * WEEK <= j.week <= jump.week
        ]
        if len(near) >= 2:
            cluster = near
    if not cluster:
        return []
    weeks = ", ".join(week_text(j.week) for j in cluster)
    pace = f"The load jumped {len(cluster)} times within {CLUSTER_WEEKS} weeks ({weeks})."
    evidence = tuple(e for j in cluster for e in j.evidence())
    items = []
    for region in timeline.regions():
        if timeline.status(region).state != "active":
            continue
        rise = _live_rise(timeline, region, cluster)
        if rise is None:
            continue
        items.append(
            make_item(
                "inadequate_progressive_overload",
                "caution",
                region=region,
                seen=f"{pace} {_seen(rise, region)}",
                evidence=(*evidence, rise.pain.evidence()),
                strength=rise.pain.weighted + 1,
            )
        )
    if not items and timeline.is_recent(cluster[-1].week):
        items.append(
            make_item(
                "inadequate_progressive_overload",
                "info",
                evidence=evidence,
                strength=0.5,
                seen=f"{pace} No rise in pain followed; the source still favours small, "
                "steady steps.",
                title="I'm adding weight quickly",
            )
        )
    return items
