"""Deployment checks (`manage.py check --deploy`) for what Django's own checks cannot know."""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Tags, Warning, register

PER_PROCESS_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}


@register(Tags.caches, deploy=True)
def cache_is_shared(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Cached advice is forgotten on every write and sign-in failures are counted in the cache:
    both go wrong when each gunicorn worker keeps a cache of its own."""
    backend = settings.CACHES["default"]["BACKEND"]
    if backend not in PER_PROCESS_CACHES:
        return []
    return [
        Warning(
            "The cache is private to each process: with more than one worker, one worker can "
            "show advice that another has already replaced, and sign-in limits count per worker.",
            hint="Set REDIS_URL (for example redis://127.0.0.1:6379/0).",
            id="tracker.W001",
        )
    ]


@register(Tags.staticfiles, deploy=True)
def scripts_can_be_minified(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """collectstatic minifies the scripts with esbuild (thrustlog.storage); without it a phone's
    first visit downloads them with every comment, half again as many bytes."""
    if Path(settings.ESBUILD).is_file():
        return []
    return [
        Warning(
            f"esbuild is not at {settings.ESBUILD}: collectstatic deploys the scripts and "
            "styles unminified.",
            hint="Run `npm ci` before collectstatic, or set ESBUILD to an esbuild binary.",
            id="tracker.W002",
        )
    ]
