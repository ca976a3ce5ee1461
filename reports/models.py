"""What the athlete takes to a clinician: share links to their report, and experiments (a dated
change and whether the pain it was meant to help went down).

A share link's token is shown once, when it is made; only its SHA-256 is stored (like a
password-reset token), so a copy of the database opens no report.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from accounts.models import AccessRecord


class ShareLink(models.Model):
    """A read-only, time-limited, revocable link to the athlete's report, for someone without
    an account. It shows the last `weeks` weeks up to the day it is opened."""

    athlete = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="share_links"
    )
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    label = models.CharField("who it is for", max_length=80)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    weeks = models.PositiveSmallIntegerField(default=8)
    include_charts = models.BooleanField("let them open the charts", default=False)
    include_notes = models.BooleanField("include my session notes", default=True)
    # The coach notes the athlete chose to include (coaching.Comment ids, checked on reading).
    coach_notes = models.ManyToManyField("coaching.Comment", blank=True, related_name="+")
    created = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created", "-id"]
        indexes = [models.Index(fields=["athlete", "-created"], name="share_link_by_athlete")]
        constraints = [
            models.CheckConstraint(condition=Q(weeks__range=(1, 52)), name="share_link_weeks"),
        ]

    def __str__(self) -> str:
        return f"{self.athlete}'s link for {self.label}"


class ShareOpening(models.Model):
    """One opening of a share link: the access-log row it wrote, tied to the link, so the
    Settings page can list openings beside each link."""

    link = models.ForeignKey(ShareLink, on_delete=models.CASCADE, related_name="openings")
    record = models.OneToOneField(AccessRecord, on_delete=models.CASCADE, related_name="+")

    class Meta:
        ordering = ["-record__at", "-id"]

    def __str__(self) -> str:
        return f"{self.link} opened"


class ChangeField(models.TextChoices):
    """What an experiment changes: a setup field (the value is its new setting), the load
    ("lighter"), or something else the athlete names in words."""

    PADDING = "padding", "Padding"
    FOOT_DISTANCE = "foot_distance", "Foot distance"
    STANCE_WIDTH = "stance_width", "Stance width"
    EQUIPMENT = "equipment", "Equipment"
    LOAD = "load", "Load"
    OTHER = "other", "Something else"


class LoadChange(models.TextChoices):
    LIGHTER = "lighter", "Lighter"
    HEAVIER = "heavier", "Heavier"


class ExperimentSource(models.TextChoices):
    ATHLETE = "athlete", "Said by the athlete"
    LOG = "log", "Seen in the log"


class Experiment(models.Model):
    """A dated change and the regions it is meant to help. The comparison itself is
    computed when read (advice.experiments.compare), never stored: it moves as sessions come."""

    athlete = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="experiments"
    )
    started_on = models.DateField()
    field = models.CharField(max_length=16, choices=ChangeField)
    value = models.CharField(max_length=16, blank=True)
    description = models.CharField(max_length=200, blank=True)
    # Machine values of the contract's pain regions (validated by the service).
    regions = models.JSONField(default=list)
    # The advice cause it answers (a cause id of the contract), checked by the service; no
    # choices here, so a new cause in the catalogue needs no migration.
    cause = models.CharField(max_length=40, blank=True)
    source = models.CharField(
        max_length=8, choices=ExperimentSource, default=ExperimentSource.ATHLETE
    )
    # A change seen in the log that the athlete says is not an experiment: kept, so it is
    # not found again.
    dismissed = models.BooleanField(default=False)
    client_id = models.UUIDField(null=True, blank=True, editable=False)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-started_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["athlete", "client_id"],
                condition=Q(client_id__isnull=False),
                name="experiment_one_client_id_per_athlete",
            ),
            # The same change on the same day is one experiment (said and seen in the log);
            # changes in words ("other") are told apart by the client id alone.
            models.UniqueConstraint(
                fields=["athlete", "field", "value", "started_on"],
                condition=~Q(field="other"),
                name="experiment_one_change_per_day",
            ),
            models.CheckConstraint(
                condition=Q(field__in=ChangeField.values), name="experiment_field_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.athlete}: {self.field} {self.value} from {self.started_on}"
