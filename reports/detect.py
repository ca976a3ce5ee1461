"""Changes the log shows by itself: a setup value switched and kept, or a load clearly lighter,
after sessions in which some region hurt. Each becomes an experiment (source "log").

Pure: plain dataclasses in, plain dataclasses out, no Django (like advice.rules), so it is
tested with tables of hand-built sessions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from advice.experiments import SessionPain, cause_for

SETUP_FIELDS = ("padding", "foot_distance", "stance_width", "equipment")
STEADY = 2  # sessions on the old value before a switch counts (one odd session is not a habit)
LIGHTER = Decimal("0.90")  # a top set at 90% or less of the sessions before is a lighter load
PAIN_BEFORE = 3  # a region that reached this in the four weeks before is what the change is for
LOOKBACK = timedelta(weeks=4)


@dataclass(frozen=True)
class SessionSetup:
    """A hip-thrust session: the value most of its sets used per setup field, its top set."""

    date: date
    values: tuple[tuple[str, str], ...]  # (field, value), known fields only
    top_kg: Decimal | None = None

    def value(self, field: str) -> str | None:
        return dict(self.values).get(field)


@dataclass(frozen=True)
class Detected:
    started_on: date
    field: str
    value: str
    previous: str
    regions: tuple[str, ...]
    cause: str = ""


def painful_regions(pains: list[SessionPain], day: date) -> tuple[str, ...]:
    """Regions that reached PAIN_BEFORE in a session of the four weeks before `day`."""
    regions = {
        region
        for s in pains
        if day - LOOKBACK <= s.date < day
        for region, score in s.worst
        if score >= PAIN_BEFORE
    }
    return tuple(sorted(regions))


def _switches(sessions: list[SessionSetup], field: str) -> list[tuple[date, str, str]]:
    known = [(s.date, v) for s in sessions if (v := s.value(field)) is not None]
    found = []
    for i in range(STEADY, len(known)):
        day, new = known[i]
        before = {v for _, v in known[i - STEADY : i]}
        kept = i + 1 == len(known) or known[i + 1][1] == new
        if len(before) == 1 and new not in before and kept:
            found.append((day, new, before.pop()))
    return found


def _lighter(sessions: list[SessionSetup]) -> list[tuple[date, str, str]]:
    """A top set at LIGHTER or less of the lightest of the STEADY sessions before, kept in
    the next session (the minimum keeps one drop from being found again a session later)."""
    tops = [(s.date, s.top_kg) for s in sessions if s.top_kg]
    found = []
    for i in range(STEADY, len(tops)):
        day, top = tops[i]
        limit = min(t for _, t in tops[i - STEADY : i] if t is not None) * LIGHTER
        kept = i + 1 == len(tops) or (tops[i + 1][1] or 0) <= limit
        if top is not None and top <= limit and kept:
            found.append((day, "lighter", ""))
    return found


def detect(sessions: list[SessionSetup], pains: list[SessionPain]) -> list[Detected]:
    """Every change in `sessions` (any order) that came after pain, oldest first."""
    ordered = sorted(sessions, key=lambda s: s.date)
    changes = [(field, *switch) for field in SETUP_FIELDS for switch in _switches(ordered, field)]
    changes += [("load", *drop) for drop in _lighter(ordered)]
    detected = []
    for field, day, value, previous in changes:
        regions = painful_regions(pains, day)
        if regions:
            cause = cause_for(field, previous, regions)
            detected.append(Detected(day, field, value, previous, regions, cause))
    return sorted(detected, key=lambda d: (d.started_on, d.field))
