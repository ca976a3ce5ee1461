"""Every notifications read."""

from datetime import datetime

from django.contrib.auth.models import User
from django.db.models import QuerySet

from notifications.models import NotificationPreference, PushSubscription

BATCH = 500  # due rows handled per periodic run; the rest wait for the next run

_DUE_FIELDS = {"check_in": "next_check_in_at", "coach_summary": "next_summary_at"}


def due(kind: str, now: datetime) -> QuerySet[NotificationPreference]:
    """Preferences whose next reminder (`check_in`) or summary (`coach_summary`) is due."""
    field = _DUE_FIELDS[kind]
    return (
        NotificationPreference.objects.filter(**{f"{field}__lte": now})
        .select_related("user", "user__profile")
        .order_by(field)[:BATCH]
    )


def subscriptions_of(user: User) -> QuerySet[PushSubscription]:
    return PushSubscription.objects.filter(user=user).order_by("created", "pk")


def preference_or_none(user: User) -> NotificationPreference | None:
    return preference_of_id(user.pk)


def preference_of_id(user_id: int) -> NotificationPreference | None:
    return NotificationPreference.objects.select_related("user").filter(user_id=user_id).first()
