"""Failed sign-ins, limited by django-axes (settings AXES_*): the rules axes cannot say by itself.

Every way in (the web log-in, /admin/login/, POST /api/v1/auth/token/) goes through
`django.contrib.auth.authenticate`, so axes' backend refuses a locked name or address and its
signal handler counts each failure in the database, which every worker and server shares.
"""

import ipaddress
import math
import unicodedata
from collections.abc import Mapping
from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib.auth import get_user_model
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

THROTTLED = "Request was throttled. Expected available in {seconds} seconds."


def username_key(request: HttpRequest, credentials: Mapping[str, Any] | None = None) -> str | None:
    """The name a failure is counted under: the name as Django signs it in, case folded.

    Django's log-in form strips the name and applies Unicode compatibility normalisation (NFKC,
    User.normalize_username) before checking it, so " ada", "ada\\n" and the fullwidth letters all
    reach the account "ada": they must share its counter. Case is folded as well, because
    registration refuses names that differ only in case.
    """
    field = get_user_model().USERNAME_FIELD
    if credentials is not None:
        raw = credentials.get(field)
    else:  # axes asks without credentials when it draws the lock-out answer
        data = getattr(request, "data", None) or request.POST
        raw = data.get(field)
    if not isinstance(raw, str):
        return None
    return unicodedata.normalize("NFKC", raw).strip().casefold()


def client_address(request: HttpRequest) -> str | None:
    """The client's address: the socket's, or the one the outermost trusted proxy saw.

    With THRUSTLOG_TRUSTED_PROXIES = N, each of N proxies appends the address it saw to
    X-Forwarded-For, so the client is the N-th entry from the right; whatever stands left of
    it was written by the client and is never read. A request with fewer entries did not pass
    every proxy: its socket address counts. One rule for every limit (axes' and the throttles).
    None when there is no valid address (a unix socket, a test client without one).
    """
    address = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXIES
    if proxies > 0:
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        hops = [hop for hop in hops if hop]
        if len(hops) >= proxies:
            address = hops[-proxies]
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


class SignInLimitsHandler(AxesDatabaseHandler):
    """Axes' database handler with a limit of its own for each lockout parameter.

    Axes compares one count (the worst parameter's) with one limit, AXES_FAILURE_LIMIT, which
    here is the per-username limit. An address is shared by a whole gym, so it may fail more
    often (SIGN_IN_FAILURES_PER_ADDRESS): its count is reported in units of the username limit,
    which keeps axes' own comparison exact (count >= own limit exactly when the rescaled count
    >= AXES_FAILURE_LIMIT).
    """

    def get_failures(self, request: HttpRequest, credentials: dict | None = None) -> int:
        per_username = settings.AXES_FAILURE_LIMIT
        limits = {"username": per_username, "ip_address": settings.SIGN_IN_FAILURES_PER_ADDRESS}
        parameters = settings.AXES_LOCKOUT_PARAMETERS
        worst = 0
        for parameter, attempts in zip(
            parameters, self.get_user_attempts(request, credentials), strict=True
        ):
            count = sum(attempts.values_list("failures_since_start", flat=True))
            worst = max(worst, count * per_username // limits[parameter])
        return worst


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: Mapping[str, Any] | None = None,
) -> HttpResponse:
    """429 once a name or address is locked: DRF's throttled answer on the API, else a page."""
    cool_off = get_cool_off(request)
    seconds = int(cool_off.total_seconds()) if cool_off else 60
    if request.path.startswith("/api/"):
        response: HttpResponse = JsonResponse(
            {"detail": THROTTLED.format(seconds=seconds)}, status=429
        )
    else:
        minutes = max(1, math.ceil(seconds / 60))
        response = render(request, "registration/locked_out.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = str(seconds)
    return response
