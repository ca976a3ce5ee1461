"""Background tasks that belong to no app: the task runner's own housekeeping."""

from datetime import timedelta

from django.apps import apps
from django.utils import timezone
from django_tasks import task

KEEP_RESULTS = timedelta(days=7)


@task()
def prune_task_results() -> int:
    """Periodic: forget finished tasks' records older than a week (database backend only)."""
    if not apps.is_installed("django_tasks_db"):
        return 0
    from django_tasks_db.models import DBTaskResult

    finished = DBTaskResult.objects.finished().filter(finished_at__lt=timezone.now() - KEEP_RESULTS)
    deleted, _ = finished.delete()
    return deleted
