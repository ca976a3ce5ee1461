"""Every coaching read, with who may see what decided here and only here.

The rule: a coach sees an athlete while an active link joins them (`coached_athlete`); an
athlete sees their own coaches and every note written to them. Anything else is a 404.
"""

from collections import defaultdict
from datetime import date

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from coaching.models import CoachLink, Comment, Invitation
from coaching.roster import RosterRow, roster_row
from tracker.models import TrainingSession

SEARCH_MAX = 100


def coached_athlete_or_none(coach: User, athlete_id: int) -> User | None:
    """The athlete, if an active link joins them to `coach` right now (one query)."""
    return (
        get_user_model()
        .objects.filter(
            pk=athlete_id,
            coach_links__coach=coach,
            coach_links__ended_at__isnull=True,
        )
        .first()
    )


def coached_athlete(coach: User, athlete_id: int) -> User:
    """The athlete, or a 404: unlinked, ended, unknown and oneself all look the same."""
    athlete = coached_athlete_or_none(coach, athlete_id)
    if athlete is None:
        raise Http404("No such athlete.")
    return athlete


def roster(coach: User, *, today: date, search: str = "", flag: str = "") -> list[RosterRow]:
    """The coach's athletes, most in need of attention first, in one query however many.

    `search` matches the username or name; `flag` keeps the rows that carry it.
    """
    links = CoachLink.objects.filter(coach=coach, ended_at__isnull=True).select_related(
        "athlete", "athlete__coaching_summary"
    )
    search = search.strip()[:SEARCH_MAX]
    if search:
        links = links.filter(
            Q(athlete__username__icontains=search)
            | Q(athlete__first_name__icontains=search)
            | Q(athlete__last_name__icontains=search)
        )
    rows = []
    for link in links:
        try:
            summary = link.athlete.coaching_summary
        except ObjectDoesNotExist:
            summary = None
        rows.append(roster_row(link.athlete, summary, today))
    if flag:
        rows = [row for row in rows if flag in row.flags]
    return sorted(rows, key=RosterRow.sort_key)


def coaches_anyone(user: User) -> bool:
    """Whether `user` follows at least one athlete now (a coach lands on the roster)."""
    return CoachLink.objects.filter(coach=user, ended_at__isnull=True).exists()


def open_invitations(coach: User) -> QuerySet[Invitation]:
    return Invitation.objects.filter(
        coach=coach, accepted_by__isnull=True, expires_at__gt=timezone.now()
    ).order_by("-created")


def invitation_of(coach: User, pk: int) -> Invitation:
    """One of the coach's own invitations; 404 for anyone else's."""
    return get_object_or_404(Invitation, coach=coach, pk=pk)


def invitation_to_accept(code: str) -> Invitation | None:
    """The open invitation behind a code, to show whose it is before accepting."""
    return (
        Invitation.objects.select_related("coach")
        .filter(code=code, accepted_by__isnull=True, expires_at__gt=timezone.now())
        .first()
    )


def coaches_of(athlete: User) -> QuerySet[CoachLink]:
    """The athlete's active links, each with its coach."""
    return (
        CoachLink.objects.filter(athlete=athlete, ended_at__isnull=True)
        .select_related("coach")
        .order_by("started")
    )


def active_link_of(user: User, pk: int) -> CoachLink:
    """An active link `user` is part of (as coach or athlete); 404 otherwise."""
    return get_object_or_404(
        CoachLink.objects.select_related("coach", "athlete").filter(
            Q(coach=user) | Q(athlete=user), ended_at__isnull=True
        ),
        pk=pk,
    )


def link_between(coach: User, athlete: User) -> CoachLink | None:
    return CoachLink.objects.filter(coach=coach, athlete=athlete, ended_at__isnull=True).first()


# --- comments ------------------------------------------------------------------------------


def notes_on_session(session: TrainingSession, *, coach: User | None = None) -> list:
    """Coaches' notes on a session, oldest first; a coach sees only their own."""
    notes = Comment.objects.filter(athlete_id=session.athlete_id, session=session)
    if coach is not None:
        notes = notes.filter(coach=coach)
    return list(notes.select_related("coach"))


def notes_on_advice(
    athlete: User, *, coach: User | None = None
) -> dict[tuple[str, str], list[Comment]]:
    """Notes on the athlete's advice, by (cause, region); a coach sees only their own."""
    notes = Comment.objects.filter(athlete=athlete, session__isnull=True)
    if coach is not None:
        notes = notes.filter(coach=coach)
    by_item: dict[tuple[str, str], list[Comment]] = defaultdict(list)
    for note in notes.select_related("coach"):
        by_item[(note.cause, note.region)].append(note)
    return dict(by_item)
