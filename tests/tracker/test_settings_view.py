"""The settings page: display unit, bodyweight (typed in the unit shown), time zone."""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import SetFactory, TrainingSessionFactory
from tracker.models import Profile

pytestmark = pytest.mark.django_db

URL = reverse("tracker:settings")


def settings_data(**overrides: str) -> dict[str, str]:
    return {"unit": "kg", "time_zone": "Europe/Berlin", "bodyweight": "", **overrides}


def stored(athlete) -> tuple:
    profile = Profile.objects.get(user=athlete)
    return (profile.unit, profile.time_zone, profile.bodyweight_kg)


def logged_in_with(athlete, **profile_fields) -> Client:
    # Preferences are copied into the session at login: change the profile first.
    for name, value in profile_fields.items():
        setattr(athlete.profile, name, value)
    athlete.profile.save()
    client = Client()
    client.force_login(athlete)
    return client


def test_the_settings_page_shows_the_stored_preferences(athlete):
    client = logged_in_with(athlete, unit="lb", bodyweight_kg=Decimal("90.72"))
    form = client.get(URL).context["form"]
    assert form["unit"].value() == "lb"
    assert form["bodyweight"].value() == Decimal("200")
    assert form["bodyweight"].label == "Bodyweight (lb)"


def test_saving_the_settings_stores_them(athlete_client, athlete):
    response = athlete_client.post(
        URL, settings_data(time_zone="America/Chicago", bodyweight="72.5")
    )
    assert response.status_code == 302
    assert response.url == URL
    assert stored(athlete) == ("kg", "America/Chicago", Decimal("72.50"))


def test_changing_the_unit_to_pounds_shows_loads_in_pounds(athlete_client, athlete):
    session = TrainingSessionFactory(athlete=athlete)
    SetFactory(session=session, load_kg=Decimal("60"))
    athlete_client.post(URL, settings_data(unit="lb"))
    html = athlete_client.get(reverse("tracker:session", args=[session.pk])).content.decode()
    assert "132.3 lb" in html
    assert "60 kg" not in html


def test_changing_the_unit_to_pounds_makes_the_set_form_take_pounds(athlete_client, athlete):
    session = TrainingSessionFactory(athlete=athlete)
    athlete_client.post(URL, settings_data(unit="lb"))
    form = athlete_client.get(reverse("tracker:session", args=[session.pk])).context["form"]
    assert form["load"].label == "Load (lb)"


def test_the_bodyweight_is_read_in_the_unit_the_page_was_shown_in(athlete_client, athlete):
    # Shown in kg; switching to lb in the same form does not make "80" mean 80 lb.
    athlete_client.post(URL, settings_data(unit="lb", bodyweight="80"))
    assert stored(athlete)[::2] == ("lb", Decimal("80.00"))


def test_a_bodyweight_typed_in_pounds_is_stored_in_kilograms(athlete):
    client = logged_in_with(athlete, unit="lb")
    client.post(URL, settings_data(unit="lb", bodyweight="200"))
    assert stored(athlete)[2] == Decimal("90.72")


def test_a_bodyweight_typed_in_pounds_is_kept_when_switching_to_kilograms(athlete):
    client = logged_in_with(athlete, unit="lb")
    client.post(URL, settings_data(unit="kg", bodyweight="200"))
    assert stored(athlete)[::2] == ("kg", Decimal("90.72"))


def test_an_empty_bodyweight_clears_it(athlete):
    client = logged_in_with(athlete, bodyweight_kg=Decimal("70"))
    client.post(URL, settings_data(bodyweight=""))
    assert stored(athlete)[2] is None


def test_the_settings_page_can_be_saved_again_unchanged_in_kilograms(athlete):
    client = logged_in_with(athlete, unit="kg", bodyweight_kg=Decimal("90.72"))
    shown = client.get(URL).context["form"]["bodyweight"].value()
    response = client.post(URL, settings_data(bodyweight=str(shown), time_zone="Asia/Tokyo"))
    assert response.status_code == 302
    assert stored(athlete) == ("kg", "Asia/Tokyo", Decimal("90.72"))


def test_saving_unchanged_settings_in_pounds_keeps_the_stored_bodyweight(athlete):
    # 80 kg is shown as 176.4 lb; read back it would be 80.01 kg.
    client = logged_in_with(athlete, unit="lb", bodyweight_kg=Decimal("80.00"))
    shown = client.get(URL).context["form"]["bodyweight"].value()
    client.post(URL, settings_data(unit="lb", bodyweight=str(shown), time_zone="Asia/Tokyo"))
    assert stored(athlete) == ("lb", "Asia/Tokyo", Decimal("80.00"))


@pytest.mark.parametrize(
    ("bad", "field", "message"),
    [
        pytest.param(
            {"time_zone": "Mars/Olympus_Mons"},
            "time_zone",
            "Pick a time zone from the list: a region and a city, e.g. Europe/Berlin.",
            id="unknown-time-zone",
        ),
        pytest.param(
            {"bodyweight": "500"},
            "bodyweight",
            "That bodyweight looks wrong: check the unit.",
            id="500-kg",
        ),
        pytest.param(
            {"bodyweight": "1000"},
            "bodyweight",
            "Ensure this value is less than or equal to 900.",
            id="1000-kg",
        ),
        pytest.param(
            {"bodyweight": "5"},
            "bodyweight",
            "Ensure this value is greater than or equal to 20.",
            id="5-kg",
        ),
        pytest.param(
            {"unit": "stone"},
            "unit",
            "Select a valid choice. stone is not one of the available choices.",
            id="unknown-unit",
        ),
    ],
)
def test_bad_settings_are_refused_with_a_message_and_nothing_changes(athlete, bad, field, message):
    client = logged_in_with(athlete, bodyweight_kg=Decimal("70"))
    before = stored(athlete)
    response = client.post(URL, settings_data(**{"unit": "lb", "bodyweight": "71", **bad}))
    assert response.status_code == 400
    assert response.context["form"].errors[field] == [message]
    assert message in response.content.decode()
    assert stored(athlete) == before


def test_a_refused_unit_change_keeps_showing_the_old_unit(athlete_client, athlete):
    session = TrainingSessionFactory(athlete=athlete)
    SetFactory(session=session, load_kg=Decimal("60"))
    athlete_client.post(URL, settings_data(unit="lb", time_zone="Nowhere/Atall"))
    html = athlete_client.get(reverse("tracker:session", args=[session.pk])).content.decode()
    assert "60 kg" in html


def test_an_absurd_bodyweight_in_pounds_is_refused(athlete):
    # 900 lb passes the field's limit but is 408 kg.
    client = logged_in_with(athlete, unit="lb")
    response = client.post(URL, settings_data(unit="lb", bodyweight="900"))
    assert response.status_code == 400
    assert response.context["form"].errors["bodyweight"] == [
        "That bodyweight looks wrong: check the unit."
    ]
    assert stored(athlete)[2] is None


def test_settings_are_each_athletes_own(athlete, outsider_client, outsider):
    before = stored(athlete)
    outsider_client.post(URL, settings_data(unit="lb", bodyweight="99"))
    assert stored(athlete) == before
    assert stored(outsider)[::2] == ("lb", Decimal("99.00"))
