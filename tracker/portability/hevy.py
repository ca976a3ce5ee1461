"""Hevy's CSV export.

title,start_time,end_time,description,exercise_title,superset_id,exercise_notes,set_index,
set_type,weight_kg,reps,distance_km,duration_seconds,rpe -- accounts in pounds have weight_lbs
and distance_miles instead. Dates follow the phone's clock: "7 Aug 2026, 17:00",
"Jul 28, 2026, 6:49 PM", or ISO 8601. set_type is warmup, normal, failure or dropset: warm-ups
are marked, the others are working sets. exercise_notes repeats the exercise's note on each
of its sets (the plan keeps it once). Rows without reps (cardio, timed holds) are skipped.
"""

from decimal import Decimal

from tracker.portability import sources
from tracker.portability.sources import (
    UNIT_HEADER,
    ImportFileError,
    ParsedFile,
    Skipped,
    SourceSet,
    Table,
)

NAME = "Hevy"
_REQUIRED = ("title", "start_time", "exercise_title", "set_index", "reps")
_WEIGHT_COLUMNS = {"weight_kg": "kg", "weight_lbs": "lb", "weight_lb": "lb", "weight": None}
SET_TYPES = {"normal", "warmup", "failure", "dropset", ""}


def recognises(table: Table) -> bool:
    return table.has(*_REQUIRED)


def parse(table: Table) -> ParsedFile:
    found = [(table.first_of(c), u) for c, u in _WEIGHT_COLUMNS.items() if table.first_of(c)]
    if not found:
        raise ImportFileError("This Hevy export has no weight_kg or weight_lbs column.", line=1)
    weight_column, unit = found[0]
    separated = {",": "comma", ";": "semicolon", "\t": "tab"}[table.delimiter]
    parsed = ParsedFile(
        source=NAME,
        layout=f"{'pounds' if unit == 'lb' else 'kilograms'}, {separated}-separated",
        unit_in_file=unit is not None,
        unit_source=UNIT_HEADER if unit else "",
        notes_per_exercise=True,
    )
    moments = sources.Moments()
    rpe_column = table.first_of("rpe")
    for line, row in table.lines:
        parsed.keep(_row(row, line, weight_column or "", unit, rpe_column, moments))
    return parsed


def _row(
    row: dict[str, str],
    line: int,
    weight_column: str,
    unit: str | None,
    rpe_column: str | None,
    moments: sources.Moments,
) -> SourceSet | Skipped:
    started = moments(row["start time"], line, "start_time")
    ended = moments(row["end time"], line, "end_time") if row.get("end time") else None
    exercise = row["exercise title"]
    if not exercise:
        raise ImportFileError("exercise_title is empty.", line=line)
    set_type = row.get("set type", "").lower()
    if set_type not in SET_TYPES:
        raise ImportFileError(f'set_type "{set_type[:20]}" is not one Hevy writes.', line=line)
    weight = sources.number(row, weight_column, line, weight_column.replace(" ", "_"))
    reps = sources.whole(row, "reps", line, "reps")
    rpe = sources.number(row, rpe_column, line, "rpe")
    if not reps:
        return Skipped(line, "no reps (a timed, distance or empty set)")
    return SourceSet(
        line=line,
        started=started,
        workout=row["title"],
        exercise=exercise,
        set_order=row["set index"],
        warmup=set_type == "warmup",
        weight=weight if weight is not None else Decimal(0),
        unit=unit,
        reps=reps,
        rpe=rpe,
        notes=row.get("exercise notes", ""),
        workout_notes=row.get("description", ""),
        ended=ended,
    )
