"""Personal records: what a new set must beat, decided against the athlete's earlier sets of
the same exercise. Nothing is a record until there is an earlier set to beat.

- heaviest: more load than any earlier set;
- best estimated 1RM (Epley, trusted up to 10 reps): above every earlier estimate;
- most reps at a load: more reps than any earlier set at exactly this load.
"""

from dataclasses import dataclass
from decimal import Decimal

EPLEY_MAX_REPS = 10


def epley(load_kg: Decimal, reps: int) -> Decimal | None:
    """load x (1 + reps / 30); None above 10 reps, where the estimate is not trusted."""
    if reps > EPLEY_MAX_REPS:
        return None
    return Decimal(load_kg) * (30 + reps) / 30


@dataclass(frozen=True)
class Baseline:
    """The athlete's earlier bests for one exercise (from tracker.queries.record_baseline)."""

    sets: int
    top_load_kg: Decimal | None
    best_e1rm_kg: float | None
    most_reps_here: int | None  # at exactly the new set's load


@dataclass(frozen=True)
class Records:
    load: bool = False
    e1rm: bool = False
    reps: bool = False

    def __bool__(self) -> bool:
        return self.load or self.e1rm or self.reps

    def fields(self) -> dict[str, bool]:
        return {"load_record": self.load, "e1rm_record": self.e1rm, "reps_record": self.reps}


def beaten(baseline: Baseline, *, load_kg: Decimal, reps: int) -> Records:
    if baseline.sets == 0 or load_kg <= 0:
        return Records()
    estimate = epley(load_kg, reps)
    # The earlier estimate comes back from the database as a float: a hair of slack, so an
    # equal set never counts as better.
    e1rm = (
        estimate is not None
        and baseline.best_e1rm_kg is not None
        and float(estimate) > baseline.best_e1rm_kg + 1e-6
    )
    return Records(
        load=baseline.top_load_kg is not None and load_kg > baseline.top_load_kg,
        e1rm=e1rm,
        reps=baseline.most_reps_here is not None and reps > baseline.most_reps_here,
    )


def describe(logged: object, load_text: str) -> str:
    """ "heaviest set, best estimated 1RM, most reps at 100 kg" for a set's record fields."""
    parts = []
    if getattr(logged, "load_record", False):
        parts.append("heaviest set")
    if getattr(logged, "e1rm_record", False):
        parts.append("best estimated 1RM")
    if getattr(logged, "reps_record", False):
        parts.append(f"most reps at {load_text}")
    return ", ".join(parts)
