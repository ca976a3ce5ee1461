"""Advice cached per athlete and day, forgotten whenever the athlete's log changes.

Each athlete has a version tag in the cache; a change to the log replaces it, so every cached
answer for that athlete (whatever day it was for) stops being read at once, on every process
sharing the cache. Tags are random, never counters: a tag evicted and made again can never
bring back an answer cached under an older one.
"""

from datetime import date
from typing import Any
from uuid import uuid4

from django.core.cache import cache
from django.dispatch import receiver

from tracker.signals import log_changed

TIMEOUT = 60 * 60 * 24  # a day: "today" moves on anyway


def _version_key(athlete_id: int) -> str:
    return f"advice:v:{athlete_id}"


def answer_key(athlete_id: int, today: date) -> str:
    """Where the athlete's advice for `today` is kept, for the log as it is now."""
    version = cache.get_or_set(_version_key(athlete_id), lambda: uuid4().hex, timeout=None)
    return f"advice:{athlete_id}:{version}:{today.isoformat()}"


@receiver(log_changed)
def forget(sender: object, athlete_id: int, **kwargs: Any) -> None:
    cache.set(_version_key(athlete_id), uuid4().hex, timeout=None)
