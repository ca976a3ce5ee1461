"""Who may reach an athlete's data: API tokens per device, and a record of who looked."""

from __future__ import annotations

import uuid
from datetime import datetime

from django.conf import settings
from django.db import models
from knox.models import AbstractAuthToken

DEVICE_MAX_LENGTH = 120


class ApiToken(AbstractAuthToken):
    """A knox token (only its hash is stored) for one device, with when it was last used.

    `public_id` names the token on the Settings page and in revoke links: the digest and the
    key's first characters stay private.
    """

    public_id: models.UUIDField[uuid.UUID, uuid.UUID] = models.UUIDField(
        default=uuid.uuid4, unique=True, editable=False
    )
    device: models.CharField[str, str] = models.CharField(max_length=DEVICE_MAX_LENGTH, blank=True)
    last_used: models.DateTimeField[datetime | None, datetime | None] = models.DateTimeField(
        null=True, blank=True
    )

    class Meta:
        ordering = ["-created"]
        verbose_name = "API token"

    def __str__(self) -> str:
        return f"{self.user} on {self.device or 'an unnamed device'}"


class AccessRecord(models.Model):
    """Someone other than the athlete opened the athlete's data: who, what and when.

    The athlete reads these in Settings and gets them in the export. The viewer's name is kept
    as it was, so a row still says who looked after that account is gone.
    """

    athlete = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="access_records"
    )
    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    viewer_name = models.CharField(max_length=150)
    what = models.CharField(max_length=120)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["athlete", "-at"], name="access_by_athlete_newest")]

    def __str__(self) -> str:
        return (
            f"{self.viewer_name} opened {self.what} of {self.athlete} at {self.at:%Y-%m-%d %H:%M}"
        )
