"""Per-request context: the athlete's time zone decides what "today" is."""

import zoneinfo
from collections.abc import Callable
from typing import Any

from django.contrib.auth.middleware import LoginRequiredMiddleware
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.utils import timezone
from django.utils.cache import patch_cache_control


class AthleteTimezoneMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        tz_name = request.session.get("time_zone") if hasattr(request, "session") else None
        if tz_name:
            try:
                timezone.activate(zoneinfo.ZoneInfo(tz_name))
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                timezone.deactivate()
        else:
            timezone.deactivate()
        return self.get_response(request)


class LoginRequiredExceptApiMiddleware(LoginRequiredMiddleware):
    """Pages need a signed-in user; the API authenticates (token or session) and answers itself."""

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> HttpResponseBase | None:
        if request.path_info.startswith("/api/"):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


class PrivateNoStoreMiddleware:
    """`Cache-Control: private, no-store` on every answer that may hold someone's data.

    Pain histories are health data: no shared proxy and no browser cache may keep a signed-in
    page, an export or an API answer (a token-authenticated API request is not signed in here,
    hence every /api/ path). Static files never reach this (WhiteNoise answers them first, with
    a year's caching under hashed names). The service worker's own page store is separate:
    it is what lets the app work offline.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if request.path_info.startswith("/api/") or (user is not None and user.is_authenticated):
            patch_cache_control(response, private=True, no_store=True)
        return response
