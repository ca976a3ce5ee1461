"""Reads of the accounts app for its pages."""

from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.utils import timezone

from accounts.models import AccessRecord, ApiToken


def live_tokens(user: User) -> QuerySet[ApiToken]:
    """The user's tokens that still work, the most recently used first."""
    return (
        ApiToken.objects.filter(user=user, expiry__gt=timezone.now())
        .only("public_id", "device", "created", "last_used", "expiry")
        .order_by("-last_used", "-created")
    )


def accesses_of(athlete: User) -> QuerySet[AccessRecord]:
    """Who opened the athlete's data, newest first."""
    return AccessRecord.objects.filter(athlete=athlete).only("at", "viewer_name", "what")
