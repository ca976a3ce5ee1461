"""Throttling that limits people only where the contract allows it (shared/contract.md section 2).

A whole gym signs up from one Wi-Fi address, so the registration rate is far above what one
gym needs. Failed sign-ins are limited by django-axes (accounts/signin.py), not here. Rates live
in REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] as "count/period", the period with an optional
multiplier ("10/15min").
"""

import re

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest
from rest_framework.request import Request
from rest_framework.settings import api_settings
from rest_framework.throttling import BaseThrottle, SimpleRateThrottle

from accounts import limits
from accounts.signin import client_address

_RATE = re.compile(r"(\d+)/(\d*)(s|sec|m|min|h|hour|d|day)")
_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(scope: str) -> tuple[int, int]:
    """(allowed count, window in seconds) for a scope of DEFAULT_THROTTLE_RATES."""
    rate = api_settings.DEFAULT_THROTTLE_RATES.get(scope)
    match = _RATE.fullmatch(str(rate or ""))
    if match is None:
        raise ImproperlyConfigured(
            f'REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["{scope}"] must look like "10/15min", '
            f"not {rate!r}."
        )
    count, multiplier, unit = match.groups()
    return int(count), int(multiplier or 1) * _SECONDS[unit[0]]


class RegistrationThrottle(SimpleRateThrottle):
    """Registrations per address: generous, so a gym's worth of athletes can sign up at once."""

    scope = "register"

    def get_rate(self) -> str | None:
        # Read the setting now, not at import: DRF's class attribute misses overridden settings.
        rate = api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)
        return None if rate is None else str(rate)

    def parse_rate(self, rate: str | None) -> tuple[int, int]:
        return parse_rate(self.scope)

    def get_cache_key(self, request: Request, view: object) -> str:
        # The same address rule as the sign-in limits (THRUSTLOG_TRUSTED_PROXIES).
        address = client_address(request._request) or "unknown"
        return self.cache_format % {"scope": self.scope, "ident": address}


def import_limits(request: HttpRequest) -> tuple[limits.Limit, ...]:
    """Imports (dry runs too: each reads a whole file) per account and per address."""
    address = client_address(request) or "unknown"
    return (
        limits.Limit("imports_per_account", str(request.user.pk)),
        limits.Limit("imports_per_address", address),
    )


class ImportThrottle(BaseThrottle):
    """The API's side of import_limits: 429 with Retry-After once either is reached."""

    def allow_request(self, request: Request, view: object) -> bool:
        return not limits.over_any(*import_limits(request._request))

    def wait(self) -> float | None:
        return float(limits.parse_rate("imports_per_account", _rate("imports_per_account"))[1])


def _rate(name: str) -> str | None:
    return settings.RATE_LIMITS.get(name)
