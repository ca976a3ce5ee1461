"""A history with every kind of row an athlete can log, built with the factories."""

from datetime import date, datetime, timedelta
from decimal import Decimal
from uuid import uuid4

from django.utils import timezone

from tests.factories import (
    CoachLinkFactory,
    CommentFactory,
    PainReportFactory,
    SetFactory,
    SymptomFactory,
    TrainingSessionFactory,
    UserFactory,
)


def rich_history(athlete, *, coach=None) -> None:
    """Two sessions on one day, one the next week; sets with and without setup and pain,
    an 'other' exercise, check-ins after and next morning, red flags, a coach's comments."""
    first = TrainingSessionFactory(
        athlete=athlete,
        date=date(2026, 10, 5),
        bench_height_cm=42,
        bench_stable=False,
        notes="Bar slipped on set 2.\nTry the thick pad.",
        finished_at=timezone.make_aware(datetime(2026, 10, 5, 18, 30)),
        checked_in_at=timezone.make_aware(datetime(2026, 10, 6, 7, 45)),
        client_id=uuid4(),
    )
    SymptomFactory(session=first, kind="numbness")
    SymptomFactory(session=first, kind="sleep_disturbance")
    heavy = SetFactory(session=first, position=1, load_kg=Decimal("102.06"), reps=8, rir=2,
                       client_id=uuid4())  # fmt: skip
    SetFactory(session=first, position=3, load_kg=Decimal("107.5"), reps=5, rir=None,
               foot_distance="too_far", padding="none", equipment="smith")  # fmt: skip
    SetFactory(session=first, position=4, exercise="other", exercise_name="Cable kickback",
               load_kg=Decimal("12.5"), reps=15, foot_distance="", stance_width="", padding="",
               equipment="")  # fmt: skip
    PainReportFactory(session=first, set=heavy, timing="during", region="hip_bone", score=4,
                      character="bruise")  # fmt: skip
    PainReportFactory(session=first, set=heavy, timing="during", region="lower_back", score=2,
                      side="left")  # fmt: skip
    PainReportFactory(session=first, timing="after", region="lower_back", score=3)
    PainReportFactory(session=first, timing="next_day", region="lower_back", score=1,
                      character="ache")  # fmt: skip
    second = TrainingSessionFactory(athlete=athlete, date=date(2026, 10, 5), bench_height_cm=None,
                                    bench_stable=None, notes="")  # fmt: skip
    SetFactory(session=second, position=1, exercise="glute_bridge", equipment="band",
               load_kg=Decimal("0"), reps=20)  # fmt: skip
    third = TrainingSessionFactory(athlete=athlete, date=date(2026, 10, 5) + timedelta(days=7))
    for n in range(1, 4):
        SetFactory(session=third, position=n, load_kg=Decimal("105") + n, reps=6)
    coach = coach or UserFactory(username="coach")
    CoachLinkFactory(coach=coach, athlete=athlete)
    CommentFactory(coach=coach, session=first, body="Pad the bar next time.")
    CommentFactory(coach=coach, session=None, athlete=athlete, cause="unpadded_bar",
                   region="hip_bone", body="This matches the bruising.")  # fmt: skip
