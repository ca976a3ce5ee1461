"""The advice engine: every rule over one athlete's history, merged and ordered.

Pure: no Django, no clock, no randomness. `advise` is the only entry point the rest of
the project needs; the rule modules are split by family (loading, setup, regions,
referral) and each rule is a function `Timeline -> list[AdviceItem]`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from advice.causes import REFERRAL_CAUSES
from advice.history import History
from advice.items import SEVERITY_RANK, AdviceItem
from advice.rules.common import MAX_EVIDENCE
from advice.rules.loading import load_jump_then_pain, repeated_jumps
from advice.rules.referral import (
    follow_ups,
    other_exercise_pain,
    persistent_pain,
    red_flags,
    sharp_pain,
)
from advice.rules.regions import pinching_pain, region_candidates
from advice.rules.setup import bench_height, one_sided_pain, setup_with_pain, unstable_bench
from advice.timeline import Timeline
from advice.wording import Voice, region_text

Rule = Callable[[Timeline], list[AdviceItem]]

RULES: tuple[Rule, ...] = (
    persistent_pain,
    sharp_pain,
    red_flags,
    load_jump_then_pain,
    repeated_jumps,
    setup_with_pain,
    one_sided_pain,
    unstable_bench,
    bench_height,
    pinching_pain,
    region_candidates,
    follow_ups,
    other_exercise_pain,
)


def _weight(item: AdviceItem) -> tuple[int, float, str]:
    return (SEVERITY_RANK[item.severity], item.strength, item.detail)


def _quiet_noise(timeline: Timeline, item: AdviceItem) -> AdviceItem:
    """One painful week of 4/10 or less in an otherwise clean log is at most worth an info
    note, whichever rule saw it (a referral never rests on it: its thresholds are higher)."""
    if item.region and item.severity == "caution" and timeline.is_noise(item.region):
        return replace(item, severity="info")
    return item


def _merge(items: list[AdviceItem], voice: Voice) -> AdviceItem:
    """One item for a cause: the most urgent (then strongest) one, naming every region that
    supports the cause and carrying their evidence."""
    ranked = sorted(items, key=_weight, reverse=True)
    first = ranked[0]
    regions = tuple(dict.fromkeys(r for item in ranked for r in item.regions))
    if len(regions) < 2:
        return first
    others = [region_text(r) for r in regions if r != first.region]
    also = f" The same shows in {voice.your} {' and '.join(others)} pain."
    evidence = list(first.evidence)
    for item in ranked[1:]:
        evidence += [e for e in item.evidence if e not in evidence]
    return replace(
        first,
        detail=first.detail + also,
        regions=regions,
        evidence=tuple(sorted(evidence[:MAX_EVIDENCE], key=lambda e: (e.date, e.metric))),
    )


def advise(history: History, voice: Voice | None = None) -> list[AdviceItem]:
    """All advice for `history`, one item per cause, most urgent first, worded for `voice`
    (the athlete by default, or a coach reading about them).

    Guarantees: the same history gives an equal list; when several rules or regions name
    the same cause, the most severe (then strongest) item stands for all and names every
    region; items are sorted by severity (see_professional, caution, info), then strength
    (higher first), then cause id and region; cause ids and severities are those of the
    public contract; a red flag the athlete has not marked as gone is always there.
    """
    return advise_on(Timeline(history, voice or Voice()))


def advise_on(timeline: Timeline) -> list[AdviceItem]:
    """`advise` over a timeline already built (worded for its voice)."""
    voice = timeline.voice
    # Questions back ("how is it now?") stay one per region, apart from the findings.
    found: dict[tuple[str, str | None], list[AdviceItem]] = {}
    for rule in RULES:
        for item in rule(timeline):
            key = (item.cause, item.region if item.follow_up else None)
            found.setdefault(key, []).append(_quiet_noise(timeline, item))
    merged = [_merge(items, voice) for items in found.values()]
    # A question adds nothing where a referral already speaks of that region.
    referred = {
        r for i in merged if i.cause in REFERRAL_CAUSES and not i.follow_up for r in i.regions
    }
    merged = [i for i in merged if not (i.follow_up and i.region in referred)]
    return sorted(merged, key=AdviceItem.sort_key)


__all__ = ["RULES", "AdviceItem", "Voice", "advise"]
