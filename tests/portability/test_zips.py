"""ZIPs are read as untrusted: declared sizes are never believed, memory stays bounded, and
archives that only an attacker makes (10,000 entries, a ZIP in a ZIP, names that climb out of
their folder, exotic compression) are refused with a message, through the API too."""

import io
import struct
import threading
import zipfile

import psutil
import pytest

from tests.portability.conftest import log_rows, read, upload, zipped
from tracker.portability import reading
from tracker.portability.sources import ImportFileError

ROW = b'"2026-08-03 17:00:00","A","1h","Hip Thrust","1","100","8","","","","",""\n'


def bomb(real_bytes: int, declared: int) -> bytes:
    """A ZIP whose one CSV inflates to `real_bytes` while both its headers claim `declared`."""
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive,
        archive.open("workouts.csv", "w", force_zip64=False) as member,
    ):
        block = ROW * (1024 * 1024 // len(ROW))
        written = 0
        while written < real_bytes:
            member.write(block)
            written += len(block)
    data = bytearray(buffer.getvalue())
    local = data.find(b"PK\x03\x04")
    struct.pack_into("<I", data, local + 22, declared)
    central = data.find(b"PK\x01\x02")
    struct.pack_into("<I", data, central + 24, declared)
    return bytes(data)


def peak_growth(action) -> int:
    """The most the process's resident memory rose above its start while `action` ran."""
    process = psutil.Process()
    start = process.memory_info().rss
    peak = start
    done = threading.Event()

    def watch() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, process.memory_info().rss)
            done.wait(0.002)

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        action()
    finally:
        done.set()
        watcher.join()
    return peak - start


@pytest.mark.parametrize(
    ("declared", "message"),
    [
        (2_400, "The ZIP file cannot be opened"),  # claims 2.4 KB: its checksum fails
        (3_000_000_000, "unpacks to more than the import takes (40 MB)"),  # claims 3 GB
    ],
)
def test_a_zip_with_false_sizes_is_refused_within_100_mb_of_memory(declared, message):
    data = bomb(100 * 1024 * 1024, declared)  # 100 MB of rows in a few hundred KB
    assert len(data) < 2 * 1024 * 1024

    def refuse() -> None:
        with pytest.raises(ImportFileError, match=message.replace("(", r"\(").replace(")", r"\)")):
            reading.read(data)

    assert peak_growth(refuse) < 100 * 1024 * 1024


def test_a_zip_of_10000_entries_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for n in range(10_000):
            archive.writestr(f"part{n}.txt", b"")
    with pytest.raises(ImportFileError, match="holds 10,000 entries"):
        reading.read(buffer.getvalue())


def test_a_zip_inside_the_zip_is_refused():
    inner = zipped("workouts.csv", read("strong_current.csv"))
    with pytest.raises(ImportFileError, match="another archive"):
        reading.read(zipped("inner.zip", inner))


def test_a_zip_disguised_as_a_csv_inside_the_zip_is_refused():
    inner = zipped("workouts.csv", read("strong_current.csv"))
    with pytest.raises(ImportFileError, match="another archive"):
        reading.read(zipped("workouts.csv", inner))


@pytest.mark.parametrize("name", ["../../etc/cron.d/x.csv", "/etc/passwd.csv", "C:/x.csv"])
def test_a_name_that_climbs_out_of_its_folder_is_refused(name):
    with pytest.raises(ImportFileError, match="a name outside its folder"):
        reading.read(zipped(name, read("strong_current.csv")))


@pytest.mark.parametrize("method", [zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA])
def test_only_stored_and_deflated_members_are_read(method):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        archive.writestr("workouts.csv", read("strong_current.csv"))
    with pytest.raises(ImportFileError, match="only stored and deflated"):
        reading.read(buffer.getvalue())


def test_a_stored_member_is_read():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("workouts.csv", read("strong_current.csv"))
    assert reading.read(buffer.getvalue()).text.startswith('"Date"')


@pytest.mark.django_db
def test_the_api_refuses_a_lying_zip_and_stores_nothing(athlete_api, athlete):
    data = bomb(50 * 1024 * 1024, 2_400)
    response = athlete_api.post(
        "/api/v1/imports/", {"file": upload(data, "strong.zip")}, format="multipart"
    )
    assert response.status_code == 400
    assert response.json()["file"][0].startswith("The ZIP file cannot be opened")
    assert log_rows(athlete)["sets"] == 0
