"""The reports cast: the athlete (tests/conftest.py), their coach (linked), an outsider; and
the PDF tools, which tests skip without only outside CI (`make pdf-deps` installs them)."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.coaching.conftest import link, signed_in
from tests.factories import UserFactory
from tracker import queries


def _pdf_tools_missing() -> str | None:
    try:
        import weasyprint  # noqa: F401  (loads Pango through cffi)
    except OSError as error:
        return f"WeasyPrint cannot load its Debian libraries ({error}): make pdf-deps"
    if not shutil.which("pdftotext"):
        return "pdftotext is not installed (poppler-utils): make pdf-deps"
    return None


MISSING = _pdf_tools_missing()
needs_pdf = pytest.mark.skipif(
    MISSING is not None and os.environ.get("CI") != "true", reason=MISSING or ""
)


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    """The PDF's text in reading order, as pdftotext lays it out."""
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def pdf_pages(pdf: bytes, tmp_path: Path) -> int:
    path = tmp_path / "count.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True)
    return int(
        next(line.split()[-1] for line in info.stdout.splitlines() if line.startswith("Pages:"))
    )


@pytest.fixture
def today(athlete):
    return queries.today_for(athlete)


@pytest.fixture
def coach(athlete):
    coach = UserFactory(username="cordelia", first_name="Cordelia")
    link(coach, athlete)
    return coach


@pytest.fixture
def coach_client(coach):
    return signed_in(coach)
