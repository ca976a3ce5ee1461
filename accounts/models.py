"""Who may reach an athlete's data: API tokens per device."""

import uuid

from django.db import models
from knox.models import AbstractAuthToken

DEVICE_MAX_LENGTH = 120


class ApiToken(AbstractAuthToken):
    """A knox token (only its hash is stored) for one device, with when it was last used.

    `public_id` names the token on the Settings page and in revoke links: the digest and the
    key's first characters stay private.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    device = models.CharField(max_length=DEVICE_MAX_LENGTH, blank=True)
    last_used = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created"]
        verbose_name = "API token"

    def __str__(self) -> str:
        return f"{self.user} on {self.device or 'an unnamed device'}"
