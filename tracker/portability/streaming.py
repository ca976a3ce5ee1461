"""The export's downloads, streamed: the first bytes leave at once, however long the history.

Sessions are read from the database in chunks and serialised once each (as on the session
detail, export.py's serializers); each serialised session is also kept in a temporary file
(in memory up to a few MB, then on disk), from which the ZIP's other CSV files
and export.json are written one after another. Memory stays bounded and every file of the ZIP
agrees with export.json, as in `export.zip_bytes`.
"""

import io
import itertools
import pickle
import tempfile
import zipfile
from collections.abc import Iterator
from typing import Any

from django.contrib.auth.models import User
from rest_framework.renderers import JSONRenderer

from tracker import queries
from tracker.portability import export
from tracker.portability.reading import EXPORT_JSON
from tracker.portability.sources import Progress

CHUNK_SESSIONS = 200  # sessions read (with their sets and pain) per query batch
SPOOL_BYTES = 4 * 1024 * 1024  # serialised sessions kept in memory before going to disk


def _json(value: Any) -> bytes:
    return JSONRenderer().render(value)


def _sessions(athlete: User, progress: Progress | None = None) -> Iterator[dict[str, Any]]:
    sessions = queries.sessions_with_log(athlete)
    total = sessions.count() if progress is not None else 0
    rows = sessions.iterator(chunk_size=CHUNK_SESSIONS)
    done = 0
    # A serializer per chunk, not per session: DRF copies its fields for each instance.
    while chunk := list(itertools.islice(rows, CHUNK_SESSIONS)):
        yield from export.ExportSessionSerializer(chunk, many=True).data
        done += len(chunk)
        if progress is not None:
            progress(done / max(total, 1))


def _head(athlete: User) -> dict[str, Any]:
    """The document without its sessions: comments and the access log are short lists."""
    doc = export.document(athlete, with_sessions=False)
    doc["sessions"] = []
    return doc


def json_chunks(athlete: User, progress: Progress | None = None) -> Iterator[bytes]:
    """export.json, written as the sessions are read."""
    head = _head(athlete)
    yield from _document(head, (_json(s) for s in _sessions(athlete, progress)))


def _document(head: dict[str, Any], sessions: Iterator[bytes]) -> Iterator[bytes]:
    # The document's keys in the order of export.document, sessions streamed in their place.
    opening = _json({k: head[k] for k in ("format", "version", "exported_at", "athlete")})
    yield opening[:-1] + b',"sessions":['
    for number, session in enumerate(sessions):
        yield (b"," if number else b"") + session
    rest = _json({"comments": head["comments"], "access_log": head["access_log"]})
    yield b"]," + rest[1:]


class _Sink(io.RawIOBase):
    """Where zipfile writes; each chunk handed on as soon as it is there. No tell(), so
    zipfile writes the sizes after each member (a streamable ZIP)."""

    def __init__(self) -> None:
        self.chunks: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self.chunks.append(bytes(data))
        return len(data)

    def take(self) -> bytes:
        out, self.chunks = b"".join(self.chunks), []
        return out


def zip_chunks(athlete: User, progress: Progress | None = None) -> Iterator[bytes]:
    """The ZIP of export.zip_bytes, streamed."""
    head = _head(athlete)
    sink = _Sink()
    with (
        tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES) as kept,
        zipfile.ZipFile(sink, "w", zipfile.ZIP_DEFLATED) as archive,
    ):
        archive.writestr("README.txt", export.readme(head))
        yield sink.take()
        with archive.open("sessions.csv", "w") as member:
            text = io.TextIOWrapper(member, encoding="utf-8", newline="")
            writer = export.csv_writer(text, "sessions.csv")
            for session in _sessions(athlete, progress):
                pickle.dump(session, kept)
                writer.writerows(export.session_rows(session))
                text.flush()
                yield sink.take()
            text.detach()
        for name in ("sets.csv", "pain_reports.csv", "check_ins.csv"):
            with archive.open(name, "w") as member:
                text = io.TextIOWrapper(member, encoding="utf-8", newline="")
                writer = export.csv_writer(text, name)
                for session in _kept(kept):
                    writer.writerows(export.rows_of(name, session))
                text.flush()
                text.detach()
            yield sink.take()
        for name, _, rows in export.tables(head):
            if name in ("comments.csv", "access_log.csv"):
                archive.writestr(name, export.csv_text(name, rows))
        with archive.open(EXPORT_JSON, "w") as member:
            for chunk in _document(head, (_json(s) for s in _kept(kept))):
                member.write(chunk)
                yield sink.take()
    yield sink.take()


def _kept(kept: Any) -> Iterator[dict[str, Any]]:
    """The serialised sessions back, as they were (decimals stay decimals: 107.50, not 107.5).
    The file is this function's own, written a moment ago: pickle reads nothing foreign."""
    kept.seek(0)
    while True:
        try:
            yield pickle.load(kept)
        except EOFError:
            return
