"""Every bad file answers a clear message (naming the line where there is one) and stores
nothing: through the API (400 {"file": [...]}) and through the import page."""

import pytest
from django.utils.html import escape

from tests.portability.conftest import log_rows, read, upload, zipped
from tracker.portability import jobs, sources
from tracker.portability.reading import MAX_UPLOAD_BYTES

pytestmark = pytest.mark.django_db
STRONG_HEADER = (
    '"Date","Workout Name","Duration","Exercise Name","Set Order","Weight","Reps","Distance",'
    '"Seconds","Notes","Workout Notes","RPE"\n'
)
GOOD_ROW = '"2026-08-03 17:00:00","A","1h","Hip Thrust (Barbell)","1","100","8","0","0","","",""\n'


def strong(*rows: str) -> bytes:
    return (STRONG_HEADER + "".join(rows)).encode()


BAD_FILES = {
    "text in Weight": (
        strong(GOOD_ROW, GOOD_ROW.replace('"100"', '"heavy"')),
        'Line 3: Weight "heavy" is not a number.',
    ),
    "a date that does not parse": (
        strong(GOOD_ROW, GOOD_ROW.replace("2026-08-03 17:00:00", "last Tuesday")),
        'Line 3: Date "last Tuesday" is not a date this importer reads.',
    ),
    "a fraction of a rep": (
        strong(GOOD_ROW.replace('"8"', '"8.5"')),
        'Line 2: Reps "8.5" is not a whole number.',
    ),
    "a date in the future": (
        strong(GOOD_ROW.replace("2026-08-03", "2099-01-01")),
        "Line 2: The date 2099-01-01 is in the future.",
    ),
    "a date before 1900": (
        strong(GOOD_ROW.replace("2026-08-03", "1899-12-31")),
        "Line 2: The date 1899-12-31 is before 1900-01-01.",
    ),
    "a date in year 1": (
        strong(GOOD_ROW, GOOD_ROW.replace("2026-08-03", "0001-01-01")),
        "Line 3: The date 0001-01-01 is before 1900-01-01.",
    ),
    "a date in year 9999": (
        strong(GOOD_ROW.replace("2026-08-03", "9999-12-31")),
        "Line 2: The date 9999-12-31 is in the future.",
    ),
    "an empty file": (b"", "The submitted file is empty."),
    "only blank lines": (b"\r\n\r\n  \n", "The file is empty."),
    "a header and no rows": (strong(), "The file holds no sets to import (no rows)."),
    "only rows without sets": (
        strong(GOOD_ROW.replace('"8"', '"0"')),
        "The file holds no sets to import (1 no reps (a timed, distance or empty set)).",
    ),
    "the wrong format": (
        b"name,email\nada,ada@example.com\n",
        "Line 1: This is not a Strong, Hevy or FitNotes export: its first line should name "
        'columns such as "Exercise Name" and "Set Order" (Strong), "exercise_title" and '
        '"set_index" (Hevy) or "Exercise" and "Category" (FitNotes).',
    ),
    "a picture": (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe",
        "Line 1: The file is not UTF-8 text: is it a CSV export (or a ZIP holding one)?",
    ),
    "a damaged ZIP": (b"PK\x03\x04 this is not really a zip", "The ZIP file cannot be opened"),
    "a ZIP without a CSV": (
        zipped("photo.jpg", b"\xff\xd8\xff"),
        "The ZIP holds no CSV file; it should hold one Strong or Hevy CSV.",
    ),
    "a Hevy row with an odd set type": (
        read("hevy_kg.csv").replace(b",normal,110,8", b",bonus,110,8", 1),
        'Line 3: set_type "bonus" is not one Hevy writes.',
    ),
    "an unknown weight unit": (
        read("strong_old_semicolon.csv").replace(b";lbs;", b";stone;"),
        'Line 4: Weight unit "stone" is neither kg nor lb.',
    ),
    "a row longer than the header": (
        strong(GOOD_ROW.replace('""\n', '"","extra"\n')),
        "Line 2: 13 cells where the header has 12 columns.",
    ),
    "a JSON that is not an export": (
        b'{"sessions": []}',
        'This JSON is not a Thrustlog export (it should have "format": "thrustlog-export").',
    ),
}


@pytest.mark.parametrize("case", BAD_FILES, ids=list(BAD_FILES))
def test_the_api_answers_the_message_and_stores_nothing(athlete_api, athlete, case):
    data, message = BAD_FILES[case]
    response = athlete_api.post(
        "/api/v1/imports/", {"file": upload(data), "unit": "kg"}, format="multipart"
    )
    assert response.status_code == 400, response.json()
    assert list(response.json()) == ["file"]
    assert response.json()["file"][0].startswith(message)
    assert log_rows(athlete) == {"sessions": 0, "sets": 0, "pain": 0, "symptoms": 0}


@pytest.mark.parametrize("case", BAD_FILES, ids=list(BAD_FILES))
def test_the_import_page_shows_the_message_and_stores_nothing(athlete_client, athlete, case):
    data, message = BAD_FILES[case]
    response = athlete_client.post("/settings/import/", {"file": upload(data), "unit": "kg"})
    assert response.status_code == 400
    assert escape(message) in response.content.decode()
    assert log_rows(athlete)["sets"] == 0


def test_one_bad_row_among_good_ones_stores_none_of_them(athlete_api, athlete):
    rows = [GOOD_ROW.replace("17:00:00", f"17:{m:02d}:00") for m in range(30)]
    data = strong(*rows, GOOD_ROW.replace('"8"', '"eight"'))
    response = athlete_api.post("/api/v1/imports/", {"file": upload(data)}, format="multipart")
    assert response.json() == {"file": ['Line 32: Reps "eight" is not a number.']}
    assert log_rows(athlete)["sessions"] == 0


class TestA50MegabyteUpload:
    """Refused from its declared size, before the body is read, with the limit named."""

    big = b"x" * (50 * 1024 * 1024)

    def test_the_api_refuses_it(self, athlete_api, athlete):
        response = athlete_api.post(
            "/api/v1/imports/", {"file": upload(self.big)}, format="multipart"
        )
        assert response.status_code == 400
        message = response.json()["file"][0]
        assert message.startswith("The file is 50.0 MB; the largest file the import takes is")
        assert log_rows(athlete)["sets"] == 0

    def test_the_page_refuses_it(self, athlete_client, athlete):
        response = athlete_client.post("/settings/import/", {"file": upload(self.big)})
        assert response.status_code == 400
        assert b"The file is 50.0 MB" in response.content

    def test_a_file_just_over_the_limit_is_refused_too(self, athlete_api):
        data = b"y" * (MAX_UPLOAD_BYTES + 1)
        response = athlete_api.post("/api/v1/imports/", {"file": upload(data)}, format="multipart")
        assert response.status_code == 400
        assert "largest file the import takes is 20 MB" in response.json()["file"][0]


def test_a_file_over_the_row_limit_is_refused_with_the_limit_named(athlete_api, monkeypatch):
    monkeypatch.setattr(sources, "MAX_ROWS", 100)
    monkeypatch.setattr(jobs, "MAX_ROWS", 100)
    rows = [GOOD_ROW.replace("17:00:00", f"17:{m // 60:02d}:{m % 60:02d}") for m in range(150)]
    response = athlete_api.post(
        "/api/v1/imports/", {"file": upload(strong(*rows))}, format="multipart"
    )
    assert response.status_code == 400
    assert (
        "The file has more than 100 rows, the most one import takes" in (response.json()["file"][0])
    )
