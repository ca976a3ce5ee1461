"""/api/v1/sets/: log a set with the pain felt in it; read, change and delete it."""

import json
from decimal import Decimal

import pytest

from tests.factories import PainReportFactory, SetFactory, TrainingSessionFactory
from tracker.models import PainReport, Set

pytestmark = pytest.mark.django_db

SETS = "/api/v1/sets/"
SET_KEYS = {
    "id", "session", "position", "exercise", "exercise_name", "load_kg", "reps", "rir",
    "foot_distance", "stance_width", "padding", "equipment", "pain", "client_id", "created",
    "updated",
}  # fmt: skip
SETUP = {
    "foot_distance": "shins_vertical",
    "stance_width": "hip_width",
    "padding": "thick",
    "equipment": "barbell",
}


@pytest.fixture
def session(athlete):
    return TrainingSessionFactory(athlete=athlete)


def a_set(in_session, **overrides) -> dict:
    return {"session": in_session.pk, "load_kg": 100, "reps": 8, "rir": 2, **SETUP, **overrides}


def post_json(client, body):
    # Serialised here so odd values (lone surrogates, huge numbers) reach the server as sent.
    return client.post(SETS, json.dumps(body), content_type="application/json")


def test_logging_a_set_answers_201_with_the_set(athlete_api, session, athlete):
    response = athlete_api.post(SETS, a_set(session, load_kg=102.5))
    assert response.status_code == 201
    data = response.json()
    assert set(data) == SET_KEYS
    stored = Set.objects.get(pk=data["id"])
    assert (stored.athlete, stored.session, stored.load_kg) == (athlete, session, Decimal("102.5"))
    assert data["load_kg"] == 102.5  # a JSON number, not a string
    assert (data["reps"], data["rir"], data["position"]) == (8, 2, 1)
    assert {k: data[k] for k in SETUP} == SETUP
    assert (data["exercise"], data["exercise_name"], data["pain"]) == ("hip_thrust", "", [])


def test_pain_in_a_set_is_stored_as_during_reports(athlete_api, session):
    pain = [
        {"region": "hip_bone", "score": 6, "character": "bruise"},
        {"region": "knee", "score": 2},
    ]
    response = athlete_api.post(SETS, a_set(session, pain=pain))
    assert response.status_code == 201
    logged = Set.objects.get(pk=response.json()["id"])
    reports = logged.pain_reports.order_by("region")
    assert [(r.region, r.score, r.timing, r.character, r.session_id) for r in reports] == [
        ("hip_bone", 6, "during", "bruise", session.pk),
        ("knee", 2, "during", "", session.pk),
    ]
    assert sorted((p["region"], p["timing"]) for p in response.json()["pain"]) == [
        ("hip_bone", "during"),
        ("knee", "during"),
    ]


def test_a_pain_entry_may_say_which_side_hurt(athlete_api, session):
    pain = [{"region": "lower_back", "score": 5, "side": "left"}, {"region": "knee", "score": 2}]
    response = athlete_api.post(SETS, a_set(session, pain=pain))
    assert response.status_code == 201
    sides = {p["region"]: p["side"] for p in response.json()["pain"]}
    assert sides == {"lower_back": "left", "knee": ""}
    assert PainReport.objects.get(region="lower_back").side == "left"


def test_another_exercise_can_be_named(athlete_api, session):
    body = a_set(session, exercise="other", exercise_name="Cable kickback")
    response = athlete_api.post(SETS, body)
    assert response.status_code == 201
    assert (response.json()["exercise"], response.json()["exercise_name"]) == (
        "other",
        "Cable kickback",
    )


def test_sets_are_numbered_in_the_order_logged(athlete_api, session):
    positions = [athlete_api.post(SETS, a_set(session)).json()["position"] for _ in range(3)]
    assert positions == [1, 2, 3]


@pytest.mark.parametrize("load", [0, 1000, 62.25, 0.01])
def test_loads_from_0_to_1000_kg_with_two_decimals_are_accepted(athlete_api, session, load):
    response = athlete_api.post(SETS, a_set(session, load_kg=load))
    assert response.status_code == 201
    assert response.json()["load_kg"] == load


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("load_kg", -1),
        ("load_kg", -0.01),
        ("load_kg", 1000.01),
        ("load_kg", 80.123),  # more than 2 decimals
        ("load_kg", 0.001),
        ("load_kg", "80"),  # a number, not a string
        ("load_kg", "heavy"),
        ("load_kg", True),
        ("load_kg", None),
        ("reps", 0),
        ("reps", 101),
        ("reps", "10"),
        ("reps", 10.5),
        ("reps", 10.0),
        ("reps", False),
        ("rir", -1),
        ("rir", 11),
        ("rir", "2"),
        ("foot_distance", "very_far"),
        ("foot_distance", ""),
        ("stance_width", 1),
        ("padding", "towel"),
        ("equipment", "kettlebell"),
        ("equipment", None),
        ("exercise", "squat"),
        ("exercise_name", 7),
        ("exercise_name", "x" * 101),
        ("exercise_name", " " * 60 + "x" * 50),  # the limit counts what was sent, not trimmed
        ("exercise_name", "kick\x00back"),
        ("client_id", "123"),
        ("pain", {"region": "knee", "score": 2}),
        ("pain", "knee"),
        ("pain", [{"region": "knee", "score": 2}] * 21),
        ("session", "1"),
        ("session", None),
        ("session", 10**30),
    ],
)
def test_a_bad_field_is_a_400_naming_it_and_stores_nothing(athlete_api, session, field, value):
    response = post_json(athlete_api, a_set(session, **{field: value}))
    assert response.status_code == 400
    assert list(response.json()) == [field]
    assert Set.objects.count() == 0
    assert PainReport.objects.count() == 0


@pytest.mark.parametrize(
    "entry",
    [
        {"region": "elbow", "score": 3},
        {"region": "knee", "score": 11},
        {"region": "knee", "score": -1},
        {"region": "knee", "score": "3"},
        {"region": "knee", "score": 3.5},
        {"region": "knee", "score": 3, "character": "burning"},
        {"region": "knee", "score": 3, "side": "middle"},
        {"region": "knee"},
        {"score": 3},
        "knee",
    ],
)
def test_a_set_with_a_bad_pain_entry_stores_neither_set_nor_pain(athlete_api, session, entry):
    pain = [{"region": "hip_bone", "score": 4}, entry]
    response = post_json(athlete_api, a_set(session, pain=pain))
    assert response.status_code == 400
    assert list(response.json()) == ["pain"]
    assert list(response.json()["pain"]) == ["1"]  # errors by position: the second entry
    assert Set.objects.count() == 0
    assert PainReport.objects.count() == 0


@pytest.mark.parametrize("number", ["1e400", "1e-400", "8" * 5000, "NaN", "Infinity", "-0.0"])
def test_numbers_json_allows_but_no_load_is_refused_cleanly(athlete_api, session, number):
    text = json.dumps(a_set(session)).replace('"load_kg": 100', f'"load_kg": {number}')
    response = athlete_api.post(SETS, text, content_type="application/json")
    if number == "-0.0":
        assert response.status_code == 201
        assert response.json()["load_kg"] == 0
    else:
        assert response.status_code == 400
        assert Set.objects.count() == 0


@pytest.mark.parametrize(
    "missing",
    ["session", "load_kg", "reps", "foot_distance", "stance_width", "padding", "equipment"],
)
def test_a_required_field_missing_is_a_400(athlete_api, session, missing):
    body = a_set(session)
    del body[missing]
    response = athlete_api.post(SETS, body)
    assert response.status_code == 400
    assert response.json() == {missing: ["This field is required."]}
    assert Set.objects.count() == 0


def test_optional_fields_may_be_left_out(athlete_api, session):
    body = a_set(session)
    del body["rir"]
    response = athlete_api.post(SETS, body)
    assert response.status_code == 201
    assert response.json()["rir"] is None


def test_unknown_fields_are_ignored(athlete_api, session):
    response = athlete_api.post(SETS, a_set(session, mood="great", athlete=999))
    assert response.status_code == 201
    assert Set.objects.get().athlete.username == "athlete"


def test_a_set_in_another_athletes_session_is_a_400_as_if_missing(athlete_api, outsider):
    theirs = TrainingSessionFactory(athlete=outsider)
    response = athlete_api.post(SETS, a_set(theirs))
    assert response.status_code == 400
    missing = athlete_api.post(SETS, a_set(theirs, session=theirs.pk + 1000)).json()
    assert response.json() == {"session": [f'Invalid pk "{theirs.pk}" - object does not exist.']}
    assert missing["session"][0].endswith("object does not exist.")
    assert Set.objects.count() == 0


# --- GET/PATCH/DELETE one --------------------------------------------------------------------


def test_a_set_reads_back_with_its_pain(athlete_api, session):
    logged = SetFactory(session=session)
    PainReportFactory(session=session, set=logged, region="knee", score=3, timing="during")
    response = athlete_api.get(f"{SETS}{logged.pk}/")
    assert response.status_code == 200
    assert set(response.json()) == SET_KEYS
    assert [(p["region"], p["score"]) for p in response.json()["pain"]] == [("knee", 3)]


def test_an_imported_set_without_a_setup_reads_back_blank(athlete_api, session):
    logged = SetFactory(session=session, foot_distance="", stance_width="", padding="")
    data = athlete_api.get(f"{SETS}{logged.pk}/").json()
    assert (data["foot_distance"], data["stance_width"], data["padding"]) == ("", "", "")


def test_the_list_shows_own_sets(athlete_api, session, outsider):
    mine = SetFactory(session=session)
    SetFactory(session=TrainingSessionFactory(athlete=outsider))
    data = athlete_api.get(SETS).json()
    assert (data["count"], [s["id"] for s in data["results"]]) == (1, [mine.pk])


def test_changing_a_set_keeps_what_was_not_sent(athlete_api, session):
    logged = SetFactory(session=session, reps=8, load_kg=Decimal("80"))
    PainReportFactory(session=session, set=logged, region="knee", timing="during")
    response = athlete_api.patch(f"{SETS}{logged.pk}/", {"load_kg": 82.5})
    assert response.status_code == 200
    assert (response.json()["load_kg"], response.json()["reps"]) == (82.5, 8)
    logged.refresh_from_db()
    assert logged.load_kg == Decimal("82.5")
    assert logged.pain_reports.count() == 1


def test_changing_a_sets_pain_replaces_it(athlete_api, session):
    logged = SetFactory(session=session)
    PainReportFactory(session=session, set=logged, region="knee", timing="during")
    response = athlete_api.patch(
        f"{SETS}{logged.pk}/", {"pain": [{"region": "hip_bone", "score": 5}]}
    )
    assert response.status_code == 200
    assert [(p["region"], p["score"]) for p in response.json()["pain"]] == [("hip_bone", 5)]
    assert list(logged.pain_reports.values_list("region", "timing")) == [("hip_bone", "during")]


@pytest.mark.parametrize(
    "body",
    [
        {"reps": 0},
        {"load_kg": 12.345},
        {"padding": "towel"},
        {"pain": [{"score": 3}]},  # a pain entry must be whole, even in a change
        {"pain": [{"region": "knee", "score": 4}, {"region": "knee", "score": 40}]},
    ],
)
def test_a_bad_change_is_a_400_and_changes_nothing(athlete_api, session, body):
    logged = SetFactory(session=session, reps=8, load_kg=Decimal("80"), padding="thick")
    PainReportFactory(session=session, set=logged, region="groin", timing="during")
    response = athlete_api.patch(f"{SETS}{logged.pk}/", body)
    assert response.status_code == 400
    assert list(response.json()) == list(body)
    logged.refresh_from_db()
    assert (logged.reps, logged.load_kg, logged.padding) == (8, Decimal("80"), "thick")
    assert list(logged.pain_reports.values_list("region", flat=True)) == ["groin"]


def test_a_set_cannot_be_moved_to_another_session(athlete_api, session, athlete):
    logged = SetFactory(session=session)
    other = TrainingSessionFactory(athlete=athlete)
    athlete_api.patch(f"{SETS}{logged.pk}/", {"session": other.pk})
    logged.refresh_from_db()
    assert logged.session == session


def test_deleting_a_set_deletes_its_pain(athlete_api, session):
    logged = SetFactory(session=session)
    PainReportFactory(session=session, set=logged, timing="during")
    after = PainReportFactory(session=session, timing="after")
    response = athlete_api.delete(f"{SETS}{logged.pk}/")
    assert response.status_code == 204
    assert Set.objects.count() == 0
    assert list(PainReport.objects.all()) == [after]
