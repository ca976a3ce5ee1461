"""What the session page shows for each set: its pain, and its setup only where it changed."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from tracker import units
from tracker.models import PainReport, Set

# The setup as the athlete sees it, in the order the form asks for it.
SETUP = (
    ("foot_distance", "feet ?"), ("padding", "pad ?"),
    ("stance_width", "stance ?"), ("equipment", "equipment ?"),
)  # fmt: skip


@dataclass(frozen=True)
class SetRow:
    set: Set
    setup: str  # empty when the setup is the previous set's: the page repeats nothing
    pain: list[PainReport]


def setup_text(logged: Set) -> str:
    """ "Shins vertical · Thick pad · Hip width · Barbell"; unknown values say so."""
    return " · ".join(
        str(getattr(logged, f"get_{name}_display")() or unknown) for name, unknown in SETUP
    )


def set_rows(sets: Iterable[Set], reports: Iterable[PainReport]) -> list[SetRow]:
    """The sets in order, each with the pain felt in it (no queries: both are loaded)."""
    pain_by_set: dict[int, list[PainReport]] = defaultdict(list)
    for report in reports:
        if report.set_id is not None:
            pain_by_set[report.set_id].append(report)
    rows, shown = [], None
    for logged in sets:
        setup = setup_text(logged)
        rows.append(SetRow(logged, "" if setup == shown else setup, pain_by_set[logged.pk]))
        shown = setup
    return rows


def sets_in_short(sets: Iterable[Set], unit: str) -> str:
    """ "100 kg x 8, 8, 7 · 105 kg x 5": reps grouped under each run of one load."""
    groups: list[tuple[str, list[str]]] = []
    for logged in sets:
        load = units.display(logged.load_kg, unit)
        if groups and groups[-1][0] == load:
            groups[-1][1].append(str(logged.reps))
        else:
            groups.append((load, [str(logged.reps)]))
    return " · ".join(f"{load} × {', '.join(reps)}" for load, reps in groups)
