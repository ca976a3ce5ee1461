"""Read settings from the environment, failing loudly on a value that makes no sense."""

import os

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {raw!r}.")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from None


def env_choice(name: str, default: str, choices: tuple[str, ...]) -> str:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().lower()
    if value not in choices:
        raise ImproperlyConfigured(f"{name} must be one of {', '.join(choices)}, not {raw!r}.")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


# Django's own check for a weak key is a deploy warning; we refuse to start instead.
_MIN_SECRET_LENGTH = 50


def env_secret(name: str, *, debug: bool, dev_default: str) -> str:
    """The secret key: a development default under debug, and a real one required otherwise."""
    raw = os.environ.get(name, "")
    if raw:
        if not debug and (len(raw) < _MIN_SECRET_LENGTH or len(set(raw)) < 5):
            raise ImproperlyConfigured(
                f"{name} is too weak for production: use at least {_MIN_SECRET_LENGTH} random "
                "characters (python -c 'import secrets; print(secrets.token_urlsafe(64))')."
            )
        return raw
    if debug:
        return dev_default
    raise ImproperlyConfigured(
        f"{name} must be set when DJANGO_DEBUG is off: the app will not start with a known key."
    )
