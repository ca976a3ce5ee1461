"""Region rules: where it hurts, mapped to the causes the source document pairs with that
place ("Specific Pain Locations and Their Potential Causes"), and a pinching hip."""

from __future__ import annotations

from advice.causes import CAUSES, LOCATIONS
from advice.items import AdviceItem, Evidence
from advice.rules.common import make_item, region_label, week_text
from advice.timeline import PAIN_FLOOR, RegionWeek, Timeline

PRIMARY_CAUTION = 4.0  # a region's main cause becomes a caution from this weighted pain on

# region -> (cause, is the region's main cause, section that pairs them). Neck and SI joint
# are missing from "Specific Pain Locations"; their pairing comes from "Common Causes".
# Lower back: lumbar_hyperextension is what that section calls the most common cause.
REGION_MAP: dict[str, tuple[tuple[str, bool, str], ...]] = {
    "lower_back": (
        ("lumbar_hyperextension", True, LOCATIONS),
        ("weak_core", False, LOCATIONS),
        ("weak_glutes", False, LOCATIONS),
    ),
    "hip_flexor": (("weak_glutes", False, LOCATIONS), ("tight_hip_flexors", False, LOCATIONS)),
    "knee": (("knee_valgus", False, LOCATIONS), ("knee_condition", False, LOCATIONS)),
    "groin": (("groin_strain", False, LOCATIONS), ("hip_impingement", False, LOCATIONS)),
    "hamstring": (
        ("weak_glutes", False, LOCATIONS),
        ("tight_hamstrings", False, CAUSES["tight_hamstrings"].section),
    ),
    # "Almost always" padding, but with a pad in use the log cannot confirm it: info.
    "hip_bone": (("unpadded_bar", False, LOCATIONS),),
    "neck": (("neck_position", True, CAUSES["neck_position"].section),),
    "si_joint": (("si_joint_dysfunction", True, CAUSES["si_joint_dysfunction"].section),),
}
PINCH_REGIONS = ("groin", "hip_flexor")  # hip_bone is left out: bar pressure is padding's


def _pain_seen(region: str, cells: list[RegionWeek]) -> str:
    worst = cells[0]
    weeks = (
        "1 of the last four weeks was"
        if len(cells) == 1
        else (f"{len(cells)} of the last four weeks were")
    )
    return (
        f"Your {region_label(region)} pain reached {worst.describe()}; {weeks} at "
        f"{PAIN_FLOOR:g} or more."
    )


def region_candidates(timeline: Timeline) -> list[AdviceItem]:
    """For each region with active recent pain, the causes the document pairs with it:
    the main cause is a caution from PRIMARY_CAUTION on, everything else an info note."""
    items = []
    for region in timeline.regions():
        cells = timeline.recent_pain(region)
        if not cells:
            continue
        worst = cells[0].weighted
        seen = _pain_seen(region, cells)
        evidence = [cell.evidence() for cell in cells]
        for cause, main, section in REGION_MAP.get(region, ()):
            severity = "caution" if main and worst >= PRIMARY_CAUTION else "info"
            strength = worst + len(cells) / 2 if main else worst / 4
            note = (
                " The source names this as a likely cause of pain there."
                if main
                else " The source lists this among the possible contributors; worth checking."
            )
            items.append(
                make_item(
                    cause,
                    severity,
                    seen=seen + note,
                    region=region,
                    evidence=evidence,
                    strength=strength,
                    section=section,
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
        seen = (
            f"You described your {region_label(region)} pain as a pinch {reports} "
            f"time(s) recently, up to {top} (latest {week_text(pinches[-1][0])})."
        )
        evidence = [Evidence(week, f"{region} pinching pain", score) for week, _, score in pinches]
        items.append(
            make_item(
                "hip_impingement",
                "caution",
                seen=seen,
                region=region,
                evidence=evidence,
                strength=top + reports / 2,
            )
        )
    return items
