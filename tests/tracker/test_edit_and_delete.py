"""Changing or removing a set or a pain report logged by mistake: owner only, delete asks once."""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import PainReportFactory, SetFactory, TrainingSessionFactory
from tracker.choices import PainTiming
from tracker.models import PainReport, Set

pytestmark = pytest.mark.django_db


def edit_data(**overrides: str) -> dict[str, str]:
    return {
        "load": "80",
        "reps": "8",
        "rir": "2",
        "exercise": "hip_thrust",
        "foot_distance": "shins_vertical",
        "stance_width": "hip_width",
        "padding": "thick",
        "equipment": "barbell",
        **overrides,
    }


@pytest.fixture
def logged(athlete):
    session = TrainingSessionFactory(athlete=athlete)
    return SetFactory(session=session, position=1, load_kg=Decimal("80.00"), reps=8, rir=2)


@pytest.fixture
def set_pain(logged):
    return PainReportFactory(
        session=logged.session, set=logged, region="knee", score=4, timing=PainTiming.DURING
    )


@pytest.fixture
def after_pain(logged):
    return PainReportFactory(session=logged.session, region="lower_back", score=3)


def edit_url(logged) -> str:
    return reverse("tracker:set_edit", args=[logged.pk])


def snapshot(logged) -> tuple:
    logged.refresh_from_db()
    return (logged.load_kg, logged.reps, logged.rir, logged.padding, logged.exercise)


# --- editing ---------------------------------------------------------------------------------


def test_the_edit_form_shows_the_set_and_its_pain(athlete_client, logged, set_pain):
    form = athlete_client.get(edit_url(logged)).context["form"]
    assert (form["load"].value(), form["reps"].value(), form["rir"].value()) == (
        Decimal("80"),
        8,
        2,
    )
    assert (form["hurt_knee"].value(), form["score_knee"].value()) == (True, 4)


def test_editing_a_set_changes_it(athlete_client, logged):
    response = athlete_client.post(
        edit_url(logged), edit_data(load="85", reps="6", rir="", padding="mat")
    )
    assert response.status_code == 302
    assert response.url == reverse("tracker:session", args=[logged.session_id])
    assert snapshot(logged) == (Decimal("85.00"), 6, None, "mat", "hip_thrust")
    assert logged.position == 1


def test_editing_a_set_replaces_its_in_set_pain(athlete_client, logged, set_pain):
    athlete_client.post(
        edit_url(logged),
        edit_data(hurt_hip_bone="on", score_hip_bone="6", character_hip_bone="sharp"),
    )
    reports = PainReport.objects.filter(set=logged)
    assert [(r.region, r.score, r.character, r.timing) for r in reports] == [
        ("hip_bone", 6, "sharp", PainTiming.DURING)
    ]


def test_editing_a_set_with_nothing_ticked_clears_its_in_set_pain(athlete_client, logged, set_pain):
    athlete_client.post(edit_url(logged), edit_data())
    assert not PainReport.objects.filter(set=logged).exists()


def test_editing_a_set_keeps_the_sessions_other_pain(athlete_client, logged, set_pain, after_pain):
    athlete_client.post(edit_url(logged), edit_data())
    assert list(PainReport.objects.all()) == [after_pain]


def test_editing_a_set_in_pounds_stores_kilograms(athlete, logged):
    athlete.profile.unit = "lb"
    athlete.profile.save()
    client = Client()
    client.force_login(athlete)
    client.post(edit_url(logged), edit_data(load="225"))
    assert snapshot(logged)[0] == Decimal("102.06")


def test_editing_only_the_reps_in_pounds_leaves_the_load_as_stored(athlete, logged):
    athlete.profile.unit = "lb"
    athlete.profile.save()
    client = Client()
    client.force_login(athlete)
    shown = client.get(edit_url(logged)).context["form"]["load"].value()
    client.post(edit_url(logged), edit_data(load=str(shown), reps="5"))
    assert snapshot(logged)[:2] == (Decimal("80.00"), 5)


@pytest.mark.parametrize(
    ("bad", "field"),
    [
        ({"reps": "0"}, "reps"),
        ({"load": "-1"}, "load"),
        ({"hurt_knee": "on", "score_knee": ""}, "score_knee"),
        ({"exercise": "other"}, "exercise_name"),
    ],
    ids=["zero-reps", "negative-load", "region-without-score", "other-without-name"],
)
def test_a_bad_edit_is_refused_and_changes_nothing(athlete_client, logged, set_pain, bad, field):
    before = snapshot(logged)
    response = athlete_client.post(
        edit_url(logged), edit_data(**{"load": "95", "reps": "6", **bad})
    )
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert snapshot(logged) == before
    assert list(PainReport.objects.filter(set=logged)) == [set_pain]


# --- deleting asks once ----------------------------------------------------------------------


def test_deleting_a_set_first_asks(athlete_client, logged):
    response = athlete_client.get(reverse("tracker:set_delete", args=[logged.pk]))
    assert response.status_code == 200
    assert "Delete set 1 of" in response.content.decode()
    assert Set.objects.filter(pk=logged.pk).exists()


def test_confirming_deletes_the_set_with_its_in_set_pain(
    athlete_client, logged, set_pain, after_pain
):
    response = athlete_client.post(reverse("tracker:set_delete", args=[logged.pk]))
    assert response.status_code == 302
    assert response.url == reverse("tracker:session", args=[logged.session_id])
    assert not Set.objects.filter(pk=logged.pk).exists()
    assert list(PainReport.objects.all()) == [after_pain]


def test_deleting_a_pain_report_first_asks(athlete_client, after_pain):
    response = athlete_client.get(reverse("tracker:pain_delete", args=[after_pain.pk]))
    assert response.status_code == 200
    assert "Delete lower back pain 3/10 (after the session)?" in response.content.decode()
    assert PainReport.objects.filter(pk=after_pain.pk).exists()


def test_confirming_deletes_only_that_pain_report(athlete_client, set_pain, after_pain):
    response = athlete_client.post(reverse("tracker:pain_delete", args=[after_pain.pk]))
    assert response.status_code == 302
    assert response.url == reverse("tracker:session", args=[after_pain.session_id])
    assert list(PainReport.objects.all()) == [set_pain]
    assert Set.objects.filter(pk=set_pain.set_id).exists()


# --- outsiders -------------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["get", "post"])
def test_an_outsider_gets_404_editing_a_set_and_nothing_changes(
    outsider_client, logged, set_pain, method
):
    before = snapshot(logged)
    response = getattr(outsider_client, method)(edit_url(logged), edit_data(load="120"))
    assert response.status_code == 404
    assert snapshot(logged) == before
    assert list(PainReport.objects.filter(set=logged)) == [set_pain]


@pytest.mark.parametrize("method", ["get", "post"])
def test_an_outsider_gets_404_deleting_a_set_and_it_stays(outsider_client, logged, method):
    response = getattr(outsider_client, method)(reverse("tracker:set_delete", args=[logged.pk]))
    assert response.status_code == 404
    assert Set.objects.filter(pk=logged.pk).exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_an_outsider_gets_404_deleting_a_pain_report_and_it_stays(
    outsider_client, after_pain, method
):
    url = reverse("tracker:pain_delete", args=[after_pain.pk])
    response = getattr(outsider_client, method)(url)
    assert response.status_code == 404
    assert PainReport.objects.filter(pk=after_pain.pk).exists()
