"""Writes of the reports app: share links made, revoked and opened; experiments recorded.

Experiments feed the advice (its "what helped" notes), so every write to them announces a
change of the athlete's log: the cached advice is recomputed.
"""

import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from uuid import UUID

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.services import access_record_by_link
from reports import queries
from reports.detect import detect
from reports.models import ChangeField, Experiment, ExperimentSource, ShareLink, ShareOpening
from tracker.signals import announce_log_changed

LINK_DAYS = (7, 30)
MAX_LIVE_LINKS = 10  # live links per athlete: enough for every clinician, not a mailing list
TOKEN_BYTES = 32  # 256 bits from `secrets`
SAME_CHANGE = timedelta(days=7)  # a change the athlete named this close is the one the log shows


class ShareLinkError(Exception):
    """A link that cannot be made; the message says why, for the athlete."""


@dataclass(frozen=True)
class NewLink:
    link: ShareLink
    token: str  # shown once; only its hash is stored


@transaction.atomic
def share_link_create(
    *,
    athlete: User,
    label: str,
    days: int,
    weeks: int,
    include_charts: bool = False,
    include_notes: bool = True,
    coach_note_ids: Iterable[int] = (),
) -> NewLink:
    """A new link, valid for `days` (7 or 30) from now, to the last `weeks` weeks of the report.

    Coach notes are kept only if they are notes to this athlete.
    """
    if days not in LINK_DAYS:
        raise ValueError("A link lasts 7 or 30 days.")
    now = timezone.now()
    live = ShareLink.objects.filter(athlete=athlete, revoked_at__isnull=True, expires_at__gt=now)
    if live.count() >= MAX_LIVE_LINKS:
        raise ShareLinkError(
            f"You have {MAX_LIVE_LINKS} links that still work: revoke one before making another."
        )
    token = secrets.token_urlsafe(TOKEN_BYTES)
    link = ShareLink.objects.create(
        athlete=athlete,
        label=label.strip() or "someone",
        token_hash=queries.token_hash(token),
        weeks=weeks,
        include_charts=include_charts,
        include_notes=include_notes,
        expires_at=now + timedelta(days=days),
    )
    wanted = set(coach_note_ids)
    if wanted:
        own = athlete.coach_comments.filter(pk__in=wanted)
        link.coach_notes.set(own)
    return NewLink(link, token)


def share_link_revoke(*, athlete: User, public_id: UUID) -> bool:
    """End one of the athlete's links now; False if it is not theirs or already ended."""
    ended = ShareLink.objects.filter(
        athlete=athlete, public_id=public_id, revoked_at__isnull=True
    ).update(revoked_at=timezone.now())
    return ended > 0


def share_link_opened(*, link: ShareLink, what: str) -> ShareOpening | None:
    """Write the opening in the athlete's access log and beside the link (a reload within
    the access log's repeat window is one opening)."""
    record = access_record_by_link(
        athlete_id=link.athlete_id,
        viewer_name=f"Someone with your link for {link.label}",
        what=what,
        link_key=str(link.public_id),
    )
    if record is None:
        return None
    return ShareOpening.objects.create(link=link, record=record)


# --- experiments ---------------------------------------------------------------------------


@transaction.atomic
def experiment_record(
    *,
    athlete: User,
    started_on: date,
    field: str,
    value: str = "",
    regions: Iterable[str],
    description: str = "",
    cause: str = "",
    client_id: UUID | None = None,
) -> tuple[Experiment, bool]:
    """Record a change the athlete made or is making (created=False: the same client_id, or
    the same change on the same day, was already recorded; that row is returned, updated
    with the athlete's regions and words and no longer dismissed)."""
    if client_id is not None:
        found = Experiment.objects.filter(athlete=athlete, client_id=client_id).first()
        if found is not None:
            return found, False
    regions = sorted(set(regions))
    same = (
        Experiment.objects.filter(athlete=athlete, field=field, value=value, started_on=started_on)
        .exclude(field=ChangeField.OTHER)
        .first()
    )
    if same is not None:
        same.regions = sorted(set(same.regions) | set(regions))
        same.description = description or same.description
        same.cause = cause or same.cause
        same.dismissed = False
        same.save(update_fields=["regions", "description", "cause", "dismissed"])
        announce_log_changed(athlete.pk)
        return same, False
    experiment = Experiment.objects.create(
        athlete=athlete,
        started_on=started_on,
        field=field,
        value=value,
        regions=regions,
        description=description.strip(),
        cause=cause,
        source=ExperimentSource.ATHLETE,
        client_id=client_id,
    )
    announce_log_changed(athlete.pk)
    return experiment, True


def experiment_remove(*, athlete: User, experiment: Experiment) -> None:
    """The athlete's own experiment is deleted; one seen in the log is dismissed (kept, so
    the same change is not found again)."""
    if experiment.athlete_id != athlete.pk:
        raise Experiment.DoesNotExist
    if experiment.source == ExperimentSource.LOG:
        Experiment.objects.filter(pk=experiment.pk).update(dismissed=True)
    else:
        experiment.delete()
    announce_log_changed(athlete.pk)


def experiments_sync(*, athlete: User, today: date) -> int:
    """Record the changes the log shows (reports.detect) that are not recorded yet; the number
    added. A change the athlete already named within SAME_CHANGE of it is that experiment."""
    sessions, pains = queries.changes_since(athlete, today)
    found = detect(sessions, pains)
    if not found:
        return 0
    known = list(
        Experiment.objects.filter(athlete=athlete).values_list("field", "value", "started_on")
    )
    new = [
        Experiment(
            athlete=athlete,
            started_on=d.started_on,
            field=d.field,
            value=d.value,
            regions=list(d.regions),
            cause=d.cause,
            source=ExperimentSource.LOG,
        )
        for d in found
        if not any(
            f == d.field and v == d.value and abs(day - d.started_on) <= SAME_CHANGE
            for f, v, day in known
        )
    ]
    if not new:
        return 0
    try:
        with transaction.atomic():
            created = Experiment.objects.bulk_create(new, ignore_conflicts=True)
    except IntegrityError:  # another request stored them first
        return 0
    announce_log_changed(athlete.pk)
    return len(created)
