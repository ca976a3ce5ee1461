"""The report as a PDF rendered on the server: each section holds the right numbers for a built
history (read back with pdftotext), in at most two A4 pages, in the athlete's unit."""

import re
from datetime import timedelta

import pytest
from django.db import transaction
from django.test import Client

from advice.wording import day_text
from coaching import services as coaching
from reports import services
from tests.factories import UserFactory
from tests.reports.conftest import needs_pdf, pdf_pages, pdf_text
from tests.reports.history import NOTE, pad_history
from tracker import queries
from tracker.models import Profile

pytestmark = [pytest.mark.django_db, needs_pdf]


def build(athlete, today):
    history = pad_history(athlete, today)
    services.experiment_record(
        athlete=athlete,
        started_on=history.pad_day,
        field="padding",
        value="thick",
        regions=["hip_bone"],
        cause="unpadded_bar",
    )
    return history


@pytest.fixture
def built(athlete, today):
    return build(athlete, today)


def squeeze(text: str) -> str:
    """pdftotext's columns and line breaks as single spaces."""
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def rendered(django_db_setup, django_db_blocker, tmp_path_factory):
    """One PDF of the built history for the section tests (a render takes about a second):
    written in a transaction that is rolled back, like a test's own."""
    with django_db_blocker.unblock(), transaction.atomic():
        athlete = UserFactory(username="athlete")
        today = queries.today_for(athlete)
        history = build(athlete, today)
        client = Client()
        client.force_login(athlete)
        response = client.get("/report/pdf/")
        text = squeeze(pdf_text(response.content, tmp_path_factory.mktemp("pdf")))
        transaction.set_rollback(True)
    return response, text, history, today


@pytest.fixture
def text(rendered):
    return rendered[1]


@pytest.fixture
def history(rendered):
    return rendered[2]


@pytest.fixture
def day(rendered):
    return rendered[3]


def test_the_report_is_a_pdf(rendered):
    response = rendered[0]
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")


def test_the_pdf_has_every_section(text):
    for heading in (
        "Training and pain report",
        "Pain by region and timing",
        "Weekly top set and volume",
        "Setup used, and when it changed",
        "Red flags",
        "Experiments: what changed, and did it help?",
        "What the advice says",
        "Notes",
    ):
        assert heading in text


def test_the_pdf_covers_the_last_eight_weeks_by_default(text, day):
    today = day
    first = today - timedelta(days=today.weekday()) - timedelta(weeks=7)
    assert f"{day_text(first)} to {day_text(today)} (8 weeks)" in text


def test_pain_is_given_per_week_and_timing(text, history):
    # A week before the pad: 5 in a set, 5 after, 4 the next morning.
    week = history.before_pad()[-1].date
    monday = week - timedelta(days=week.weekday())
    assert re.search(rf"{monday.day} {monday:%b} 5 5 4", text)
    assert "Hip bone (" in text


def test_loads_are_given_per_week_with_the_jump_marked(text):
    assert "80 kg" in text
    assert "92.5 kg" in text
    assert "load jump: top set +16%" in text


def test_the_setup_change_is_dated(text, history):
    first_pad = next(s for s in history.sessions if s.date >= history.pad_day).date
    assert f"{day_text(first_pad)} {day_text(history.sessions[-1].date)} 6" in text
    assert "a thick pad" in text
    assert "padding" in text


def test_red_flags_say_when_they_were_resolved(text, history):
    before = history.before_pad()
    assert f"Tingling {day_text(before[2].date)} resolved {day_text(before[4].date)}" in text
    assert f"Swelling {day_text(before[-1].date)} still open" in text


def test_the_experiment_says_what_helped_with_the_numbers(text, history):
    assert (
        f"Helped: Since athlete switched to a thick pad on {day_text(history.pad_day)}, hip bone "
        "pain went from 5/10 to 1/10 over 3 weeks (7 sessions before, 6 sessions after)."
    ) in text


def test_the_advice_items_carry_their_source_sections(text):
    assert "See a professional:" in text
    assert "Source: When to Seek Professional Advice" in text


def test_the_athletes_notes_are_included(text):
    assert NOTE in text


def test_a_coach_note_is_included_only_when_chosen(athlete, athlete_client, coach, built, tmp_path):
    note = coaching.comment_add(
        coach=coach,
        athlete=athlete,
        body="Keep the pad in the hip crease.",
        session=built.sessions[-1],
    )
    page = athlete_client.get("/report/").content.decode()  # the same report, as a page
    without = page.split('<article class="report">')[1]  # the report, not the form offering it
    chosen = athlete_client.get("/report/pdf/", {"coach_note": note.pk, "my_notes": "0"})
    with_note = squeeze(pdf_text(chosen.content, tmp_path))
    assert "Keep the pad in the hip crease." not in without
    assert "Coach cordelia" in with_note
    assert "Keep the pad in the hip crease." in with_note
    assert NOTE not in with_note


def test_the_report_fits_two_a4_pages(rendered, tmp_path):
    assert 1 <= pdf_pages(rendered[0].content, tmp_path) <= 2


def test_loads_are_in_the_athletes_unit(athlete, athlete_client, built, tmp_path):
    Profile.objects.filter(user=athlete).update(unit="lb")
    text = squeeze(pdf_text(athlete_client.get("/report/pdf/").content, tmp_path))
    assert "loads in lb" in text
    assert "176.4 lb" in text  # 80 kg
    assert "80 kg" not in text
