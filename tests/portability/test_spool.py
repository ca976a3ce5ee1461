"""Uploads waiting for an import: under the app's data folder, capped per athlete (count and
bytes), the oldest forgotten first (never one a running import needs), old ones removed."""

import os
import time

import pytest

from tracker.portability import spool
from tracker.portability.sources import ImportFileError

pytestmark = pytest.mark.django_db


def test_uploads_wait_under_the_data_folder(athlete, data_dir):
    token = spool.keep(athlete, b"x")
    assert (data_dir / "uploads" / f"{athlete.pk}-{token}").read_bytes() == b"x"


def test_a_sixth_upload_forgets_the_oldest(athlete):
    tokens = [spool.keep(athlete, b"x") for _ in range(spool.MAX_WAITING + 1)]
    assert spool.load(athlete, tokens[0]) is None
    assert all(spool.load(athlete, t) == b"x" for t in tokens[1:])
    assert len(spool.waiting(athlete)) == spool.MAX_WAITING


def test_the_bytes_are_capped_too(athlete, monkeypatch):
    monkeypatch.setattr(spool, "MAX_WAITING_BYTES", 10)
    first = spool.keep(athlete, b"123456")
    second = spool.keep(athlete, b"123456")
    assert spool.load(athlete, first) is None
    assert spool.load(athlete, second) is not None


def test_an_upload_a_running_import_needs_is_kept(athlete):
    tokens = [spool.keep(athlete, b"x") for _ in range(spool.MAX_WAITING)]
    spool.keep(athlete, b"y", in_use={tokens[0]})
    assert spool.load(athlete, tokens[0]) == b"x"
    assert spool.load(athlete, tokens[1]) is None


def test_when_every_waiting_upload_is_in_use_a_new_one_is_refused(athlete):
    tokens = [spool.keep(athlete, b"x") for _ in range(spool.MAX_WAITING)]
    with pytest.raises(ImportFileError, match="imports still running"):
        spool.keep(athlete, b"y", in_use=set(tokens))


def test_athletes_have_separate_quotas(athlete, outsider):
    mine = spool.keep(athlete, b"x")
    for _ in range(spool.MAX_WAITING + 1):
        spool.keep(outsider, b"y")
    assert spool.load(athlete, mine) == b"x"


def test_the_periodic_job_removes_uploads_older_than_a_day(athlete):
    old, new = spool.keep(athlete, b"old"), spool.keep(athlete, b"new")
    path = spool.directory() / f"{athlete.pk}-{old}"
    day_ago = time.time() - spool.MAX_AGE_S - 60
    os.utime(path, (day_ago, day_ago))
    assert spool.forget_old() == 1
    assert spool.load(athlete, old) is None
    assert spool.load(athlete, new) == b"new"
