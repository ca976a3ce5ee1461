"""An import running in the background (shared/contract.md section 2, v1.1), a long export
written in the background, and the record of when each periodic job last ran
(thrustlog/periodic.py). Imported by tracker.models."""

from uuid import uuid4

from django.conf import settings
from django.db import models


class ImportJob(models.Model):
    """One uploaded file read (a preview) or imported in the background, owner-only."""

    class State(models.TextChoices):
        QUEUED = "queued", "Waiting"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    class Kind(models.TextChoices):
        IMPORT = "import", "Import"
        PREVIEW = "preview", "Preview"

    id = models.UUIDField(primary_key=True, default=uuid4, editable=False)
    athlete = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="import_jobs"
    )
    kind = models.CharField(max_length=10, choices=Kind, default=Kind.IMPORT)
    state = models.CharField(max_length=10, choices=State, default=State.QUEUED)
    progress = models.FloatField(default=0)  # 0..1
    stage = models.CharField(max_length=20, blank=True)  # "reading", "saving"
    token = models.CharField(max_length=40)  # the waiting upload (tracker.portability.spool)
    file_name = models.CharField(max_length=200, blank=True)
    size = models.PositiveIntegerField(default=0)
    unit = models.CharField(max_length=2, blank=True)  # the athlete's explicit choice, if any
    sessions = models.PositiveIntegerField(default=0)
    sets = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0)
    first_date = models.DateField(null=True, blank=True)
    last_date = models.DateField(null=True, blank=True)
    result = models.JSONField(default=dict, blank=True)  # the preview: mapping, skips, unit
    errors = models.JSONField(default=list, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created"]
        indexes = [models.Index(fields=["athlete", "-created"], name="importjob_athlete_recent")]

    def __str__(self) -> str:
        return f"{self.kind} {self.id} ({self.state})"

    @property
    def finished(self) -> bool:
        return self.state in (self.State.DONE, self.State.FAILED)


class ExportJob(models.Model):
    """A long history's export, written to a file in the background, then downloaded."""

    class Kind(models.TextChoices):
        ZIP = "zip", "ZIP of CSV files"
        JSON = "json", "JSON document"

    id = models.UUIDField(primary_key=True, default=uuid4, editable=False)
    athlete = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="export_jobs"
    )
    kind = models.CharField(max_length=4, choices=Kind, default=Kind.ZIP)
    state = models.CharField(max_length=10, choices=ImportJob.State, default=ImportJob.State.QUEUED)
    progress = models.FloatField(default=0)
    size = models.PositiveBigIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"export {self.id} ({self.state})"

    @property
    def finished(self) -> bool:
        return self.state in (ImportJob.State.DONE, ImportJob.State.FAILED)


class PeriodicRun(models.Model):
    """When a periodic job was last handed to the task runner: the scheduler on any machine
    claims a due job by moving this time forward, so only one of them enqueues it."""

    name = models.CharField(max_length=100, primary_key=True)
    last_enqueued = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name} at {self.last_enqueued:%Y-%m-%d %H:%M}"
