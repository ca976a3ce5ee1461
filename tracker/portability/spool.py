"""Between the preview and the import, the uploaded file waits here (a browser cannot send a
file twice without the athlete picking it again).

One file per upload, named by its owner's id and a random token: another athlete's token finds
nothing. Files are removed when imported, and any older than a day whenever a new one comes.
"""

import re
import secrets
import tempfile
import time
from pathlib import Path

from django.contrib.auth.models import AbstractBaseUser

MAX_AGE_S = 24 * 3600
_TOKEN = re.compile(r"[A-Za-z0-9_-]{22}")


def _directory() -> Path:
    path = Path(tempfile.gettempdir()) / "thrustlog-imports"
    path.mkdir(mode=0o700, exist_ok=True)
    return path


def _path(athlete: AbstractBaseUser, token: str) -> Path | None:
    if not _TOKEN.fullmatch(token or ""):
        return None
    return _directory() / f"{athlete.pk}-{token}"


def keep(athlete: AbstractBaseUser, data: bytes) -> str:
    _forget_old()
    token = secrets.token_urlsafe(16)
    path = _path(athlete, token)
    assert path is not None
    path.write_bytes(data)
    return token


def load(athlete: AbstractBaseUser, token: str) -> bytes | None:
    path = _path(athlete, token)
    if path is None or not path.is_file():
        return None
    return path.read_bytes()


def discard(athlete: AbstractBaseUser, token: str) -> None:
    path = _path(athlete, token)
    if path is not None:
        path.unlink(missing_ok=True)


def _forget_old() -> None:
    cutoff = time.time() - MAX_AGE_S
    for path in _directory().iterdir():
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink(missing_ok=True)
        except OSError:
            continue
