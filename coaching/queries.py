"""Every coaching read, with who may see what decided here and only here.

The rule: a coach sees an athlete while an active link joins them (`coached_athlete`); an
athlete sees their own coaches and every note written to them. A thread is read by its two
participants only (its coach while the link is active). Anything else is a 404.
"""

from collections import defaultdict
from datetime import date

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db.models import Case, Count, Exists, F, Min, OuterRef, Q, QuerySet, When
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from coaching.models import CoachLink, Comment, Invitation, Thread
from coaching.roster import STORED_FIELDS, RosterRow, StoredValues, Unread, row_of
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
    """The coach's athletes, most in need of attention first, in two queries however many
    (the links with their stored rows, read as plain values; the replies the coach has not
    read). `search` matches the username or name; `flag` keeps the rows that carry it."""
    links = CoachLink.objects.filter(coach=coach, ended_at__isnull=True)
    search = search.strip()[:SEARCH_MAX]
    if search:
        links = links.filter(
            Q(athlete__username__icontains=search)
            | Q(athlete__first_name__icontains=search)
            | Q(athlete__last_name__icontains=search)
        )
    stored = [f"athlete__coaching_summary__{name}" for name in STORED_FIELDS]
    names = ("athlete_id", "athlete__username", "athlete__first_name", "athlete__last_name")
    values = links.values_list(*names, "athlete__coaching_summary__athlete_id", *stored)
    unread = unread_replies(coach)
    rows = []
    for athlete_id, username, first, last, has_summary, *facts in values:
        summary = StoredValues(*facts) if has_summary is not None else None
        name = f"{first} {last}".strip() or username
        rows.append(row_of(athlete_id, username, name, summary, today, unread.get(athlete_id)))
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


# --- conversations -------------------------------------------------------------------------


def _link_open() -> Exists:
    return Exists(
        CoachLink.objects.filter(
            coach=OuterRef("coach"), athlete=OuterRef("athlete"), ended_at__isnull=True
        )
    )


def _unread(user: User) -> Count:
    """Messages by the other participant after the last one `user` read."""
    read = Case(When(coach=user, then=F("coach_read_up_to")), default=F("athlete_read_up_to"))
    return Count("messages", filter=Q(messages__pk__gt=read) & ~Q(messages__author=user))


def visible_threads(user: User) -> QuerySet[Thread]:
    """The threads `user` may read: as the athlete, always (notes written to them); as the
    coach, while the link is active. Each carries `open` (replies possible) and `unread`."""
    return (
        Thread.objects.annotate(open=_link_open(), unread=_unread(user))
        .filter(Q(athlete=user) | Q(coach=user, open=True))
        .select_related("coach", "athlete", "session")
    )


def thread_of(user: User, pk: int) -> Thread:
    """One thread `user` takes part in (404 for anyone else's, or after the link ended, for
    its coach), with its messages."""
    return with_messages([get_object_or_404(visible_threads(user), pk=pk)], user)[0]


def with_messages(threads: list[Thread], viewer: User) -> list[Thread]:
    """Give each thread `listed` (its messages, oldest first), `as_coach`, `read_up_to` (the
    viewer's) and `seen_at` (when the other side had read all of the viewer's messages):
    one query for any number of threads."""
    if not threads:
        return threads
    by_thread: dict[int, list[Comment]] = defaultdict(list)
    messages = Comment.messages.filter(thread__in=[t.pk for t in threads]).select_related("author")
    for message in messages.order_by("pk"):
        by_thread[message.thread_id].append(message)
    for thread in threads:
        listed = by_thread[thread.pk]
        as_coach = thread.coach_id == viewer.pk
        mine = [m.pk for m in listed if m.author_id == viewer.pk]
        other_read, other_at = (
            (thread.athlete_read_up_to, thread.athlete_read_at)
            if as_coach
            else (thread.coach_read_up_to, thread.coach_read_at)
        )
        thread.listed = listed  # type: ignore[attr-defined]
        thread.as_coach = as_coach  # type: ignore[attr-defined]
        thread.read_up_to = (  # type: ignore[attr-defined]
            thread.coach_read_up_to if as_coach else thread.athlete_read_up_to
        )
        thread.seen_at = other_at if mine and other_read >= mine[-1] else None  # type: ignore[attr-defined]
    return threads


def threads_on_session(session: TrainingSession, viewer: User) -> list[Thread]:
    """The threads on a session: every coach's for its athlete, the viewer's own for a coach."""
    threads = visible_threads(viewer).filter(session=session, athlete_id=session.athlete_id)
    if viewer.pk != session.athlete_id:
        threads = threads.filter(coach=viewer)
    return with_messages(list(threads.order_by("pk")), viewer)


def threads_on_advice(athlete: User, viewer: User) -> dict[tuple[str, str], list[Thread]]:
    """Threads on the athlete's advice, by (cause, region); a coach sees only their own."""
    threads = visible_threads(viewer).filter(athlete=athlete, session__isnull=True)
    if viewer.pk != athlete.pk:
        threads = threads.filter(coach=viewer)
    by_item: dict[tuple[str, str], list[Thread]] = defaultdict(list)
    for thread in with_messages(list(threads.order_by("pk")), viewer):
        by_item[(thread.cause, thread.region)].append(thread)
    return dict(by_item)


def inbox(user: User) -> list[Thread]:
    """Every thread `user` takes part in, those with unread messages first, then the latest."""
    threads = visible_threads(user)
    return list(threads.order_by(F("unread").desc(), F("last_message_at").desc(nulls_last=True)))


def threads_between(coach: User, athlete: User) -> list[Thread]:
    """The coach's threads with one athlete, unread first, then the latest."""
    threads = visible_threads(coach).filter(coach=coach, athlete=athlete)
    return list(threads.order_by(F("unread").desc(), F("last_message_at").desc(nulls_last=True)))


def unread_notes(athlete: User) -> list[Thread]:
    """The athlete's threads with notes they have not read, newest first, with messages."""
    threads = visible_threads(athlete).filter(athlete=athlete, unread__gt=0)  # type: ignore[misc]
    return with_messages(list(threads.order_by("-last_message_at", "-pk")), athlete)


def unread_replies(coach: User, *, athlete: User | None = None) -> dict[int, Unread]:
    """Per athlete (or for one), the replies `coach` has not read (how many, the first one's
    day in the coach's time zone): one query for the whole roster."""
    replies = Comment.messages.filter(
        coach=coach, author_id=F("athlete_id"), pk__gt=F("thread__coach_read_up_to")
    )
    if athlete is not None:
        replies = replies.filter(athlete=athlete)
    rows = replies.values("athlete_id").annotate(count=Count("pk"), first=Min("created")).order_by()
    return {
        r["athlete_id"]: Unread(r["count"], timezone.localtime(r["first"]).date()) for r in rows
    }
