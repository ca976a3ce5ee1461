"""Load rules: pain that rose after the weight or volume jumped, and jumps that came too
often ("Common Causes of Pain: Loading Issues"; lower back: "Specific Pain Locations")."""

from __future__ import annotations

from datetime import date

from advice.causes import LOCATIONS
from advice.items import AdviceItem, Evidence
from advice.rules.common import ease_off, make_item, recent_change
from advice.thresholds import PAIN_FLOOR, WEEK
from advice.timeline import Timeline
from advice.trends import VOLUME_LOW, Jump, Rise, jumps, load_weeks, rise_after
from advice.wording import pain_text, region_text, week_text

CLUSTER_WEEKS = 4  # two or more jumps within this many weeks are "repeated"


def _connected(timeline: Timeline, region: str, rise: Rise) -> bool:
    """The region has hurt in every logged week since the rise, up to its latest pain."""
    last = timeline.status(region).last_painful
    if last is None:
        return False
    weeks = timeline.weeks_between(rise.pain.week, last)
    return all(timeline.region_week(region, w).peak >= PAIN_FLOOR for w in weeks)


def _live_rise(timeline: Timeline, region: str, jumps: list[Jump]) -> Rise | None:
    """The latest rise after a jump that the region's current pain still continues."""
    for jump in reversed(jumps):
        rise = rise_after(timeline, region, jump)
        if rise and _connected(timeline, region, rise):
            return rise
    return None


def _seen(timeline: Timeline, rise: Rise, region: str) -> str:
    voice = timeline.voice
    pain = rise.pain
    before = (
        f"up from at most {pain_text(rise.before)}" if rise.before else "after none worth noting"
    )
    text = (
        f"{rise.jump.describe(voice)}. Within two weeks {voice.your} {region_text(region)} pain "
        f"reached {pain.describe()}, {before} in the four weeks before"
    )
    if rise.baseline is not None and rise.baseline.rise(pain.peak):
        text += f"; that is well above its own level ({rise.baseline.text()})"
    return text + "."


def _load_drops(timeline: Timeline, since: date) -> list[Evidence]:
    """Weeks from `since` on whose volume fell below VOLUME_LOW of the usual: the athlete
    eased off (evidence of a load change, in plain words)."""
    return [
        Evidence(
            jump.week,
            "weekly volume against the usual (acute:chronic), eased off",
            round(jump.acwr, 2),
            "ratio",
        )
        for jump, _ in load_weeks(timeline)
        if jump.week >= since and jump.acwr < VOLUME_LOW
    ]


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
            seen = _seen(timeline, rise, region)
            evidence = (
                *rise.jump.evidence(),
                *rise.evidence(),
                *(cell.evidence() for cell in timeline.recent_pain(region)[:2]),
                *_load_drops(timeline, rise.jump.week),
            )
            strength = rise.pain.peak + (rise.pain.peak - rise.before) / 2
            start = ease_off(timeline, region, rise.jump.week)
            items.append(
                make_item(
                    "too_much_weight_too_soon",
                    "caution",
                    seen=seen,
                    region=region,
                    evidence=evidence,
                    strength=strength,
                    try_first=start,
                )
            )
            if region == "lower_back":  # the document's pairing for a sore lower back
                items += _lower_back_partners(timeline, rise, strength, start)
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
        voice = timeline.voice
        seen = (
            f"{_seen(timeline, rise, region)} After {voice.your} top set came down to "
            f"{voice.load(max(tops))} ({week_text(settled[0])} on), that pain stayed below "
            f"{pain_text(PAIN_FLOOR)} for {len(settled)} logged weeks."
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


def _lower_back_partners(
    timeline: Timeline, rise: Rise, strength: float, start: str
) -> list[AdviceItem]:
    """The document pairs a sore lower back after more weight with over-arching (caution)
    and a weak core or glutes (info); each says so briefly instead of repeating the story."""
    voice = timeline.voice
    story = (
        f"{voice.Your} lower back pain rose to {pain_text(rise.pain.peak)} after the load jump "
        f"in {week_text(rise.jump.week)} (see the item on the weight going up)."
    )
    evidence = (*rise.jump.evidence(), rise.pain.evidence())
    return [
        make_item(
            "lumbar_hyperextension",
            "caution",
            seen=f"{story} Arching at the top under a heavier bar is the usual suspect.",
            region="lower_back",
            evidence=evidence,
            strength=strength - 0.5,
            try_first=start,
            section=LOCATIONS,
        ),
        *(
            make_item(
                cause,
                "info",
                seen=f"{story} The source also lists this among the contributors.",
                region="lower_back",
                evidence=evidence,
                strength=strength / 4,
                section=LOCATIONS,
            )
            for cause in ("weak_core", "weak_glutes")
        ),
    ]


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
    pace = (
        f"{timeline.voice.Your} load jumped {len(cluster)} times within {CLUSTER_WEEKS} weeks "
        f"({weeks})."
    )
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
                seen=f"{pace} {_seen(timeline, rise, region)}",
                evidence=(*evidence, *rise.evidence()),
                strength=rise.pain.peak + 1,
                try_first=ease_off(timeline, region, cluster[0].week),
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
                title="Weight going up quickly",
            )
        )
    return items
