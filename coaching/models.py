"""Coaching: consent-based links between a coach and athletes, comments, the roster summary.

A coach sees an athlete only through an active `CoachLink`, which exists only once the athlete
accepted an `Invitation`. Ending a link (either side) sets `ended_at`; every access check reads
the link table on every request, so access ends with that write.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from advice.causes import CAUSES
from tracker.choices import PainRegion
from tracker.models import TrainingSession

# No 0/O, 1/I/L: a code read aloud across a gym or typed from a screenshot survives.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 8


class Invitation(models.Model):
    """A single-use invitation a coach shares as a short code or a link."""

    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coach_invitations"
    )
    code = models.CharField(max_length=CODE_LENGTH, unique=True, editable=False)
    # Who it is for, in the coach's words: the pending list says whom they are waiting on.
    name = models.CharField(max_length=100, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="accepted_invitations",
    )
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created"]
        constraints = [
            models.CheckConstraint(
                condition=Q(accepted_by__isnull=True, accepted_at__isnull=True)
                | Q(accepted_by__isnull=False, accepted_at__isnull=False),
                name="invitation_accepted_together",
            ),
            models.CheckConstraint(
                condition=~Q(accepted_by=F("coach")), name="invitation_not_by_its_coach"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} from {self.coach}"


class CoachLink(models.Model):
    """A coach may read an athlete's log while `ended_at` is null."""

    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="athlete_links"
    )
    athlete = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coach_links"
    )
    invitation = models.OneToOneField(
        Invitation, on_delete=models.SET_NULL, null=True, blank=True, related_name="link"
    )
    started = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-started"]
        indexes = [
            # The two lookups every coaching request makes: a coach's athletes, an athlete's
            # coaches, active links only.
            models.Index(
                fields=["coach", "athlete"], condition=Q(ended_at__isnull=True), name="link_active"
            ),
            models.Index(
                fields=["athlete"], condition=Q(ended_at__isnull=True), name="link_active_athlete"
            ),
        ]
        constraints = [
            # Ended links stay as history; a new invitation makes a new link.
            models.UniqueConstraint(
                fields=["coach", "athlete"],
                condition=Q(ended_at__isnull=True),
                name="link_one_active_per_pair",
            ),
            models.CheckConstraint(condition=~Q(coach=F("athlete")), name="link_not_to_oneself"),
        ]

    def __str__(self) -> str:
        state = "active" if self.active else "ended"
        return f"{self.coach} coaches {self.athlete} ({state})"

    @property
    def active(self) -> bool:
        return self.ended_at is None


class Comment(models.Model):
    """A coach's note on one of an athlete's sessions, or on a piece of advice (cause, region)."""

    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="comments_written"
    )
    athlete = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coach_comments"
    )
    session = models.ForeignKey(
        TrainingSession,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="coach_comments",
    )
    cause = models.CharField(
        max_length=40, blank=True, choices=[(c.id, c.title) for c in CAUSES.values()]
    )
    region = models.CharField(max_length=16, blank=True, choices=PainRegion)
    body = models.TextField(max_length=1000)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created", "pk"]
        indexes = [
            models.Index(fields=["athlete", "session"], name="comment_athlete_session"),
            models.Index(fields=["athlete", "cause"], name="comment_athlete_cause"),
        ]
        constraints = [
            # Exactly one target: a session, or an advice item (a region only with a cause).
            models.CheckConstraint(
                condition=(Q(session__isnull=False) & Q(cause="") & Q(region=""))
                | (Q(session__isnull=True) & ~Q(cause="")),
                name="comment_one_target",
            ),
        ]

    def __str__(self) -> str:
        target = f"session {self.session_id}" if self.session_id else f"{self.cause} {self.region}"
        return f"{self.coach} on {target}"


class AthleteSummary(models.Model):
    """The athlete's roster row, precomputed when their log changes (coaching.summaries).

    Stored as dated facts (weekly volumes, daily worst pain, red flags) so the roster can
    say "this week" and "the last 7 days" on any later day without reading the log.
    Exists only while the athlete has an active coach link.
    """

    athlete = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="coaching_summary",
    )
    computed_on = models.DateField(help_text="The athlete's date the advice was computed for.")
    computed_at = models.DateTimeField(auto_now=True)
    last_session_date = models.DateField(null=True, blank=True)
    # {"YYYY-MM-DD" (a Monday): volume kg}, hip-thrust family, the last weeks only.
    weekly_volume = models.JSONField(default=dict, blank=True)
    # [["YYYY-MM-DD", region, worst score, character], ...]: worst pain per day and region.
    daily_pain = models.JSONField(default=list, blank=True)
    # [["YYYY-MM-DD", kind], ...]
    red_flags = models.JSONField(default=list, blank=True)
    advice_cause = models.CharField(max_length=40, blank=True)
    advice_severity = models.CharField(max_length=20, blank=True)
    advice_title = models.CharField(max_length=200, blank=True)
    advice_region = models.CharField(max_length=16, blank=True)
    advice_count = models.PositiveSmallIntegerField(default=0)
    # [[code, short text, "YYYY-MM-DD"], ...]: why to look now (advice.attention), most
    # urgent first, as of `computed_on`.
    reasons = models.JSONField(default=list, blank=True)
    # [["YYYY-MM-DD" (a Monday), worst pain, volume kg], ...]: the last 8 weeks, oldest first.
    weekly = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name_plural = "athlete summaries"

    def __str__(self) -> str:
        return f"{self.athlete} on {self.computed_on}"
