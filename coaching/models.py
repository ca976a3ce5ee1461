"""Coaching: consent-based links between a coach and athletes, conversations, the roster summary.

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


class Thread(models.Model):
    """A conversation between a coach and an athlete about one session or one advice item
    (cause, region): the coach's notes and the athlete's replies (`Comment`), oldest first.

    Exactly two people take part, so each one's read state is a pair of columns: the last
    message they have read (by id: ids grow with time) and when they read it.
    """

    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coach_threads"
    )
    athlete = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="athlete_threads"
    )
    session = models.ForeignKey(
        TrainingSession, on_delete=models.CASCADE, null=True, blank=True, related_name="threads"
    )
    cause = models.CharField(
        max_length=40, blank=True, choices=[(c.id, c.title) for c in CAUSES.values()]
    )
    region = models.CharField(max_length=16, blank=True, choices=PainRegion)
    created = models.DateTimeField(auto_now_add=True)
    last_message_at = models.DateTimeField(null=True, blank=True)
    coach_read_up_to = models.PositiveBigIntegerField(default=0)
    coach_read_at = models.DateTimeField(null=True, blank=True)
    athlete_read_up_to = models.PositiveBigIntegerField(default=0)
    athlete_read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-last_message_at", "-pk"]
        indexes = [
            models.Index(fields=["athlete", "-last_message_at"], name="thread_athlete_recent"),
            models.Index(fields=["coach", "athlete"], name="thread_coach_athlete"),
        ]
        constraints = [
            # One thread per coach, athlete and subject: a second note joins the first.
            models.UniqueConstraint(
                fields=["coach", "athlete", "session"],
                condition=Q(session__isnull=False),
                name="thread_one_per_session",
            ),
            models.UniqueConstraint(
                fields=["coach", "athlete", "cause", "region"],
                condition=Q(session__isnull=True),
                name="thread_one_per_advice_item",
            ),
            models.CheckConstraint(
                condition=(Q(session__isnull=False) & Q(cause="") & Q(region=""))
                | (Q(session__isnull=True) & ~Q(cause="")),
                name="thread_one_target",
            ),
            models.CheckConstraint(condition=~Q(coach=F("athlete")), name="thread_two_people"),
        ]

    def __str__(self) -> str:
        target = f"session {self.session_id}" if self.session_id else f"{self.cause} {self.region}"
        return f"{self.coach} and {self.athlete} on {target}"

    @property
    def cause_or_none(self) -> str | None:
        return self.cause or None

    @property
    def region_or_none(self) -> str | None:
        return self.region or None

    @property
    def subject(self) -> str:
        """What the thread is about, in a few words ("Session of Tue 3 Dec", an advice title)."""
        if self.session is not None:
            return (
                f"Session of {self.session.date:%a} {self.session.date.day} {self.session.date:%b}"
            )
        title = CAUSES[self.cause].title if self.cause in CAUSES else self.cause
        if self.region:
            return f"{title} ({PainRegion(self.region).label.split(' (')[0].lower()})"
        return title


class CoachNotes(models.Manager["Comment"]):
    """The coach's own notes (not the athlete's replies): what the report and the export
    offer as "coach's notes", and what account deletion counts as written by the coach."""

    def get_queryset(self) -> models.QuerySet["Comment"]:
        return super().get_queryset().filter(author_id=F("coach_id"))


class Comment(models.Model):
    """One message of a `Thread`: a coach's note, or the athlete's reply (`author`).

    The thread's coach, athlete and subject are repeated on each message because the report
    and the export read notes by them; coaching.services writes both from the thread, so they
    always agree. `Comment.objects` is the coach's notes only; `Comment.messages` is all.
    """

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="messages_written"
    )
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
    # Made by the phone or the form: a retried post finds the message it already stored.
    client_id = models.UUIDField(null=True, blank=True, editable=False)
    created = models.DateTimeField(auto_now_add=True)

    objects = CoachNotes()
    messages = models.Manager()  # noqa: DJ012 (ruff reads CoachNotes() as a field)

    class Meta:
        ordering = ["created", "pk"]
        base_manager_name = "messages"
        indexes = [
            models.Index(fields=["athlete", "session"], name="comment_athlete_session"),
            models.Index(fields=["athlete", "cause"], name="comment_athlete_cause"),
            models.Index(fields=["thread", "id"], name="comment_thread_order"),
        ]
        constraints = [
            # Exactly one target: a session, or an advice item (a region only with a cause).
            models.CheckConstraint(
                condition=(Q(session__isnull=False) & Q(cause="") & Q(region=""))
                | (Q(session__isnull=True) & ~Q(cause="")),
                name="comment_one_target",
            ),
            models.CheckConstraint(
                condition=Q(author=F("coach")) | Q(author=F("athlete")),
                name="comment_by_a_participant",
            ),
            models.UniqueConstraint(
                fields=["author", "client_id"],
                condition=Q(client_id__isnull=False),
                name="comment_one_client_id_per_author",
            ),
        ]

    def __str__(self) -> str:
        target = f"session {self.session_id}" if self.session_id else f"{self.cause} {self.region}"
        return f"{self.author} on {target}"

    @property
    def from_coach(self) -> bool:
        return self.author_id == self.coach_id


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
    # [["YYYY-MM-DD", kind], ...]: each red flag not marked gone since, with its last report.
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
