"""The training log's background tasks (Django's task API, django-tasks): run by whichever
backend TASKS names (thrustlog/settings.py), never inside a web request."""

from django.contrib.sessions.models import Session
from django.utils import timezone
from django_tasks import task

from tracker.portability import exporting, jobs, spool


@task()
def run_import_job(job_id: str) -> None:
    """Read (a preview) or import an upload waiting in the spool."""
    jobs.run(job_id)


@task()
def run_export_job(job_id: str) -> None:
    """Write a long history's export to a file for the athlete to download."""
    exporting.run(job_id)


@task()
def forget_old_uploads() -> dict[str, int]:
    """Periodic: uploads and exports older than a day go, and imports a stopped worker left
    behind fail."""
    return {
        "files": spool.forget_old(),
        "exports": exporting.forget_old(),
        "stalled_jobs": jobs.give_up_stalled(),
    }


@task()
def clear_expired_sessions() -> int:
    """Periodic: browser sessions past their expiry (what `manage.py clearsessions` does)."""
    deleted, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted
