"""The advice engine: every rule over one athlete's history, merged and ordered.

Pure: no Django, no clock, no randomness. `advise` is the only entry point the rest of
the project needs; the rule modules are split by family (loading, setup, regions,
referral) and each rule is a function `Timeline -> list[AdviceItem]`.
"""

from __future__ import annotations

from collections.abc import Callable

from advice.history import History
from advice.items import SEVERITY_RANK, AdviceItem
from advice.rules.loading import load_jump_then_pain, repeated_jumps
from advice.rules.referral import persistent_pain, red_flags, sharp_pain
from advice.rules.regions import pinching_pain, region_candidates
from advice.rules.setup import bench_height, setup_with_pain, unstable_bench
from advice.timeline import Timeline

Rule = Callable[[Timeline], list[AdviceItem]]

RULES: tuple[Rule, ...] = (
    persistent_pain,
    sharp_pain,
    red_flags,
    load_jump_then_pain,
    repeated_jumps,
    setup_with_pain,
    unstable_bench,
    bench_height,
    pinching_pain,
    region_candidates,
)


def _weight(item: AdviceItem) -> tuple[int, float, str]:
    return (SEVERITY_RANK[item.severity], item.strength, item.detail)


def advise(history: History) -> list[AdviceItem]:
    """All advice for `history`, at most one item per (cause, region), most urgent first.

    Guarantees: the same history gives an equal list; when two rules name the same cause
    for the same region the more severe (then stronger) item wins; items are sorted by
    severity (see_professional, caution, info), then strength (higher first), then cause
    id and region; cause ids and severities are those of the public contract.
    """
    timeline = Timeline(history)
    best: dict[tuple[str, str | None], AdviceItem] = {}
    for rule in RULES:
        for item in rule(timeline):
            key = (item.cause, item.region)
            if key not in best or _weight(item) > _weight(best[key]):
                best[key] = item
    return sorted(best.values(), key=AdviceItem.sort_key)


__all__ = ["RULES", "AdviceItem", "advise"]
