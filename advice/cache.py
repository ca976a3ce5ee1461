"""Advice cached per athlete and day, forgotten whenever the athlete's log changes; and the
indexes of each athlete's older weeks (`frozen`), which a change to this week's log leaves
standing (advice.services checks them against the stored weeks on every read).

Each athlete has a version tag in the cache; a change to the log replaces it, so every cached
answer for that athlete (whatever day it was for) stops being read at once, on every process
sharing the cache. Tags are random, never counters: a tag evicted and made again can never
bring back an answer cached under an older one.
"""

import pickle
import zlib
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


FROZEN_TIMEOUT = 60 * 60 * 24 * 14  # an athlete away longer starts from the log again
# The layout of what is kept (advice.services._Frozen): a release that changes it reads none
# of the older ones.
FROZEN_FORMAT = 1


def _frozen_key(athlete_id: int) -> str:
    return f"advice:frozen:{FROZEN_FORMAT}:{athlete_id}"


def frozen(athlete_id: int) -> Any:
    """The athlete's older weeks as last indexed, or None (a new copy on every read)."""
    packed = cache.get(_frozen_key(athlete_id))
    if not isinstance(packed, bytes):
        return None
    try:
        return pickle.loads(zlib.decompress(packed))
    except (zlib.error, pickle.UnpicklingError, AttributeError, ImportError, EOFError):
        return None  # written by another release: index the weeks again


def keep_frozen(athlete_id: int, value: object) -> None:
    # Compressed: three years of weeks pickle to 145 KB and compress to 31 KB (half a
    # millisecond to open), and Redis keeps one for every athlete active in a fortnight.
    packed = zlib.compress(pickle.dumps(value, pickle.HIGHEST_PROTOCOL), 1)
    cache.set(_frozen_key(athlete_id), packed, timeout=FROZEN_TIMEOUT)


def forget_frozen(athlete_id: int) -> None:
    """Index the athlete's older weeks again on the next read (the benchmark's worst case)."""
    cache.delete(_frozen_key(athlete_id))
