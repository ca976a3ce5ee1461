"""Import and export helpers: the hand-written export files (API clients: tests/conftest.py)."""

import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tracker.models import PainReport, Set, Symptom, TrainingSession

FILES = Path(__file__).resolve().parent / "files"


def read(name: str) -> bytes:
    return (FILES / name).read_bytes()


def zipped(name: str, data: bytes, *extra: tuple[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, data)
        for member, content in extra:
            archive.writestr(member, content)
    return buffer.getvalue()


def upload(data: bytes, name: str = "export.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="text/csv")


def log_rows(user) -> dict[str, int]:
    """How many rows of the log the user owns, by kind."""
    return {
        "sessions": TrainingSession.objects.filter(athlete=user).count(),
        "sets": Set.objects.filter(athlete=user).count(),
        "pain": PainReport.objects.filter(athlete=user).count(),
        "symptoms": Symptom.objects.filter(session__athlete=user).count(),
    }


@pytest.fixture(autouse=True)
def data_dir(settings, tmp_path):
    """Each test keeps its waiting uploads in a folder of its own."""
    settings.DATA_DIR = tmp_path / "data"
    return settings.DATA_DIR
