"""Every coaching write: invitations, accepting one, ending a link, comments.

Guarantees: a coach reads an athlete only after that athlete accepted an invitation; either
side ends a link with one write, and every access check (coaching.queries) reads the link
table on each request, so access ends at once; a comment needs an active link at the moment
it is written, whatever the page it came from showed.
"""

import secrets
from datetime import timedelta
from functools import partial

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.utils import timezone

from coaching.models import (
    CODE_ALPHABET,
    CODE_LENGTH,
    AthleteSummary,
    CoachLink,
    Comment,
    Invitation,
)
from coaching.summaries import forget_coached, refresh
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


def comment_add(
    *,
    coach: User,
    athlete: User,
    body: str,
    session: TrainingSession | None = None,
    cause: str = "",
    region: str = "",
) -> Comment:
    """A coach's note on one of the athlete's sessions, or on a piece of advice (cause, region)."""
    if not CoachLink.objects.filter(coach=coach, athlete=athlete, ended_at__isnull=True).exists():
        raise PermissionError("No active link between that coach and athlete.")
    if session is not None and session.athlete_id != athlete.pk:
        raise PermissionError("That session belongs to another athlete.")
    if (session is None) == (not cause):
        raise ValueError("A comment is on a session or on a piece of advice, not both.")
    return Comment.objects.create(
        coach=coach, athlete=athlete, body=body, session=session, cause=cause, region=region
    )
