"""Built histories for the report and experiment tests, written in bulk (a few queries).

`pad_history`: seven and a half weeks of sessions every fourth day, the last one today. Before
the pad day (20 days ago) no pad and hip-bone pain 5 in the set and after the session, 4 the
next morning; from the pad day a thick pad and pain 1 (or, `helped=False`, still 5). Loads
80 kg, then 92.5 kg for the last two sessions (a load jump). A tingling reported and resolved,
a swelling still open, one session note.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from tests.factories import PainReportFactory, SetFactory, TrainingSessionFactory
from tracker import rollups
from tracker.choices import Padding, PainTiming
from tracker.models import PainReport, Set, Symptom, SymptomResolution, TrainingSession

EVERY = 4  # days between sessions
FIRST = 52  # days before today of the first session
PAD_DAYS_AGO = 20
NOTE = "Bar pressed on the hip bone again; tried a towel."


@dataclass(frozen=True)
class Built:
    today: date
    pad_day: date
    sessions: list[TrainingSession]

    def before_pad(self) -> list[TrainingSession]:
        return [s for s in self.sessions if s.date < self.pad_day]


def sessions_on(athlete, days: list[date], **fields) -> list[TrainingSession]:
    sessions = TrainingSession.objects.bulk_create(
        TrainingSessionFactory.build(athlete=athlete, date=day, **fields) for day in days
    )
    rollups.rebuild(athlete.pk)  # bulk writes send no signals: sum the weeks as an import does
    return sessions


def train(
    athlete,
    sessions: list[TrainingSession],
    *,
    padding: str,
    pain: int | None,
    load: Decimal = Decimal("80"),
    next_day: int | None = None,
) -> None:
    """Three sets of 8 per session; hip-bone pain `pain` in the first set and after the
    session, `next_day` (default pain - 1) the next morning. None: no pain reported."""
    sets = Set.objects.bulk_create(
        SetFactory.build(
            session=s, athlete=athlete, position=p, load_kg=load, reps=8, padding=padding
        )
        for s in sessions
        for p in (1, 2, 3)
    )
    if pain is None:
        rollups.rebuild(athlete.pk)
        return
    morning = max(pain - 1, 0) if next_day is None else next_day
    PainReport.objects.bulk_create(
        [
            *(
                PainReportFactory.build(
                    session_id=s.session_id, athlete=athlete, set=s, region="hip_bone",
                    score=pain, timing=PainTiming.DURING,
                )
                for s in sets[::3]
            ),
            *(
                PainReportFactory.build(
                    session=s, athlete=athlete, region="hip_bone", score=score, timing=timing
                )
                for s in sessions
                for timing, score in ((PainTiming.AFTER, pain), (PainTiming.NEXT_DAY, morning))
            ),
        ]
    )  # fmt: skip
    rollups.rebuild(athlete.pk)


def pad_history(athlete, today: date, *, helped: bool = True) -> Built:
    pad_day = today - timedelta(days=PAD_DAYS_AGO)
    days = [today - timedelta(days=d) for d in range(FIRST, -1, -EVERY)]
    sessions = sessions_on(athlete, days)
    before = [s for s in sessions if s.date < pad_day]
    after = [s for s in sessions if s.date >= pad_day]
    train(athlete, before, padding=Padding.NONE, pain=5)
    heavy = after[-2:]
    train(athlete, after[:-2], padding=Padding.THICK, pain=1 if helped else 5)
    train(athlete, heavy, padding=Padding.THICK, pain=1 if helped else 5, load=Decimal("92.5"))
    Symptom.objects.create(session=before[2], kind="tingling")
    SymptomResolution.objects.create(athlete=athlete, kind="tingling", date=before[4].date)
    Symptom.objects.create(session=before[-1], kind="swelling")
    TrainingSession.objects.filter(pk=before[-2].pk).update(notes=NOTE)
    return Built(today, pad_day, sessions)
