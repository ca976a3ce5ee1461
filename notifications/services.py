"""Every notifications write: browsers subscribing and leaving, each person's choices, and
handing a notice to the task runner (never sent inside a request).

A subscription's endpoint is where the server will later send requests, so only https
addresses of the push services named in PUSH_ENDPOINT_HOSTS are taken from a client.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import asdict, dataclass
from datetime import datetime, time
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from notifications import push
from notifications.models import NotificationPreference, PushSubscription
from notifications.schedule import next_at, zone_of
from tracker.models import Profile


class SubscriptionError(ValueError):
    """A subscription the server will not send to; `field` names the bad part."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class Notice:
    """What a notification says: its title and a line of text, the page it opens, and a tag
    (a newer notice with the same tag replaces the older one on the phone)."""

    kind: str  # "message", "check_in" or "coach_summary": the preference that governs it
    title: str
    body: str
    url: str
    tag: str


def _b64url_bytes(value: str) -> bytes | None:
    try:
        return base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
    except (binascii.Error, ValueError):
        return None


def endpoint_allowed(endpoint: str) -> bool:
    """An https address on a push service's host (or a subdomain of one)."""
    parts = urlsplit(endpoint)
    host = (parts.hostname or "").lower()
    if parts.scheme != "https" or not host or parts.username or parts.password:
        return False
    return any(host == h or host.endswith("." + h) for h in settings.PUSH_ENDPOINT_HOSTS)


def subscribe(
    *, user: User, endpoint: str, p256dh: str, auth: str
) -> tuple[PushSubscription, bool]:
    """Remember a browser's subscription for `user` (True: new). The same endpoint again
    updates its keys; an endpoint another account had now belongs to this one (one browser,
    one signed-in person)."""
    if not endpoint_allowed(endpoint):
        raise SubscriptionError("endpoint", "Not the address of a known push service (https).")
    key = _b64url_bytes(p256dh)
    if key is None or len(key) != 65 or key[0] != 4:
        raise SubscriptionError("keys", "p256dh must be an uncompressed P-256 key (base64url).")
    secret = _b64url_bytes(auth)
    if secret is None or len(secret) != 16:
        raise SubscriptionError("keys", "auth must be a 16-byte secret (base64url).")
    try:
        with transaction.atomic():
            subscription, created = PushSubscription.objects.update_or_create(
                endpoint=endpoint,
                defaults={"user": user, "p256dh": p256dh, "auth": auth, "failures": 0},
            )
    except IntegrityError:  # the same browser subscribing twice at once
        subscription, created = PushSubscription.objects.get(endpoint=endpoint), False
        if subscription.user_id != user.pk:
            raise SubscriptionError("endpoint", "That browser is being set up.") from None
    return subscription, created


def unsubscribe(*, user: User, pk: int | None = None, endpoint: str = "") -> bool:
    """Forget one of `user`'s browsers (by id or endpoint); False if it was not theirs."""
    mine = PushSubscription.objects.filter(user=user)
    mine = mine.filter(pk=pk) if pk is not None else mine.filter(endpoint=endpoint)
    deleted, _ = mine.delete()
    return deleted > 0


def record_outcome(subscription: PushSubscription, outcome: push.Outcome) -> None:
    """What the push service said: a gone endpoint is forgotten, others are counted."""
    if outcome is push.Outcome.GONE:
        subscription.delete()
    elif outcome is push.Outcome.SENT:
        PushSubscription.objects.filter(pk=subscription.pk).update(
            last_sent_at=timezone.now(), failures=0
        )
    else:
        PushSubscription.objects.filter(pk=subscription.pk).update(failures=F("failures") + 1)


def preference_of(user: User) -> NotificationPreference:
    preference, _ = NotificationPreference.objects.get_or_create(user=user)
    return preference


def _zone_name(user: User) -> str:
    return Profile.objects.filter(user=user).values_list("time_zone", flat=True).first() or "UTC"


def preference_update(
    *, user: User, now: datetime | None = None, **changes: bool | time | None
) -> NotificationPreference:
    """Change `user`'s choices (messages, check_in_at, coach_summary_at, email_fallback) and
    schedule the next reminder and summary at those clock times in the user's time zone."""
    allowed = {"messages", "check_in_at", "coach_summary_at", "email_fallback"}
    unknown = set(changes) - allowed
    if unknown:
        raise TypeError(f"Unknown preferences: {', '.join(sorted(unknown))}")
    preference = preference_of(user)
    for name, value in changes.items():
        setattr(preference, name, value)
    reschedule(preference, now=now or timezone.now(), zone_name=_zone_name(user))
    preference.save()
    return preference


def reschedule(preference: NotificationPreference, *, now: datetime, zone_name: str) -> None:
    """Set the next reminder and summary moments after `now` (None where the time is unset)."""
    zone = zone_of(zone_name)
    preference.next_check_in_at = (
        next_at(preference.check_in_at, zone, now) if preference.check_in_at else None
    )
    preference.next_summary_at = (
        next_at(preference.coach_summary_at, zone, now) if preference.coach_summary_at else None
    )


def zone_name_of(user: User) -> str:
    """The user's time zone name as their profile says (a loaded profile costs no query)."""
    profile = getattr(user, "profile", None)
    return profile.time_zone if profile is not None else _zone_name(user)


_DUE_FIELDS = {"check_in": ("next_check_in_at", "check_in_at"),
               "coach_summary": ("next_summary_at", "coach_summary_at")}  # fmt: skip


def take_due(preference: NotificationPreference, kind: str, *, now: datetime) -> bool:
    """Move a due row's next moment on to the same clock time after `now`; True for the one
    worker that moved it (several workers never send the same reminder twice)."""
    field, clock = _DUE_FIELDS[kind]
    at = getattr(preference, clock)
    following = next_at(at, zone_of(zone_name_of(preference.user)), now) if at else None
    moved = NotificationPreference.objects.filter(
        pk=preference.pk, **{field: getattr(preference, field)}
    ).update(**{field: following})
    return moved == 1


def notify_later(*, user_id: int, notice: Notice) -> None:
    """Hand `notice` for `user_id` to the task runner (push, else e-mail)."""
    from notifications.tasks import deliver

    deliver.enqueue(user_id, asdict(notice))
