"""The report page: the athlete's own log only, a period they pick (default the last 8
weeks), bad input answered with a form error, and the same queries however long the log."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from advice.wording import day_text
from tests.reports.history import NOTE, pad_history, sessions_on, train

pytestmark = pytest.mark.django_db
REPORT = "/report/"


def test_the_report_asks_for_a_sign_in(client):
    response = client.get(REPORT)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_athlete_reads_their_report_with_print_styles(athlete, athlete_client, today):
    pad_history(athlete, today)
    page = athlete_client.get(REPORT).content.decode()
    assert "css/report.css" in page
    assert "Hip bone" in page
    assert NOTE in page
    assert "Download the PDF" in page


def test_an_outsider_reads_only_their_own_report(athlete, outsider_client, today):
    pad_history(athlete, today)
    page = outsider_client.get(REPORT).content.decode()
    assert "No pain reported in this period." in page
    assert NOTE not in page


def test_the_period_can_be_picked(athlete, athlete_client, today):
    pad_history(athlete, today)
    start = today - timedelta(days=10)
    page = athlete_client.get(REPORT, {"start": start.isoformat()}).content.decode()
    assert f"{day_text(start)} to {day_text(today)}" in page
    four = athlete_client.get(REPORT, {"weeks": "4"}).content.decode()
    assert "(4 weeks)" in four


@pytest.mark.parametrize(
    "query",
    [
        {"weeks": "5"},
        {"start": "not-a-date"},
        {"end": "2999-01-01"},
        {"start": "2026-06-01", "end": "2026-05-01"},
        {"start": "1990-01-01", "end": "2026-05-01"},
    ],
)
def test_a_bad_period_is_a_form_error_never_a_500(athlete_client, query):
    response = athlete_client.get(REPORT, query)
    assert response.status_code == 400
    assert 'class="error"' in response.content.decode()
    assert athlete_client.get("/report/pdf/", query).status_code == 400


def _queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_the_report_reads_the_same_queries_however_long_the_log(athlete, athlete_client, today):
    pad_history(athlete, today)
    athlete_client.get(REPORT)  # the log's changes are recorded on the first visit
    short = _queries(athlete_client, REPORT)
    # Three times the sessions, earlier ones (no pad, no pain) and inside the period.
    older = sessions_on(athlete, [today - timedelta(days=d) for d in range(54, 180, 4)])
    train(athlete, older, padding="none", pain=None)
    inside = sessions_on(athlete, [today - timedelta(days=d) for d in range(18, 1, -4)])
    train(athlete, inside, padding="thick", pain=1)
    athlete_client.get(REPORT)
    assert _queries(athlete_client, REPORT) == short
