"""A share link for a clinician: unguessable, read-only, time-limited, revocable, no account;
it opens the report (and the charts if allowed); each opening is in the athlete's access log
and beside the link. Unknown, expired and revoked links all answer the same 404."""

import hashlib
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import AccessRecord
from coaching import services as coaching
from reports import services
from reports.models import ShareLink
from tests.factories import PainReportFactory, TrainingSessionFactory

pytestmark = pytest.mark.django_db
SHARE = "/settings/share/"


@pytest.fixture
def new_link(athlete):
    return services.share_link_create(athlete=athlete, label="Physio Ng", days=7, weeks=8)


@pytest.fixture
def anonymous():
    return Client()


def shared(token: str) -> str:
    return f"/shared/{token}/"


def test_making_a_link_shows_its_url_once(athlete_client):
    response = athlete_client.post(SHARE, {"label": "Physio Ng", "days": "7", "weeks": "8"})
    assert response.status_code == 302
    page = athlete_client.get(SHARE).content.decode()
    assert "Your new link" in page
    assert "/shared/" in page
    assert "Your new link" not in athlete_client.get(SHARE).content.decode()


def test_only_a_hash_of_the_token_is_stored(new_link):
    stored = ShareLink.objects.get()
    assert new_link.token not in str(vars(stored))
    assert stored.token_hash == hashlib.sha256(new_link.token.encode()).hexdigest()


def test_the_token_has_at_least_128_bits(new_link):
    assert len(new_link.token) >= 43  # 32 random bytes, URL-safe base64


def test_a_link_lasts_7_or_30_days(athlete, athlete_client):
    week = services.share_link_create(athlete=athlete, label="a", days=7, weeks=8).link
    month = services.share_link_create(athlete=athlete, label="b", days=30, weeks=8).link
    assert timedelta(days=6, hours=23) < week.expires_at - timezone.now() <= timedelta(days=7)
    assert timedelta(days=29, hours=23) < month.expires_at - timezone.now() <= timedelta(days=30)
    response = athlete_client.post(SHARE, {"label": "c", "days": "90", "weeks": "8"})
    assert response.status_code == 400
    assert ShareLink.objects.count() == 2


def test_the_link_opens_the_report_without_an_account(athlete, anonymous, new_link):
    session = TrainingSessionFactory(athlete=athlete)
    PainReportFactory(session=session, region="knee", score=6)
    response = anonymous.get(shared(new_link.token))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Training and pain report" in page
    assert "Knee" in page


def test_the_shared_page_is_private_unindexed_and_sends_no_referrer(anonymous, new_link):
    response = anonymous.get(shared(new_link.token))
    assert response["Referrer-Policy"] == "no-referrer"
    assert "noindex" in response["X-Robots-Tag"]
    assert "no-store" in response["Cache-Control"]
    assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()


def test_the_shared_page_is_read_only(anonymous, new_link):
    page = anonymous.get(shared(new_link.token)).content.decode()
    assert "<form" not in page
    assert anonymous.post(shared(new_link.token)).status_code == 405


def test_a_guessed_token_is_404(anonymous, new_link):
    guess = new_link.token[:-1] + ("A" if new_link.token[-1] != "A" else "B")
    assert anonymous.get(shared(guess)).status_code == 404
    assert anonymous.get(shared("x" * 200)).status_code == 404


def test_an_expired_link_is_404(anonymous, new_link):
    ShareLink.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert anonymous.get(shared(new_link.token)).status_code == 404


def test_a_revoked_link_is_404(athlete_client, anonymous, new_link):
    response = athlete_client.post(f"{SHARE}{new_link.link.public_id}/revoke/")
    assert response.status_code == 302
    assert anonymous.get(shared(new_link.token)).status_code == 404
    assert anonymous.get(f"/shared/{new_link.token}/pdf/").status_code == 404


def test_unknown_expired_and_revoked_answer_alike(athlete, anonymous, new_link):
    expired = services.share_link_create(athlete=athlete, label="e", days=7, weeks=8)
    ShareLink.objects.filter(pk=expired.link.pk).update(expires_at=timezone.now())
    services.share_link_revoke(athlete=athlete, public_id=new_link.link.public_id)
    answers = [anonymous.get(shared(t)) for t in ("unknown-token", expired.token, new_link.token)]
    assert {(r.status_code, r.content) for r in answers} == {(404, answers[0].content)}


def test_another_athletes_link_cannot_be_revoked(outsider_client, anonymous, new_link):
    response = outsider_client.post(f"{SHARE}{new_link.link.public_id}/revoke/")
    assert response.status_code == 404
    assert anonymous.get(shared(new_link.token)).status_code == 200


def test_each_opening_is_in_the_access_log_and_beside_the_link(
    athlete, athlete_client, anonymous, new_link
):
    anonymous.get(shared(new_link.token))
    (record,) = AccessRecord.objects.filter(athlete=athlete)
    assert record.viewer is None
    assert record.viewer_name == "Someone with your link for Physio Ng"
    assert record.what == "report (shared link)"
    assert "Someone with your link for Physio Ng opened your report (shared link)" in (
        athlete_client.get("/settings/access/").content.decode()
    )
    listing = athlete_client.get(SHARE).content.decode()
    assert "Opened 1 time:" in listing
    assert "report (shared link)" in listing


def test_a_reload_within_ten_minutes_is_one_opening(athlete, anonymous, new_link):
    anonymous.get(shared(new_link.token))
    anonymous.get(shared(new_link.token))
    assert AccessRecord.objects.filter(athlete=athlete).count() == 1


def test_the_charts_open_only_when_the_athlete_allows(athlete, anonymous, new_link):
    assert anonymous.get(f"/shared/{new_link.token}/charts/").status_code == 404
    allowed = services.share_link_create(
        athlete=athlete, label="GP", days=30, weeks=8, include_charts=True
    )
    response = anonymous.get(f"/shared/{allowed.token}/charts/")
    assert response.status_code == 200
    assert 'id="dashboard"' in response.content.decode()
    assert "charts (shared link)" in AccessRecord.objects.values_list("what", flat=True)


def test_the_shared_charts_answer_their_partial_for_the_switches(athlete, anonymous):
    allowed = services.share_link_create(
        athlete=athlete, label="GP", days=30, weeks=8, include_charts=True
    )
    response = anonymous.get(f"/shared/{allowed.token}/charts/", {"range": "4w", "partial": "1"})
    assert response.status_code == 200
    assert "<html" not in response.content.decode()


def test_guessing_is_limited_per_address(anonymous, new_link, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "share_link_failures_per_address": "3/h"}
    for n in range(3):
        assert anonymous.get(shared(f"guess-{n}")).status_code == 404
    assert anonymous.get(shared("guess-4")).status_code == 429
    assert anonymous.get(shared(new_link.token)).status_code == 429  # even a real one, then


def test_live_links_are_capped(athlete, athlete_client):
    for n in range(services.MAX_LIVE_LINKS):
        services.share_link_create(athlete=athlete, label=f"l{n}", days=7, weeks=8)
    response = athlete_client.post(SHARE, {"label": "one more", "days": "7", "weeks": "8"})
    assert response.status_code == 400
    assert "revoke one" in response.content.decode()


def test_the_link_shows_the_coach_notes_chosen_and_only_the_athletes_own(
    athlete, coach, outsider, anonymous
):
    session = TrainingSessionFactory(athlete=athlete)
    mine = coaching.comment_add(
        coach=coach, athlete=athlete, body="Pad in the crease", session=session
    )
    link = services.share_link_create(
        athlete=athlete, label="GP", days=7, weeks=8, coach_note_ids=[mine.pk, 10**9]
    )
    assert list(link.link.coach_notes.all()) == [mine]
    assert "Pad in the crease" in anonymous.get(shared(link.token)).content.decode()


def _queries(client: Client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_the_settings_page_lists_links_in_the_same_queries_however_many(
    athlete, athlete_client, anonymous
):
    def add_opened_link(n: int) -> None:
        made = services.share_link_create(athlete=athlete, label=f"l{n}", days=7, weeks=8)
        anonymous.get(shared(made.token))

    add_opened_link(0)
    one = _queries(athlete_client, SHARE)
    for n in range(1, 5):
        add_opened_link(n)
    assert _queries(athlete_client, SHARE) == one
