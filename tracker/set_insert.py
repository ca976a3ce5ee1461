"""The one INSERT that logs a set: ownership, position, records and idempotency in a statement.

`tracker.services.set_log` calls it with the week's roll-up (and the session) locked, so the
position taken inside the INSERT (MAX + 1, read by this statement after the lock was granted)
is the next free one under PostgreSQL's READ COMMITTED too. The records a set beats are the
same comparisons as `tracker.records.beaten`, made against the athlete's earlier sets of the
exercise in the same statement. A client_id already stored inserts nothing (ON CONFLICT on
the partial unique index): the caller then answers with the stored set.
"""

from decimal import Decimal
from typing import Any
from uuid import UUID

from django.db import connection, models
from django.utils import timezone

from tracker.choices import Exercise
from tracker.models import Set
from tracker.records import EPLEY_MAX_REPS, epley

_COLUMNS = (
    "exercise", "exercise_name", "load_kg", "reps", "rir",
    "foot_distance", "stance_width", "padding", "equipment",
)  # fmt: skip
_FLOAT = {"postgresql": "DOUBLE PRECISION", "sqlite": "REAL"}


def _flags(*, positive: bool, estimate: float | None, named: bool) -> tuple[str, list[str]]:
    """The three record columns as SQL, with the names of their parameters in order."""
    if not positive:  # an empty bar is never a record
        return "FALSE, FALSE, FALSE", []
    same = "FROM tracker_set b WHERE b.athlete_id = s.athlete_id AND b.exercise = %s"
    same_names = ["exercise"]
    if named:
        same += " AND b.exercise_name = %s"
        same_names.append("exercise_name")
    load = f"COALESCE(CAST(%s AS NUMERIC) > (SELECT MAX(b.load_kg) {same}), FALSE)"
    names = ["load_kg", *same_names]
    if estimate is None:
        e1rm = "FALSE"
    else:
        as_float = _FLOAT[connection.vendor]
        # The earlier estimates as tracker.queries.record_baseline reads them, in floating
        # point; an equal set is never better (the same hair of slack as records.beaten).
        best = (
            f"SELECT MAX(CAST(b.load_kg AS {as_float}) * (30.0 + b.reps) / 30.0) {same} "
            f"AND b.reps <= {EPLEY_MAX_REPS}"
        )
        e1rm = f"COALESCE(%s > ({best}) + 1e-6, FALSE)"
        names += ["estimate", *same_names]
    reps = f"COALESCE(%s > (SELECT MAX(b.reps) {same} AND b.load_kg = CAST(%s AS NUMERIC)), FALSE)"
    names += ["reps", *same_names, "load_kg"]
    return f"{load}, {e1rm}, {reps}", names


def insert(
    *, athlete_id: int, session_id: int, client_id: UUID | None, **fields: Any
) -> Set | None:
    """Insert the set into the athlete's session; the set as stored (without reading it
    back), or None when nothing was inserted: the session is not the athlete's, or the
    client_id is stored already (the caller knows which)."""
    load_kg: Decimal = fields["load_kg"]
    estimate = epley(load_kg, fields["reps"])
    flags, flag_names = _flags(
        positive=load_kg > 0,
        estimate=None if estimate is None else float(estimate),
        named=fields["exercise"] == Exercise.OTHER,
    )
    now = timezone.now()
    values = _prepared({**fields, "client_id": client_id, "created": now, "updated": now})
    values["estimate"] = None if estimate is None else float(estimate)
    columns = [*_COLUMNS, "client_id", "created", "updated"]
    sql = (
        "INSERT INTO tracker_set (athlete_id, session_id, position, "
        f"{', '.join(columns)}, load_record, e1rm_record, reps_record) "
        "SELECT s.athlete_id, s.id, "
        "COALESCE((SELECT MAX(p.position) FROM tracker_set p WHERE p.session_id = s.id), 0) + 1, "
        f"{', '.join(['%s'] * len(columns))}, {flags} "
        "FROM tracker_trainingsession s WHERE s.id = %s AND s.athlete_id = %s "
        "ON CONFLICT (athlete_id, client_id) WHERE client_id IS NOT NULL DO NOTHING "
        "RETURNING id, position, load_record, e1rm_record, reps_record"
    )
    params = [values[c] for c in columns] + [values[n] for n in flag_names]
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, session_id, athlete_id])
        row = cursor.fetchone()
    if row is None:
        return None
    pk, position, load_record, e1rm_record, reps_record = row
    logged = Set(
        pk=pk,
        athlete_id=athlete_id,
        session_id=session_id,
        position=position,
        client_id=client_id,
        load_record=bool(load_record),
        e1rm_record=bool(e1rm_record),
        reps_record=bool(reps_record),
        created=now,
        updated=now,
        **fields,
    )
    logged._state.adding = False
    logged._state.db = connection.alias
    return logged


def _prepared(values: dict[str, Any]) -> dict[str, Any]:
    """Each value as the ORM would send it to this database (UUIDs, datetimes, decimals)."""
    prepared = {}
    for name, value in values.items():
        field = Set._meta.get_field(name)
        assert isinstance(field, models.Field)
        prepared[name] = field.get_db_prep_save(value, connection)
    return prepared
