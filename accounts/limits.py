"""Limits on what strangers can ask of the site, counted in the shared cache (Redis in
production), so every worker sees one count: sign-ups, password-reset e-mails, invitation codes.

Each limit is "count/period" in settings.RATE_LIMITS (the period with an optional multiplier,
"10/15min"), counted in fixed windows per identity (an address, an account, an e-mail).
"""

import hashlib
import re
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

_RATE = re.compile(r"(\d+)/(\d*)(s|sec|m|min|h|hour|d|day)")
_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(name: str, rate: str | None) -> tuple[int, int]:
    """(allowed count, window in seconds) of a rate like "10/15min"; names the setting if bad."""
    match = _RATE.fullmatch(rate or "")
    if match is None:
        raise ImproperlyConfigured(
            f'RATE_LIMITS["{name}"] must look like "10/15min", not {rate!r}.'
        )
    count, multiplier, unit = match.groups()
    return int(count), int(multiplier or 1) * _SECONDS[unit[0]]


@dataclass(frozen=True)
class Limit:
    """One named limit of settings.RATE_LIMITS, for one identity."""

    name: str
    ident: str

    def _window(self) -> tuple[str, int, int]:
        allowed, seconds = parse_rate(self.name, settings.RATE_LIMITS.get(self.name))
        now = int(time.time())
        # Hashed: an e-mail address or a typed code never sits in the cache as it is.
        digest = hashlib.sha256(self.ident.encode()).hexdigest()[:32]
        return f"limit:{self.name}:{digest}:{now // seconds}", allowed, seconds

    def reached(self) -> bool:
        """True once the window's count has reached the limit (nothing is counted)."""
        key, allowed, _ = self._window()
        return cache.get(key, 0) >= allowed

    def hit(self) -> bool:
        """Count one; True if this one went over the limit."""
        key, allowed, seconds = self._window()
        # add() then incr() is atomic on Redis and on the local-memory cache.
        cache.add(key, 0, timeout=seconds)
        try:
            count = cache.incr(key)
        except ValueError:  # the window ended between the two calls
            cache.add(key, 1, timeout=seconds)
            count = 1
        return count > allowed


def over_any(*limits: Limit) -> bool:
    """Count one against each limit; True if any went over (every limit is counted)."""
    went_over = [limit.hit() for limit in limits]  # a list: every limit counts this one
    return any(went_over)


def reached_any(*limits: Limit) -> bool:
    return any(limit.reached() for limit in limits)


def too_many(request: HttpRequest, message: str) -> HttpResponse:
    """The 429 page every limit answers with."""
    return render(request, "too_many.html", {"message": message}, status=429)
