"""Signals of the training log.

`log_changed` is sent with `athlete_id` after a write to that athlete's log has committed: the
advice cache and the coaches' roster rows listen to it instead of each watching the models.
Every write path of tracker.services saves or deletes a TrainingSession, Set or PainReport row
(red flags are written beside a saved session), so watching those three models sees every
change. A bulk write that bypasses them (an importer) calls `announce_log_changed` itself.
"""

import logging
import threading
from typing import Any

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import Signal, receiver
from django.http import HttpRequest

from tracker import rollups
from tracker.models import PainReport, Set, Symptom, SymptomResolution, TrainingSession
from tracker.preferences import remember

log_changed = Signal()  # kwargs: athlete_id
logger = logging.getLogger(__name__)


class _Announcement:
    """One pending `log_changed` for an athlete: every change before the commit queues the same
    one, and only its first call sends (a set with its pain, a session with its sets: once).
    """

    def __init__(self, athlete_id: int) -> None:
        self.athlete_id = athlete_id
        self.done = False

    def __call__(self) -> None:
        if self.done:
            return
        self.done = True
        if _queued().get(self.athlete_id) is self:
            del _queued()[self.athlete_id]
        # A listener that fails (a cache down, a roster row) must not fail the athlete's write.
        answers = log_changed.send_robust(sender=TrainingSession, athlete_id=self.athlete_id)
        for listener, result in answers:
            if isinstance(result, Exception):
                logger.error("log_changed listener %r failed", listener, exc_info=result)


_local = threading.local()  # connections are per thread, and so are their commits


def _queued() -> dict[int, _Announcement]:
    if not hasattr(_local, "queued"):
        _local.queued = {}
    return _local.queued


def announce_log_changed(athlete_id: int | None) -> None:
    """Send `log_changed` for the athlete once the current transaction commits (now, if none).

    An announcement queued in a block that rolls back is never sent; the next change queues
    its own call.
    """
    if athlete_id is None:
        return
    pending = _queued().get(athlete_id)
    if pending is None or pending.done:
        pending = _queued()[athlete_id] = _Announcement(athlete_id)
    transaction.on_commit(pending)


@receiver(post_save, sender=TrainingSession)
@receiver(post_delete, sender=TrainingSession)
@receiver(post_save, sender=Set)
@receiver(post_delete, sender=Set)
@receiver(post_save, sender=PainReport)
@receiver(post_delete, sender=PainReport)
@receiver(post_save, sender=SymptomResolution)
@receiver(post_delete, sender=SymptomResolution)
def _row_changed(sender: type, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if not raw:  # loaddata writes fixtures, not an athlete's training
        announce_log_changed(instance.athlete_id)


# Weekly roll-ups (tracker/rollups.py) follow every row of the log, in the writer's transaction:
# services sum the weeks they touched once, at their end; a row saved elsewhere (a test's
# factory, the admin) is summed at once.


@receiver(post_save, sender=TrainingSession)
@receiver(post_delete, sender=TrainingSession)
def _session_week_changed(
    sender: type, instance: TrainingSession, raw: bool = False, **kwargs: Any
) -> None:
    if raw:
        return
    rollups.touch(instance.athlete_id, instance.date)
    loaded = getattr(instance, "_loaded_date", None)
    if loaded is not None and loaded != instance.date:
        rollups.touch(instance.athlete_id, loaded)  # moved: its old week loses it
    instance._loaded_date = instance.date


@receiver(post_save, sender=Set)
@receiver(post_delete, sender=Set)
@receiver(post_save, sender=PainReport)
@receiver(post_delete, sender=PainReport)
@receiver(post_save, sender=Symptom)
@receiver(post_delete, sender=Symptom)
def _session_row_changed(
    sender: type, instance: Set | PainReport | Symptom, raw: bool = False, **kwargs: Any
) -> None:
    if raw:
        return
    session = instance._state.fields_cache.get("session")
    if session is not None:
        rollups.touch(session.athlete_id, session.date)
    else:
        rollups.touch_session(instance.session_id)


@receiver(pre_delete, sender=settings.AUTH_USER_MODEL)
def _account_leaving(sender: type, instance: Any, **kwargs: Any) -> None:
    rollups.leaving(instance.pk)


@receiver(post_delete, sender=settings.AUTH_USER_MODEL)
def _account_gone(sender: type, instance: Any, **kwargs: Any) -> None:
    rollups.leaving(instance.pk, gone=True)


@receiver(user_logged_in)
def remember_preferences(
    sender: object, request: HttpRequest | None, user: object, **kwargs: object
) -> None:
    # Imported here: tracker.services announces its own writes through this module.
    from tracker.services import profile_for

    if request is not None and hasattr(request, "session"):
        remember(request, profile_for(user))  # type: ignore[arg-type]
