"""Every read of the reports app, filtered by owner here: the report, share links, experiments.

The report costs a fixed number of queries however long the history (tests assert it).
"""

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date, timedelta

from django.contrib.auth.models import User
from django.db.models import Max, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from advice.causes import CAUSES
from advice.experiments import (
    HELPED_NOTE_WEEKS,
    WINDOW,
    Outcome,
    SessionPain,
    Trial,
    compare,
    helped_item,
)
from advice.items import AdviceItem
from advice.services import advice_for, voice_for
from advice.wording import REGION_NAMES, Voice, day_text
from coaching.models import Comment
from reports.detect import LOOKBACK, SessionSetup
from reports.models import Experiment, ShareLink, ShareOpening
from reports.report import (
    NoteLine,
    Period,
    Report,
    experiment_line,
    flag_lines,
    load_weeks,
    region_pains,
    setup_spans,
)
from tracker import aggregates, queries
from tracker.aggregates import as_date
from tracker.charts.progression import marked_jumps
from tracker.choices import HIP_THRUST_FAMILY
from tracker.models import PainReport, Set, Symptom, SymptomResolution, TrainingSession

BASELINE = timedelta(weeks=4)  # loads are read from before the period: a jump's baseline


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


# --- experiments -------------------------------------------------------------------------


def experiments_of(athlete: User) -> QuerySet[Experiment]:
    """The athlete's experiments, newest first (dismissed ones of the log left out)."""
    return Experiment.objects.filter(athlete=athlete, dismissed=False)


def experiment_of(athlete: User, pk: int) -> Experiment:
    return get_object_or_404(experiments_of(athlete), pk=pk)


def trial_of(experiment: Experiment) -> Trial:
    return Trial(
        started_on=experiment.started_on,
        field=experiment.field,
        value=experiment.value,
        regions=tuple(experiment.regions),
        description=experiment.description,
    )


def session_pains(athlete: User, since: date, until: date) -> list[SessionPain]:
    """Hip-thrust sessions from `since` to `until`, each with its worst score per region
    (pain felt in a set of another exercise left out). Two queries."""
    days = dict(
        TrainingSession.objects.filter(
            athlete=athlete, date__range=(since, until), sets__exercise__in=HIP_THRUST_FAMILY
        )
        .distinct()
        .values_list("id", "date")
    )
    worst: dict[int, dict[str, int]] = defaultdict(dict)
    rows = (
        PainReport.objects.filter(athlete=athlete, session__date__range=(since, until))
        .filter(Q(set__isnull=True) | Q(set__exercise__in=HIP_THRUST_FAMILY))
        .values("session_id", "region")
        .annotate(worst=Max("score"))
        .order_by()
    )
    for row in rows:
        worst[row["session_id"]][row["region"]] = row["worst"]
    return [
        SessionPain(day, tuple(sorted(worst[pk].items())))
        for pk, day in sorted(days.items(), key=lambda item: (item[1], item[0]))
    ]


def outcomes_for(
    athlete: User, experiments: Iterable[Experiment], today: date
) -> list[tuple[Experiment, Outcome]]:
    """Each experiment with its comparison as of `today` (two queries for all of them)."""
    experiments = list(experiments)
    if not experiments:
        return []
    since = min(e.started_on for e in experiments) - WINDOW
    until = max(e.started_on for e in experiments) + WINDOW
    sessions = session_pains(athlete, since, min(until, today))
    return [(e, compare(trial_of(e), sessions, today)) for e in experiments]


def helped_notes(athlete: User, today: date, voice: Voice) -> list[AdviceItem]:
    """A "what helped" note for each recent experiment whose comparison says it helped and that
    answers a cause of the catalogue (advice.services.HELPED_NOTE_SOURCES): the same record
    the report, the advice page and the coach read. One query, three with experiments."""
    recent = experiments_of(athlete).filter(
        started_on__gte=today - timedelta(weeks=HELPED_NOTE_WEEKS)
    )
    return [
        helped_item(outcome, experiment.cause, voice)
        for experiment, outcome in outcomes_for(athlete, recent, today)
        if outcome.helped and experiment.cause in CAUSES
    ]


def session_setups(athlete: User, since: date) -> list[SessionSetup]:
    """Hip-thrust sessions from `since`, oldest first: the value most of their sets used per
    setup field (unknown values left out) and the top set. One query."""
    rows = (
        Set.objects.filter(
            athlete=athlete, exercise__in=HIP_THRUST_FAMILY, session__date__gte=since
        )
        .values_list("session_id", "session__date", "load_kg", *aggregates.SETUP_FIELDS)
        .order_by("session__date", "session_id", "position")
    )
    counts: dict[int, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    tops: dict[int, tuple[date, object]] = {}
    for session_id, day, load, *values in rows:
        _, top = tops.get(session_id, (day, load))
        tops[session_id] = (day, max(top, load))
        for name, value in zip(aggregates.SETUP_FIELDS, values, strict=True):
            if value:
                counts[session_id][name][value] += 1
    return [
        SessionSetup(
            day,
            tuple((f, c.most_common(1)[0][0]) for f, c in sorted(counts[pk].items())),
            top,  # type: ignore[arg-type]
        )
        for pk, (day, top) in tops.items()
    ]


# --- the report ----------------------------------------------------------------------------


def coach_notes_in(athlete: User, period: Period) -> QuerySet[Comment]:
    """Coaches' notes the athlete may choose to include: on a session of the period, or on
    their advice, written in the period."""
    return (
        Comment.objects.filter(athlete=athlete)
        .filter(
            Q(session__date__range=(period.start, period.end))
            | Q(session__isnull=True, created__date__range=(period.start, period.end))
        )
        .select_related("coach", "session")
        .order_by("created", "pk")
    )


def _note_lines(
    athlete: User, period: Period, *, include_notes: bool, coach_note_ids: set[int]
) -> list[NoteLine]:
    notes = []
    if include_notes:
        sessions = (
            TrainingSession.objects.filter(athlete=athlete, date__range=(period.start, period.end))
            .exclude(notes="")
            .values_list("date", "notes")
            .order_by("date", "created")
        )
        notes += [NoteLine(d, "Athlete", f"session of {day_text(d)}", t) for d, t in sessions]
    if coach_note_ids:
        for note in coach_notes_in(athlete, period).filter(pk__in=coach_note_ids):
            about = (
                f"session of {day_text(note.session.date)}"
                if note.session
                else f"advice: {CAUSES[note.cause].title}"
                if note.cause in CAUSES
                else "advice"
            )
            day = note.session.date if note.session else timezone.localdate(note.created)
            author = f"Coach {note.coach.get_username()}"
            notes.append(NoteLine(day, author, about, note.body))
    return sorted(notes, key=lambda n: (n.date, n.author != "Athlete"))


def _setup_sessions(athlete: User, period: Period) -> list:
    """Sessions of the period and the last one before it (its setup is where the period
    started from), as (date, {field: value})."""
    before = (
        TrainingSession.objects.filter(
            athlete=athlete, date__lt=period.start, sets__exercise__in=HIP_THRUST_FAMILY
        )
        .order_by("-date")
        .values("date")[:1]
    )
    since = before[0]["date"] if before else period.start
    return [
        (s.date, dict(s.values)) for s in session_setups(athlete, since) if s.date <= period.end
    ]


def report_for(
    athlete: User,
    period: Period,
    *,
    include_notes: bool = True,
    coach_note_ids: Iterable[int] = (),
) -> Report:
    """The whole report for `period`, in a fixed number of queries."""
    today, unit = queries.calendar_of(athlete)
    weeks = period.weeks
    pains = [
        r
        for r in aggregates.weekly_pain(athlete, since=period.start)
        if as_date(r["week"]) <= period.end
    ]
    loads = [
        r
        for r in aggregates.weekly_load(athlete, since=period.start - BASELINE)
        if as_date(r["week"]) <= period.end
    ]
    symptoms = Symptom.objects.filter(session__athlete=athlete, session__date__lte=period.end)
    resolutions = SymptomResolution.objects.filter(athlete=athlete)
    voice = voice_for(athlete, unit, coach=True)
    experiments = experiments_of(athlete).filter(
        started_on__range=(period.start - WINDOW, period.end)
    )
    outcomes = outcomes_for(athlete, experiments, min(today, period.end))
    return Report(
        athlete=voice.name or "",
        unit=unit,
        period=period,
        generated_on=today,
        regions=tuple(region_pains(pains, REGION_NAMES)),
        loads=tuple(load_weeks(loads, weeks, marked_jumps(loads, period.end), unit)),
        setups=tuple(setup_spans(_setup_sessions(athlete, period))),
        flags=tuple(
            flag_lines(
                symptoms.values_list("session__date", "kind"),
                resolutions.values_list("date", "kind"),
                period,
            )
        ),
        advice=tuple(advice_for(athlete, coach=True)),
        experiments=tuple(experiment_line(e, o, voice) for e, o in outcomes),
        notes=tuple(
            _note_lines(
                athlete, period, include_notes=include_notes, coach_note_ids=set(coach_note_ids)
            )
        ),
    )


# --- share links ---------------------------------------------------------------------------


def share_links_of(athlete: User) -> QuerySet[ShareLink]:
    """The athlete's links, newest first, each with its openings (two queries)."""
    return ShareLink.objects.filter(athlete=athlete).prefetch_related(
        Prefetch(
            "openings",
            queryset=ShareOpening.objects.select_related("record").order_by("-record__at"),
        )
    )


def share_link_of(athlete: User, public_id: object) -> ShareLink:
    return get_object_or_404(ShareLink, athlete=athlete, public_id=public_id)


def open_share_link(token: str) -> ShareLink | None:
    """The live link behind a token (not expired, not revoked), or None: unknown, expired and
    revoked look the same to whoever asks."""
    if not token or len(token) > 100:
        return None
    return (
        ShareLink.objects.select_related("athlete")
        .prefetch_related("coach_notes")
        .filter(
            token_hash=token_hash(token), revoked_at__isnull=True, expires_at__gt=timezone.now()
        )
        .first()
    )


def changes_since(athlete: User, today: date) -> tuple[list, list[SessionPain]]:
    """What log detection reads: the last half year's sessions with their setup and pain."""
    since = today - timedelta(weeks=26) - LOOKBACK
    return session_setups(athlete, since), session_pains(athlete, since, today)
