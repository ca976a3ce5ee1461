"""Signals of the training log.

`log_changed` is sent with `athlete_id` after a write to that athlete's log has committed: the
advice cache and the coaches' roster rows listen to it instead of each watching the models.
Every write path of tracker.services saves or deletes a TrainingSession, Set or PainReport row
(red flags are written beside a saved session), so watching those three models sees every
change. A bulk write that bypasses them (an importer) calls `announce_log_changed` itself.
"""

from typing import Any

from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal, receiver
from django.http import HttpRequest

from tracker.models import PainReport, Set, TrainingSession
from tracker.preferences import remember
from tracker.services import profile_for

log_changed = Signal()  # kwargs: athlete_id


def announce_log_changed(athlete_id: int) -> None:
    """Send `log_changed` for the athlete once the current transaction commits (now, if none)."""
    transaction.on_commit(lambda: log_changed.send(sender=TrainingSession, athlete_id=athlete_id))


@receiver(post_save, sender=TrainingSession)
@receiver(post_delete, sender=TrainingSession)
@receiver(post_save, sender=Set)
@receiver(post_delete, sender=Set)
@receiver(post_save, sender=PainReport)
@receiver(post_delete, sender=PainReport)
def _row_changed(sender: type, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if not raw:  # loaddata writes fixtures, not an athlete's training
        announce_log_changed(instance.athlete_id)


@receiver(user_logged_in)
def remember_preferences(
    sender: object, request: HttpRequest | None, user: object, **kwargs: object
) -> None:
    if request is not None and hasattr(request, "session"):
        remember(request, profile_for(user))  # type: ignore[arg-type]
