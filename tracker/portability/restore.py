"""A Thrustlog export (export.json, alone or in the export's ZIP) -> a plan, so an athlete can
move their history to another account or server and get the same log back.

Everything the athlete logged comes back: sessions with bench, notes, red flags, finish and
check-in times; sets with position, exercise, load, setup; pain reports of every timing, tied
to their sets. Coaches' comments are the coaches' writing and stay out (counted). Values are
checked by the model's own field rules when stored (importer.py); here only the shape.
"""

from datetime import date, datetime
from typing import Any
from uuid import UUID

from django.utils.dateparse import parse_datetime

from tracker.portability.plan import Plan, PlannedPain, PlannedSession, PlannedSet, key
from tracker.portability.sources import ImportFileError
from tracker.validators import session_date_problem

SOURCE = "Thrustlog"


def from_document(document: dict[str, Any], *, today: date) -> Plan:
    sessions = document.get("sessions")
    if not isinstance(sessions, list):
        raise ImportFileError('The export has no "sessions" list.')
    athlete = document.get("athlete")
    exported_by = athlete.get("id") if isinstance(athlete, dict) else None
    comments = document.get("comments")
    plan = Plan(
        source=SOURCE,
        layout=f"export format {document.get('version', '?')}",
        unit="kg",
        unit_in_file=True,
        exported_by=exported_by if isinstance(exported_by, int) else None,
        comments_left_out=len(comments) if isinstance(comments, list) else 0,
    )
    # The export lists newest first; storing oldest first keeps the order of same-day sessions.
    for number, raw in reversed(list(enumerate(sessions, start=1))):
        plan.sessions.append(_session(_object(raw, f"Session {number}"), number, today))
    _check_unique(plan)
    return plan


def _check_unique(plan: Plan) -> None:
    """Ids the database holds unique: a doctored export is refused, not half stored."""
    seen: set[tuple[str, UUID]] = set()

    def once(kind: str, value: UUID, where: str) -> None:
        if (kind, value) in seen:
            raise ImportFileError(f"{where}: the {kind} id {value} appears twice in the export.")
        seen.add((kind, value))

    for session in plan.sessions:
        once("session", session.key, session.where)
        positions: set[object] = set()
        for item in session.sets:
            once("set", item.key, item.where)
            if item.position in positions:
                raise ImportFileError(f"{item.where}: two sets have position {item.position}.")
            positions.add(item.position)
            for pain in item.pain:
                once("pain report", pain.key, item.where)
        for pain in session.pain:
            once("pain report", pain.key, session.where)


def _session(raw: dict[str, Any], number: int, today: date) -> PlannedSession:
    where = f"Session {number}"
    day = _date(raw.get("date"), where)
    problem = session_date_problem(day, today=today)
    if problem is not None:
        raise ImportFileError(f"{where}: {problem}")
    pk = raw.get("id")
    session = PlannedSession(
        where=where,
        key=_key_of(raw, "session", where),
        date=day,
        notes=_text(raw.get("notes", ""), where),
        finished_at=_moment(raw.get("finished_at"), where),
        checked_in_at=_moment(raw.get("checked_in_at"), where),
        bench_height_cm=raw.get("bench_height_cm"),
        bench_stable=raw.get("bench_stable"),
        symptoms=[_text(s, where) for s in _list(raw.get("symptoms", []), where)],
        original_pk=pk if isinstance(pk, int) else None,
    )
    by_id: dict[object, PlannedSet] = {}
    for index, item in enumerate(_list(raw.get("sets", []), where), start=1):
        logged = _object(item, f"{where}, set {index}")
        planned = _set(logged, f"{where}, set {index}")
        session.sets.append(planned)
        by_id[logged.get("id")] = planned
    for index, item in enumerate(_list(raw.get("pain_reports", []), where), start=1):
        report = _object(item, f"{where}, pain report {index}")
        pain = PlannedPain(
            key=_key_of(report, "pain", f"{where}, pain report {index}"),
            region=_as_written(report, "region"),
            score=_as_written(report, "score"),
            timing=_as_written(report, "timing"),
            character=_text(report.get("character", ""), where),
            side=_text(report.get("side", ""), where),
        )
        target = report.get("set")
        if target is None:
            session.pain.append(pain)
        elif target in by_id:
            by_id[target].pain.append(pain)
        else:
            raise ImportFileError(f"{where}, pain report {index}: its set is not in the session.")
    return session


def _set(raw: dict[str, Any], where: str) -> PlannedSet:
    name = _text(raw.get("exercise_name", ""), where)
    position = raw.get("position")
    if isinstance(position, bool) or not isinstance(position, int):
        raise ImportFileError(f"{where}: the position should be a whole number.")
    return PlannedSet(
        where=where,
        key=_key_of(raw, "set", where),
        source_name=name or str(raw.get("exercise", "")),
        exercise=_as_written(raw, "exercise"),
        exercise_name=name,
        load_kg=_as_written(raw, "load_kg"),
        reps=_as_written(raw, "reps"),
        rir=_as_written(raw, "rir"),
        position=position,
        foot_distance=_text(raw.get("foot_distance", ""), where),
        stance_width=_text(raw.get("stance_width", ""), where),
        padding=_text(raw.get("padding", ""), where),
        equipment=_text(raw.get("equipment", ""), where),
    )


def _as_written(item: dict[str, Any], key: str) -> Any:
    """A value as the file wrote it (None when missing), unchecked here: the importer runs
    the model's own validation on every row and refuses a wrong value naming its row."""
    return item.get(key)


def _key_of(raw: dict[str, Any], kind: str, where: str) -> UUID:
    """The row's own client id when it had one, else one derived from its id in the export."""
    client_id = raw.get("client_id")
    if client_id:
        try:
            return UUID(str(client_id))
        except ValueError:
            raise ImportFileError(f'{where}: client_id "{client_id}" is not a UUID.') from None
    if not isinstance(raw.get("id"), int):
        raise ImportFileError(f"{where}: no id and no client_id.")
    return key("thrustlog", kind, raw["id"])


def _object(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ImportFileError(f"{where}: not an object.")
    return value


def _list(value: Any, where: str) -> list[Any]:
    if not isinstance(value, list):
        raise ImportFileError(f"{where}: a list was expected.")
    return value


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str) or "\x00" in value:
        raise ImportFileError(f"{where}: text was expected.")
    return value


def _date(value: Any, where: str) -> date:
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise ImportFileError(f'{where}: the date "{value}" is not YYYY-MM-DD.') from None


def _moment(value: Any, where: str) -> datetime | None:
    if value is None:
        return None
    try:
        parsed = parse_datetime(value) if isinstance(value, str) else None
    except ValueError:
        parsed = None
    if parsed is None or parsed.tzinfo is None:
        raise ImportFileError(f'{where}: "{value}" is not a date and time with its offset.')
    return parsed
