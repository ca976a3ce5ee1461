"""The end of a session in numbers: sets, volume, top set, records, the change from the session
before and the pain reported. Built from rows already loaded, plus one query for the session
before."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from tracker.models import PainReport, Set


@dataclass(frozen=True)
class Summary:
    sets: int
    volume_kg: Decimal
    top: Set | None
    records: list[Set]
    pain: list[PainReport]
    previous_volume_kg: Decimal | None = None
    previous_top_kg: Decimal | None = None
    changes: list[str] = field(default_factory=list)

    @property
    def volume_change_kg(self) -> Decimal | None:
        if self.previous_volume_kg is None:
            return None
        return self.volume_kg - self.previous_volume_kg

    @property
    def top_change_kg(self) -> Decimal | None:
        if self.previous_top_kg is None or self.top is None:
            return None
        return self.top.load_kg - self.previous_top_kg


def _volume(sets: Sequence[Set]) -> Decimal:
    return sum((s.load_kg * s.reps for s in sets), Decimal(0))


def _top(sets: Sequence[Set]) -> Set | None:
    # The heaviest set; of equal loads the one with more reps, then the first.
    return max(sets, key=lambda s: (s.load_kg, s.reps, -s.position), default=None)


def summarise(
    sets: Sequence[Set], reports: Sequence[PainReport], previous: Sequence[Set]
) -> Summary:
    """`sets` and `reports` of the session; `previous`: the sets of the session before it."""
    top_before = _top(previous)
    return Summary(
        sets=len(sets),
        volume_kg=_volume(sets),
        top=_top(sets),
        records=[s for s in sets if s.is_record],
        pain=sorted((r for r in reports if r.score > 0), key=lambda r: (-r.score, r.region)),
        previous_volume_kg=_volume(previous) if previous else None,
        previous_top_kg=top_before.load_kg if top_before else None,
    )
