"""What the CSV parsers (strong.py, hevy.py) hand on, and the cell readers they share.

A parser turns each row into a `SourceSet` (a set as the other app saw it) or a `Skipped` row
with its reason. A cell that cannot be read (text in Weight, a date that does not parse) is an
`ImportFileError` naming the line: the whole file is refused, nothing is stored.
"""

import csv
import functools
import io
import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

DELIMITERS = (",", ";", "\t")
MAX_ROWS = 200_000  # a decade of daily training with every set is under 100,000 rows
Progress = Callable[[float], None]  # told the share of the file read so far (0..1)


class ImportFileError(ValueError):
    """A file that cannot be imported; the message says why, naming the line when there is one."""

    def __init__(self, message: str, *, line: int | None = None) -> None:
        self.line = line
        super().__init__(f"Line {line}: {message}" if line is not None else message)


@dataclass(frozen=True)
class SourceSet:
    """One row of another app's export that holds a set."""

    line: int
    started: datetime  # the workout's start, wall-clock time as the file gives it
    workout: str
    exercise: str
    set_order: str  # as the file numbers it ("1", "W", "0"): part of the row's stable key
    warmup: bool  # failure and drop sets are working sets: only warm-ups are left out
    weight: Decimal
    unit: str | None  # "kg" / "lb" when the file says; None: the unit the athlete confirms
    reps: int
    rpe: Decimal | None = None
    notes: str = ""
    workout_notes: str = ""
    duration: timedelta | None = None
    ended: datetime | None = None


@dataclass(frozen=True)
class Skipped:
    line: int
    reason: str


UNIT_HEADER = "header"  # the weight column's name says the unit: "Weight (kg)", "weight_lbs"
UNIT_COLUMN = "unit_column"  # a column gives each row's unit


@dataclass
class ParsedFile:
    source: str  # "Strong", "Hevy", "FitNotes"
    layout: str  # a few words for the preview: "current layout, comma-separated"
    unit_in_file: bool
    rows: list[SourceSet] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    unit_source: str = ""  # UNIT_HEADER, UNIT_COLUMN, or "" (the file does not say)
    notes_per_exercise: bool = False  # Hevy repeats an exercise's note on each of its sets

    def keep(self, item: "SourceSet | Skipped") -> None:
        if isinstance(item, SourceSet):
            self.rows.append(item)
        else:
            self.skipped.append(item)


def sniff_delimiter(header_line: str) -> str:
    """The delimiter that splits the header into the most columns (quotes respected)."""
    best = max(DELIMITERS, key=lambda d: len(next(csv.reader([header_line], delimiter=d), [])))
    return best


def normalise(name: str) -> str:
    """A column name compared loosely: "Set Order", "set_order" and "SET-ORDER" are one; any
    script ("Übungsname", "Название упражнения", "动作名称"); full-width brackets as ASCII."""
    text = unicodedata.normalize("NFKC", name).casefold().replace("_", " ")
    return re.sub(r"[^\w()#]+", " ", text).strip()


@dataclass
class Table:
    """A CSV file read with the csv module: the header, then rows as {normalised name: cell}."""

    header: list[str]
    delimiter: str
    lines: Iterator[tuple[int, dict[str, str]]]
    raw_header: list[str] = field(default_factory=list)
    total_lines: int = 0

    @classmethod
    def of(cls, text: str, *, progress: Progress | None = None) -> "Table":
        first = next((line for line in io.StringIO(text, newline="") if line.strip()), "")
        delimiter = sniff_delimiter(first)
        # newline="": only CR, LF and CRLF end a line (a U+2028 in a note does not).
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
        raw_header: list[str] = []
        for raw in reader:
            if any(cell.strip() for cell in raw):
                raw_header = [c.strip() for c in raw]
                break
        header = [normalise(c) for c in raw_header]
        total = text.count("\n") + 1
        return cls(
            header=header,
            delimiter=delimiter,
            lines=_rows(reader, header, total, progress),
            raw_header=raw_header,
            total_lines=total,
        )

    def peek(self) -> tuple[int, dict[str, str]] | None:
        """The first data row, left in place for the parser (format detection reads it)."""
        first = next(self.lines, None)
        if first is not None:
            self.lines = _chain(first, self.lines)
        return first

    def has(self, *names: str) -> bool:
        return all(normalise(n) in self.header for n in names)

    def first_of(self, *names: str) -> str | None:
        return next((normalise(n) for n in names if normalise(n) in self.header), None)


def _chain(
    first: tuple[int, dict[str, str]], rest: Iterator[tuple[int, dict[str, str]]]
) -> Iterator[tuple[int, dict[str, str]]]:
    yield first
    yield from rest


PROGRESS_EVERY = 2000  # rows between two reports of progress


def _rows(
    reader: Any, header: Sequence[str], total: int, progress: Progress | None
) -> Iterator[tuple[int, dict[str, str]]]:
    start = reader.line_num + 1
    count = 0
    try:
        for raw in reader:
            line, start = start, reader.line_num + 1
            if not any(cell.strip() for cell in raw):
                continue
            count += 1
            if count > MAX_ROWS:
                raise ImportFileError(
                    f"The file has more than {MAX_ROWS:,} rows, the most one import takes: "
                    "export a shorter date range and import it in parts.",
                    line=line,
                )
            if progress is not None and count % PROGRESS_EVERY == 0:
                progress(min(line / total, 1.0))
            if len(raw) > len(header) and any(c.strip() for c in raw[len(header) :]):
                raise ImportFileError(
                    f"{len(raw)} cells where the header has {len(header)} columns.", line=line
                )
            yield (
                line,
                {name: (raw[i].strip() if i < len(raw) else "") for i, name in enumerate(header)},
            )
    except csv.Error as error:
        raise ImportFileError(f"The CSV cannot be read ({error}).", line=reader.line_num) from None


# --- cells ----------------------------------------------------------------------------------

_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)")


def number(row: Mapping[str, str], column: str | None, line: int, label: str) -> Decimal | None:
    """A decimal cell ("102.5", or "102,5" from a semicolon export); empty is None."""
    raw = row.get(column, "") if column else ""
    if raw == "":
        return None
    if not _NUMBER.fullmatch(raw):
        raise ImportFileError(f'{label} "{_shorten(raw)}" is not a number.', line=line)
    try:
        return Decimal(raw.replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the pattern above already refuses these
        raise ImportFileError(f'{label} "{_shorten(raw)}" is not a number.', line=line) from None


def whole(row: Mapping[str, str], column: str | None, line: int, label: str) -> int | None:
    """A count (reps): "8", "8.0"; empty is None, a fraction is an error."""
    value = number(row, column, line, label)
    if value is None:
        return None
    if value != value.to_integral_value() or abs(value) > 100_000:
        raise ImportFileError(f'{label} "{row[column or ""]}" is not a whole number.', line=line)
    return int(value)


_MOMENT_FORMATS = (
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M",
    "%d %b %Y, %H:%M",  # Hevy, 24-hour clock: 7 Aug 2026, 17:00
    "%d %B %Y, %H:%M",
    "%d %b %Y %H:%M",
    "%b %d, %Y, %H:%M",
    "%b %d, %Y, %I:%M %p",  # Hevy, 12-hour clock: Jul 28, 2026, 6:49 PM
    "%B %d, %Y, %I:%M %p",
    "%d %b %Y, %I:%M %p",
    "%Y-%m-%d %I:%M:%S %p",  # Strong on a phone set to a 12-hour clock: 2024-01-05 6:49:00 PM
    "%Y-%m-%d %I:%M %p",
    "%Y-%m-%d",
)
# Phones write a narrow or plain no-break space before AM/PM ("6:49\u202fPM").
_SPACES = re.compile(r"[\u00a0\u202f\u2009\s]+")
_AM_PM = re.compile(r"\b([ap])\.?\s?m\.?$", re.IGNORECASE)


def moment(raw: str, line: int, label: str) -> datetime:
    """A date and time as the apps write them, as wall-clock time (any offset is dropped)."""
    text = _SPACES.sub(" ", raw).strip()
    text = _AM_PM.sub(lambda m: f"{m.group(1).upper()}M", text)
    for fmt in _MOMENT_FORMATS:
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).replace(tzinfo=None)
    except ValueError:
        pass
    if not text:
        raise ImportFileError(f"{label} is empty.", line=line)
    raise ImportFileError(
        f'{label} "{_shorten(text)}" is not a date this importer reads.', line=line
    )


class Moments:
    """moment() remembered per cell text: every set of a workout repeats the same date."""

    def __init__(self) -> None:
        self._seen: dict[str, datetime] = {}

    def __call__(self, raw: str, line: int, label: str) -> datetime:
        found = self._seen.get(raw)
        if found is None:
            found = self._seen[raw] = moment(raw, line, label)
        return found


_DURATION_PART = re.compile(r"(\d+)\s*(h|hr|hrs|hours?|m|min|mins|minutes?|s|sec|secs|seconds?)\b")


@functools.lru_cache(maxsize=4096)  # every set of a workout repeats its duration
def duration(raw: str) -> timedelta | None:
    """ "1h 4m", "1h 4min", "55m", "45s", "3840" (seconds), "01:04:00"; None when unreadable.

    A workout's length only dates the session's end: an odd value is not worth refusing a file.
    """
    text = raw.strip().lower()
    if not text:
        return None
    if text.isdigit():
        return timedelta(seconds=int(text))
    if re.fullmatch(r"\d{1,2}:\d{2}(:\d{2})?", text):
        parts = [int(p) for p in text.split(":")]
        hours, minutes, seconds = parts if len(parts) == 3 else [0, *parts]
        return timedelta(hours=hours, minutes=minutes, seconds=seconds)
    found = _DURATION_PART.findall(text)
    if not found or _DURATION_PART.sub("", text).strip(" ,"):
        return None
    total = timedelta()
    for amount, unit in found:
        scale = {"h": 3600, "m": 60, "s": 1}[unit[0]]
        total += timedelta(seconds=int(amount) * scale)
    return total


# The unit words a weight column's name or a unit cell may carry, in the languages the apps
# write ("Weight (kg)", "Gewicht (kg)", "Вес (кг)", "重量（公斤）", "重量 (ポンド)").
KG_WORDS = frozenset({"kg", "kgs", "kilograms", "kilogram", "кг", "公斤", "千克", "キロ", "kilo"})
LB_WORDS = frozenset(
    {"lb", "lbs", "pounds", "pound", "фунт", "фунты", "фунтов", "磅", "ポンド", "libras", "livres"}
)


def unit_word(text: str) -> str | None:
    """ "kg" or "lb" when the words of a column's name or cell name a weight unit."""
    words = set(re.findall(r"\w+", unicodedata.normalize("NFKC", text).casefold()))
    if words & KG_WORDS:
        return "kg"
    if words & LB_WORDS:
        return "lb"
    return None


def unit_of(raw: str, line: int) -> str | None:
    """A weight unit cell: kg / kgs / lb / lbs (any language); empty is None."""
    text = raw.strip().lower()
    if not text:
        return None
    unit = unit_word(text)
    if unit is None:
        raise ImportFileError(f'Weight unit "{_shorten(text)}" is neither kg nor lb.', line=line)
    return unit


def _shorten(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
