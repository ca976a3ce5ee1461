"""Strong's CSV export, in the layouts seen in the wild.

- current: "Date","Workout Name","Duration","Exercise Name","Set Order","Weight","Reps",
  "Distance","Seconds","Notes","Workout Notes","RPE" (comma-separated; weights in the account's
  unit, which the athlete confirms on the preview);
- older: semicolon-separated, with "Weight Unit" and "Distance Unit" columns and
  "Workout Duration"; decimals may use a comma ("102,5").

Columns are found by name, so their order and the delimiter do not matter. Set Order "W" is a
warm-up; rest-timer rows and rows without reps (cardio, timed holds) are skipped and counted.
"""

from decimal import Decimal

from tracker.portability import sources
from tracker.portability.sources import ImportFileError, ParsedFile, Skipped, SourceSet, Table

NAME = "Strong"
_REQUIRED = ("Date", "Exercise Name", "Set Order", "Reps")
_WEIGHT_COLUMNS = {
    "weight": None,
    "weight (kg)": "kg",
    "weight kg": "kg",
    "weight (kgs)": "kg",
    "weight (lbs)": "lb",
    "weight (lb)": "lb",
    "weight lbs": "lb",
}


def recognises(table: Table) -> bool:
    return table.has(*_REQUIRED)


def parse(table: Table) -> ParsedFile:
    weight_column = next((c for c in _WEIGHT_COLUMNS if c in table.header), None)
    if weight_column is None:
        raise ImportFileError("This Strong export has no Weight column.", line=1)
    unit_column = table.first_of("Weight Unit")
    header_unit = _WEIGHT_COLUMNS[weight_column]
    duration_column = table.first_of("Duration", "Workout Duration")
    rpe_column = table.first_of("RPE")
    layout = "older layout, with a Weight Unit column" if unit_column else "current layout"
    separated = {",": "comma", ";": "semicolon", "\t": "tab"}[table.delimiter]
    parsed = ParsedFile(
        source=NAME,
        layout=f"{layout}, {separated}-separated",
        unit_in_file=bool(unit_column or header_unit),
    )
    for line, row in table.lines:
        item = _row(row, line, weight_column, unit_column, header_unit, duration_column, rpe_column)
        (parsed.rows if isinstance(item, SourceSet) else parsed.skipped).append(item)
    return parsed


def _row(
    row: dict[str, str],
    line: int,
    weight_column: str,
    unit_column: str | None,
    header_unit: str | None,
    duration_column: str | None,
    rpe_column: str | None,
) -> SourceSet | Skipped:
    order = row["set order"]
    exercise = row["exercise name"]
    if order.lower().replace("_", " ") == "rest timer" or exercise.lower() == "rest timer":
        return Skipped(line, "rest timer")
    started = sources.moment(row["date"], line, "Date")
    if not exercise:
        raise ImportFileError("Exercise Name is empty.", line=line)
    weight = sources.number(row, weight_column, line, "Weight")
    reps = sources.whole(row, "reps", line, "Reps")
    rpe = sources.number(row, rpe_column, line, "RPE")
    unit = sources.unit_of(row[unit_column], line) if unit_column else header_unit
    if not reps:
        return Skipped(line, "no reps (a timed, distance or empty set)")
    return SourceSet(
        line=line,
        started=started,
        workout=row.get("workout name", ""),
        exercise=exercise,
        set_order=order,
        warmup=order.upper() == "W",
        weight=weight if weight is not None else Decimal(0),
        unit=unit,
        reps=reps,
        rpe=rpe,
        notes=row.get("notes", ""),
        workout_notes=row.get("workout notes", ""),
        duration=sources.duration(row.get(duration_column, "")) if duration_column else None,
    )
