"""Either side ends a link at any time, and the coach's access ends with that request."""

import pytest
from django.urls import reverse

from coaching import services
from coaching.models import CoachLink
from tests.coaching.conftest import api_for, link, signed_in
from tests.factories import TrainingSessionFactory

pytestmark = pytest.mark.django_db


def coach_urls(athlete, session) -> list[str]:
    return [
        reverse("coaching:athlete", args=[athlete.pk]),
        reverse("coaching:athlete_session", args=[athlete.pk, session.pk]),
        reverse("coaching:athlete_advice", args=[athlete.pk]),
    ]


@pytest.mark.parametrize("ender", ["coach", "athlete"])
def test_ending_a_link_removes_access_at_once(ender, coach, athlete, coach_link):
    session = TrainingSessionFactory(athlete=athlete)
    client, api = signed_in(coach), api_for(coach)
    for url in coach_urls(athlete, session):
        assert client.get(url).status_code == 200
    assert api.get(f"/api/v1/advice/?athlete={athlete.pk}").status_code == 200

    by = coach if ender == "coach" else athlete
    response = signed_in(by).post(reverse("coaching:link_end", args=[coach_link.pk]))
    assert response.status_code == 302

    # The same signed-in coach, the very next request: nothing.
    for url in coach_urls(athlete, session):
        assert client.get(url).status_code == 404
    assert api.get(f"/api/v1/advice/?athlete={athlete.pk}").status_code == 404
    assert api.get("/api/v1/athletes/").json()["results"] == []
    roster = client.get(reverse("coaching:roster"))
    assert roster.context["rows"] == []
    assert reverse("coaching:athlete", args=[athlete.pk]) not in roster.text
    coach_link.refresh_from_db()
    assert coach_link.ended_by == by
    assert coach_link.ended_at is not None


def test_the_end_page_asks_first(coach_link, athlete):
    page = signed_in(athlete).get(reverse("coaching:link_end", args=[coach_link.pk]))
    assert "Stop sharing with coach?" in page.text
    assert CoachLink.objects.get().active


def test_an_outsider_cannot_end_someone_elses_link(coach_link, outsider):
    client = signed_in(outsider)
    assert client.get(reverse("coaching:link_end", args=[coach_link.pk])).status_code == 404
    assert client.post(reverse("coaching:link_end", args=[coach_link.pk])).status_code == 404
    assert CoachLink.objects.get().active


def test_an_ended_link_cannot_be_ended_again_through_the_page(coach_link, athlete):
    services.link_end(link=coach_link, by=athlete)
    response = signed_in(athlete).post(reverse("coaching:link_end", args=[coach_link.pk]))
    assert response.status_code == 404


def test_a_new_invitation_links_them_again_as_a_new_link(coach, athlete, coach_link):
    services.link_end(link=coach_link, by=coach)
    again = link(coach, athlete)
    assert again.pk != coach_link.pk
    assert CoachLink.objects.filter(ended_at__isnull=True).get() == again


def test_the_athlete_sees_their_coaches_and_can_stop_sharing(coach_link, athlete):
    page = signed_in(athlete).get(reverse("coaching:coaches"))
    assert "Cora Coach" in page.text
    assert reverse("coaching:link_end", args=[coach_link.pk]) in page.text


def test_ending_by_a_stranger_is_refused_by_the_service(coach_link, outsider):
    with pytest.raises(PermissionError):
        services.link_end(link=coach_link, by=outsider)
