"""Preview and import: the one place an import writes the training log.

Guarantees (the same rules as tracker.services, in bulk):
- Everything stored belongs to the importing athlete; nothing of anyone else's is read.
- Every row passes the model's own field rules (choices, ranges, lengths) before the first
  insert; a row that does not is an error naming its line, and nothing is stored.
- One transaction: the whole file, or nothing. Bulk inserts, a fixed number of queries per
  thousand rows, never a save() per row.
- A row whose stable key (client_id) is already stored for the athlete is not stored again, and
  a workout already imported is left as the athlete has it (edited or trimmed): importing the
  same file twice adds nothing the second time.
"""

import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction

from tracker import queries, rollups, services
from tracker.models import PainReport, Set, Symptom, TrainingSession
from tracker.portability import fitnotes, hevy, reading, restore, strong
from tracker.portability.plan import Plan, PlannedSession, from_rows, plates_say, resolve_unit
from tracker.portability.sources import ImportFileError, Progress, Table
from tracker.signals import announce_log_changed

BATCH = 1000
LOOKUP_CHUNK = 2000  # ids per IN (...): well under SQLite's limit on parameters
# Hevy's and FitNotes' column names are their own; Strong's may be in any language and is
# also recognised by the shape of its columns, so it is tried last.
PARSERS = (hevy, fitnotes, strong)
WRONG_FORMAT = (
    "This is not a Strong, Hevy or FitNotes export: its first line should name columns such "
    'as "Exercise Name" and "Set Order" (Strong), "exercise_title" and "set_index" (Hevy) or '
    '"Exercise" and "Category" (FitNotes).'
)


@dataclass(frozen=True)
class Outcome:
    """What an import added (or, for a preview, would add), and what the file held."""

    plan: Plan
    sessions: int
    sets: int
    already_sessions: int
    already_sets: int

    @property
    def skipped(self) -> int:
        return len(self.plan.skipped)

    @property
    def first_date(self) -> date | None:
        return self.plan.first_date

    @property
    def last_date(self) -> date | None:
        return self.plan.last_date


def plan_for(
    athlete: User,
    data: bytes,
    *,
    unit: str | None = None,
    progress: Progress | None = None,
) -> Plan:
    """Read and map a file (raises ImportFileError); stores nothing. `unit` is the athlete's
    explicit choice for weights the file does not qualify (None: let the file tell)."""
    upload = reading.read(data)
    today = queries.today_for(athlete)
    if upload.document is not None:
        plan = restore.from_document(upload.document, today=today)
        if not plan.sessions:
            raise ImportFileError("The export holds no sessions.")
        return plan
    halves = _halves(progress)
    table = Table.of(upload.text, progress=halves[0])
    parser = next((p for p in PARSERS if p.recognises(table)), None)
    if parser is None:
        raise ImportFileError(WRONG_FORMAT, line=1)
    profile = services.profile_for(athlete)
    zone = profile.time_zone if profile.time_zone in zoneinfo.available_timezones() else "UTC"
    parsed = parser.parse(table)
    read_unit, reason = resolve_unit(parsed, chosen=unit, own=profile.unit)
    plan = from_rows(
        parsed, unit=read_unit, unit_reason=reason, zone=zone, today=today, progress=halves[1]
    )
    suggested = plates_say(parsed) if reason == "chosen" else None
    plan.plates_say = suggested if suggested and suggested != read_unit else ""
    if not plan.sessions:
        why = "; ".join(f"{n} {reason}" for reason, n, _ in plan.skipped_reasons())
        raise ImportFileError(f"The file holds no sets to import ({why or 'no rows'}).")
    return plan


def _halves(progress: Progress | None) -> tuple[Progress | None, Progress | None]:
    """Reading the rows is the first half of planning, mapping them the second."""
    if progress is None:
        return None, None
    return (lambda share: progress(share / 2)), (lambda share: progress(0.5 + share / 2))


def preview(
    athlete: User,
    data: bytes,
    *,
    unit: str | None = None,
    progress: Progress | None = None,
) -> Outcome:
    plan = plan_for(athlete, data, unit=unit, progress=progress)
    new = _new_sessions(athlete, plan)
    return _outcome(plan, new, _unstored_sets(athlete, new))


def import_file(
    athlete: User,
    data: bytes,
    *,
    unit: str | None = None,
    progress: Progress | None = None,
) -> Outcome:
    """Store the file's sessions and sets that are not stored yet, all or nothing."""
    return store(athlete, plan_for(athlete, data, unit=unit, progress=progress))


def store(athlete: User, plan: Plan) -> Outcome:
    """Store a plan's rows that are not stored yet, in one transaction."""
    try:
        return _store(athlete, plan)
    except IntegrityError:
        pass
    # The same file imported at the same moment (a double tap): one import won; this one now
    # finds its rows stored and adds nothing.
    try:
        return _store(athlete, plan)
    except IntegrityError:
        raise ImportFileError("The file clashes with rows already in your log.") from None


def _outcome(plan: Plan, new: list[PlannedSession], sets: int) -> Outcome:
    return Outcome(
        plan=plan,
        sessions=len(new),
        sets=sets,
        already_sessions=len(plan.sessions) - len(new),
        already_sets=plan.set_count - sets,
    )


def _in_chunks(model: type[models.Model], athlete: User, keys: list[UUID]) -> set:
    found: set[UUID] = set()
    for start in range(0, len(keys), LOOKUP_CHUNK):
        chunk = keys[start : start + LOOKUP_CHUNK]
        rows = model._default_manager.filter(athlete=athlete, client_id__in=chunk)
        found.update(rows.values_list("client_id", flat=True))
    return found


def _new_sessions(athlete: User, plan: Plan) -> list[PlannedSession]:
    stored = _in_chunks(TrainingSession, athlete, [s.key for s in plan.sessions])
    if plan.exported_by == athlete.pk:
        # The athlete's own export back into the same account: rows still there are there.
        own = set(queries.sessions_of(athlete).values_list("pk", flat=True))
        return [s for s in plan.sessions if s.key not in stored and s.original_pk not in own]
    return [s for s in plan.sessions if s.key not in stored]


def _unstored_sets(athlete: User, sessions: list[PlannedSession]) -> int:
    keys = [p.key for s in sessions for p in s.sets]
    return len(keys) - len(_in_chunks(Set, athlete, keys))


@transaction.atomic
def _store(athlete: User, plan: Plan) -> Outcome:
    new = _new_sessions(athlete, plan)
    stored_sets = _in_chunks(Set, athlete, [p.key for s in new for p in s.sets])
    sessions = [_session_row(athlete, s) for s in new]
    TrainingSession.objects.bulk_create(sessions, batch_size=BATCH)
    _ensure_pks(athlete, sessions)
    sets: list[Set] = []
    pain: list[PainReport] = []
    symptoms: list[Symptom] = []
    for planned, row in zip(new, sessions, strict=True):
        symptoms += [Symptom(session=row, kind=kind) for kind in sorted(set(planned.symptoms))]
        pain += [_pain_row(athlete, row, None, p, planned.where) for p in planned.pain]
        fresh = [p for p in planned.sets if p.key not in stored_sets]
        for position, item in enumerate(fresh, start=1):
            logged = Set(
                athlete=athlete,
                session=row,
                position=item.position if item.position is not None else position,
                client_id=item.key,
                **{f: getattr(item, f) for f in _SET_FIELDS},
            )
            _check(logged, item.where)
            sets.append(logged)
            pain += [_pain_row(athlete, row, logged, p, item.where) for p in item.pain]
    for symptom in symptoms:
        _check(symptom, f"Red flag {symptom.kind!r}")
    Set.objects.bulk_create(sets, batch_size=BATCH)
    _ensure_pks(athlete, sets)
    for report in pain:
        report.set_id = report.set.pk if report.set is not None else None
    PainReport.objects.bulk_create(pain, batch_size=BATCH)
    Symptom.objects.bulk_create(symptoms, batch_size=BATCH)
    if sessions:
        # Bulk writes send no model signals: sum the weeks they reach (in this transaction),
        # tell the advice cache and the coaches' rows.
        rollups.refresh(athlete.pk, [row.date for row in sessions])
        announce_log_changed(athlete.pk)
    return _outcome(plan, new, len(sets))


_SET_FIELDS = (
    "exercise", "exercise_name", "load_kg", "reps", "rir",
    "foot_distance", "stance_width", "padding", "equipment",
)  # fmt: skip


def _session_row(athlete: User, planned: PlannedSession) -> TrainingSession:
    row = TrainingSession(
        athlete=athlete,
        date=planned.date,
        client_id=planned.key,
        notes=planned.notes,
        finished_at=planned.finished_at,
        checked_in_at=planned.checked_in_at,
        bench_height_cm=planned.bench_height_cm,
        bench_stable=planned.bench_stable,
    )
    _check(row, planned.where)
    return row


def _pain_row(
    athlete: User, session: TrainingSession, logged: Set | None, p: Any, where: str
) -> PainReport:
    report = PainReport(
        athlete=athlete,
        session=session,
        set=logged,
        region=p.region,
        score=p.score,
        timing=p.timing,
        character=p.character,
        side=p.side,
        client_id=p.key,
    )
    _check(report, f"{where}, pain")
    return report


_RELATIONS = {"id", "athlete", "session", "set", "created", "updated"}


def _check(row: models.Model, where: str) -> None:
    """The model's field rules (choices, ranges, lengths, types), without a query."""
    try:
        row.clean_fields(exclude=_RELATIONS)
    except ValidationError as error:
        problems = "; ".join(
            f"{name.replace('_', ' ')}: {' '.join(messages)}"
            for name, messages in error.message_dict.items()
        )
        raise ImportFileError(f"{where[:1].upper()}{where[1:]}: {problems}") from None


def _ensure_pks(athlete: User, rows: Iterable[TrainingSession | Set]) -> None:
    """Backends that cannot return ids from a bulk insert: look them up by client_id."""
    missing = [r for r in rows if r.pk is None]
    if not missing:
        return
    model = type(missing[0])
    ids = dict(
        model._default_manager.filter(
            athlete=athlete, client_id__in=[r.client_id for r in missing]
        ).values_list("client_id", "pk")
    )
    for row in missing:
        row.pk = ids[row.client_id]
