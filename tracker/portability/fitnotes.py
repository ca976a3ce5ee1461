"""FitNotes' CSV export (Settings > Spreadsheet Export > Workout Data).

Date,Exercise,Category,Weight (kgs),Reps,Distance,Distance Unit,Time,Comment -- "Weight (lbs)"
in an account set to pounds. One row per set; a day's rows are that day's workout (the file
has no start time and no workout name). FitNotes marks no warm-ups in this file, so every row
with reps is a working set; rows without reps (cardio, timed holds) are skipped and counted.
"""

from collections import Counter
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

NAME = "FitNotes"
_REQUIRED = ("Date", "Exercise", "Category", "Reps")
_WEIGHT_COLUMNS = ("weight (kgs)", "weight (kg)", "weight (lbs)", "weight (lb)", "weight")


def recognises(table: Table) -> bool:
    return table.has(*_REQUIRED) and any(c in table.header for c in _WEIGHT_COLUMNS)


def parse(table: Table) -> ParsedFile:
    weight_column = next(c for c in _WEIGHT_COLUMNS if c in table.header)
    unit = sources.unit_word(weight_column)
    separated = {",": "comma", ";": "semicolon", "\t": "tab"}[table.delimiter]
    parsed = ParsedFile(
        source=NAME,
        layout=f"workout data, {separated}-separated",
        unit_in_file=unit is not None,
        unit_source=UNIT_HEADER if unit else "",
    )
    moments = sources.Moments()
    comment = table.first_of("Comment", "Notes")
    sets_before: Counter[tuple[str, str]] = Counter()
    for line, row in table.lines:
        started = moments(row["date"], line, "Date")
        exercise = row["exercise"]
        if not exercise:
            raise ImportFileError("Exercise is empty.", line=line)
        weight = sources.number(row, weight_column, line, "Weight")
        reps = sources.whole(row, "reps", line, "Reps")
        if not reps:
            parsed.keep(Skipped(line, "no reps (a timed, distance or empty set)"))
            continue
        sets_before[(row["date"], exercise)] += 1
        parsed.keep(
            SourceSet(
                line=line,
                started=started,
                workout="",
                exercise=exercise,
                set_order=str(sets_before[(row["date"], exercise)]),
                warmup=False,
                weight=weight if weight is not None else Decimal(0),
                unit=unit,
                reps=reps,
                notes=row.get(comment, "") if comment else "",
            )
        )
    return parsed
