"""Region rules: where it hurts, mapped to the causes the source document pairs with that
place ("Specific Pain Locations and Their Potential Causes"), and a pinching hip."""

from __future__ import annotations

from advice.causes import CAUSES, LOCATIONS
from advice.items import AdviceItem, Evidence
from advice.rules.common import ease_off, ease_off_for, make_item
from advice.thresholds import PAIN_FLOOR
from advice.timeline import RegionWeek, Timeline
from advice.trends import above_own_level, load_changes
from advice.wording import pain_text, region_text, week_text

MODERATE = 4  # a region's main cause becomes a caution from this pain on...
REPEATED_WEEKS = 2  # ...in at least this many recent weeks (one bad week is not a pattern)

# region -> (cause, is the region's main cause, section that pairs them). The main cause is
# the one "Specific Pain Locations" names first for the region; neck and SI joint are
# missing from that section, so their pairing comes from "Common Causes".
REGION_MAP: dict[str, tuple[tuple[str, bool, str], ...]] = {
    "lower_back": (
        ("lumbar_hyperextension", True, LOCATIONS),
        ("weak_core", False, LOCATIONS),
        ("weak_glutes", False, LOCATIONS),
    ),
    "hip_flexor": (("weak_glutes", True, LOCATIONS), ("tight_hip_flexors", False, LOCATIONS)),
    "knee": (("knee_valgus", True, LOCATIONS), ("knee_condition", False, LOCATIONS)),
    "groin": (("groin_strain", True, LOCATIONS), ("hip_impingement", False, LOCATIONS)),
    "hamstring": (
        ("weak_glutes", True, LOCATIONS),
        ("tight_hamstrings", False, CAUSES["tight_hamstrings"].section),
    ),
    "hip_bone": (("unpadded_bar", True, LOCATIONS),),
    "neck": (("neck_position", True, CAUSES["neck_position"].section),),
    "si_joint": (("si_joint_dysfunction", True, CAUSES["si_joint_dysfunction"].section),),
}
PINCH_REGIONS = ("groin", "hip_flexor")  # hip_bone is left out: bar pressure is padding's


def _pain_seen(timeline: Timeline, region: str, cells: list[RegionWeek]) -> str:
    worst = cells[0]
    weeks = (
        "1 of the last four weeks was"
        if len(cells) == 1
        else (f"{len(cells)} of the last four weeks were")
    )
    return (
        f"{timeline.voice.Your} {region_text(region)} pain reached {worst.describe()}; {weeks} "
        f"at {pain_text(PAIN_FLOOR)} or more."
    )


def region_candidates(timeline: Timeline) -> list[AdviceItem]:
    """For each region with active recent pain, the causes the document pairs with it: the
    main cause is a caution when the pain is repeated (REPEATED_WEEKS recent weeks) and at
    least MODERATE, everything else an info note."""
    items = []
    for region in timeline.regions():
        cells = timeline.recent_pain(region)
        if not cells:
            continue
        worst = cells[0].peak
        repeated = len(cells) >= REPEATED_WEEKS and worst >= MODERATE
        evidence = [cell.evidence() for cell in cells]
        own = above_own_level(timeline, cells[0])
        level = f" That is {own[0]}." if own else ""
        evidence += [own[1]] if own else []
        evidence += load_changes(timeline, [cell.week for cell in cells])
        pairs = REGION_MAP.get(region, ())
        # The pain is told once, under the main cause; the contributors point there.
        first = next((CAUSES[cause].title for cause, main, _ in pairs if main), "")
        for cause, main, section in pairs:
            severity = "caution" if main and repeated else "info"
            # A place alone is the weakest evidence: a specific link (setup, load) outranks it.
            strength = worst / 2 + len(cells) / 4 if main else worst / 4
            seen = (
                f"{_pain_seen(timeline, region, cells)}{level} The source names this first "
                "among the likely causes of pain there."
                if main
                else f'The same {region_text(region)} pain as under "{first}": the '
                "source lists this among the possible contributors; worth checking."
            )
            items.append(
                make_item(
                    cause,
                    severity,
                    seen=seen,
                    region=region,
                    evidence=evidence,
                    strength=strength,
                    section=section,
                    try_first=ease_off_for(timeline, cause, region, min(c.week for c in cells)),
                )
            )
    return items


def pinching_pain(timeline: Timeline) -> list[AdviceItem]:
    """A pinch in the groin or the front of the hip, recent and at PAIN_FLOOR or more, while
    that pain is still active: caution for hip_impingement."""
    items = []
    for region in PINCH_REGIONS:
        if timeline.status(region).state != "active":
            continue
        pinches = sorted(
            (week, reports, top)
            for week, (reports, top) in timeline.character_weeks(region, "pinch").items()
            if timeline.is_recent(week) and top >= PAIN_FLOOR
        )
        if not pinches:
            continue
        top = max(score for _, _, score in pinches)
        reports = sum(n for _, n, _ in pinches)
        voice = timeline.voice
        seen = (
            f"{voice.You} described {voice.your} {region_text(region)} pain as a pinch "
            f"{_times(reports)} recently, up to {pain_text(top)} (latest "
            f"{week_text(pinches[-1][0])})."
        )
        evidence = [
            Evidence(week, f"pinching {region_text(region)} pain", score)
            for week, _, score in pinches
        ]
        items.append(
            make_item(
                "hip_impingement",
                "caution",
                seen=seen,
                region=region,
                evidence=evidence,
                try_first=ease_off(timeline, region, pinches[0][0]),
                strength=top + reports / 2,
            )
        )
    return items


def _times(count: int) -> str:
    return "once" if count == 1 else "twice" if count == 2 else f"{count} times"
