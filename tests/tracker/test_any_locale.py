"""Forms work whatever the browser's language: ISO dates, decimal commas, an error summary."""

import re
import uuid
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import SetFactory, TrainingSessionFactory
from tracker.models import Set

pytestmark = pytest.mark.django_db

LANGUAGES = ["en-US", "en-GB", "de-DE", "fr-FR", "ja-JP"]


def set_data(**overrides: str) -> dict[str, str]:
    return {
        "client_id": str(uuid.uuid4()),
        "load": "100",
        "reps": "8",
        "exercise": "hip_thrust",
        "foot_distance": "shins_vertical",
        "stance_width": "hip_width",
        "padding": "thick",
        "equipment": "barbell",
        **overrides,
    }


@pytest.fixture
def session(athlete):
    return TrainingSessionFactory(athlete=athlete, date=timezone.localdate())


def date_input(html: str) -> str:
    match = re.search(r'<input type="date"[^>]*>', html)
    assert match, "the page has no date input"
    return match.group(0)


# --- ISO dates -------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_finish_form_date_is_iso_in_every_browser_language(athlete_client, session, language):
    url = reverse("tracker:session_finish", args=[session.pk])
    page = athlete_client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert f'value="{session.date.isoformat()}"' in date_input(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_finishing_with_the_iso_date_the_input_sends_succeeds(athlete_client, session, language):
    url = reverse("tracker:session_finish", args=[session.pk])
    data = {"date": session.date.isoformat(), "bench_stable": ""}
    response = athlete_client.post(url, data, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.finished_at is not None


def test_editing_a_finished_session_shows_its_date_in_iso(athlete_client, athlete):
    finished = TrainingSessionFactory(
        athlete=athlete, date="2026-03-02", finished_at=timezone.now()
    )
    url = reverse("tracker:session_finish", args=[finished.pk])
    page = athlete_client.get(url, HTTP_ACCEPT_LANGUAGE="de-DE").content.decode()
    assert 'value="2026-03-02"' in date_input(page)


def test_a_german_browser_gets_english_error_messages(athlete_client, session):
    url = reverse("tracker:session_finish", args=[session.pk])
    response = athlete_client.post(url, {"date": ""}, HTTP_ACCEPT_LANGUAGE="de-DE")
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert "erforderlich" not in response.content.decode()


# --- decimal commas --------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["82,5", "82.5", " 82,5 "])
def test_a_load_with_a_decimal_comma_is_stored(athlete_client, session, typed):
    url = reverse("tracker:set_create", args=[session.pk])
    response = athlete_client.post(url, set_data(load=typed), HTTP_ACCEPT_LANGUAGE="de-DE")
    assert response.status_code == 302
    assert Set.objects.get().load_kg == Decimal("82.5")


def test_a_load_with_a_thousands_comma_is_refused_not_guessed(athlete_client, session):
    url = reverse("tracker:set_create", args=[session.pk])
    response = athlete_client.post(url, set_data(load="1,000"))
    assert response.status_code == 400
    assert not Set.objects.exists()


def test_a_load_with_two_commas_is_refused(athlete_client, session):
    url = reverse("tracker:set_create", args=[session.pk])
    response = athlete_client.post(url, set_data(load="8,2,5"))
    assert response.status_code == 400
    assert "Enter the load as a number" in response.content.decode()


def test_editing_a_set_takes_a_decimal_comma(athlete_client, session):
    logged = SetFactory(session=session, load_kg=Decimal("80"))
    url = reverse("tracker:set_edit", args=[logged.pk])
    data = set_data(load="82,5")
    del data["client_id"]
    assert athlete_client.post(url, data).status_code == 302
    logged.refresh_from_db()
    assert logged.load_kg == Decimal("82.5")


def test_a_bodyweight_with_a_decimal_comma_is_stored(athlete_client, athlete):
    url = reverse("tracker:settings")
    data = {"unit": "kg", "time_zone": "Europe/Berlin", "bodyweight": "71,4"}
    assert athlete_client.post(url, data).status_code == 302
    athlete.profile.refresh_from_db()
    assert athlete.profile.bodyweight_kg == Decimal("71.4")


def test_the_load_input_lets_a_comma_be_typed(athlete_client, session):
    page = athlete_client.get(reverse("tracker:session", args=[session.pk])).content.decode()
    load = re.search(r'<input[^>]*name="load"[^>]*>', page).group(0)
    assert 'type="text"' in load
    assert 'inputmode="decimal"' in load


# --- the error summary -----------------------------------------------------------------------


def summary_of(html: str) -> str:
    match = re.search(r'<div class="error-summary".*?</div>', html, re.S)
    return match.group(0) if match else ""


def test_a_form_with_errors_lists_them_at_the_top_linked_to_their_fields(athlete_client, session):
    url = reverse("tracker:set_create", args=[session.pk])
    response = athlete_client.post(url, set_data(load="heavy", reps="0"))
    html = response.content.decode()
    summary = summary_of(html)
    assert "2 things to fix" in summary
    assert 'href="#id_load"' in summary
    assert 'href="#id_reps"' in summary
    assert html.index("error-summary") < html.index('name="load"')


def test_a_wrong_chip_group_links_to_its_first_chip(athlete_client, session):
    url = reverse("tracker:set_create", args=[session.pk])
    summary = summary_of(athlete_client.post(url, set_data(padding="towel")).content.decode())
    assert 'href="#id_padding_0"' in summary
    assert "Bar padding" in summary


def test_the_finish_form_summarises_a_missing_date(athlete_client, session):
    url = reverse("tracker:session_finish", args=[session.pk])
    summary = summary_of(athlete_client.post(url, {"date": ""}).content.decode())
    assert "One thing to fix" in summary
    assert 'href="#id_date"' in summary


def test_a_page_with_errors_loads_the_script_that_focuses_the_first(athlete_client, session):
    url = reverse("tracker:session_finish", args=[session.pk])
    html = athlete_client.post(url, {"date": "30.11.2026x"}).content.decode()
    assert re.search(r'<script type="module" src="[^"]*js/errors[^"]*\.js"', html)


def test_a_page_without_errors_has_no_summary_and_no_focus_script(athlete_client, session):
    html = athlete_client.get(reverse("tracker:session_finish", args=[session.pk])).content.decode()
    assert "error-summary" not in html
    assert "errors.js" not in html
