"""Fill a database with realistic training history at scale, fast: bulk inserts, no services.

Plans come from `bench.plan` (pure, seeded); this module only turns them into rows with
`bulk_create` in batches, inside one transaction per group of athletes. It writes through
the default connection, so it works against whatever `DATABASE_URL` points at
(`python -m bench.populate` from a shell).

The rows skip `tracker.services` on purpose (speed), and the weekly roll-ups are summed once
per athlete afterwards (`tracker.rollups.rebuild`); `tests/bench/test_data.py` checks
that they still satisfy every model constraint and validator.
"""

from __future__ import annotations

import random
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from django.db import transaction

from bench.plan import WEEKS_PER_YEAR, Counts, SessionPlan, long_story, plan_history, random_story
from tracker import rollups
from tracker.models import PainReport, Profile, Set, Symptom, TrainingSession

PASSWORD = "thrustlog-bench"
LONG_ATHLETE = "bench-long"
COHORT_PREFIX = "bench-athlete"
COACH = "bench-coach"
BATCH_SIZE = 2000
ATHLETES_PER_TRANSACTION = 20
_TIME_ZONES = ("UTC", "Europe/London", "Europe/Paris", "America/New_York", "Asia/Tokyo")


@dataclass(frozen=True)
class Population:
    """What `populate` wrote, and how long it took."""

    long_athlete: User
    coach: User
    counts: Counts  # everything, the long athlete included
    long_counts: Counts  # the long athlete's rows
    seconds: float


def _client_id(plan: SessionPlan, rng: random.Random) -> uuid.UUID | None:
    """A phone's idempotency key; imported rows have none."""
    return None if plan.imported else uuid.UUID(int=rng.getrandbits(128), version=4)


def _users(usernames: Sequence[str], rng: random.Random, *, coach: bool = False) -> list[User]:
    """Users with one shared password hash (hashing is slow by design) and their profiles."""
    password = make_password(PASSWORD)
    users = User.objects.bulk_create(
        [User(username=u, email=f"{u}@example.com", password=password) for u in usernames],
        batch_size=BATCH_SIZE,
    )
    Profile.objects.bulk_create(
        [
            Profile(
                user=user,
                unit=rng.choices(("kg", "lb"), (4, 1))[0],
                bodyweight_kg=Decimal(rng.randint(5000, 11000)) / 100,
                time_zone=rng.choice(_TIME_ZONES),
                is_coach=coach,
            )
            for user in users
        ],
        batch_size=BATCH_SIZE,
    )
    return users


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, clock(hour, minute), tzinfo=UTC)


def _rows(
    athlete: User, plans: list[SessionPlan], rng: random.Random
) -> tuple[list[TrainingSession], list[Set], list[PainReport], list[Symptom]]:
    """Unsaved rows for `plans`; children point at their unsaved parents until those get ids."""
    sessions, sets, pains, symptoms = [], [], [], []
    for plan in plans:
        session = TrainingSession(
            athlete=athlete,
            date=plan.date,
            bench_height_cm=plan.bench_height_cm,
            bench_stable=plan.bench_stable,
            notes=plan.notes,
            finished_at=_at(plan.date, 19, 15) if plan.finished else None,
            checked_in_at=_at(plan.date + timedelta(days=1), 7, 30) if plan.checked_in else None,
            client_id=_client_id(plan, rng),
        )
        sessions.append(session)
        in_session = [
            Set(
                athlete=athlete,
                session=session,
                position=position,
                exercise=s.exercise,
                exercise_name=s.exercise_name,
                load_kg=Decimal(str(s.load_kg)),
                reps=s.reps,
                rir=s.rir,
                foot_distance=s.foot_distance,
                stance_width=s.stance_width,
                padding=s.padding,
                equipment=s.equipment,
                client_id=_client_id(plan, rng),
            )
            for position, s in enumerate(plan.sets, start=1)
        ]
        sets += in_session
        pains += [
            PainReport(
                athlete=athlete,
                session=session,
                set=None if p.set_index is None else in_session[p.set_index],
                region=p.region,
                score=p.score,
                timing=p.timing,
                character=p.character,
                client_id=_client_id(plan, rng),
            )
            for p in plan.pains
        ]
        symptoms += [Symptom(session=session, kind=kind) for kind in plan.symptoms]
    return sessions, sets, pains, symptoms


def _write(histories: Sequence[tuple[User, list[SessionPlan]]], rng: random.Random) -> Counts:
    """Insert the histories of a few athletes: parents first, so children get their ids."""
    sessions, sets, pains, symptoms = [], [], [], []
    for athlete, plans in histories:
        rows = _rows(athlete, plans, rng)
        sessions += rows[0]
        sets += rows[1]
        pains += rows[2]
        symptoms += rows[3]
    with transaction.atomic():
        for model, objs in (
            (TrainingSession, sessions),
            (Set, sets),
            (PainReport, pains),
            (Symptom, symptoms),
        ):
            model.objects.bulk_create(objs, batch_size=BATCH_SIZE)
        # Bulk inserts send no signals: sum the weekly roll-ups as an import does.
        for athlete, _ in histories:
            rollups.rebuild(athlete.pk)
    return Counts(0, len(sessions), len(sets), len(pains), len(symptoms))


def _weeks(years: float, weeks: int | None) -> int:
    return weeks if weeks is not None else round(years * WEEKS_PER_YEAR)


def create_athlete(
    *,
    username: str = LONG_ATHLETE,
    years: float = 3,
    weeks: int | None = None,
    today: date | None = None,
    seed: int = 1,
) -> tuple[User, Counts]:
    """One athlete with `years` (or `weeks`) of history in which every episode happens once.

    Three years give about 450 sessions, 5,000 sets and 3,000 pain reports, with red flags
    at the worst of a lower-back episode after a load jump.
    """
    rng = random.Random(seed)
    today = today or date.today()
    with transaction.atomic():
        (athlete,) = _users([username], rng)
        plans = plan_history(long_story(_weeks(years, weeks)), today, rng)
        counts = _write([(athlete, plans)], rng)
    return athlete, counts + Counts(users=1)


def create_cohort(
    *,
    athletes: int = 200,
    years: float = 1,
    weeks: int | None = None,
    today: date | None = None,
    seed: int = 2,
    prefix: str = COHORT_PREFIX,
) -> Counts:
    """`athletes` athletes with `years` of history each, every one with its own story.

    Athlete i's history depends only on `seed` and i, not on how many others are made.
    """
    today = today or date.today()
    counts = Counts(users=athletes)
    for first in range(0, athletes, ATHLETES_PER_TRANSACTION):
        numbers = range(first, min(athletes, first + ATHLETES_PER_TRANSACTION))
        with transaction.atomic():
            users = _users([f"{prefix}{i:04d}" for i in numbers], random.Random(seed + first))
            histories = []
            for i, user in zip(numbers, users, strict=True):
                rng = random.Random(f"{seed}:{i}")
                histories.append(
                    (user, plan_history(random_story(rng, _weeks(years, weeks)), today, rng))
                )
            counts += _write(histories, random.Random(f"{seed}:rows:{first}"))
    return counts


def create_coach(*, username: str = COACH) -> User:
    """A coach (Profile.is_coach). Linking athletes waits for the coaching models."""
    (coach,) = _users([username], random.Random(username), coach=True)
    return coach


def populate(
    *,
    today: date | None = None,
    long_years: float = 3,
    cohort: int = 200,
    cohort_years: float = 1,
    seed: int = 1,
) -> Population:
    """The benchmark data set: one long history, a cohort and a coach."""
    started = time.perf_counter()
    athlete, long_counts = create_athlete(years=long_years, today=today, seed=seed)
    counts = long_counts + create_cohort(
        athletes=cohort, years=cohort_years, today=today, seed=seed + 1
    )
    coach = create_coach()
    seconds = time.perf_counter() - started
    return Population(athlete, coach, counts + Counts(users=1), long_counts, seconds)
