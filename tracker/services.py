"""Every write to the training log goes through here: forms, the API and imports share these rules.

Guarantees: a repeated `client_id` returns the stored row (created=False) and writes nothing;
each function writes all or nothing; rows always belong to the athlete who wrote them.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TypeVar
from uuid import UUID

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db import IntegrityError, models, transaction
from django.db.models import Max
from django.utils import timezone

from tracker import queries, records, rollups, set_insert
from tracker.choices import Exercise, PainTiming
from tracker.models import (
    PainReport,
    Profile,
    Set,
    Symptom,
    SymptomResolution,
    TrainingSession,
)
from tracker.signals import announce_log_changed

M = TypeVar("M", bound=models.Model)


@dataclass(frozen=True)
class PainInput:
    """Pain in one region, as the athlete tapped it."""

    region: str
    score: int
    character: str = ""
    side: str = ""  # left | right | both; "" not said


def profile_for(user: User) -> Profile:
    profile, _ = Profile.objects.get_or_create(user=user)
    return profile


# What an athlete may change about their own profile (is_coach comes with coaching).
PROFILE_FIELDS = frozenset(
    {"unit", "time_zone", "bodyweight_kg", "bar_weight", "plates", "plates_unit", "rest_seconds"}
)


def profile_update(*, athlete: User, **changes: object) -> Profile:
    """Change some of the athlete's preferences (already validated by the caller's form or
    serializer); only the fields given are written, so two devices changing different
    settings at once do not undo each other."""
    unknown = set(changes) - PROFILE_FIELDS
    if unknown:
        raise TypeError(f"not profile settings: {sorted(unknown)}")
    with transaction.atomic():
        profile = profile_for(athlete)
        for name, value in changes.items():
            setattr(profile, name, value)
        if changes:
            profile.save(update_fields=sorted(changes))
    return profile


def _create_once(
    model: type[M], *, athlete: User, client_id: UUID | None, create: Callable[[], M]
) -> tuple[M, bool]:
    """Run `create` unless this athlete already stored `client_id` for `model`.

    Two identical requests may race past the first lookup; the unique constraint then stops the
    second one, and it answers with the row the first one stored.
    """
    if client_id is not None:
        stored = model._default_manager.filter(athlete=athlete, client_id=client_id).first()
        if stored is not None:
            return stored, False
    try:
        with transaction.atomic():
            return create(), True
    except IntegrityError:
        if client_id is None:
            raise
        stored = model._default_manager.filter(athlete=athlete, client_id=client_id).first()
        if stored is None:
            raise
        return stored, False


def _check_owner(session: TrainingSession, athlete: User) -> None:
    if session.athlete_id != athlete.pk:
        # Views look sessions up through the athlete, so this is a programming error.
        raise PermissionError("That session belongs to another athlete.")


def session_start(
    *,
    athlete: User,
    date: date,
    client_id: UUID | None = None,
    bench_height_cm: int | None = None,
    bench_stable: bool | None = None,
    notes: str = "",
    symptoms: Iterable[str] = (),
) -> tuple[TrainingSession, bool]:
    """Start a session (or return the one already stored under `client_id`)."""

    def create() -> TrainingSession:
        session = TrainingSession.objects.create(
            athlete=athlete,
            date=date,
            client_id=client_id,
            bench_height_cm=bench_height_cm,
            bench_stable=bench_stable,
            notes=notes,
        )
        Symptom.objects.bulk_create(Symptom(session=session, kind=k) for k in sorted(set(symptoms)))
        return session

    with rollups.batch():
        return _create_once(TrainingSession, athlete=athlete, client_id=client_id, create=create)


@rollups.batch()
def symptoms_replace(*, session: TrainingSession, kinds: Iterable[str]) -> None:
    """Make the session's red flags exactly `kinds`."""
    rollups.touch(session.athlete_id, session.date)  # bulk writes send no signals
    wanted = set(kinds)
    session.symptoms.exclude(kind__in=wanted).delete()
    have = set(session.symptoms.values_list("kind", flat=True))
    Symptom.objects.bulk_create(Symptom(session=session, kind=k) for k in sorted(wanted - have))


def _store_in_set_pain(
    athlete: User, logged_set: Set, pain: Sequence[PainInput], *, summed: bool = False
) -> list[PainReport]:
    """The pain felt in a set, stored as `during` reports (`summed`: the caller adds them to
    the week's roll-up itself)."""
    if not pain:
        return []
    if not summed:
        rollups.touch_session(logged_set.session_id)  # bulk writes send no signals
    return PainReport.objects.bulk_create(
        PainReport(
            athlete=athlete,
            session_id=logged_set.session_id,
            set=logged_set,
            region=p.region,
            score=p.score,
            character=p.character,
            side=p.side,
            timing=PainTiming.DURING,
        )
        for p in pain
    )


class SessionNotFound(LookupError):
    """The session id is not one of the athlete's sessions (or no session at all)."""


def set_log(
    *,
    athlete: User,
    session: TrainingSession | int,
    load_kg: Decimal,
    reps: int,
    rir: int | None = None,
    exercise: str = Exercise.HIP_THRUST,
    exercise_name: str = "",
    foot_distance: str = "",
    stance_width: str = "",
    padding: str = "",
    equipment: str = "",
    pain: Sequence[PainInput] = (),
    client_id: UUID | None = None,
) -> tuple[Set, bool]:
    """Log one set with the pain felt in it (stored as `during` reports), all or nothing.

    A repeated `client_id` returns the stored set, never a duplicate. The set is marked with
    the records it beat (tracker/records.py) against the athlete's sets stored before it.
    `session` may be given by id: the insert itself checks that it is the athlete's, and
    SessionNotFound says it is not.

    The hot path of the app, in three statements: lock the week's roll-up (with the session),
    insert the set (its position, its records and the client_id check inside the INSERT), and
    write the week's sums; the set is not read back.
    """
    if isinstance(session, TrainingSession):
        _check_owner(session, athlete)
    session_id = session if isinstance(session, int) else session.pk
    fields = {
        "exercise": exercise,
        "exercise_name": exercise_name,
        "load_kg": Decimal(load_kg),
        "reps": reps,
        "rir": rir,
        "foot_distance": foot_distance,
        "stance_width": stance_width,
        "padding": padding,
        "equipment": equipment,
    }
    with transaction.atomic():
        week = rollups.lock_week(athlete.pk, session_id)
        if week is None:
            return _set_log_summing_the_week(athlete, session_id, fields, pain, client_id)
        logged = set_insert.insert(
            athlete_id=athlete.pk, session_id=session_id, client_id=client_id, **fields
        )
        if logged is None:  # the client_id is stored already: answer with that set
            return Set.objects.get(athlete=athlete, client_id=client_id), False
        reports = _store_in_set_pain(athlete, logged, pain, summed=True)
        # The answer nests the set's pain: already at hand.
        logged._prefetched_objects_cache = {"pain_reports": reports}  # type: ignore[attr-defined]
        week.add([logged], reports)
        announce_log_changed(athlete.pk)  # no model signal was sent
    return logged, True


def _set_log_summing_the_week(
    athlete: User,
    session_id: int,
    fields: dict[str, object],
    pain: Sequence[PainInput],
    client_id: UUID | None,
) -> tuple[Set, bool]:
    """set_log when the week has no roll-up row yet (a log written before them, or in bulk):
    the ORM's way, and the week summed from the log at the end."""
    session = TrainingSession.objects.filter(pk=session_id, athlete=athlete).first()
    if session is None:
        raise SessionNotFound(session_id)

    reps = fields["reps"]
    assert isinstance(reps, int)

    def create() -> Set:
        # Lock the session row so two sets logged at once get distinct positions.
        TrainingSession.objects.select_for_update().filter(pk=session.pk).first()
        last = session.sets.aggregate(last=Max("position"))["last"] or 0
        baseline = queries.record_baseline(
            athlete,
            exercise=str(fields["exercise"]),
            exercise_name=str(fields["exercise_name"]),
            load_kg=Decimal(str(fields["load_kg"])),
        )
        found = records.beaten(baseline, load_kg=Decimal(str(fields["load_kg"])), reps=reps)
        logged = Set.objects.create(
            **found.fields(),
            **fields,
            athlete=athlete,
            session=session,
            position=last + 1,
            client_id=client_id,
        )
        _store_in_set_pain(athlete, logged, pain)
        return logged

    with rollups.batch():
        return _create_once(Set, athlete=athlete, client_id=client_id, create=create)


def pain_report_log(
    *,
    athlete: User,
    session: TrainingSession,
    region: str,
    score: int,
    timing: str,
    character: str = "",
    side: str = "",
    logged_set: Set | None = None,
    client_id: UUID | None = None,
) -> tuple[PainReport, bool]:
    """Record pain in one region; a repeated `client_id` returns the stored report."""
    _check_owner(session, athlete)
    if logged_set is not None and logged_set.session_id != session.pk:
        raise ValueError("The set is not part of that session.")
    with rollups.batch():
        return _create_once(
            PainReport,
            athlete=athlete,
            client_id=client_id,
            create=lambda: PainReport.objects.create(
                athlete=athlete,
                session=session,
                set=logged_set,
                region=region,
                score=score,
                timing=timing,
                character=character,
                side=side,
                client_id=client_id,
            ),
        )


@rollups.batch()
def check_in(
    *, athlete: User, session: TrainingSession, timing: str, scores: dict[str, int]
) -> list[PainReport]:
    """Record an after-session or next-morning check: one report per region, replacing earlier ones.

    Checking in twice (a double tap, a change of mind) leaves one report per region and timing.
    """
    _check_owner(session, athlete)
    rollups.touch(athlete.pk, session.date)  # bulk writes send no signals
    if timing == PainTiming.NEXT_DAY:
        session.checked_in_at = timezone.now()
        session.save(update_fields=["checked_in_at", "updated"])
    session.pain_reports.filter(timing=timing, set__isnull=True).delete()
    return PainReport.objects.bulk_create(
        PainReport(athlete=athlete, session=session, region=r, score=s, timing=timing)
        for r, s in sorted(scores.items())
    )


def session_finish(
    *,
    athlete: User,
    session: TrainingSession,
    bench_height_cm: int | None,
    bench_stable: bool | None,
    notes: str,
    symptoms: Iterable[str],
    after_pain: dict[str, int],
    on: date | None = None,
) -> TrainingSession:
    """Close a session with the after-session check, the bench, notes and red flags.

    `on` moves the session to another day (a session logged late).
    """
    _check_owner(session, athlete)
    with rollups.batch():
        session.date = on or session.date
        session.bench_height_cm = bench_height_cm
        session.bench_stable = bench_stable
        session.notes = notes
        session.finished_at = session.finished_at or timezone.now()
        session.save(
            update_fields=[
                "date",
                "bench_height_cm",
                "bench_stable",
                "notes",
                "finished_at",
                "updated",
            ]
        )
        symptoms_replace(session=session, kinds=symptoms)
        check_in(athlete=athlete, session=session, timing=PainTiming.AFTER, scores=after_pain)
    return session


_SET_FIELDS = (
    "load_kg", "reps", "rir", "exercise", "exercise_name",
    "foot_distance", "stance_width", "padding", "equipment",
)  # fmt: skip


@rollups.batch()
def set_update(
    *,
    athlete: User,
    logged_set: Set,
    pain: Sequence[PainInput] | None = None,
    **fields: object,
) -> Set:
    """Change a set; when `pain` is given it replaces the set's in-set pain reports."""
    _check_owner(logged_set.session, athlete)
    unknown = set(fields) - set(_SET_FIELDS)
    if unknown:
        raise TypeError(f"Not a set field: {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(logged_set, name, value)
    if {"load_kg", "reps", "exercise", "exercise_name"} & set(fields):
        # A corrected typo must not keep (or miss) a record mark.
        baseline = queries.record_baseline(
            athlete,
            exercise=logged_set.exercise,
            exercise_name=logged_set.exercise_name,
            load_kg=logged_set.load_kg,
            other_than=logged_set.pk,
        )
        found = records.beaten(baseline, load_kg=Decimal(logged_set.load_kg), reps=logged_set.reps)
        for name, value in found.fields().items():
            setattr(logged_set, name, value)
    logged_set.save()
    if pain is not None:
        logged_set.pain_reports.all().delete()
        _store_in_set_pain(athlete, logged_set, pain)
    return logged_set


# --- REST API (tracker/api) -----------------------------------------------------------------

_SESSION_FIELDS = ("date", "bench_height_cm", "bench_stable", "notes")
_PAIN_FIELDS = ("region", "score", "timing", "character", "side")


def session_update(
    *,
    athlete: User,
    session: TrainingSession,
    symptoms: Iterable[str] | None = None,
    **fields: object,
) -> TrainingSession:
    """Change a session's date, bench or notes, all or nothing.

    When `symptoms` is given it becomes exactly the session's red flags; None leaves them be.
    """
    _check_owner(session, athlete)
    unknown = set(fields) - set(_SESSION_FIELDS)
    if unknown:
        raise TypeError(f"Not a session field: {', '.join(sorted(unknown))}")
    with rollups.batch():
        for name, value in fields.items():
            setattr(session, name, value)
        session.save(update_fields=[*fields, "updated"])
        if symptoms is not None:
            symptoms_replace(session=session, kinds=symptoms)
    return session


def pain_report_update(*, athlete: User, report: PainReport, **fields: object) -> PainReport:
    """Change a pain report's region, score, timing, character or side (not its session or
    set)."""
    if report.athlete_id != athlete.pk:
        raise PermissionError("That pain report belongs to another athlete.")
    unknown = set(fields) - set(_PAIN_FIELDS)
    if unknown:
        raise TypeError(f"Not a pain report field: {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(report, name, value)
    with rollups.batch():
        report.save(update_fields=list(fields))
    return report


@rollups.batch()
def log_row_delete(*, athlete: User, row: TrainingSession | Set | PainReport) -> None:
    """Delete a session (its sets, pain reports and red flags go with it), a set (with its
    in-set pain) or a pain report, logged by mistake. Only the athlete's own."""
    if row.athlete_id != athlete.pk:
        raise PermissionError("That row belongs to another athlete.")
    row.delete()


def athlete_register(
    *, username: str, password: str, email: str = "", time_zone: str = "UTC"
) -> User:
    """Create an account and its profile, all or nothing: the one sign-up path of the web
    page and the API.

    The caller validates the password; a username taken meanwhile raises IntegrityError.
    """
    with transaction.atomic():
        user = get_user_model().objects.create_user(
            username=username, email=email, password=password
        )
        Profile.objects.create(user=user, time_zone=time_zone)
    return user


def symptom_resolve(
    *, athlete: User, kind: str, on: date, client_id: UUID | None = None
) -> tuple[SymptomResolution, bool]:
    """Record that a red-flag symptom is gone as of `on`: its reports up to then stop asking
    for a professional (a later report opens it again). A repeated `client_id` returns the
    stored row."""

    def create() -> SymptomResolution:
        return SymptomResolution.objects.create(
            athlete=athlete, kind=kind, date=on, client_id=client_id
        )

    return _create_once(SymptomResolution, athlete=athlete, client_id=client_id, create=create)


@transaction.atomic
def symptoms_resolve(*, athlete: User, kinds: Iterable[str], on: date) -> None:
    """Mark several red flags gone at once (a check-in's "gone now" ticks)."""
    for kind in sorted(set(kinds)):
        symptom_resolve(athlete=athlete, kind=kind, on=on)
