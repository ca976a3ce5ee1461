"""Shared by the rule modules: building an item's texts from the catalogue."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from advice.causes import CAUSES, Cause
from advice.items import AdviceItem, Evidence
from advice.thresholds import WEEK
from advice.timeline import Timeline
from advice.wording import region_text, week_text

MAX_EVIDENCE = 8
HELPED_NOTE_WEEKS = 12  # a "this helped" note is dropped once the change is this old

__all__ = ["make_item", "recent_change", "week_text"]


def recent_change(timeline: Timeline, since: date) -> bool:
    """Whether a change made in the week of `since` is still worth a "this helped" note."""
    return since >= timeline.this_week - HELPED_NOTE_WEEKS * WEEK


def _cause_advice(cause: Cause, *, helped: bool) -> str:
    if cause.is_referral:
        return f"{cause.explanation} {cause.what_to_try}"
    if helped:
        return f"That change is in line with the source's advice: {cause.what_to_try}"
    return f"{cause.explanation} Worth trying: {cause.what_to_try}"


def make_item(
    cause_id: str,
    severity: str,
    *,
    seen: str,
    region: str | None = None,
    evidence: Iterable[Evidence] = (),
    strength: float = 0.0,
    title: str | None = None,
    section: str | None = None,
    helped: bool = False,
    try_first: str = "",
    follow_up: bool = False,
    advice: str = "",
) -> AdviceItem:
    """An item whose detail says what was seen, what it may mean, what to try, and where
    the source says so. `helped` items report a change that already worked; `try_first`
    is a number from the athlete's own log to start from ("about 90 kg, ..."); `advice`
    replaces the cause's own advice where the item only keeps watch."""
    cause = CAUSES[cause_id]
    section = section or cause.section
    if not advice:
        advice = _cause_advice(cause, helped=helped)
    if try_first:
        advice += f" {try_first}"
    sources = f'"{section}"'
    if cause.remedy_section != section:
        sources += f' and "{cause.remedy_section}"'
    entries = sorted(set(evidence), key=lambda e: (e.date, e.metric, float(e.value)))
    return AdviceItem(
        cause=cause_id,
        severity=severity,
        title=title or cause.title,
        detail=f"{seen} {advice} (See {sources}.)",
        region=region,
        evidence=tuple(entries[-MAX_EVIDENCE:]),
        source_section=section,
        strength=round(strength, 3),
        regions=(region,) if region else (),
        follow_up=follow_up,
    )


def ease_off(timeline: Timeline, region: str, before: date) -> str:
    """A number to start from: the heaviest top set the athlete lifted without pain in the
    region before `before`, in the reader's unit ("" when the log has none)."""
    found = timeline.pain_free_top(region, before)
    if found is None:
        return ""
    top, week = found
    return (
        f"A place to start: about {timeline.voice.load(top)}, the heaviest top set "
        f"{timeline.voice.you} lifted without {region_text(region)} pain, in {week_text(week)}."
    )


def ease_off_for(timeline: Timeline, cause_id: str, region: str, before: date) -> str:
    """`ease_off`'s number where the cause's remedy says to lighten the load, else ""."""
    return ease_off(timeline, region, before) if CAUSES[cause_id].eases_off else ""
