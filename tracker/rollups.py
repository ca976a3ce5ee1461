"""Weekly roll-ups: each athlete's log summed per week once, when it changes, not on every read.

A `WeekRollup` row holds one week of one athlete: `rows`, the week's log in compact form (its
sessions, sets and pain reports, the fields the sums need), and `summary`, the sums the advice
(advice.services.history_of) and the charts (tracker.aggregates.chart_rows) read. Reading three
years of history is then one query over about 150 small rows instead of every set and report.

Kept in the same transaction as each write: `batch()` collects the weeks a service touches and
sums them again before its transaction ends; a row written outside a batch (a test's factory,
the admin) is summed at once through the model signals (tracker/signals.py). Bulk writes send no
signals: the importer calls `refresh` itself, and `manage.py rebuild_rollups` sums every week
again from the log.

`summarise` is the one place that says what a week's sums are, the same arithmetic as the raw
reads in tracker.aggregates (which the tests keep as the reference): pain in a set belongs to
that set's exercise and setup, pain after the session or the next morning to every setup value
of the session's hip-thrust sets, pain on other exercises is kept apart by name.
"""

from __future__ import annotations

import json
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import connection, transaction
from django.db.models import Q, TextField
from django.db.models.functions import Cast

from tracker.choices import COMPARED_SETUP_FIELDS, HIP_THRUST_FAMILY, SETUP_FIELDS, PainTiming
from tracker.models import PainReport, Set, TrainingSession, WeekRollup
from tracker.validators import history_bounds

OTHER_EXERCISE = "another exercise"  # pain in a set of an exercise the athlete did not name
ONE_SIDE = frozenset({"left", "right"})
WEEK_DAYS = 6  # a week runs from its Monday to six days later
# Refreshing more weeks than this reads the athlete's log between the first and the last
# in one range rather than week by week (an import touches hundreds of weeks).
MANY_WEEKS = 12
# The advice takes volume ratios of loads read to this step, as it reads top sets
# (advice.trends.LOADABLE_KG; a test keeps them equal): 5 lb steps and 2.5 kg steps then agree.
LOADABLE_KG = Decimal("2.5")

Summary = dict[str, Any]
WeekRows = dict[str, list[list[Any]]]

# Positions in the compact rows (lists keep the JSON small and quick to read).
S_ID, S_DATE, S_HEIGHT, S_STABLE, S_CHECKED, S_SYMPTOMS = range(6)
T_SESSION, T_EXERCISE, T_NAME, T_PADDING, T_FOOT, T_STANCE, T_EQUIPMENT, T_LOAD, T_REPS = range(9)
P_ID, P_SESSION, P_REGION, P_TIMING, P_SCORE, P_CHARACTER, P_SIDE, P_SET_EXERCISE = range(8)
P_SET_NAME = 8  # then the set's setup, in SETUP_FIELDS order (None for pain outside a set)


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _day(value: date | datetime | str) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, str):
        return date.fromisoformat(value)
    return value


# --- what a week's sums are -----------------------------------------------------------------


def _load(sets: list[list[Any]]) -> list[Any] | None:
    """Top load, volume, sets, sessions, best Epley estimate and loadable volume of the
    hip-thrust sets (rows summed before the loadable volume have five)."""
    family = [s for s in sets if s[T_EXERCISE] in HIP_THRUST_FAMILY]
    if not family:
        return None
    loads = [(Decimal(s[T_LOAD]), s[T_REPS]) for s in family]
    # Epley in floating point, in the order SQL computes it: load x (30 + reps) / 30.
    e1rms = [float(load) * (30.0 + reps) / 30.0 for load, reps in loads if reps <= 10]
    return [
        str(max(load for load, _ in loads)),
        str(sum((load * reps for load, reps in loads), Decimal(0))),
        len(family),
        len({s[T_SESSION] for s in family}),
        max(e1rms) if e1rms else None,
        str(sum((loadable(load) * reps for load, reps in loads), Decimal(0))),
    ]


def loadable(kg: Decimal) -> Decimal:
    """A load read to the nearest LOADABLE_KG (halves up): 220 lb (99.79 kg) as 100 kg."""
    return (kg / LOADABLE_KG).quantize(Decimal(1), ROUND_HALF_UP) * LOADABLE_KG


class Cells:
    """Worst score, score sum and report count per key, in the order keys first came."""

    def __init__(self) -> None:
        self.cells: dict[tuple, list[int]] = {}

    def add(self, key: tuple, score: int) -> None:
        cell = self.cells.setdefault(key, [0, 0, 0])
        cell[0] = max(cell[0], score)
        cell[1] += score
        cell[2] += 1

    def rows(self, *, ordered: bool = False) -> list[list[Any]]:
        keys = sorted(self.cells) if ordered else list(self.cells)
        return [[*key, *self.cells[key]] for key in keys]


def summarise(rows: WeekRows) -> tuple[Summary, Summary]:
    """One week's sums from its compact rows: what the advice reads, and what the charts read.

    Keys first seen earlier come first (sessions by date and id, pain reports by session,
    region, timing, score, character and id), as the raw reads order them.
    """
    sessions = sorted(rows["sessions"], key=lambda s: (s[S_DATE], s[S_ID]))
    day_of = {s[S_ID]: s[S_DATE] for s in sessions}
    sets = [s for s in rows["sets"] if s[T_SESSION] in day_of]
    combos = Counter(
        (day_of[s[T_SESSION]], s[T_SESSION], s[T_EXERCISE], s[T_NAME], *s[T_PADDING:T_LOAD])
        for s in sets
    )
    setups: dict[tuple[str, str], int] = {}
    setup_of: dict[int, set[tuple[str, str]]] = defaultdict(set)
    others: dict[int, list[str]] = defaultdict(list)
    for key in sorted(combos):
        _, session, exercise, name, *setup = key
        if exercise not in HIP_THRUST_FAMILY:
            others[session].append(name or OTHER_EXERCISE)
            continue
        listed = [("exercise", exercise)]
        # An unknown setup (imported history) says nothing.
        listed += [(f, v) for f, v in zip(SETUP_FIELDS, setup, strict=True) if v]
        for field_value in listed:
            setups[field_value] = setups.get(field_value, 0) + combos[key]
        setup_of[session].update(listed)

    pains, characters, setup_pains, sided = Cells(), Cells(), Cells(), Cells()
    chart_pains, chart_setup_pains = Cells(), Cells()
    other_pains: list[list[Any]] = []
    worst: dict[int, int] = {}
    reports = sorted(
        (p for p in rows["pains"] if p[P_SESSION] in day_of),
        key=lambda p: (day_of[p[P_SESSION]], *p[P_SESSION:P_SIDE], p[P_ID]),
    )
    for p in reports:
        session, region, timing, score, character = p[P_SESSION:P_SIDE]
        set_exercise = p[P_SET_EXERCISE]
        worst[session] = max(worst.get(session, score), score)
        chart_pains.add((region, timing, character), score)
        in_set = set_exercise is not None
        set_setup = p[P_SET_NAME + 1 :]
        if in_set and timing == PainTiming.DURING and set_exercise in HIP_THRUST_FAMILY:
            chart_setup_pains.add((region, *set_setup[: len(COMPARED_SETUP_FIELDS)]), score)
        if in_set and set_exercise not in HIP_THRUST_FAMILY:
            name = p[P_SET_NAME] or OTHER_EXERCISE
        elif not in_set and session in others and session not in setup_of:
            name = " and ".join(sorted(set(others[session])))
        else:
            name = ""
        if name:
            other_pains.append([day_of[session], region, timing, score, name, character])
            continue
        pains.add((region, timing), score)
        if character:
            characters.add((region, character, timing), score)
        if in_set:
            used: set[tuple[str, str]] = {("exercise", set_exercise)}
            used |= {(f, v) for f, v in zip(SETUP_FIELDS, set_setup, strict=True) if v}
        else:
            used = setup_of.get(session, set())
        for field, value in sorted(used):  # a set's order differs between processes
            setup_pains.add((field, value, region), score)
            if field == "exercise" and p[P_SIDE] in ONE_SIDE:
                sided.add((region, p[P_SIDE], value), score)

    family = [s for s in sets if s[T_EXERCISE] in HIP_THRUST_FAMILY]
    compared = Counter(tuple(s[T_PADDING : T_PADDING + len(COMPARED_SETUP_FIELDS)]) for s in family)
    load = _load(sets)
    return {
        # What the advice reads (advice.history), keys without the week.
        "load": load,
        "pains": pains.rows(),
        "characters": [[r, c, n, m, t] for r, c, t, m, _, n in characters.rows()],
        "setups": [[f, v, n] for (f, v), n in setups.items()],
        "setup_pains": setup_pains.rows(),
        "sided": [[r, side, e, m, n] for r, side, e, m, _, n in sided.rows()],
        "benches": [
            [
                s[S_DATE],
                s[S_HEIGHT],
                s[S_STABLE],
                worst.get(s[S_ID]),
                s[S_CHECKED],
            ]
            for s in sessions
        ],
        "symptoms": [[s[S_DATE], kind] for s in sessions for kind in s[S_SYMPTOMS]],
        "other_pains": other_pains,
    }, {
        # What the charts read: the load again (a small copy, so they read one column), every
        # pain report, sessions with any set, and the compared setups of hip-thrust sets with
        # the pain felt in them.
        "load": load,
        "chart_pains": chart_pains.rows(ordered=True),
        "set_sessions": len({s[T_SESSION] for s in sets}),
        "combos": [[*combo, n] for combo, n in sorted(compared.items())],
        "combo_pains": chart_setup_pains.rows(ordered=True),
    }


# --- reading a week's log -------------------------------------------------------------------


def _week_end(week: date) -> date:
    """The Sunday of a week (the calendar's last day for its last week)."""
    return week + timedelta(days=min(WEEK_DAYS, (date.max - week).days))


def _in_weeks(field: str, weeks: list[date] | None, until: date | None) -> Q:
    where = Q()
    if weeks:
        if len(weeks) > MANY_WEEKS:
            where &= Q(**{f"{field}__range": (weeks[0], _week_end(weeks[-1]))})
        else:
            spans = Q()
            for week in weeks:
                spans |= Q(**{f"{field}__range": (week, _week_end(week))})
            where &= spans
    if until is not None:
        where &= Q(**{f"{field}__lte": until})
    return where


def read_weeks(
    athlete_id: int, weeks: list[date] | None = None, *, until: date | None = None
) -> dict[date, WeekRows]:
    """The compact rows of the athlete's log in `weeks` (None: all), by week; three queries."""
    wanted = set(weeks) if weeks else None
    by_week: dict[date, WeekRows] = {}
    week_of: dict[int, date] = {}
    sessions = TrainingSession.objects.filter(
        _in_weeks("date", weeks, until), athlete_id=athlete_id
    ).order_by("date", "id", "symptoms__kind")
    last: dict[int, list[Any]] = {}
    for sid, day, height, stable, checked, kind in sessions.values_list(
        "id", "date", "bench_height_cm", "bench_stable", "checked_in_at", "symptoms__kind"
    ):
        week = monday(day)
        if wanted is not None and week not in wanted:
            continue
        if sid not in last:
            last[sid] = [sid, day.isoformat(), height, stable, checked is not None, []]
            week_of[sid] = week
            by_week.setdefault(week, {"sessions": [], "sets": [], "pains": []})
            by_week[week]["sessions"].append(last[sid])
        if kind:
            last[sid][S_SYMPTOMS].append(kind)
    in_weeks = _in_weeks("session__date", weeks, until)
    for row in (
        Set.objects.filter(in_weeks, athlete_id=athlete_id)
        .order_by("id")
        .values_list("session_id", "exercise", "exercise_name", *SETUP_FIELDS, "load_kg", "reps")
    ):
        if row[T_SESSION] in week_of:
            item = list(row)
            item[T_LOAD] = str(item[T_LOAD])
            by_week[week_of[row[T_SESSION]]]["sets"].append(item)
    for row in (
        PainReport.objects.filter(in_weeks, athlete_id=athlete_id)
        .order_by("id")
        .values_list(
            "id",
            "session_id",
            "region",
            "timing",
            "score",
            "character",
            "side",
            "set__exercise",
            "set__exercise_name",
            *(f"set__{f}" for f in SETUP_FIELDS),
        )
    ):
        if row[P_SESSION] in week_of:
            by_week[week_of[row[P_SESSION]]]["pains"].append(list(row))
    return by_week


# --- keeping them -----------------------------------------------------------------------------


def _row(athlete_id: int, week: date, rows: WeekRows) -> WeekRollup:
    summary, charts = summarise(rows)
    sums: dict[str, Any] = {"summary": summary, "charts": charts, "rows": rows}  # JSON text
    return WeekRollup(
        athlete_id=athlete_id,
        week=week,
        last_day=max(_day(s[S_DATE]) for s in rows["sessions"]),
        **sums,
    )


def save(rollups: list[WeekRollup]) -> None:
    """Insert or replace these weeks' rows (one statement)."""
    if rollups:
        WeekRollup.objects.bulk_create(
            rollups,
            update_conflicts=True,
            unique_fields=["athlete", "week"],
            update_fields=["last_day", "summary", "charts", "rows"],
        )


def refresh(athlete_id: int, weeks: Iterable[date]) -> None:
    """Sum these weeks of the athlete's log again (a week left without sessions loses its
    row): three reads and one or two writes, however many weeks."""
    wanted = sorted({monday(_day(w)) for w in weeks})
    if not wanted:
        return
    found = read_weeks(athlete_id, wanted)
    save([_row(athlete_id, week, rows) for week, rows in found.items()])
    empty = [week for week in wanted if week not in found]
    if empty:
        WeekRollup.objects.filter(athlete_id=athlete_id, week__in=empty).delete()


@transaction.atomic
def rebuild(athlete_id: int) -> int:
    """Sum every week of the athlete's log again; the number of weeks."""
    found = read_weeks(athlete_id)
    WeekRollup.objects.filter(athlete_id=athlete_id).exclude(week__in=list(found)).delete()
    save([_row(athlete_id, week, rows) for week, rows in found.items()])
    return len(found)


# --- a set logged: the hot path ---------------------------------------------------------------

# The week row of a session, locked (with the session, on PostgreSQL: two sets logged at once
# into the same week take turns, and the second reads what the first wrote). SQLite takes one
# writer at a time (transaction_mode IMMEDIATE), so it needs no lock.
_LOCK_WEEK = {
    "postgresql": (
        "SELECT r.id, r.rows FROM tracker_trainingsession s JOIN tracker_weekrollup r "
        "ON r.athlete_id = s.athlete_id AND r.week = CAST(DATE_TRUNC('week', s.date) AS date) "
        "WHERE s.id = %s AND s.athlete_id = %s FOR UPDATE"
    ),
    "sqlite": (
        "SELECT r.id, r.rows FROM tracker_trainingsession s JOIN tracker_weekrollup r "
        "ON r.athlete_id = s.athlete_id AND r.week = date(s.date, 'weekday 0', '-6 days') "
        "WHERE s.id = %s AND s.athlete_id = %s"
    ),
}


class LockedWeek:
    """The roll-up of one session's week, locked until the transaction ends."""

    def __init__(self, pk: int, rows: WeekRows, session_id: int) -> None:
        self.pk = pk
        self.rows = rows
        self.session_id = session_id

    def add(self, sets: list[Set], pains: list[PainReport]) -> None:
        """Add a set (and the pain felt in it) to the week's rows and sums: one UPDATE."""
        for logged in sets:
            self.rows["sets"].append(
                [
                    logged.session_id,
                    logged.exercise,
                    logged.exercise_name,
                    *(getattr(logged, f) for f in SETUP_FIELDS),
                    str(Decimal(logged.load_kg).quantize(Decimal("0.01"))),
                    logged.reps,
                ]
            )
        for report in pains:
            in_set = report.set
            self.rows["pains"].append(
                [
                    report.pk,
                    report.session_id,
                    report.region,
                    report.timing,
                    report.score,
                    report.character,
                    report.side,
                    *(
                        [in_set.exercise, in_set.exercise_name]
                        + [getattr(in_set, f) for f in SETUP_FIELDS]
                        if in_set is not None
                        else [None] * (2 + len(SETUP_FIELDS))
                    ),
                ]
            )
        summary, charts = summarise(self.rows)
        WeekRollup.objects.filter(pk=self.pk).update(summary=summary, charts=charts, rows=self.rows)


def lock_week(athlete_id: int, session_id: int) -> LockedWeek | None:
    """The week row of the athlete's session, locked: one query. None when the session is
    not the athlete's, or its week has no row yet (summed the long way then)."""
    with connection.cursor() as cursor:
        cursor.execute(_LOCK_WEEK[connection.vendor], [session_id, athlete_id])
        found = cursor.fetchone()
    if found is None:
        return None
    pk, rows = found
    rows = json.loads(rows) if isinstance(rows, str | bytes) else rows
    if not any(s[S_ID] == session_id for s in rows["sessions"]):
        return None  # a row older than its session: let `refresh` sum it again
    return LockedWeek(pk, rows, session_id)


# --- reading them ------------------------------------------------------------------------------


def summaries(
    athlete_id: int, *, since: date | None = None, charts: bool = False
) -> list[tuple[date, Summary]]:
    """The athlete's weekly sums for the advice (or with `charts`, for the charts), oldest
    first, from `since` (a Monday; None: all), within the dates pages read
    (tracker.validators.history_bounds): one query."""
    return [
        (week, json.loads(text))
        for week, text in summary_texts(athlete_id, since=since, charts=charts)
    ]


def summary_texts(
    athlete_id: int, *, since: date | None = None, charts: bool = False
) -> list[tuple[date, str]]:
    """`summaries` as the JSON text they are stored in, not yet read: for a reader that
    compares weeks it has already read (the advice's frozen weeks) before reading them.

    1900-01-01 is a Monday, so only the last week can hold a day past the bounds (a row
    stored before the doors refused such dates); that week is summed again without it.
    """
    earliest, latest = history_bounds()
    column = "charts" if charts else "summary"
    found = list(
        WeekRollup.objects.filter(
            athlete_id=athlete_id, week__range=(max(earliest, since or earliest), latest)
        )
        .order_by("week")
        .values_list("week", "last_day", Cast(column, output_field=TextField()))
    )
    weeks = [(week, text) for week, _, text in found]
    if found and found[-1][1] > latest:
        week = found[-1][0]
        rows = read_weeks(athlete_id, [week], until=latest).get(week)
        weeks[-1:] = [(week, _text(summarise(rows)[1 if charts else 0]))] if rows else []
    return weeks


def _text(summary: Summary) -> str:
    return json.dumps(summary, separators=(",", ":"))


# --- when the log changes ------------------------------------------------------------------------


class _Pending:
    """Weeks to sum again before the transaction ends: by athlete, or by session (resolved
    in one query when the rows only knew their session's id)."""

    def __init__(self) -> None:
        self.weeks: dict[int, set[date]] = defaultdict(set)
        self.sessions: set[int] = set()

    def flush(self) -> None:
        if self.sessions:
            for athlete_id, day in TrainingSession.objects.filter(pk__in=self.sessions).values_list(
                "athlete_id", "date"
            ):
                self.weeks[athlete_id].add(monday(day))
        leaving = _leaving()
        for athlete_id, weeks in sorted(self.weeks.items()):
            if athlete_id not in leaving:
                refresh(athlete_id, weeks)


_local = threading.local()  # connections, and so transactions, are per thread


LEAVING_SECONDS = 300.0  # a deletion that failed (rolled back) stops counting after this


def _leaving() -> set[int]:
    """Accounts this thread is deleting now (see `leaving`)."""
    if not hasattr(_local, "leaving"):
        _local.leaving = {}
    now = time.monotonic()
    return {pk for pk, since in _local.leaving.items() if now - since < LEAVING_SECONDS}


@contextmanager
def batch() -> Iterator[None]:
    """A transaction whose changes to the log are summed once, at its end (nested: the
    outermost sums). Nothing is summed when it fails."""
    if getattr(_local, "pending", None) is not None:
        with transaction.atomic():
            yield
        return
    with transaction.atomic():
        _local.pending = _Pending()
        try:
            yield
            pending, _local.pending = _local.pending, None
            pending.flush()
        finally:
            _local.pending = None


def touch(athlete_id: int | None, day: date | datetime | str | None) -> None:
    """The athlete's log changed on `day`: sum that week again (at the batch's end, or now)."""
    if athlete_id is None or day is None:
        return
    pending = getattr(_local, "pending", None)
    if pending is None:
        if athlete_id not in _leaving():
            refresh(athlete_id, [_day(day)])
        return
    pending.weeks[athlete_id].add(monday(_day(day)))


def touch_session(session_id: int | None) -> None:
    """A row of this session changed (its date not at hand)."""
    if session_id is None:
        return
    pending = getattr(_local, "pending", None)
    if pending is not None:
        pending.sessions.add(session_id)
        return
    now = _Pending()
    now.sessions.add(session_id)
    now.flush()


def leaving(athlete_id: int, *, gone: bool = False) -> None:
    """An account is being deleted (until `gone`): its rows go, and its roll-ups with them,
    unsummed (summing them meanwhile would write a row for an account about to vanish)."""
    _leaving()  # makes the table
    if gone:
        _local.leaving.pop(athlete_id, None)
    else:
        _local.leaving[athlete_id] = time.monotonic()
