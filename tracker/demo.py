"""Demo history: a coach and three athletes with twelve weeks of plausible hip-thrust training.

Each athlete tells one story the advice engine should recognise: a clean progression, a load jump
followed by rising lower-back pain, and hip-bone pain while training without a pad.
"""

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth.models import User
from django.db import transaction

from tracker import services
from tracker.choices import Equipment, FootDistance, Padding, PainRegion, PainTiming, StanceWidth
from tracker.models import TrainingSession
from tracker.services import PainInput

DEMO_PASSWORD = "thrustlog-demo"
WEEKS = 12


@dataclass(frozen=True)
class Day:
    """What one demo session holds, decided before anything is written."""

    date: date
    load_kg: Decimal
    padding: str
    during: dict[str, int]
    after: dict[str, int]
    next_day: dict[str, int]


def _round_to_plate(kg: float) -> Decimal:
    return Decimal(str(round(kg / 2.5) * 2.5))


def _days(today: date) -> list[date]:
    """Two sessions a week (Monday and Thursday) for the last twelve weeks, none in the future."""
    first_monday = today - timedelta(days=today.weekday()) - timedelta(weeks=WEEKS - 1)
    days = [first_monday + timedelta(weeks=w, days=d) for w in range(WEEKS) for d in (0, 3)]
    return [d for d in days if d <= today]


def clean_progression(today: date, rng: random.Random) -> list[Day]:
    days = _days(today)
    return [
        Day(
            d,
            _round_to_plate(60 + 30 * i / len(days)),
            Padding.THICK,
            {PainRegion.HIP_BONE: 1} if rng.random() < 0.1 else {},
            {},
            {},
        )
        for i, d in enumerate(days)
    ]


def load_jump(today: date, rng: random.Random) -> list[Day]:
    """Steady at 80-85 kg, then 105 kg from week 7: lower-back pain climbs after that."""
    plan = []
    for i, d in enumerate(_days(today)):
        week = i // 2
        if week < 6:
            plan.append(Day(d, _round_to_plate(80 + week), Padding.THICK, {}, {}, {}))
            continue
        pain = min(7, 2 + (week - 6) + rng.randint(0, 1))
        plan.append(
            Day(
                d,
                _round_to_plate(105 + 2.5 * (week - 6)),
                Padding.THICK,
                {PainRegion.LOWER_BACK: max(1, pain - 2)},
                {PainRegion.LOWER_BACK: pain},
                {PainRegion.LOWER_BACK: max(0, pain - 1)},
            )
        )
    return plan


def no_pad(today: date, rng: random.Random) -> list[Day]:
    """No pad under the bar for nine weeks (hip-bone pain), then a thick pad (it settles)."""
    plan = []
    for i, d in enumerate(_days(today)):
        week = i // 2
        load = _round_to_plate(70 + 1.5 * week)
        if week < 9:
            hurt = 4 + rng.randint(0, 2)
            plan.append(
                Day(
                    d,
                    load,
                    Padding.NONE,
                    {PainRegion.HIP_BONE: hurt},
                    {PainRegion.HIP_BONE: hurt - 1},
                    {PainRegion.HIP_BONE: hurt - 2},
                )
            )
        else:
            plan.append(Day(d, load, Padding.THICK, {PainRegion.HIP_BONE: 1}, {}, {}))
    return plan


@dataclass(frozen=True)
class DemoAthlete:
    username: str
    story: str
    plan: Callable[[date, random.Random], list[Day]]


ATHLETES = (
    DemoAthlete("ada", "progresses cleanly, no pain", clean_progression),
    DemoAthlete("ben", "jumped the load in week 7; lower-back pain rose", load_jump),
    DemoAthlete("cleo", "trained without a pad; hip-bone pain", no_pad),
)
COACH = "coach"


def _user(username: str, *, is_coach: bool = False) -> tuple[User, bool]:
    user, created = User.objects.get_or_create(
        username=username, defaults={"email": f"{username}@example.com"}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    profile = services.profile_for(user)
    if profile.is_coach != is_coach:
        profile.is_coach = is_coach
        profile.save(update_fields=["is_coach"])
    return user, created


def _log(user: User, day: Day, rng: random.Random) -> None:
    session, _ = services.session_start(
        athlete=user, date=day.date, bench_height_cm=40, bench_stable=True
    )
    for position in range(4):
        warm_up = position == 0
        services.set_log(
            athlete=user,
            session=session,
            load_kg=(day.load_kg * Decimal("0.6")).quantize(Decimal("0.5"))
            if warm_up
            else day.load_kg,
            reps=12 if warm_up else 8,
            rir=None if warm_up else max(0, 3 - position + rng.randint(-1, 0)),
            foot_distance=FootDistance.SHINS_VERTICAL,
            stance_width=StanceWidth.HIP_WIDTH,
            padding=day.padding,
            equipment=Equipment.BARBELL,
            pain=[] if warm_up else [PainInput(r, s) for r, s in day.during.items()],
        )
    if day.after:
        services.check_in(athlete=user, session=session, timing=PainTiming.AFTER, scores=day.after)
    if day.next_day:
        services.check_in(
            athlete=user, session=session, timing=PainTiming.NEXT_DAY, scores=day.next_day
        )


@transaction.atomic
def seed(today: date) -> list[tuple[str, str, int]]:
    """Create the demo users and their history once; a second run changes nothing.

    Returns (username, story, sessions) for each demo user.
    """
    coach, _ = _user(COACH, is_coach=True)
    summary = [(COACH, "coaches the others", 0)]
    for athlete in ATHLETES:
        user, _ = _user(athlete.username)
        if not TrainingSession.objects.filter(athlete=user).exists():
            rng = random.Random(athlete.username)  # the same story every time
            for day in athlete.plan(today, rng):
                _log(user, day, rng)
        if _link(coach, user) and athlete.username == "ben":
            _conversation(coach, user)
        sessions = TrainingSession.objects.filter(athlete=user).count()
        summary.append((athlete.username, athlete.story, sessions))
    return summary


def _link(coach: User, athlete: User) -> bool:
    """The demo athletes have accepted the demo coach (as if through an invitation); True the
    first time."""
    from coaching.models import CoachLink
    from coaching.summaries import refresh

    _, created = CoachLink.objects.get_or_create(coach=coach, athlete=athlete, ended_at=None)
    if created:
        transaction.on_commit(lambda: refresh(athlete.pk))
    return created


def _conversation(coach: User, athlete: User) -> None:
    """A note on the athlete's latest session and their reply, which the coach has not read:
    the roster shows it, Settings > Notifications can push the next one."""
    from coaching import services as coaching

    latest = TrainingSession.objects.filter(athlete=athlete).order_by("-date").first()
    if latest is None:
        return
    note = coaching.comment_add(
        coach=coach,
        athlete=athlete,
        session=latest,
        body="Your lower back again? Go back to last week's load and film one set from the side.",
    )
    coaching.message_post(
        thread=note.thread, author=athlete, body="Will do. It was worse the next morning."
    )
