"""What reaches a person when they are not looking at the app: Web Push subscriptions (one per
browser that opted in) and each person's choices (what, and at which local time)."""

from django.conf import settings
from django.db import models


class PushSubscription(models.Model):
    """A browser's push endpoint and its keys (the PushSubscription the browser gave us).

    Deleted when the push service says the endpoint is gone (404 or 410), when the person turns
    notifications off on that browser, or with the account.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="push_subscriptions"
    )
    endpoint = models.URLField(max_length=1000, unique=True)
    p256dh = models.CharField("browser's public key (P-256, base64url)", max_length=128)
    auth = models.CharField("auth secret (base64url)", max_length=64)
    created = models.DateTimeField(auto_now_add=True)
    last_sent_at = models.DateTimeField(null=True, blank=True)
    failures = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["created", "pk"]

    def __str__(self) -> str:
        return f"{self.user} at {self.endpoint[:40]}"

    def info(self) -> dict[str, object]:
        """The subscription as the browser gave it (what pywebpush takes)."""
        return {"endpoint": self.endpoint, "keys": {"p256dh": self.p256dh, "auth": self.auth}}


class NotificationPreference(models.Model):
    """One person's choices. Times are clock times in the person's own time zone
    (tracker's Profile.time_zone); `next_*_at` is the next such moment in UTC, kept so the
    periodic job reads only the rows that are due."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="notification_preference",
    )
    messages = models.BooleanField("a new note or reply", default=True)
    check_in_at = models.TimeField("next-morning check-in reminder", null=True, blank=True)
    coach_summary_at = models.TimeField(
        "daily summary of athletes to look at", null=True, blank=True
    )
    email_fallback = models.BooleanField("e-mail when no browser can be reached", default=True)
    next_check_in_at = models.DateTimeField(null=True, blank=True, db_index=True)
    next_summary_at = models.DateTimeField(null=True, blank=True, db_index=True)

    def __str__(self) -> str:
        return f"{self.user}'s notifications"
