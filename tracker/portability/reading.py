"""An upload as the athlete has it -> CSV text, or a Thrustlog export's JSON document.

Accepted: a CSV (UTF-8 with or without a byte-order mark, or UTF-16 as spreadsheets save it;
any line endings), a ZIP holding one such CSV, and Thrustlog's own export (the ZIP, or its
export.json). Refused with a message: anything larger than MAX_UPLOAD_BYTES, an empty file,
binary data, a damaged or encrypted ZIP.

A ZIP is read as untrusted: the sizes its headers declare are never believed. A member is
inflated in chunks against a running count of the bytes it really produced, and reading stops
at MAX_UNPACKED_BYTES; only stored and deflated members, at most MAX_ZIP_ENTRIES entries, no
ZIP inside the ZIP, no name that climbs out of its folder ("../", "/etc", "C:").
"""

import io
import json
import zipfile
import zlib
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from tracker.portability.sources import ImportFileError

MAX_UPLOAD_BYTES = 20 * 1024 * 1024  # a decade of daily training is a few MB of CSV
MAX_UNPACKED_BYTES = 40 * 1024 * 1024  # what a ZIP's member may unpack to (zip bombs)
MAX_ZIP_ENTRIES = 100  # an export holds a handful of files
CHUNK = 64 * 1024
_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED}
EXPORT_JSON = "export.json"  # the member of Thrustlog's ZIP that a restore reads
EXPORT_FORMAT = "thrustlog-export"


@dataclass(frozen=True)
class Upload:
    """What was found in the file: CSV text, or a Thrustlog export document."""

    text: str = ""
    document: dict[str, Any] | None = None
    inside: str = ""  # the member of a ZIP it came from


def too_large_message(size: int) -> str:
    limit = MAX_UPLOAD_BYTES // (1024 * 1024)
    return (
        f"The file is {size / (1024 * 1024):.1f} MB; the largest file the import takes is "
        f"{limit} MB. Export a shorter date range, or upload the CSV zipped."
    )


def check_size(size: int) -> None:
    if size > MAX_UPLOAD_BYTES:
        raise ImportFileError(too_large_message(size))


def read(data: bytes) -> Upload:
    check_size(len(data))
    if not data.strip():
        raise ImportFileError("The file is empty.")
    if data[:4] == b"PK\x03\x04" or data[:4] == b"PK\x05\x06":
        return _from_zip(data)
    text = decode(data)
    if text.lstrip().startswith("{"):
        return Upload(document=_document(text))
    return Upload(text=text)


def decode(data: bytes) -> str:
    # utf-8-sig drops a byte-order mark when there is one; spreadsheets may save UTF-16.
    encoding = "utf-16" if data[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-8-sig"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ImportFileError(
            "The file is not UTF-8 text: is it a CSV export (or a ZIP holding one)?", line=line
        ) from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise ImportFileError("The file holds binary data, not CSV text.", line=line)
    return text


def _from_zip(data: bytes) -> Upload:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
        if len(entries) > MAX_ZIP_ENTRIES:
            raise ImportFileError(
                f"The ZIP holds {len(entries):,} entries; an export holds a few "
                f"(at most {MAX_ZIP_ENTRIES} are read)."
            )
        for entry in entries:
            _check_entry(entry)
        members = [m for m in entries if not _is_clutter(m.filename) and not m.is_dir()]
        names = {m.filename.rsplit("/", 1)[-1].lower(): m for m in members}
        if EXPORT_JSON in names:
            member = names[EXPORT_JSON]
            return Upload(
                document=_document(decode(_inflate(archive, member))), inside=member.filename
            )
        csvs = [m for m in members if m.filename.lower().endswith((".csv", ".txt"))]
        if len(csvs) != 1:
            found = "no CSV file" if not csvs else f"{len(csvs)} CSV files"
            raise ImportFileError(f"The ZIP holds {found}; it should hold one Strong or Hevy CSV.")
        return Upload(text=decode(_inflate(archive, csvs[0])), inside=csvs[0].filename)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError) as error:
        raise ImportFileError(f"The ZIP file cannot be opened ({error}).") from None
    except (RuntimeError, ValueError, OSError, zlib.error) as error:  # encrypted, damaged
        if isinstance(error, ImportFileError):
            raise
        raise ImportFileError(f"The ZIP file cannot be read ({error}).") from None


def _check_entry(entry: zipfile.ZipInfo) -> None:
    name = entry.filename
    parts = name.replace("\\", "/").split("/")
    if name.startswith(("/", "\\")) or ".." in parts or (len(name) > 1 and name[1] == ":"):
        raise ImportFileError(f'The ZIP holds "{name[:60]}", a name outside its folder: refused.')
    if entry.is_dir() or _is_clutter(name):
        return
    if entry.compress_type not in _METHODS:
        raise ImportFileError(
            f'"{name[:60]}" in the ZIP is packed in a way the import does not read '
            "(only stored and deflated files)."
        )
    if name.lower().endswith((".zip", ".jar", ".gz", ".7z", ".rar")):
        raise ImportFileError(f'The ZIP holds another archive ("{name[:60]}"): unzip it first.')


def _inflate(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> bytes:
    """The member's bytes, counted as they come out: its declared size means nothing."""
    out = bytearray()
    with archive.open(member) as stream:
        while chunk := stream.read(CHUNK):
            out += chunk
            if len(out) > MAX_UNPACKED_BYTES:
                raise ImportFileError(
                    f'"{member.filename[:60]}" unpacks to more than the import takes '
                    f"({MAX_UNPACKED_BYTES // (1024 * 1024)} MB)."
                )
            if len(out) == len(chunk) and out[:4] in (b"PK\x03\x04", b"PK\x05\x06"):
                raise ImportFileError(
                    f'The ZIP holds another archive ("{member.filename[:60]}"): unzip it first.'
                )
    return bytes(out)


def _is_clutter(name: str) -> bool:
    base = name.rsplit("/", 1)[-1]
    return name.startswith("__MACOSX/") or base.startswith(".") or not base


def _document(text: str) -> dict[str, Any]:
    try:
        document = json.loads(text, parse_float=Decimal)
    except (ValueError, RecursionError) as error:
        line = getattr(error, "lineno", None)
        raise ImportFileError("The JSON file cannot be read.", line=line) from None
    if not isinstance(document, dict) or document.get("format") != EXPORT_FORMAT:
        raise ImportFileError(
            'This JSON is not a Thrustlog export (it should have "format": "thrustlog-export").'
        )
    return document
