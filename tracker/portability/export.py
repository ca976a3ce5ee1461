"""Everything an athlete logged, to take with them: one JSON document, or a ZIP of CSV files
with a README and the same JSON. Reads only the athlete's own rows (and the conversations with
their coaches: the coaches' notes and the athlete's replies). The column names below are part
of the export format: add, never rename.
"""

import io
import zipfile
from collections.abc import Iterable, Iterator
from typing import Any

from defusedcsv import csv as defused
from django.apps import apps
from django.contrib.auth.models import User
from django.utils import timezone
from rest_framework import serializers
from rest_framework.renderers import JSONRenderer

from tracker import queries, services
from tracker.api.serializers import SessionSerializer
from tracker.choices import PainTiming
from tracker.portability.reading import EXPORT_FORMAT, EXPORT_JSON

VERSION = 1


class ExportSessionSerializer(SessionSerializer):
    """A session as on the session detail, plus when its next-morning check-in was done."""

    class Meta(SessionSerializer.Meta):
        fields = [*SessionSerializer.Meta.fields, "checked_in_at"]
        read_only_fields = fields


class ExportCommentSerializer(serializers.Serializer):
    """A message with a coach on a session or an advice item (cause, region): the coach's note,
    or the athlete's reply (`author`)."""

    id = serializers.IntegerField()
    session = serializers.IntegerField(source="session_id", allow_null=True)
    date = serializers.DateField(source="session.date", allow_null=True)
    coach = serializers.CharField(source="coach.username")
    cause = serializers.CharField()
    region = serializers.CharField()
    body = serializers.CharField()
    created = serializers.DateTimeField()
    author = serializers.CharField(source="author.username", help_text="Who wrote it.")


class ExportAccessSerializer(serializers.Serializer):
    """Someone other than the athlete (a coach) opened the athlete's data."""

    id = serializers.IntegerField()
    at = serializers.DateTimeField()
    viewer = serializers.CharField(source="viewer_name")
    what = serializers.CharField()


class ExportAthleteSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    display_unit = serializers.CharField(help_text="Loads are kilograms; this is how they showed.")
    time_zone = serializers.CharField()


class ExportSerializer(serializers.Serializer):
    """GET /api/v1/export/ and export.json: every session, and the messages with coaches."""

    format = serializers.CharField(help_text=f'Always "{EXPORT_FORMAT}".')
    version = serializers.IntegerField()
    exported_at = serializers.DateTimeField()
    athlete = ExportAthleteSerializer()
    sessions = ExportSessionSerializer(many=True, help_text="Newest first, everything nested.")
    comments = ExportCommentSerializer(many=True)
    access_log = ExportAccessSerializer(many=True, help_text="Who opened the log, newest first.")


def document(athlete: User, *, with_sessions: bool = True) -> dict[str, Any]:
    """The whole export in memory (streaming.py writes the same document piece by piece)."""
    profile = services.profile_for(athlete)
    sessions = queries.sessions_with_log(athlete) if with_sessions else []
    return {
        "format": EXPORT_FORMAT,
        "version": VERSION,
        "exported_at": serializers.DateTimeField().to_representation(timezone.now()),
        "athlete": {
            "id": athlete.pk,
            "username": athlete.get_username(),
            "display_unit": profile.unit,
            "time_zone": profile.time_zone,
        },
        "sessions": ExportSessionSerializer(sessions, many=True).data,
        "comments": ExportCommentSerializer(_comments(athlete), many=True).data,
        "access_log": ExportAccessSerializer(_accesses(athlete), many=True).data,
    }


def _accesses(athlete: User) -> Iterable[Any]:
    if not apps.is_installed("accounts"):
        return []
    return apps.get_model("accounts", "AccessRecord").objects.filter(athlete=athlete)


def _comments(athlete: User) -> Iterable[Any]:
    if not apps.is_installed("coaching"):
        return []
    comment = apps.get_model("coaching", "Comment")
    # The athlete's replies are theirs too: every message, not only the coaches' notes.
    messages = comment.messages.filter(athlete=athlete)
    return messages.select_related("coach", "session", "author").order_by("created", "pk")


def filename(athlete: User, extension: str) -> str:
    safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in athlete.get_username())
    return f"thrustlog-{safe}-{queries.today_for(athlete):%Y-%m-%d}.{extension}"


def json_bytes(doc: dict[str, Any]) -> bytes:
    return JSONRenderer().render(doc)


def zip_bytes(doc: dict[str, Any]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", readme(doc))
        for name, _, rows in tables(doc):
            archive.writestr(name, csv_text(name, rows))
        archive.writestr(EXPORT_JSON, json_bytes(doc))
    return buffer.getvalue()


# --- the CSV files ---------------------------------------------------------------------------

COLUMNS = {
    "sessions.csv": [
        "session_id", "date", "bench_height_cm", "bench_stable", "notes", "red_flags",
        "finished_at", "checked_in_at", "client_id", "created", "updated",
    ],
    "sets.csv": [
        "set_id", "session_id", "date", "position", "exercise", "exercise_name", "load_kg",
        "reps", "rir", "foot_distance", "stance_width", "padding", "equipment", "client_id",
        "created", "updated",
    ],
    "pain_reports.csv": [
        "pain_report_id", "session_id", "set_id", "date", "region", "score", "character",
        "side", "client_id", "created",
    ],
    "check_ins.csv": [
        "pain_report_id", "session_id", "date", "timing", "region", "score", "character",
        "side", "client_id", "created",
    ],
    "comments.csv": [
        "comment_id", "session_id", "date", "coach", "cause", "region", "body", "created",
        "author",
    ],
    "access_log.csv": ["access_id", "at", "viewer", "what"],
}  # fmt: skip


_SESSION = ("bench_height_cm", "bench_stable", "notes")
_SESSION_END = ("finished_at", "checked_in_at", "client_id", "created", "updated")
_SET = ("position", "exercise", "exercise_name", "load_kg", "reps", "rir", "foot_distance")
_SET_END = ("stance_width", "padding", "equipment", "client_id", "created", "updated")
_PAIN = ("region", "score", "character", "side", "client_id", "created")
_COMMENT = ("id", "session", "date", "coach", "cause", "region", "body", "created", "author")


def session_rows(s: dict[str, Any]) -> list[list[Any]]:
    head, tail = (s[k] for k in _SESSION), (s[k] for k in _SESSION_END)
    return [[s["id"], s["date"], *head, " ".join(s["symptoms"]), *tail]]


def rows_of(name: str, s: dict[str, Any]) -> list[list[Any]]:
    """One serialised session's rows of sets.csv, pain_reports.csv or check_ins.csv."""
    if name == "sessions.csv":
        return session_rows(s)
    if name == "sets.csv":
        return [
            [x["id"], s["id"], s["date"], *(x[k] for k in _SET), *(x[k] for k in _SET_END)]
            for x in s["sets"]
        ]
    rows = []
    for p in s["pain_reports"]:
        common = [p[k] for k in _PAIN]
        during = p["timing"] == PainTiming.DURING
        if name == "pain_reports.csv" and during:
            rows.append([p["id"], s["id"], p["set"], s["date"], *common])
        elif name == "check_ins.csv" and not during:
            rows.append([p["id"], s["id"], s["date"], p["timing"], *common])
    return rows


def tables(doc: dict[str, Any]) -> Iterator[tuple[str, list[str], list[list[Any]]]]:
    """The CSV files' rows, read from the document (so the CSVs and the JSON always agree)."""
    for name in ("sessions.csv", "sets.csv", "pain_reports.csv", "check_ins.csv"):
        yield name, COLUMNS[name], [row for s in doc["sessions"] for row in rows_of(name, s)]
    comments = [[c[k] for k in _COMMENT] for c in doc["comments"]]
    yield "comments.csv", COLUMNS["comments.csv"], comments
    accesses = [[a["id"], a["at"], a["viewer"], a["what"]] for a in doc["access_log"]]
    yield "access_log.csv", COLUMNS["access_log.csv"], accesses


class _Cells:
    """A CSV writer that writes cells as the export shows them (see _cell)."""

    def __init__(self, writer: Any) -> None:
        self.writer = writer

    def writerows(self, rows: Iterable[list[Any]]) -> None:
        self.writer.writerows([_cell(v) for v in row] for row in rows)


def csv_writer(out: Any, name: str) -> _Cells:
    """A writer of one of the export's CSV files, its header written. Cells go through
    defusedcsv: one starting with = + - @ | % (a formula to a spreadsheet) is written with a
    leading apostrophe, so a coach's note can never run as a formula; plain negative numbers
    stay numbers."""
    writer = defused.writer(out)
    writer.writerow(COLUMNS[name])
    return _Cells(writer)


def csv_text(name: str, rows: list[list[Any]]) -> str:
    out = io.StringIO()
    csv_writer(out, name).writerows(rows)
    return out.getvalue()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


README = """Thrustlog export of {username}, made {exported_at}
================================================================

Everything you logged. Loads are always kilograms (load_kg, 2 decimals); your display unit
was {unit}. Dates are YYYY-MM-DD in your calendar; times are ISO 8601 with their offset.
The same data is in export.json (importable into any Thrustlog account: Settings > Import).
Column names are stable: later versions may add columns, never rename or remove them.
An empty cell means "not recorded" (e.g. the setup of a set imported from another app).

sessions.csv   one row per training session
  session_id, date, bench_height_cm, bench_stable (true/false/empty), notes,
  red_flags (space-separated: numbness tingling weakness popping swelling
  daily_activity_pain sleep_disturbance), finished_at, checked_in_at (next-morning
  check-in), client_id (the id your phone or an import gave it), created, updated

sets.csv       one row per set, in order (position) within its session
  set_id, session_id, date, position, exercise (hip_thrust glute_bridge
  single_leg_hip_thrust b_stance_hip_thrust frog_pump kas_glute_bridge other),
  exercise_name (the name of an "other" exercise), load_kg, reps, rir (reps in reserve),
  foot_distance (too_close shins_vertical too_far), stance_width (narrow hip_width wide),
  padding (none thin thick mat machine), equipment (barbell smith machine dumbbell band
  bodyweight), client_id, created, updated

pain_reports.csv   pain felt during a set
  pain_report_id, session_id, set_id, date, region (lower_back si_joint hip_flexor hip_bone
  groin hamstring knee neck), score (0 none .. 10 worst), character (ache sharp cramp pinch
  bruise), side (left right both; empty: not said), client_id, created

check_ins.csv  pain reported after the session (timing after) or the next morning (next_day)
  pain_report_id, session_id, date, timing, region, score, character, side, client_id,
  created

comments.csv   your conversations with your coaches: their notes and your replies
  comment_id, session_id (empty: a comment on an advice item), date, coach, cause (the
  advice's cause id), region, body, created, author (who wrote it: the coach or you)

access_log.csv   each time someone else (a coach) opened your log, newest first
  access_id, at, viewer (their username), what (history, a session, advice, charts, the
  roster summary; "(API)" when asked through the API)

export.json    all of the above in one document: {{"format", "version", "exported_at",
  "athlete", "sessions": [each with "sets" and "pain_reports" nested], "comments",
  "access_log"}}
"""


def readme(doc: dict[str, Any]) -> str:
    athlete = doc["athlete"]
    return README.format(
        username=athlete["username"], exported_at=doc["exported_at"], unit=athlete["display_unit"]
    )
