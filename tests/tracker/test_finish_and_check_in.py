"""Finishing a session and the next-morning check-in: how it feels afterwards, and red flags."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import PainReportFactory, SymptomFactory, TrainingSessionFactory
from tracker.choices import PainTiming
from tracker.models import PainReport

pytestmark = pytest.mark.django_db


def today():
    return timezone.localdate()


def finish_data(**overrides) -> dict:
    return {
        "date": today().isoformat(),
        "bench_height_cm": "42",
        "bench_stable": "no",
        "notes": "Bar rolled a bit.",
        **overrides,
    }


@pytest.fixture
def session(athlete):
    return TrainingSessionFactory(athlete=athlete, date=today(), bench_height_cm=None)


def finish_url(session) -> str:
    return reverse("tracker:session_finish", args=[session.pk])


def check_in_url(session) -> str:
    return reverse("tracker:next_morning", args=[session.pk])


def stored(session) -> tuple:
    session.refresh_from_db()
    return (
        session.date,
        session.bench_height_cm,
        session.bench_stable,
        session.notes,
        session.finished_at,
        sorted(session.symptoms.values_list("kind", flat=True)),
        sorted(session.pain_reports.values_list("region", "score", "timing")),
    )


# --- finishing -------------------------------------------------------------------------------


def test_finishing_stores_the_bench_and_notes(athlete_client, session):
    response = athlete_client.post(finish_url(session), finish_data())
    assert response.status_code == 302
    assert response.url == reverse("tracker:session", args=[session.pk]) + "#summary"
    session.refresh_from_db()
    assert (session.bench_height_cm, session.bench_stable, session.notes) == (
        42,
        False,
        "Bar rolled a bit.",
    )
    assert session.finished_at is not None


def test_a_bench_nobody_noticed_is_stored_as_unknown(athlete_client, session):
    athlete_client.post(finish_url(session), finish_data(bench_stable="", bench_height_cm=""))
    session.refresh_from_db()
    assert (session.bench_height_cm, session.bench_stable) == (None, None)


def test_finishing_stores_the_red_flags(athlete_client, session):
    athlete_client.post(finish_url(session), finish_data(symptoms=["tingling", "numbness"]))
    assert sorted(session.symptoms.values_list("kind", flat=True)) == ["numbness", "tingling"]


def test_finishing_stores_after_session_scores(athlete_client, session):
    athlete_client.post(finish_url(session), finish_data(score_knee="3", score_hip_bone="0"))
    reports = PainReport.objects.order_by("region")
    assert [(r.region, r.score, r.timing, r.set) for r in reports] == [
        ("hip_bone", 0, PainTiming.AFTER, None),
        ("knee", 3, PainTiming.AFTER, None),
    ]


def test_finishing_again_replaces_the_after_session_scores_and_red_flags(athlete_client, session):
    athlete_client.post(finish_url(session), finish_data(score_knee="3", symptoms=["swelling"]))
    athlete_client.post(finish_url(session), finish_data(score_neck="1", symptoms=["popping"]))
    assert list(session.pain_reports.values_list("region", "score")) == [("neck", 1)]
    assert list(session.symptoms.values_list("kind", flat=True)) == ["popping"]


def test_finishing_keeps_the_pain_felt_in_sets(athlete_client, session):
    during = PainReportFactory(session=session, region="knee", score=4, timing=PainTiming.DURING)
    athlete_client.post(finish_url(session), finish_data(score_knee="2"))
    assert PainReport.objects.filter(pk=during.pk).exists()


def test_finishing_can_move_the_session_to_yesterday(athlete_client, session):
    yesterday = today() - timedelta(days=1)
    athlete_client.post(finish_url(session), finish_data(date=yesterday.isoformat()))
    session.refresh_from_db()
    assert session.date == yesterday


def test_the_regions_that_hurt_in_sets_are_asked_about_first(athlete_client, session):
    PainReportFactory(session=session, region="knee", score=4, timing=PainTiming.DURING)
    PainReportFactory(session=session, region="groin", score=2, timing=PainTiming.DURING)
    response = athlete_client.get(finish_url(session))
    form = response.context["form"]
    assert [f.name for f in form.region_fields_first()] == ["score_groin", "score_knee"]
    html = response.content.decode()
    # Asked before the folded "Anywhere else?" list, which holds every other region.
    assert html.index('name="score_knee"') < html.index("Anywhere else?")
    assert html.index("Anywhere else?") < html.index('name="score_lower_back"')


def test_the_finish_form_shows_what_was_stored(athlete_client, session):
    athlete_client.post(
        finish_url(session), finish_data(score_knee="3", symptoms=["swelling"], bench_stable="yes")
    )
    form = athlete_client.get(finish_url(session)).context["form"]
    assert (form["score_knee"].value(), form["symptoms"].value()) == (3, ["swelling"])
    assert (form["bench_height_cm"].value(), form["bench_stable"].value()) == (42, "yes")


def test_a_red_flag_shows_the_referral_note_on_the_session_page(athlete_client, session):
    athlete_client.post(finish_url(session), finish_data(symptoms=["weakness"]))
    response = athlete_client.get(reverse("tracker:session", args=[session.pk]))
    html = response.content.decode()
    assert "physical therapist" in html
    assert "You reported: weakness in the legs or feet." in html


def test_no_red_flag_shows_no_referral_note_on_the_session_page(athlete_client, session):
    athlete_client.post(finish_url(session), finish_data())
    response = athlete_client.get(reverse("tracker:session", args=[session.pk]))
    assert "physical therapist" not in response.content.decode()


@pytest.mark.parametrize(
    ("bad", "field", "message"),
    [
        pytest.param(
            {"date": "in two days"},
            "date",
            "The date {date} is in the future.",
            id="two-days-ahead",
        ),
        pytest.param(
            {"date": "0001-01-01"},
            "date",
            "The date 0001-01-01 is before 1900-01-01.",
            id="year-1",
        ),
        pytest.param(
            {"date": "1899-12-31"},
            "date",
            "The date 1899-12-31 is before 1900-01-01.",
            id="the-day-before-1900",
        ),
        pytest.param(
            {"date": "2026-13-40"}, "date", "Enter a date like 2026-03-02.", id="not-a-date"
        ),
        pytest.param(
            {"bench_height_cm": "500"},
            "bench_height_cm",
            "Ensure this value is less than or equal to 120.",
            id="bench-500-cm",
        ),
        pytest.param(
            {"score_knee": "11"},
            "score_knee",
            "Select a valid choice. 11 is not one of the available choices.",
            id="score-11",
        ),
        pytest.param(
            {"symptoms": ["dizziness"]},
            "symptoms",
            "Select a valid choice. dizziness is not one of the available choices.",
            id="unknown-red-flag",
        ),
    ],
)
def test_a_bad_finish_is_refused_with_a_message_and_changes_nothing(
    athlete_client, session, bad, field, message
):
    before = stored(session)
    data = finish_data(score_neck="2", symptoms=["numbness"])
    if bad.get("date") == "in two days":
        bad = {"date": (today() + timedelta(days=2)).isoformat()}
        message = message.format(date=bad["date"])
    response = athlete_client.post(finish_url(session), {**data, **bad})
    assert response.status_code == 400
    assert response.context["form"].errors[field] == [message]
    assert message in response.content.decode()
    assert stored(session) == before


# --- next-morning check-in -------------------------------------------------------------------


@pytest.fixture
def yesterdays(athlete):
    return TrainingSessionFactory(athlete=athlete, date=today() - timedelta(days=1))


def test_the_check_in_stores_next_morning_reports(athlete_client, yesterdays):
    response = athlete_client.post(check_in_url(yesterdays), {"score_knee": "2", "score_neck": "0"})
    assert response.status_code == 302
    assert response.url == reverse("tracker:today")
    reports = PainReport.objects.order_by("region")
    assert [(r.session, r.region, r.score, r.timing, r.set) for r in reports] == [
        (yesterdays, "knee", 2, PainTiming.NEXT_DAY, None),
        (yesterdays, "neck", 0, PainTiming.NEXT_DAY, None),
    ]


def test_checking_in_again_replaces_the_first_check_in(athlete_client, yesterdays):
    athlete_client.post(check_in_url(yesterdays), {"score_knee": "2", "score_neck": "1"})
    athlete_client.post(check_in_url(yesterdays), {"score_knee": "1"})
    assert list(PainReport.objects.values_list("region", "score", "timing")) == [
        ("knee", 1, PainTiming.NEXT_DAY)
    ]


def test_the_check_in_keeps_the_sessions_other_pain(athlete_client, yesterdays):
    after = PainReportFactory(session=yesterdays, region="knee", score=3, timing=PainTiming.AFTER)
    athlete_client.post(check_in_url(yesterdays), {"score_knee": "1"})
    assert PainReport.objects.filter(pk=after.pk).exists()


def test_the_check_in_asks_first_about_what_hurt(athlete_client, yesterdays):
    PainReportFactory(session=yesterdays, region="hamstring", score=5, timing=PainTiming.AFTER)
    form = athlete_client.get(check_in_url(yesterdays)).context["form"]
    assert [f.name for f in form.region_fields_first()] == ["score_hamstring"]


def test_a_bad_check_in_is_refused_and_stores_nothing(athlete_client, yesterdays):
    response = athlete_client.post(check_in_url(yesterdays), {"score_knee": "12"})
    assert response.status_code == 400
    assert "score_knee" in response.context["form"].errors
    assert PainReport.objects.count() == 0


def offers_check_in_for(client, session) -> bool:
    html = client.get(reverse("tracker:today")).content.decode()
    return check_in_url(session) in html


def test_today_offers_the_check_in_for_yesterdays_session(athlete_client, yesterdays):
    assert offers_check_in_for(athlete_client, yesterdays)


def test_today_stops_offering_the_check_in_once_it_is_done(athlete_client, yesterdays):
    athlete_client.post(check_in_url(yesterdays), {"score_knee": "1"})
    assert not offers_check_in_for(athlete_client, yesterdays)


def test_today_stops_offering_the_check_in_after_an_empty_check_in(athlete_client, yesterdays):
    # A browser sends only the CSRF token when no score is ticked.
    token = athlete_client.get(check_in_url(yesterdays)).context["csrf_token"]
    response = athlete_client.post(
        check_in_url(yesterdays), {"csrfmiddlewaretoken": str(token)}, follow=True
    )
    assert "Morning check-in saved." in response.content.decode()
    assert not offers_check_in_for(athlete_client, yesterdays)


def test_today_does_not_offer_a_check_in_for_todays_session(athlete_client, session):
    assert not offers_check_in_for(athlete_client, session)


def test_today_does_not_offer_a_check_in_for_a_session_three_days_ago(athlete_client, athlete):
    old = TrainingSessionFactory(athlete=athlete, date=today() - timedelta(days=3))
    assert not offers_check_in_for(athlete_client, old)


def test_today_does_not_offer_a_check_in_for_another_athletes_session(outsider_client, yesterdays):
    assert not offers_check_in_for(outsider_client, yesterdays)


# --- outsiders -------------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["get", "post"])
def test_an_outsider_gets_404_finishing_a_session_and_nothing_changes(
    outsider_client, session, method
):
    before = stored(session)
    response = getattr(outsider_client, method)(
        finish_url(session), finish_data(symptoms=["numbness"], score_knee="5")
    )
    assert response.status_code == 404
    assert stored(session) == before


@pytest.mark.parametrize("method", ["get", "post"])
def test_an_outsider_gets_404_checking_in_and_nothing_is_stored(
    outsider_client, yesterdays, method
):
    response = getattr(outsider_client, method)(check_in_url(yesterdays), {"score_knee": "5"})
    assert response.status_code == 404
    assert PainReport.objects.count() == 0


def test_a_red_flag_is_not_shown_to_an_outsider(outsider_client, session):
    SymptomFactory(session=session)
    response = outsider_client.get(reverse("tracker:session", args=[session.pk]))
    assert response.status_code == 404


def test_a_date_of_tomorrow_is_accepted(athlete_client, session):
    # One day of slack: the athlete's calendar may be ahead of the server's.
    tomorrow = today() + timedelta(days=1)
    athlete_client.post(finish_url(session), finish_data(date=tomorrow.isoformat()))
    session.refresh_from_db()
    assert session.date == tomorrow
