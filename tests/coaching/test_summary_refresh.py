"""The roster row is refreshed by every write to a coached athlete's log, once per write.

Each public write path of tracker.services (and the pages and API that call them) is run for
a coached athlete with on_commit callbacks executed: the summary must be recomputed exactly
once. An uncoached athlete's write costs one EXISTS query and computes nothing.
"""

import uuid
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from coaching import queries, summaries
from coaching import services as coaching
from coaching.models import AthleteSummary
from tests.coaching.conftest import api_for, link, signed_in
from tests.factories import PainReportFactory, SetFactory, TrainingSessionFactory
from tracker import services, signals
from tracker.services import PainInput

pytestmark = pytest.mark.django_db


@pytest.fixture
def refreshed(monkeypatch) -> list[int]:
    """The athlete ids refreshed, in order (the real refresh still runs)."""
    calls: list[int] = []
    real = summaries.refresh

    def spy(athlete_id: int):
        calls.append(athlete_id)
        return real(athlete_id)

    monkeypatch.setattr(summaries, "refresh", spy)
    return calls


@pytest.fixture
def coached(athlete, coach, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        link(coach, athlete)
    return athlete


@pytest.fixture
def session(coached):
    today = timezone.localdate()
    session = TrainingSessionFactory(athlete=coached, date=today - timedelta(days=1))
    logged = SetFactory(session=session, position=1)
    PainReportFactory(session=session, set=logged, region="knee", score=2, timing="during")
    return session


def _set(s):
    return s.sets.get()


def _pain(s):
    return s.pain_reports.get()


WRITES = {
    "session_start": lambda a, s: services.session_start(
        athlete=a, date=timezone.localdate(), symptoms=["numbness"]
    ),
    "set_log": lambda a, s: services.set_log(
        athlete=a, session=s, load_kg=Decimal("100"), reps=5,
        pain=[PainInput("hip_bone", 7, "sharp")],
    ),
    "pain_report_log": lambda a, s: services.pain_report_log(
        athlete=a, session=s, region="neck", score=4, timing="after"
    ),
    "check_in next morning": lambda a, s: services.check_in(
        athlete=a, session=s, timing="next_day", scores={"knee": 5}
    ),
    "session_finish": lambda a, s: services.session_finish(
        athlete=a, session=s, bench_height_cm=40, bench_stable=True, notes="",
        symptoms=["swelling"], after_pain={"knee": 4},
    ),
    "set_update with pain": lambda a, s: services.set_update(
        athlete=a, logged_set=_set(s), reps=3, pain=[PainInput("groin", 5)]
    ),
    "session_update with red flags": lambda a, s: services.session_update(
        athlete=a, session=s, symptoms=["tingling"], notes="x"
    ),
    "pain_report_update": lambda a, s: services.pain_report_update(
        athlete=a, report=_pain(s), score=9
    ),
    "set delete": lambda a, s: _set(s).delete(),
    "pain report delete": lambda a, s: _pain(s).delete(),
    "session delete": lambda a, s: s.delete(),
}  # fmt: skip


@pytest.mark.parametrize("write", WRITES)
def test_every_write_path_refreshes_the_summary_once(
    write, coached, session, refreshed, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        WRITES[write](coached, session)
    assert refreshed == [coached.pk]


def test_a_set_with_sharp_pain_puts_a_referral_on_the_roster_row(
    coached, session, django_capture_on_commit_callbacks
):
    today_session = TrainingSessionFactory(athlete=coached, date=timezone.localdate())
    with django_capture_on_commit_callbacks(execute=True):
        services.set_log(
            athlete=coached, session=today_session, load_kg=Decimal("100"), reps=5,
            pain=[PainInput("hip_bone", 7, "sharp")],
        )  # fmt: skip
    stored = AthleteSummary.objects.get(athlete=coached)
    assert (stored.advice_severity, stored.advice_cause) == ("see_professional", "sharp_acute_pain")
    assert stored.advice_region == "hip_bone"
    assert [timezone.localdate().isoformat(), "hip_bone", 7] in stored.daily_pain
    assert stored.last_session_date == timezone.localdate()


def test_red_flags_and_deletions_reach_the_summary(
    coached, session, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.session_update(athlete=coached, session=session, symptoms=["numbness"])
    flags = AthleteSummary.objects.get(athlete=coached).red_flags
    assert flags == [[session.date.isoformat(), "numbness"]]
    with django_capture_on_commit_callbacks(execute=True):
        session.delete()
    stored = AthleteSummary.objects.get(athlete=coached)
    assert (stored.red_flags, stored.daily_pain, stored.last_session_date) == ([], [], None)


def _flag_on(athlete, days_ago: int, kind: str, callbacks) -> None:
    day = timezone.localdate() - timedelta(days=days_ago)
    with callbacks(execute=True):
        services.session_start(athlete=athlete, date=day, symptoms=[kind])


def _stored_flags(athlete) -> list[str]:
    return [kind for _, kind in AthleteSummary.objects.get(athlete=athlete).red_flags]


def test_a_red_flag_months_old_stays_on_the_summary_until_marked_gone(
    coached, django_capture_on_commit_callbacks
):
    _flag_on(coached, 90, "numbness", django_capture_on_commit_callbacks)
    assert _stored_flags(coached) == ["numbness"]


def test_a_red_flag_marked_gone_leaves_the_summary(coached, django_capture_on_commit_callbacks):
    _flag_on(coached, 3, "numbness", django_capture_on_commit_callbacks)
    _flag_on(coached, 2, "swelling", django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        services.symptom_resolve(athlete=coached, kind="numbness", on=timezone.localdate())
    assert _stored_flags(coached) == ["swelling"]


def test_a_red_flag_reported_again_after_it_was_marked_gone_is_open_again(
    coached, django_capture_on_commit_callbacks
):
    _flag_on(coached, 10, "numbness", django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        services.symptom_resolve(
            athlete=coached, kind="numbness", on=timezone.localdate() - timedelta(days=5)
        )
    assert _stored_flags(coached) == []
    _flag_on(coached, 1, "numbness", django_capture_on_commit_callbacks)
    assert AthleteSummary.objects.get(athlete=coached).red_flags == [
        [(timezone.localdate() - timedelta(days=1)).isoformat(), "numbness"]
    ]


def test_the_roster_shows_an_old_open_red_flag_and_not_a_resolved_one(
    coached, coach, django_capture_on_commit_callbacks
):
    _flag_on(coached, 60, "numbness", django_capture_on_commit_callbacks)
    client = signed_in(coach)

    def flagged() -> list[str]:
        page = client.get(reverse("coaching:roster"), {"flag": "red_flags"})
        return [row.username for row in page.context["rows"]]

    assert flagged() == [coached.username]
    with django_capture_on_commit_callbacks(execute=True):
        services.symptom_resolve(athlete=coached, kind="numbness", on=timezone.localdate())
    assert flagged() == []


def test_the_log_pages_and_the_api_refresh_through_the_services(
    coached, session, refreshed, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        signed_in(coached).post(
            reverse("tracker:set_create", args=[session.pk]),
            {"client_id": str(uuid.uuid4()), "load": "60", "reps": "8", "rir": "2",
             "exercise": "hip_thrust", "exercise_name": "", "foot_distance": "shins_vertical",
             "stance_width": "hip_width", "padding": "thick", "equipment": "barbell"},
        )  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        api_for(coached).post(
            "/api/v1/pain-reports/",
            {"session": session.pk, "region": "knee", "score": 3, "timing": "after"},
            format="json",
        )
    assert refreshed == [coached.pk, coached.pk]


def test_accepting_an_invitation_computes_the_row_at_once(
    athlete, coach, django_capture_on_commit_callbacks
):
    TrainingSessionFactory(athlete=athlete, date=timezone.localdate())
    with django_capture_on_commit_callbacks(execute=True):
        link(coach, athlete)
    assert AthleteSummary.objects.get(athlete=athlete).last_session_date == timezone.localdate()


def test_an_uncoached_athlete_pays_one_query_and_gets_no_summary(
    athlete, refreshed, django_capture_on_commit_callbacks
):
    session = TrainingSessionFactory(athlete=athlete)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.set_log(athlete=athlete, session=session, load_kg=Decimal("60"), reps=8,
                         pain=[PainInput("knee", 3)])  # fmt: skip
    ours = [c for c in callbacks if isinstance(c, signals._Announcement)]
    with CaptureQueriesContext(connection) as captured:
        for callback in ours:
            callback()
    assert len(ours) == 1
    assert len(captured) == 1  # is anyone coaching this athlete? no: nothing else
    assert not AthleteSummary.objects.exists()


def test_an_ended_link_stops_the_refreshes_and_drops_the_summary(
    coached, coach, session, django_capture_on_commit_callbacks
):
    assert AthleteSummary.objects.filter(athlete=coached).exists()
    coaching.link_end(link=queries.link_between(coach, coached), by=coached)
    assert not AthleteSummary.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.pain_report_log(athlete=coached, session=session, region="neck", score=4,
                                 timing="after")  # fmt: skip
    assert not AthleteSummary.objects.exists()


def test_a_failed_write_queues_no_refresh(coached, session, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks, pytest.raises(TypeError):
        services.set_update(athlete=coached, logged_set=_set(session), nonsense=1)
    assert callbacks == []


def test_an_import_refreshes_the_summary_though_bulk_writes_send_no_signal(
    coached, refreshed, django_capture_on_commit_callbacks
):
    importer = pytest.importorskip("tracker.portability.importer")
    files = pytest.importorskip("tests.portability.conftest")
    with django_capture_on_commit_callbacks(execute=True):
        importer.import_file(coached, files.read("strong_current.csv"), unit="kg")
    assert refreshed == [coached.pk]
