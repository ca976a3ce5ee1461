"""Experiments in the app: acted on from an advice item or seen in the log, compared over the
next weeks, and said on the advice page, in the report, to the coach, and as the advice's own
"what helped" note."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from advice.services import advice_for
from advice.wording import day_text
from reports import services
from reports.models import Experiment
from tests.reports.history import pad_history, sessions_on, train
from tracker.choices import Padding

pytestmark = pytest.mark.django_db


def try_pad(athlete, day):
    experiment, _ = services.experiment_record(
        athlete=athlete,
        started_on=day,
        field="padding",
        value="thick",
        regions=["hip_bone"],
        cause="unpadded_bar",
    )
    return experiment


def helped_sentence(pad_day) -> str:
    return (
        f"Since you switched to a thick pad on {day_text(pad_day)}, hip bone pain went from "
        "5/10 to 1/10 over 3 weeks (7 sessions before, 6 sessions after)."
    )


def test_a_pad_that_ends_hip_bone_pain_is_helped_on_the_advice_page(athlete, athlete_client, today):
    built = pad_history(athlete, today)
    try_pad(athlete, built.pad_day)
    page = athlete_client.get("/advice/").content.decode()
    assert "Helped" in page
    assert helped_sentence(built.pad_day) in page


def test_nothing_changing_says_so(athlete, athlete_client, today):
    built = pad_history(athlete, today, helped=False)
    try_pad(athlete, built.pad_day)
    page = athlete_client.get("/advice/").content.decode()
    assert "No clear change" in page
    assert "hip bone pain stayed about the same: 5/10 to 5/10 over 3 weeks" in page


def test_too_few_sessions_since_says_not_enough_data_yet(athlete, athlete_client, today):
    before = sessions_on(athlete, [today - timedelta(days=d) for d in (12, 9, 6)])
    train(athlete, before, padding=Padding.NONE, pain=5)
    train(athlete, sessions_on(athlete, [today - timedelta(days=1)]), padding="thick", pain=1)
    try_pad(athlete, today - timedelta(days=2))
    page = athlete_client.get("/advice/").content.decode()
    assert "Not enough data yet" in page
    assert "not enough data yet (3 sessions before, 1 session after;" in page


def test_the_helped_note_of_the_advice_comes_from_the_experiment(athlete, today):
    built = pad_history(athlete, today)
    try_pad(athlete, built.pad_day)
    notes = [i for i in advice_for(athlete) if i.title.startswith("What helped")]
    assert [(n.cause, n.severity, n.title) for n in notes] == [
        ("unpadded_bar", "info", "What helped: you switched to a thick pad")
    ]
    assert helped_sentence(built.pad_day) in notes[0].detail
    assert [e.value for e in notes[0].evidence] == [5.0, 1.0]


def test_the_coach_reads_the_result_about_the_athlete(athlete, coach_client, today):
    built = pad_history(athlete, today)
    try_pad(athlete, built.pad_day)
    page = coach_client.get(f"/coach/athletes/{athlete.pk}/advice/").content.decode()
    assert f"Since athlete switched to a thick pad on {day_text(built.pad_day)}" in page
    assert "Not an experiment" not in page  # the coach reads, never removes


def test_the_report_says_the_result(athlete, athlete_client, today):
    built = pad_history(athlete, today)
    try_pad(athlete, built.pad_day)
    page = athlete_client.get("/report/").content.decode()
    assert f"Since athlete switched to a thick pad on {day_text(built.pad_day)}" in page


def test_a_change_the_log_shows_is_recorded_once_as_an_experiment(athlete, athlete_client, today):
    built = pad_history(athlete, today)
    athlete_client.get("/advice/")
    athlete_client.get("/advice/")
    (found,) = Experiment.objects.filter(athlete=athlete)
    assert (found.source, found.field, found.value, found.regions) == (
        "log",
        "padding",
        "thick",
        ["hip_bone"],
    )
    assert found.started_on == built.pad_day
    assert found.cause == "unpadded_bar"


def test_a_change_the_athlete_named_is_not_found_again_in_the_log(athlete, athlete_client, today):
    built = pad_history(athlete, today)
    try_pad(athlete, built.pad_day - timedelta(days=2))  # said it two days before doing it
    athlete_client.get("/advice/")
    assert Experiment.objects.filter(athlete=athlete).count() == 1


def test_a_dismissed_change_of_the_log_stays_dismissed(
    athlete, athlete_client, today, django_capture_on_commit_callbacks
):
    pad_history(athlete, today)
    athlete_client.get("/advice/")
    found = Experiment.objects.get(athlete=athlete)
    with django_capture_on_commit_callbacks(execute=True):  # as after a real commit
        assert athlete_client.post(f"/experiments/{found.pk}/remove/").status_code == 302
    athlete_client.get("/advice/")
    assert list(Experiment.objects.values_list("dismissed", flat=True)) == [True]
    assert "What helped" not in athlete_client.get("/advice/").content.decode()


def test_im_trying_this_on_an_advice_item_records_the_experiment(athlete, athlete_client, today):
    response = athlete_client.post(
        "/experiments/",
        {
            "form": "try-unpadded_bar",
            "try-unpadded_bar-field": "padding",
            "try-unpadded_bar-value": "mat",
            "try-unpadded_bar-started_on": today.isoformat(),
            "try-unpadded_bar-regions": ["hip_bone"],
            "try-unpadded_bar-cause": "unpadded_bar",
        },
    )
    assert response.status_code == 302
    made = Experiment.objects.get(athlete=athlete)
    assert (made.field, made.value, made.regions, made.source) == (
        "padding",
        "mat",
        ["hip_bone"],
        "athlete",
    )


@pytest.mark.parametrize(
    "change",
    [
        {"try-unpadded_bar-value": "velvet"},
        {"try-unpadded_bar-regions": ["elbow"]},
        {"try-unpadded_bar-started_on": "2999-01-01"},
        {"form": "try-no_such_cause"},
    ],
)
def test_a_bad_experiment_is_refused_and_nothing_stored(athlete_client, today, change):
    data = {
        "form": "try-unpadded_bar",
        "try-unpadded_bar-field": "padding",
        "try-unpadded_bar-value": "mat",
        "try-unpadded_bar-started_on": today.isoformat(),
        "try-unpadded_bar-regions": ["hip_bone"],
        **change,
    }
    response = athlete_client.post("/experiments/", data, follow=True)
    assert response.status_code == 200
    assert "The experiment was not recorded" in response.content.decode()
    assert not Experiment.objects.exists()


def test_another_athletes_experiment_cannot_be_removed(athlete, outsider_client, today):
    experiment = try_pad(athlete, today)
    assert outsider_client.post(f"/experiments/{experiment.pk}/remove/").status_code == 404
    assert Experiment.objects.filter(pk=experiment.pk).exists()


def test_an_experiment_forgets_the_cached_advice(
    athlete, today, django_capture_on_commit_callbacks
):
    built = pad_history(athlete, today)
    assert not any(i.title.startswith("What helped") for i in advice_for(athlete))
    with django_capture_on_commit_callbacks(execute=True):
        try_pad(athlete, built.pad_day)
    assert any(i.title.startswith("What helped") for i in advice_for(athlete))


def test_the_advice_page_reads_experiments_in_the_same_queries_however_many(
    athlete, athlete_client, today
):
    built = pad_history(athlete, today)
    try_pad(athlete, built.pad_day)
    athlete_client.get("/advice/")  # the log's own change is recorded on the first visit

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            athlete_client.get("/advice/")
        return len(captured)

    one = count()
    for n in range(1, 4):
        services.experiment_record(
            athlete=athlete,
            started_on=built.pad_day + timedelta(days=n),
            field="other",
            regions=["hip_bone"],
            description=f"change {n}",
        )
    assert count() == one
