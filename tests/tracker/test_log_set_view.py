"""Logging a set from the session page: stored in kg, prefilled from the last set, logged once."""

import re
import uuid
from datetime import date
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import SetFactory, TrainingSessionFactory
from tracker.choices import Equipment, FootDistance, Padding, PainTiming, StanceWidth
from tracker.models import PainReport, Set

pytestmark = pytest.mark.django_db


def set_data(**overrides: str) -> dict[str, str]:
    """A valid set form as the phone sends it, with a fresh client id."""
    return {
        "client_id": str(uuid.uuid4()),
        "load": "100",
        "reps": "8",
        "rir": "2",
        "exercise": "hip_thrust",
        "exercise_name": "",
        "foot_distance": "shins_vertical",
        "stance_width": "hip_width",
        "padding": "thick",
        "equipment": "barbell",
        **overrides,
    }


class _FieldErrors(HTMLParser):
    """Which error messages are drawn inside the same `.has-error` box as each named input."""

    VOID = {"input", "br", "img", "meta", "link", "hr", "source", "wbr"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, dict | None]] = []
        self.boxes: list[dict] = []
        self.in_error: dict | None = None

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag in ("input", "select", "textarea") and attrs.get("name"):
            for _, box in self.stack:
                if box is not None:
                    box["names"].add(attrs["name"])
        if tag in self.VOID:
            return
        box = {"names": set(), "errors": []} if "has-error" in classes else None
        if box is not None:
            self.boxes.append(box)
        self.stack.append((tag, box))
        if tag == "p" and "error" in classes:
            self.in_error = next((b for _, b in reversed(self.stack) if b is not None), None)
            if self.in_error is not None:
                self.in_error["errors"].append("")

    def handle_endtag(self, tag):  # type: ignore[no-untyped-def]
        if tag == "p":
            self.in_error = None
        while self.stack:
            open_tag, _ = self.stack.pop()
            if open_tag == tag:
                break

    def handle_data(self, data):  # type: ignore[no-untyped-def]
        if self.in_error is not None:
            self.in_error["errors"][-1] += data


def errors_next_to(response, name: str) -> list[str]:
    """The messages shown in the field box that holds the input called `name`."""
    parser = _FieldErrors()
    parser.feed(response.content.decode())
    boxes = [box for box in parser.boxes if name in box["names"]]
    assert boxes, f"no field marked as wrong holds an input named {name!r}"
    # The innermost box is the field itself, not a section around it.
    return [error.strip() for error in min(boxes, key=lambda b: len(b["names"]))["errors"]]


def client_id_in(response) -> str:
    match = re.search(r'name="client_id" value="([^"]+)"', response.content.decode())
    assert match, "the form carries no client_id"
    return match.group(1)


@pytest.fixture
def session(athlete):
    return TrainingSessionFactory(athlete=athlete)


@pytest.fixture
def lb_client(athlete) -> Client:
    # The unit is copied into the session at login, so it must be set before logging in.
    athlete.profile.unit = "lb"
    athlete.profile.save()
    client = Client()
    client.force_login(athlete)
    return client


def create_url(session) -> str:
    return reverse("tracker:set_create", args=[session.pk])


def page_url(session) -> str:
    return reverse("tracker:session", args=[session.pk])


# --- storing a set ---------------------------------------------------------------------------


def test_a_posted_set_is_stored_with_the_values_typed(athlete_client, session):
    response = athlete_client.post(
        create_url(session),
        set_data(load="102.5", reps="6", rir="1", foot_distance="too_far", padding="mat"),
    )
    assert response.status_code == 302
    assert response.url == page_url(session) + "#log"
    logged = Set.objects.get()
    assert (logged.session, logged.athlete, logged.position) == (session, session.athlete, 1)
    assert (logged.load_kg, logged.reps, logged.rir) == (Decimal("102.50"), 6, 1)
    assert (logged.foot_distance, logged.stance_width, logged.padding, logged.equipment) == (
        FootDistance.TOO_FAR,
        StanceWidth.HIP_WIDTH,
        Padding.MAT,
        Equipment.BARBELL,
    )


def test_a_set_without_rir_is_stored_as_not_sure(athlete_client, session):
    athlete_client.post(create_url(session), set_data(rir=""))
    assert Set.objects.get().rir is None


def test_a_set_logged_in_pounds_is_stored_in_kilograms(lb_client, session):
    lb_client.post(create_url(session), set_data(load="225"))
    assert Set.objects.get().load_kg == Decimal("102.06")


def test_the_confirmation_shows_the_set_in_the_athletes_unit(lb_client, session):
    response = lb_client.post(create_url(session), set_data(load="225", reps="5"), follow=True)
    assert "Set 1 logged: 225 lb × 5." in response.content.decode()


def test_an_other_exercise_is_stored_with_its_name(athlete_client, session):
    athlete_client.post(
        create_url(session), set_data(exercise="other", exercise_name="Cable kickback")
    )
    logged = Set.objects.get()
    assert (logged.exercise, logged.exercise_name) == ("other", "Cable kickback")


def test_a_resubmitted_form_stores_one_set(athlete_client, session):
    data = set_data()
    first = athlete_client.post(create_url(session), data)
    again = athlete_client.post(create_url(session), data)
    assert (first.status_code, again.status_code) == (302, 302)
    assert Set.objects.count() == 1


def test_two_forms_store_two_sets_in_order(athlete_client, session):
    athlete_client.post(create_url(session), set_data(load="60"))
    athlete_client.post(create_url(session), set_data(load="70"))
    assert list(Set.objects.order_by("position").values_list("position", "load_kg")) == [
        (1, Decimal("60.00")),
        (2, Decimal("70.00")),
    ]


def test_pain_in_two_regions_is_stored_as_during_reports_of_the_set(athlete_client, session):
    athlete_client.post(
        create_url(session),
        set_data(
            hurt_hip_bone="on",
            score_hip_bone="5",
            character_hip_bone="bruise",
            hurt_knee="on",
            score_knee="2",
        ),
    )
    logged = Set.objects.get()
    reports = PainReport.objects.order_by("region")
    assert [(r.region, r.score, r.character, r.timing, r.set) for r in reports] == [
        ("hip_bone", 5, "bruise", PainTiming.DURING, logged),
        ("knee", 2, "", PainTiming.DURING, logged),
    ]
    assert {r.session for r in reports} == {session}


def test_the_side_that_hurt_is_stored_and_shown_on_the_set(athlete_client, session):
    athlete_client.post(
        create_url(session),
        set_data(hurt_lower_back="on", score_lower_back="5", side_lower_back="left"),
    )
    assert PainReport.objects.get().side == "left"
    page = athlete_client.get(f"/sessions/{session.pk}/").content.decode()
    assert "(left side)" in page


def test_a_score_without_its_region_ticked_is_not_stored(athlete_client, session):
    athlete_client.post(create_url(session), set_data(score_knee="4"))
    assert Set.objects.count() == 1
    assert PainReport.objects.count() == 0


# --- the form on the page --------------------------------------------------------------------


def test_the_first_set_form_starts_from_the_usual_setup(athlete_client, session):
    form = athlete_client.get(page_url(session)).context["form"]
    assert form["load"].value() is None
    assert form["reps"].value() == 10
    assert form["foot_distance"].value() == FootDistance.SHINS_VERTICAL
    assert form["padding"].value() == Padding.THICK


def test_the_form_is_prefilled_from_the_previous_set(athlete_client, session):
    SetFactory(session=session, position=1, load_kg=Decimal("60"), reps=12, rir=4)
    SetFactory(
        session=session,
        position=2,
        load_kg=Decimal("82.50"),
        reps=6,
        rir=3,
        foot_distance=FootDistance.TOO_FAR,
        stance_width=StanceWidth.WIDE,
        padding=Padding.MAT,
        equipment=Equipment.SMITH,
    )
    form = athlete_client.get(page_url(session)).context["form"]
    assert {name: form[name].value() for name in ("load", "reps")} == {
        "load": Decimal("82.5"),
        "reps": 6,
    }
    assert [form[name].value() for name in ("foot_distance", "stance_width", "padding")] == [
        FootDistance.TOO_FAR,
        StanceWidth.WIDE,
        Padding.MAT,
    ]
    assert form["equipment"].value() == Equipment.SMITH


def test_a_new_session_is_prefilled_from_the_last_set_of_an_earlier_one(athlete_client, athlete):
    earlier = TrainingSessionFactory(athlete=athlete, date=date(2026, 1, 5))
    SetFactory(session=earlier, load_kg=Decimal("90"), reps=7)
    new = TrainingSessionFactory(athlete=athlete, date=date(2026, 1, 8))
    form = athlete_client.get(page_url(new)).context["form"]
    assert (form["load"].value(), form["reps"].value()) == (Decimal("90"), 7)


def test_the_prefilled_load_is_shown_in_the_athletes_unit(lb_client, session):
    SetFactory(session=session, load_kg=Decimal("102.06"))
    response = lb_client.get(page_url(session))
    assert response.context["form"]["load"].value() == Decimal("225")
    assert 'value="225"' in response.content.decode()


def test_a_round_prefilled_load_is_written_as_a_plain_number(athlete_client, session):
    SetFactory(session=session, load_kg=Decimal("100.00"))
    html = athlete_client.get(page_url(session)).content.decode()
    assert re.search(r'name="load" value="100"', html)


def test_each_render_carries_a_fresh_client_id(athlete_client, session):
    first = client_id_in(athlete_client.get(page_url(session)))
    second = client_id_in(athlete_client.get(page_url(session)))
    assert uuid.UUID(first) != uuid.UUID(second)


# --- bad input: the message next to the field, nothing stored --------------------------------

BAD_SETS = [
    pytest.param("reps", {"reps": "0"}, "A set has at least 1 rep.", id="zero-reps"),
    pytest.param("load", {"load": "-2.5"}, "The load cannot be negative.", id="negative-load"),
    pytest.param(
        "load",
        {"load": "1000.5"},
        "That is more than anyone lifts: at most 1000 kg.",
        id="absurd-load",
    ),
    pytest.param(
        "load", {"load": "100.125"}, "Use at most 2 decimal place(s) in kg.", id="3-decimals-kg"
    ),
    pytest.param(
        "load",
        {"load": "heavy"},
        "Enter the load as a number, e.g. 102.5 or 102,5.",
        id="not-a-number",
    ),
    pytest.param(
        "score_knee",
        {"hurt_knee": "on"},
        "Give knee a score from 1 to 10.",
        id="region-without-score",
    ),
    pytest.param(
        "score_knee",
        {"hurt_knee": "on", "score_knee": "11"},
        "Select a valid choice. 11 is not one of the available choices.",
        id="score-11",
    ),
    pytest.param(
        "foot_distance",
        {"foot_distance": "miles_away"},
        "Select a valid choice. miles_away is not one of the available choices.",
        id="unknown-setup",
    ),
    pytest.param(
        "exercise_name",
        {"exercise": "other", "exercise_name": ""},
        "Name the exercise.",
        id="other-without-name",
    ),
]


@pytest.mark.parametrize(("field", "bad", "message"), BAD_SETS)
def test_a_bad_set_is_refused_with_the_message_next_to_the_field(
    athlete_client, session, field, bad, message
):
    response = athlete_client.post(create_url(session), set_data(**bad))
    assert response.status_code == 400
    assert message in errors_next_to(response, field)


@pytest.mark.parametrize(("field", "bad", "message"), BAD_SETS)
def test_a_bad_set_stores_nothing(athlete_client, session, field, bad, message):
    athlete_client.post(
        create_url(session), set_data(**bad, hurt_hip_bone="on", score_hip_bone="3")
    )
    assert Set.objects.count() == 0
    assert PainReport.objects.count() == 0


def test_a_refused_set_keeps_what_was_typed(athlete_client, session):
    response = athlete_client.post(create_url(session), set_data(load="97.5", reps="0"))
    assert response.context["form"]["load"].value() == "97.5"


def test_an_absurd_load_in_pounds_is_refused_in_pounds(lb_client, session):
    response = lb_client.post(create_url(session), set_data(load="2300"))
    assert response.status_code == 400
    assert "That is more than anyone lifts: at most 2204.6 lb." in errors_next_to(response, "load")
    assert Set.objects.count() == 0


def test_two_decimals_in_pounds_are_refused(lb_client, session):
    response = lb_client.post(create_url(session), set_data(load="225.25"))
    assert response.status_code == 400
    assert "Use at most 1 decimal place(s) in lb." in errors_next_to(response, "load")
    assert Set.objects.count() == 0


def test_a_form_without_a_client_id_is_refused(athlete_client, session):
    response = athlete_client.post(create_url(session), set_data(client_id=""))
    assert response.status_code == 400
    assert Set.objects.count() == 0


# --- another athlete's session ---------------------------------------------------------------


def test_an_outsider_gets_404_for_the_session_page(outsider_client, session):
    assert outsider_client.get(page_url(session)).status_code == 404


def test_an_outsider_gets_404_when_logging_into_the_session(outsider_client, session):
    response = outsider_client.post(create_url(session), set_data())
    assert response.status_code == 404
    assert Set.objects.count() == 0


def test_the_set_url_answers_only_post(athlete_client, session):
    assert athlete_client.get(create_url(session)).status_code == 405
