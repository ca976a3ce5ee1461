"""Uploads waiting for their preview's confirmation or their background import.

One file per upload under DATA_DIR/uploads, named by its owner's id and a random token:
another athlete's token finds nothing. Each athlete keeps at most MAX_WAITING files and
MAX_WAITING_BYTES: a new upload first makes room by forgetting that athlete's oldest waiting
files (never one a queued or running import still needs). Files go when imported, and the
periodic `forget_old_uploads` job removes any older than a day.
"""

import re
import secrets
import time
from collections.abc import Collection
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser

from tracker.portability.sources import ImportFileError

MAX_AGE_S = 24 * 3600
MAX_WAITING = 5  # files per athlete
MAX_WAITING_BYTES = 50 * 1024 * 1024  # per athlete, all waiting files together
_TOKEN = re.compile(r"[A-Za-z0-9_-]{22}")


def directory() -> Path:
    path = Path(settings.DATA_DIR) / "uploads"
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def _path(athlete: AbstractBaseUser, token: str) -> Path | None:
    if not _TOKEN.fullmatch(token or ""):
        return None
    return directory() / f"{athlete.pk}-{token}"


def keep(athlete: AbstractBaseUser, data: bytes, *, in_use: Collection[str] = ()) -> str:
    """Store the upload; its token. Refused (ImportFileError) when the athlete's waiting files
    that imports still need leave no room for it."""
    _make_room(athlete, len(data), in_use)
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


def waiting(athlete: AbstractBaseUser) -> list[Path]:
    """The athlete's waiting files, oldest first."""
    files = [p for p in directory().glob(f"{athlete.pk}-*") if p.is_file()]
    return sorted(files, key=lambda p: p.stat().st_mtime)


def _make_room(athlete: AbstractBaseUser, size: int, in_use: Collection[str]) -> None:
    files = waiting(athlete)
    for path in list(files):
        if len(files) < MAX_WAITING and sum(f.stat().st_size for f in files) + size <= (
            MAX_WAITING_BYTES
        ):
            return
        if path.name.split("-", 1)[1] in in_use:
            continue
        path.unlink(missing_ok=True)
        files.remove(path)
    if len(files) >= MAX_WAITING or sum(f.stat().st_size for f in files) + size > (
        MAX_WAITING_BYTES
    ):
        raise ImportFileError(
            f"You have {len(files)} imports still running: wait for them to finish, "
            f"then upload again (at most {MAX_WAITING} files, "
            f"{MAX_WAITING_BYTES // (1024 * 1024)} MB, wait at once)."
        )


def forget_old(*, max_age_s: int = MAX_AGE_S) -> int:
    """Remove every waiting file older than `max_age_s`; how many went."""
    return remove_older_than(directory(), max_age_s)


def remove_older_than(folder: Path, max_age_s: int) -> int:
    """Remove the files of `folder` last written more than `max_age_s` ago (uploads waiting
    for their import, finished exports); how many went. A file gone meanwhile is skipped."""
    cutoff = time.time() - max_age_s
    removed = 0
    for path in folder.iterdir():
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink(missing_ok=True)
                removed += 1
        except OSError:
            continue
    return removed
