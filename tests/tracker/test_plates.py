"""Plate math with the athlete's bar and plates, steppers by the smallest pair, and pounds that
come back exactly as typed."""

import re
import uuid
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import SetFactory, TrainingSessionFactory
from tracker import plates, units
from tracker.models import Set

pytestmark = pytest.mark.django_db

KG = plates.kit_for("kg")
LB = plates.kit_for("lb")


# --- the rules -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("load", "kit", "line"),
    [
        ("100", KG, "Per side: 25 + 15 (bar 20 kg)"),
        ("102.5", KG, "Per side: 25 + 15 + 1.25 (bar 20 kg)"),
        ("20", KG, "Just the bar (20 kg)"),
        ("135", LB, "Per side: 45 (bar 45 lb)"),
        ("225", LB, "Per side: 45 + 45 (bar 45 lb)"),
        ("315", LB, "Per side: 45 + 45 + 45 (bar 45 lb)"),
        ("253.5", LB, "Your plates cannot make 253.5 lb: 250 or 255 lb"),
        ("101", KG, "Your plates cannot make 101 kg: 100 or 102.5 kg"),
        ("15", KG, "Lighter than your bar (20 kg)"),
    ],
)
def test_the_plate_line(load, kit, line):
    assert plates.describe(Decimal(load), kit) == line


def test_a_short_set_of_plates_offers_the_loads_it_can_make():
    kit = plates.kit_for("kg", Decimal("15"), "20 10 5")
    assert plates.describe(Decimal("62.5"), kit) == "Your plates cannot make 62.5 kg: 55 or 65 kg"
    assert kit.step == Decimal("10")


def test_plates_set_for_another_unit_fall_back_to_that_units_defaults():
    assert plates.kit_for("lb", Decimal("20"), "25 20", plates_unit="kg") == LB


@pytest.mark.parametrize("junk", ["heavy", "25 -5", "0", "25 20 1e9", "2.555"])
def test_plates_that_are_not_plates_are_refused(junk):
    with pytest.raises(ValueError, match=re.escape(junk)):
        plates.parse_plates(junk)


def test_plates_may_be_written_with_commas_or_semicolons():
    assert plates.parse_plates("25; 20; 2,5") == (Decimal("25"), Decimal("20"), Decimal("2.5"))


# --- pounds round-trip -----------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["135", "225", "315", "137.5", "45"])
def test_a_load_in_pounds_comes_back_exactly_as_typed(typed):
    assert units.plain(units.to_kg(Decimal(typed), "lb"), "lb") == Decimal(typed)


def test_every_tenth_of_a_pound_up_to_a_thousand_round_trips():
    for tenths in range(10001):
        typed = Decimal(tenths) / 10
        assert units.from_kg(units.to_kg(typed, "lb"), "lb") == typed


# --- on the page -----------------------------------------------------------------------------


@pytest.fixture
def lb_athlete(athlete):
    athlete.profile.unit = "lb"
    athlete.profile.save()
    client = Client()
    client.force_login(athlete)
    return client


def test_the_session_page_shows_plates_for_100_kg(athlete_client, athlete):
    session = TrainingSessionFactory(athlete=athlete)
    SetFactory(session=session, load_kg=Decimal("100"), equipment="barbell")
    html = athlete_client.get(reverse("tracker:session", args=[session.pk])).content.decode()
    assert "Per side: 25 + 15 (bar 20 kg)" in html


def test_225_lb_is_logged_shown_and_prefilled_as_225_lb(lb_athlete, athlete):
    session = TrainingSessionFactory(athlete=athlete)
    data = {
        "client_id": str(uuid.uuid4()), "load": "225", "reps": "5", "exercise": "hip_thrust",
        "foot_distance": "shins_vertical", "stance_width": "hip_width", "padding": "thick",
        "equipment": "barbell",
    }  # fmt: skip
    response = lb_athlete.post(reverse("tracker:set_create", args=[session.pk]), data, follow=True)
    html = response.content.decode()
    assert "Set 1 logged: 225 lb × 5." in html
    assert re.search(r'name="load" value="225"', html)
    assert "Per side: 45 + 45 (bar 45 lb)" in html
    assert Set.objects.get().load_kg == Decimal("102.06")


def test_no_plate_line_for_a_machine_set(athlete_client, athlete):
    session = TrainingSessionFactory(athlete=athlete)
    SetFactory(session=session, load_kg=Decimal("100"), equipment="machine")
    html = athlete_client.get(reverse("tracker:session", args=[session.pk])).content.decode()
    assert re.search(r'<p class="plates" id="plates-line" aria-live="polite" hidden>', html)


def test_the_load_stepper_moves_by_a_pair_of_the_lightest_plate(athlete, athlete_client):
    athlete_client.post(
        reverse("tracker:settings"),
        {"unit": "kg", "time_zone": "UTC", "bar_weight": "15", "plates": "20 10 5"},
    )
    session = TrainingSessionFactory(athlete=athlete)
    html = athlete_client.get(reverse("tracker:session", args=[session.pk])).content.decode()
    load = re.search(r'<input[^>]*name="load"[^>]*>', html).group(0)
    assert 'data-step="10"' in load
    assert 'data-bar="15"' in load
    assert 'data-plates="20 10 5"' in load


def test_settings_store_the_bar_and_plates_in_the_shown_unit(athlete, athlete_client):
    response = athlete_client.post(
        reverse("tracker:settings"),
        {"unit": "kg", "time_zone": "UTC", "bar_weight": "15", "plates": "5 20 10 1,25"},
    )
    assert response.status_code == 302
    athlete.profile.refresh_from_db()
    profile = athlete.profile
    assert (profile.bar_weight, profile.plates, profile.plates_unit) == (
        Decimal("15"), "20 10 5 1.25", "kg",
    )  # fmt: skip


def test_settings_refuse_plates_that_are_not_numbers(athlete, athlete_client):
    response = athlete_client.post(
        reverse("tracker:settings"), {"unit": "kg", "time_zone": "UTC", "plates": "big ones"}
    )
    assert response.status_code == 400
    athlete.profile.refresh_from_db()
    assert athlete.profile.plates == ""


def test_settings_show_the_bar_as_a_plain_number(athlete_client):
    html = athlete_client.get(reverse("tracker:settings")).content.decode()
    assert re.search(r'name="bar_weight" value="20"', html)
