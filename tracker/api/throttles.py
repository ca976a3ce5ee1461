"""Throttling that limits failed sign-ins, not people (shared/contract.md section 2).

A whole gym signs in from one Wi-Fi address: successful sign-ins are never counted, and the
registration rate is far above what one gym needs. Rates live in
REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] as "count/period", the period with an optional
multiplier ("10/15min").
"""

import hashlib
import re
import time
from dataclasses import dataclass

from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from rest_framework.exceptions import Throttled
from rest_framework.request import Request
from rest_framework.settings import api_settings
from rest_framework.throttling import BaseThrottle, SimpleRateThrottle

_RATE = re.compile(r"(\d+)/(\d*)(s|sec|m|min|h|hour|d|day)")
_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(scope: str) -> tuple[int, int]:
    """(allowed count, window in seconds) for a scope of DEFAULT_THROTTLE_RATES."""
    rate = api_settings.DEFAULT_THROTTLE_RATES.get(scope)
    match = _RATE.fullmatch(rate or "")
    if match is None:
        raise ImproperlyConfigured(
            f'REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["{scope}"] must look like "10/15min", '
            f"not {rate!r}."
        )
    count, multiplier, unit = match.groups()
    return int(count), int(multiplier or 1) * _SECONDS[unit[0]]


def client_address(request: Request) -> str:
    # DRF's rule: REMOTE_ADDR, or X-Forwarded-For when NUM_PROXIES says proxies set it. A WSGI
    # server may send neither (a unix socket, a test client): those share one bucket.
    return BaseThrottle().get_ident(request) or "unknown"


class RegistrationThrottle(SimpleRateThrottle):
    """Registrations per address: generous, so a gym's worth of athletes can sign up at once."""

    scope = "register"

    def get_rate(self) -> str | None:
        # Read the setting now, not at import: DRF's class attribute misses overridden settings.
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def parse_rate(self, rate: str | None) -> tuple[int, int]:
        return parse_rate(self.scope)

    def get_cache_key(self, request: Request, view: object) -> str:
        return self.cache_format % {"scope": self.scope, "ident": client_address(request)}


@dataclass(frozen=True)
class _Counter:
    scope: str
    ident: str

    def _key(self, window: int) -> str:
        digest = hashlib.sha256(self.ident.encode()).hexdigest()[:32]
        return f"signin-failures:{self.scope}:{digest}:{window}"

    def state(self) -> tuple[int, int, int]:
        """(failures in the current window, limit, seconds until the window ends)."""
        limit, seconds = parse_rate(self.scope)
        now = int(time.time())
        window = now // seconds
        return cache.get(self._key(window), 0), limit, seconds - now % seconds

    def add(self) -> None:
        _, seconds = parse_rate(self.scope)
        key = self._key(int(time.time()) // seconds)
        # add() then incr() is atomic on Redis and on the local-memory cache.
        cache.add(key, 0, timeout=seconds)
        try:
            cache.incr(key)
        except ValueError:  # expired between the two calls: start the new window at one
            cache.add(key, 1, timeout=seconds)


class SignInGuard:
    """Failed sign-ins per username and per address, in fixed windows in the cache.

    Once either count reaches its limit, every attempt for that username (or from that address)
    answers 429 until the window ends, right password or not: answering a correct guess would
    let the guessing go on. Usernames are counted case-insensitively.
    """

    def __init__(self, request: Request, username: str) -> None:
        self.counters = (
            _Counter("sign_in_failures_per_username", username.casefold()),
            _Counter("sign_in_failures_per_address", client_address(request)),
        )

    def check(self) -> None:
        """Raise Throttled (429, with Retry-After) when the username or address is locked."""
        waits = []
        for counter in self.counters:
            failures, limit, wait = counter.state()
            if failures >= limit:
                waits.append(wait)
        if waits:
            raise Throttled(wait=max(waits))

    def failed(self) -> None:
        for counter in self.counters:
            counter.add()
