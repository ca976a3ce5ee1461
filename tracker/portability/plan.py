"""The rows an import will store, built before anything is written, so the preview and the
import see exactly the same thing.

Every session and set carries a stable key (a UUID derived from the source, the workout's start
and name, the exercise, the set order and how often that combination came before): it goes
into `client_id`, so importing the same file again finds every row already there.
"""

import zoneinfo
from collections import Counter, OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from uuid import UUID, uuid5

from django.utils import timezone

from tracker import units
from tracker.choices import Exercise
from tracker.models import MAX_LOAD_KG, MAX_REPS
from tracker.portability import mapping
from tracker.portability.sources import (
    PROGRESS_EVERY,
    UNIT_COLUMN,
    UNIT_HEADER,
    ImportFileError,
    ParsedFile,
    Progress,
    Skipped,
    SourceSet,
)
from tracker.validators import session_date_problem

NAMESPACE = UUID("5d0c2f7e-4f4b-4c55-9a53-2b8f7a1e6c10")  # never change: keys must stay stable
NOTES_LENGTH = 2000  # TrainingSession.notes


def key(*parts: object) -> UUID:
    return uuid5(NAMESPACE, "|".join(str(p) for p in parts))


@dataclass
class PlannedPain:
    key: UUID
    region: str
    score: int
    timing: str
    character: str = ""
    side: str = ""  # left | right | both; "" not said


@dataclass
class PlannedSet:
    where: str  # "line 12" / "session 3, set 2": how an error names the row
    key: UUID
    source_name: str  # the exercise as the file names it
    exercise: str
    exercise_name: str
    load_kg: Decimal
    reps: int
    rir: int | None = None
    position: int | None = None  # a Thrustlog export's own numbering; else in file order
    foot_distance: str = ""
    stance_width: str = ""
    padding: str = ""
    equipment: str = ""
    pain: list[PlannedPain] = field(default_factory=list)


@dataclass
class PlannedSession:
    where: str
    key: UUID
    date: date
    notes: str = ""
    finished_at: datetime | None = None
    checked_in_at: datetime | None = None
    bench_height_cm: int | None = None
    bench_stable: bool | None = None
    symptoms: list[str] = field(default_factory=list)
    sets: list[PlannedSet] = field(default_factory=list)
    pain: list[PlannedPain] = field(default_factory=list)  # after the session, next morning
    original_pk: int | None = None  # a Thrustlog export's own id


@dataclass(frozen=True)
class ExerciseFound:
    name: str
    exercise: str
    equipment: str
    sets: int

    @property
    def exercise_label(self) -> str:
        return str(Exercise(self.exercise).label)


# Why the plan reads weights in its unit (the dry run and the preview say it).
UNIT_REASONS = {
    "header": "the file's column names say the unit",
    "unit_column": "a column of the file gives each row's unit",
    "chosen": "you chose it",
    "plate_pattern": "the barbell loads follow that unit's plates",
    "athlete_setting": "your unit in Settings (the file does not say)",
}


@dataclass
class Plan:
    source: str
    layout: str
    unit: str  # the unit weights were read in where the file does not say
    unit_in_file: bool
    unit_reason: str = "athlete_setting"  # a key of UNIT_REASONS
    plates_say: str = ""  # the unit the barbell plates suggest when it is not `unit`
    sessions: list[PlannedSession] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    exported_by: int | None = None  # a Thrustlog export: the account it came from
    comments_left_out: int = 0

    @property
    def unit_explanation(self) -> str:
        return UNIT_REASONS.get(self.unit_reason, "")

    @property
    def set_count(self) -> int:
        return sum(len(s.sets) for s in self.sessions)

    @property
    def first_date(self) -> date | None:
        return min((s.date for s in self.sessions), default=None)

    @property
    def last_date(self) -> date | None:
        return max((s.date for s in self.sessions), default=None)

    def exercises(self) -> list[ExerciseFound]:
        """Each exercise name of the file, how it maps, and its number of sets (most first)."""
        counts: Counter[tuple[str, str, str]] = Counter(
            (s.source_name, s.exercise, s.equipment) for ses in self.sessions for s in ses.sets
        )
        return [ExerciseFound(*k, n) for k, n in sorted(counts.items(), key=lambda i: -i[1])]

    def skipped_reasons(self) -> list[tuple[str, int, list[int]]]:
        """(reason, rows, the first few line numbers), most frequent first."""
        lines: dict[str, list[int]] = OrderedDict()
        for row in self.skipped:
            lines.setdefault(row.reason, []).append(row.line)
        ranked = sorted(lines.items(), key=lambda i: -len(i[1]))
        return [(reason, len(found), found[:5]) for reason, found in ranked]


def resolve_unit(parsed: ParsedFile, *, chosen: str | None, own: str) -> tuple[str, str]:
    """The unit for weights the file does not qualify, and why (a key of UNIT_REASONS).

    The file's word first, then the athlete's explicit choice, then the plates' pattern, then
    the athlete's setting.
    """
    if parsed.unit_source == UNIT_HEADER:
        unit = next((r.unit for r in parsed.rows if r.unit), None)
        return unit or chosen or own, "header"
    if parsed.unit_source == UNIT_COLUMN:
        return chosen or own, "unit_column"
    if chosen:
        return chosen, "chosen"
    guessed = plates_say(parsed)
    if guessed:
        return guessed, "plate_pattern"
    return own, "athlete_setting"


def plates_say(parsed: ParsedFile) -> str | None:
    """The unit the file's barbell loads suggest (mapping.unit_from_plates), if any."""
    if parsed.unit_source:
        return None
    barbell = [
        r.weight
        for r in parsed.rows
        if not r.warmup and mapping.equipment_of(r.exercise) in ("barbell", "smith")
    ]
    return mapping.unit_from_plates(barbell)


def from_rows(
    parsed: ParsedFile,
    *,
    unit: str,
    zone: str,
    today: date,
    unit_reason: str = "chosen",
    progress: Progress | None = None,
) -> Plan:
    """Group a Strong, Hevy or FitNotes file's sets into sessions (one per workout), map them."""
    plan = Plan(
        parsed.source,
        parsed.layout,
        unit,
        parsed.unit_in_file,
        unit_reason=unit_reason,
        skipped=parsed.skipped,
    )
    tz = zoneinfo.ZoneInfo(zone)
    source = parsed.source.lower()
    workouts: dict[tuple[datetime, str], tuple[PlannedSession, str]] = {}
    seen: Counter[tuple[object, ...]] = Counter()
    names: dict[str, mapping.Mapped] = {}
    noted: set[tuple[UUID, str, str]] = set()  # (session, exercise, note): each kept once
    # A file repeats the same few weights and RPEs thousands of times: convert each once.
    loads: dict[tuple[Decimal, str], Decimal] = {}
    rirs: dict[Decimal | None, int | None] = {}
    total = len(parsed.rows)
    for count, row in enumerate(parsed.rows, start=1):
        if progress is not None and count % PROGRESS_EVERY == 0:
            progress(count / total)
        found = workouts.get((row.started, row.workout))
        if found is None:
            problem = session_date_problem(row.started.date(), today=today)
            if problem is not None:
                raise ImportFileError(problem, line=row.line)
            started = row.started.isoformat()
            found = workouts[(row.started, row.workout)] = (
                PlannedSession(
                    where=f"Line {row.line}",
                    key=key(source, "session", started, row.workout),
                    date=row.started.date(),
                    notes=_notes(row.workout, row.workout_notes),
                    finished_at=timezone.make_aware(_end(row), tz),
                ),
                started,
            )
        session, started = found
        identity = (started, row.workout, row.exercise, row.set_order)
        seen[identity] += 1
        row_unit = row.unit or unit
        load = loads.get((row.weight, row_unit))
        if load is None:
            load = loads[(row.weight, row_unit)] = units.to_kg(row.weight, row_unit)
        reason = _skip_reason(row, load)
        if reason:
            plan.skipped.append(Skipped(row.line, reason))
            continue
        mapped = names.get(row.exercise)
        if mapped is None:
            mapped = names[row.exercise] = mapping.exercise_of(row.exercise)
        if row.rpe not in rirs:
            rirs[row.rpe] = mapping.rir_from_rpe(row.rpe)
        session.sets.append(
            PlannedSet(
                where=f"Line {row.line}",
                key=key(source, "set", *identity, seen[identity]),
                source_name=row.exercise,
                exercise=mapped.exercise,
                exercise_name=mapped.exercise_name,
                load_kg=load,
                reps=row.reps,
                rir=rirs[row.rpe],
                equipment=mapped.equipment,
            )
        )
        if row.notes and (session.key, row.exercise, row.notes) not in noted:
            noted.add((session.key, row.exercise, row.notes))
            label = (
                row.exercise
                if parsed.notes_per_exercise
                else f"{row.exercise}, set {row.set_order}"
            )
            if len(session.notes) < NOTES_LENGTH - 1:
                session.notes = _notes(session.notes, f"{label}: {row.notes}")
    plan.skipped.sort(key=lambda s: s.line)
    plan.sessions = [s for s, _ in workouts.values() if s.sets]
    return plan


def _skip_reason(row: SourceSet, load_kg: Decimal) -> str:
    if row.warmup:
        return "warm-up set (Thrustlog logs working sets)"
    if row.weight < 0:
        return "negative weight (an assisted exercise)"
    if load_kg > MAX_LOAD_KG:
        return f"weight over {MAX_LOAD_KG} kg"
    if row.reps < 0:
        return "negative reps"
    if row.reps > MAX_REPS:
        return f"more than {MAX_REPS} reps"
    return ""


def _end(row: SourceSet) -> datetime:
    if row.ended is not None and row.ended >= row.started:
        return row.ended
    return row.started + row.duration if row.duration else row.started


def _notes(*parts: Iterable[str] | str) -> str:
    text = "\n".join(p for p in parts if isinstance(p, str) and p.strip())
    return text if len(text) <= NOTES_LENGTH else text[: NOTES_LENGTH - 1] + "…"
