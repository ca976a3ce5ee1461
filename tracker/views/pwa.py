"""What makes Thrustlog an installable, offline-capable app: the service worker, the web app
manifest and the blank session page a phone keeps for starting a session with no signal.

Routes (thrustlog/urls.py, before the tracker include):
    path("sw.js", pwa.service_worker, name="service_worker"),
    path("manifest.webmanifest", pwa.manifest, name="manifest"),
    path("offline/session/", pwa.session_shell, name="offline_session"),
"""

import hashlib
import json
import re
from decimal import Decimal
from functools import cache
from pathlib import Path
from uuid import uuid4

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.utils import timezone
from django.views.decorators.http import require_GET

from thrustlog.http import AuthenticatedHttpRequest
from tracker import forms, queries
from tracker.models import TrainingSession
from tracker.preferences import kit_of, rest_of, unit_of

THEME = "#1f5f8b"
BACKGROUND = "#ffffff"
OFFLINE_SCRIPTS = Path(settings.BASE_DIR) / "static" / "js" / "offline"
PUSH_SCRIPT = Path(settings.BASE_DIR) / "static" / "js" / "sw-push.js"


def _static_text(name: str) -> str:
    path = finders.find(name) or str(Path(settings.STATIC_ROOT) / name)
    return Path(path).read_text(encoding="utf-8")


# The worker is a module importing the outbox code the pages use and the Web Push handlers:
# `from "./js/..."` and `import "./js/..."` (relative to static/sw.js, so collectstatic can
# check them) become the files' static URLs, hashed names included, since /sw.js itself is
# served from the root.
_WORKER_IMPORT = re.compile(r'(\b(?:from|import)\s+")\./(js/[^"]+)(")')


@cache
def _worker_source() -> str:
    # A new worker installs (and drops the old static cache) whenever the offline code changes.
    digest = hashlib.sha256(_static_text("sw.js").encode())
    for script in [*sorted(OFFLINE_SCRIPTS.glob("*.js")), PUSH_SCRIPT]:
        digest.update(script.read_bytes())
    source = _static_text("sw.js").replace("__VERSION__", digest.hexdigest()[:12])
    return _WORKER_IMPORT.sub(lambda m: f"{m[1]}{static(m[2])}{m[3]}", source)


@login_not_required
@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    """/sw.js from the site root, so the worker's scope is the whole app."""
    if settings.DEBUG:
        _worker_source.cache_clear()  # pick up edits while developing
    response = HttpResponse(_worker_source(), content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    # Browsers check for a new worker on navigation; no-cache makes them ask the server.
    response["Cache-Control"] = "no-cache"
    return response


def _icon(name: str, size: str, purpose: str) -> dict[str, str]:
    kind = "image/svg+xml" if name.endswith(".svg") else "image/png"
    return {"src": static(f"img/{name}"), "sizes": size, "type": kind, "purpose": purpose}


def manifest_data() -> dict:
    return {
        "id": "/",
        "name": "Thrustlog",
        "short_name": "Thrustlog",
        "description": "Log hip-thrust sets and pain in a few taps, even with no signal.",
        "lang": "en",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "orientation": "portrait",
        "theme_color": THEME,
        "background_color": BACKGROUND,
        "icons": [
            _icon("icons/icon-192.png", "192x192", "any"),
            _icon("icons/icon-512.png", "512x512", "any"),
            _icon("icons/maskable-192.png", "192x192", "maskable"),
            _icon("icons/maskable-512.png", "512x512", "maskable"),
            _icon("icon.svg", "any", "any"),
        ],
    }


@login_not_required
@require_GET
def manifest(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(
        json.dumps(manifest_data(), indent=1), content_type="application/manifest+json"
    )
    response["Cache-Control"] = "no-cache"
    return response


@require_GET
def session_shell(request: AuthenticatedHttpRequest) -> HttpResponse:
    """A blank session page (id 0, no rows) the service worker keeps for offline starts.

    static/js/offline/form.js fills it from the phone's own record of the session
    (`?local=<client id>`) and queues every set logged on it; nothing posts to session 0.
    """
    unit = unit_of(request)
    blank = TrainingSession(pk=0, athlete=request.user, date=timezone.localdate())
    previous = queries.previous_set(request.user, blank)
    initial = {**forms.initial_for_set(previous, unit), "client_id": uuid4()}
    context = {
        "session": blank,
        "form": forms.NewSetForm(initial=initial, unit=unit, kit=kit_of(request)),
        "step": kit_of(request).step,
        "rest_seconds": rest_of(request),
        "baseline": queries.record_baseline(
            request.user,
            exercise=initial["exercise"],
            exercise_name=initial.get("exercise_name", ""),
            load_kg=Decimal(0),
        ),
    }
    response = render(request, "tracker/session_detail.html", context)
    response["Cache-Control"] = "private, no-cache"
    return response
