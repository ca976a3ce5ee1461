"""Every coaching write: invitations, accepting one, ending a link, conversations.

Guarantees: a coach reads an athlete only after that athlete accepted an invitation; either
side ends a link with one write, and every access check (coaching.queries) reads the link
table on each request, so access ends at once; a note or a reply needs an active link at the
moment it is written, whatever the page it came from showed; a repeated client id returns the
message already stored, never a second one; the other participant hears of a new message
from the task runner, after the write commits (notifications), never inside the request.
"""

import secrets
from datetime import timedelta
from functools import partial
from uuid import UUID

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from coaching.models import (
    CODE_ALPHABET,
    CODE_LENGTH,
    AthleteSummary,
    CoachLink,
    Comment,
    Invitation,
    Thread,
)
from coaching.summaries import forget_coached, refresh
from notifications.services import Notice, notify_later
from tracker.models import Profile, TrainingSession

INVITATION_DAYS = 14


class InvitationError(Exception):
    """An invitation that cannot be accepted; the message is for the athlete."""


def normalize_code(raw: str) -> str:
    """What the athlete typed or pasted: case, spaces and dashes do not matter."""
    return "".join(ch for ch in raw.upper() if ch not in " -\t")[: CODE_LENGTH + 1]


def _new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def invitation_create(*, coach: User, name: str = "") -> Invitation:
    """A fresh single-use invitation for `name` (who it is for, any words), valid
    INVITATION_DAYS days; the inviter becomes a coach."""
    Profile.objects.update_or_create(user=coach, defaults={"is_coach": True})
    expires = timezone.now() + timedelta(days=INVITATION_DAYS)
    for _ in range(5):  # 31^8 codes: a clash is rare, and retried rather than reported
        try:
            with transaction.atomic():
                return Invitation.objects.create(
                    coach=coach, code=_new_code(), name=name.strip(), expires_at=expires
                )
        except IntegrityError:
            continue
    raise RuntimeError("Could not find a free invitation code.")


def invitation_cancel(*, coach: User, invitation: Invitation) -> None:
    """Withdraw an invitation nobody accepted yet (an accepted one is a link: end that)."""
    if invitation.coach_id != coach.pk:
        raise PermissionError("That invitation belongs to another coach.")
    if invitation.accepted_by_id is None:
        invitation.delete()


def invitation_accept(*, athlete: User, code: str) -> CoachLink:
    """Link `athlete` to the coach who made the invitation `code`; it cannot be used again.

    Raises InvitationError for an unknown, used or expired code, one's own invitation, or a
    coach the athlete already shares their log with.
    """
    try:
        with transaction.atomic():
            invitation = (
                Invitation.objects.select_for_update()
                .select_related("coach")
                .filter(code=normalize_code(code))
                .first()
            )
            if invitation is None or invitation.accepted_by_id is not None:
                raise InvitationError("That code is not valid (or was already used).")
            if invitation.expires_at <= timezone.now():
                raise InvitationError("That invitation has expired: ask your coach for a new one.")
            if invitation.coach_id == athlete.pk:
                raise InvitationError("That is your own invitation: send it to an athlete.")
            invitation.accepted_by = athlete
            invitation.accepted_at = timezone.now()
            invitation.save(update_fields=["accepted_by", "accepted_at"])
            link = CoachLink.objects.create(
                coach=invitation.coach, athlete=athlete, invitation=invitation
            )
            # The coach's roster row, ready when they look.
            transaction.on_commit(partial(refresh, athlete.pk))
    except IntegrityError as error:  # one active link per coach and athlete
        name = invitation.coach.get_username() if invitation else "that coach"
        raise InvitationError(f"You already share your log with {name}.") from error
    return link


def link_end(*, link: CoachLink, by: User) -> None:
    """End a link, by its coach or its athlete; ending an ended link changes nothing."""
    if by.pk not in (link.coach_id, link.athlete_id):
        raise PermissionError("Only the coach or the athlete can end a link.")
    with transaction.atomic():
        ended = CoachLink.objects.filter(pk=link.pk, ended_at__isnull=True).update(
            ended_at=timezone.now(), ended_by=by
        )
        forget_coached(link.athlete_id)  # an update sends no signal
        still_coached = CoachLink.objects.filter(athlete_id=link.athlete_id, ended_at__isnull=True)
        if ended and not still_coached.exists():
            # Nobody follows the athlete any more: keep no derived copy of their log.
            AthleteSummary.objects.filter(athlete_id=link.athlete_id).delete()
    link.refresh_from_db(fields=["ended_at", "ended_by"])


class MessageError(ValueError):
    """A message that cannot be stored; the text is for the person who wrote it."""


BODY_MAX = 1000


def _link_active(coach_id: int, athlete_id: int) -> bool:
    return CoachLink.objects.filter(
        coach_id=coach_id, athlete_id=athlete_id, ended_at__isnull=True
    ).exists()


def thread_open(
    *,
    coach: User,
    athlete: User,
    session: TrainingSession | None = None,
    cause: str = "",
    region: str = "",
) -> Thread:
    """The coach and athlete's thread on a session or an advice item (made on first use)."""
    if not _link_active(coach.pk, athlete.pk):
        raise PermissionError("No active link between that coach and athlete.")
    if session is not None and session.athlete_id != athlete.pk:
        raise PermissionError("That session belongs to another athlete.")
    if (session is None) == (not cause):
        raise ValueError("A thread is on a session or on a piece of advice, not both.")
    if session is not None:
        thread, _ = Thread.objects.get_or_create(coach=coach, athlete=athlete, session=session)
    else:
        thread, _ = Thread.objects.get_or_create(
            coach=coach, athlete=athlete, session=None, cause=cause, region=region
        )
    return thread


EXCERPT = 120


def _message_notice(message: Comment, author: User, *, to_coach: bool) -> Notice:
    name = author.get_full_name() or author.get_username()
    body = message.body if len(message.body) <= EXCERPT else message.body[: EXCERPT - 1] + "…"
    return Notice(
        kind="message",
        title=f"Reply from {name}" if to_coach else f"Note from {name}",
        body=body,
        url=reverse("coaching:thread", args=[message.thread_id]),
        tag=f"thread-{message.thread_id}",
    )


def message_post(
    *, thread: Thread, author: User, body: str, client_id: UUID | None = None
) -> tuple[Comment, bool]:
    """Add `author`'s message to `thread` (False: that client id was already stored, and the
    stored message is returned). Writing a message marks the thread read for its author."""
    if author.pk not in (thread.coach_id, thread.athlete_id):
        raise PermissionError("Only the coach and the athlete write in their thread.")
    if client_id is not None:
        stored = Comment.messages.filter(author=author, client_id=client_id).first()
        if stored is not None:
            return stored, False
    body = body.strip()
    if not body or len(body) > BODY_MAX:
        raise MessageError(f"Write 1 to {BODY_MAX} characters.")
    if not _link_active(thread.coach_id, thread.athlete_id):
        raise PermissionError("No active link between that coach and athlete.")
    try:
        with transaction.atomic():
            message = Comment.messages.create(
                thread=thread,
                author=author,
                coach_id=thread.coach_id,
                athlete_id=thread.athlete_id,
                session_id=thread.session_id,
                cause=thread.cause,
                region=thread.region,
                body=body,
                client_id=client_id,
            )
            side = "coach" if author.pk == thread.coach_id else "athlete"
            Thread.objects.filter(pk=thread.pk).update(
                last_message_at=message.created,
                **{f"{side}_read_up_to": message.pk, f"{side}_read_at": message.created},
            )
            reader = thread.athlete_id if side == "coach" else thread.coach_id
            notice = _message_notice(message, author, to_coach=side == "athlete")
            transaction.on_commit(partial(notify_later, user_id=reader, notice=notice))
    except IntegrityError:  # the same client id, stored by a request running alongside
        if client_id is None:
            raise
        return Comment.messages.get(author=author, client_id=client_id), False
    thread.refresh_from_db()
    return message, True


def thread_read(*, thread: Thread, reader: User, up_to: int | None = None) -> Thread:
    """`reader` has read `thread` up to the message `up_to` (default: all of it). Read state
    only moves forward: an older `up_to` changes nothing."""
    if reader.pk not in (thread.coach_id, thread.athlete_id):
        raise PermissionError("Only the coach and the athlete read their thread.")
    latest = Comment.messages.filter(thread=thread).order_by("-pk").values_list("pk", flat=True)
    last = latest.first() or 0
    target = last if up_to is None else min(up_to, last)
    side = "coach" if reader.pk == thread.coach_id else "athlete"
    Thread.objects.filter(pk=thread.pk, **{f"{side}_read_up_to__lt": target}).update(
        **{f"{side}_read_up_to": target, f"{side}_read_at": timezone.now()}
    )
    thread.refresh_from_db()
    return thread


def comment_add(
    *,
    coach: User,
    athlete: User,
    body: str,
    session: TrainingSession | None = None,
    cause: str = "",
    region: str = "",
    client_id: UUID | None = None,
) -> Comment:
    """A coach's note on one of the athlete's sessions, or on a piece of advice (cause, region):
    the next message of their thread on it."""
    thread = thread_open(coach=coach, athlete=athlete, session=session, cause=cause, region=region)
    message, _ = message_post(thread=thread, author=coach, body=body, client_id=client_id)
    return message
