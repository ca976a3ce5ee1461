"""Histories for the dashboard tests, written in bulk (a few queries for years of training)."""

from datetime import date, timedelta
from decimal import Decimal

from tests.factories import PainReportFactory, SetFactory, TrainingSessionFactory
from tracker import rollups
from tracker.choices import Padding, PainTiming
from tracker.models import PainReport, Set, TrainingSession


def add_weeks(athlete, weeks: int, *, today: date, sessions_per_week: int = 2) -> None:
    """`weeks` weeks back from `today`: sessions of three sets with a slowly rising load,
    in-set pain with the setup of its set, after-session and next-morning pain."""
    sessions = TrainingSession.objects.bulk_create(
        TrainingSessionFactory.build(
            athlete=athlete, date=today - timedelta(weeks=week, days=2 * day)
        )
        for week in range(weeks)
        for day in range(sessions_per_week)
    )
    sets = Set.objects.bulk_create(
        SetFactory.build(
            session=session,
            athlete=athlete,
            position=p,
            load_kg=Decimal(60 + (n % 40) + p * 5),
            reps=8 + p,
            padding=Padding.THIN if n % 3 else Padding.THICK,
        )
        for n, session in enumerate(sessions)
        for p in (1, 2, 3)
    )
    PainReport.objects.bulk_create(
        [
            *(
                PainReportFactory.build(
                    session_id=s.session_id, athlete=athlete, set=s, timing=PainTiming.DURING,
                    region="hip_bone", score=2 + n % 4,
                )
                for n, s in enumerate(sets[::3])
            ),
            *(
                PainReportFactory.build(
                    session=session, athlete=athlete, region=region, timing=timing, score=n % 6
                )
                for n, session in enumerate(sessions)
                for region, timing in (("lower_back", PainTiming.AFTER), ("knee", "next_day"))
            ),
        ]
    )  # fmt: skip
    rollups.rebuild(athlete.pk)  # bulk writes send no signals: sum the weeks as an import does
