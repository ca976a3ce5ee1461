"""Invitations: a coach makes a code (and a link), an athlete accepts it, once."""

from datetime import timedelta

import pytest
import segno
from django.urls import reverse
from django.utils import timezone

from coaching import queries, services
from coaching.models import CODE_ALPHABET, CoachLink, Invitation
from coaching.qr import qr_svg
from tests.coaching.conftest import link, signed_in
from tests.factories import InvitationFactory, UserFactory
from tracker.models import Profile

pytestmark = pytest.mark.django_db


def test_an_invitation_has_an_unambiguous_eight_character_code(coach):
    invitation = services.invitation_create(coach=coach)
    assert len(invitation.code) == 8
    assert set(invitation.code) <= set(CODE_ALPHABET)
    assert not set(invitation.code) & set("01OIL")
    assert invitation.expires_at > timezone.now() + timedelta(days=13)


def test_inviting_makes_the_user_a_coach_and_shows_the_coach_tab(athlete):
    client = signed_in(athlete)
    response = client.post(reverse("coaching:invitation_create"))
    invitation = Invitation.objects.get(coach=athlete)
    assert response.url == reverse("coaching:invitation", args=[invitation.pk])
    assert Profile.objects.get(user=athlete).is_coach
    page = client.get(response.url)
    assert invitation.code in page.text
    assert reverse("coaching:join_code", args=[invitation.code]) in page.text
    assert 'href="/coach/"' in page.text  # the Coach tab


def test_a_coach_signing_in_gets_the_coach_tab(coach_link, coach):
    assert 'href="/coach/"' in signed_in(coach).get(reverse("tracker:today")).text


def test_an_athlete_signing_in_gets_no_coach_tab(coach_link, athlete):
    assert 'href="/coach/"' not in signed_in(athlete).get(reverse("tracker:today")).text


def test_accepting_links_the_athlete_to_the_coach(coach, athlete):
    invitation = services.invitation_create(coach=coach)
    made = services.invitation_accept(athlete=athlete, code=invitation.code.lower())
    assert (made.coach, made.athlete, made.active) == (coach, athlete, True)
    invitation.refresh_from_db()
    assert invitation.accepted_by == athlete


@pytest.mark.parametrize("typed", ["{code}", "{lower}", " {a}-{b} ", "{a} {b}"])
def test_a_code_is_read_whatever_its_case_spaces_or_dashes(coach, athlete, typed):
    code = services.invitation_create(coach=coach).code
    text = typed.format(code=code, lower=code.lower(), a=code[:4], b=code[4:])
    assert services.invitation_accept(athlete=athlete, code=text).coach == coach


def test_an_invitation_works_once(coach, athlete, outsider):
    invitation = services.invitation_create(coach=coach)
    services.invitation_accept(athlete=athlete, code=invitation.code)
    with pytest.raises(services.InvitationError, match="not valid"):
        services.invitation_accept(athlete=outsider, code=invitation.code)


def test_an_expired_invitation_is_refused(coach, athlete):
    invitation = InvitationFactory(coach=coach, expires_at=timezone.now() - timedelta(seconds=1))
    with pytest.raises(services.InvitationError, match="expired"):
        services.invitation_accept(athlete=athlete, code=invitation.code)
    assert not CoachLink.objects.exists()


def test_an_unknown_code_is_refused(athlete):
    with pytest.raises(services.InvitationError):
        services.invitation_accept(athlete=athlete, code="ZZZZZZZZ")


def test_ones_own_invitation_cannot_be_accepted(coach):
    invitation = services.invitation_create(coach=coach)
    with pytest.raises(services.InvitationError, match="own"):
        services.invitation_accept(athlete=coach, code=invitation.code)


def test_a_second_invitation_from_the_same_coach_is_refused_while_linked(coach, athlete):
    link(coach, athlete)
    second = services.invitation_create(coach=coach)
    with pytest.raises(services.InvitationError, match="already"):
        services.invitation_accept(athlete=athlete, code=second.code)
    assert CoachLink.objects.count() == 1
    second.refresh_from_db()
    assert second.accepted_by is None  # still usable by another athlete


def test_an_athlete_may_have_several_coaches(athlete, coach):
    other = UserFactory(username="second_coach")
    link(coach, athlete)
    link(other, athlete)
    assert {lk.coach for lk in queries.coaches_of(athlete)} == {coach, other}
    for each in (coach, other):
        assert queries.coached_athlete_or_none(each, athlete.pk) == athlete


def test_the_join_link_asks_before_sharing_anything(coach, athlete):
    invitation = services.invitation_create(coach=coach)
    client = signed_in(athlete)
    page = client.get(reverse("coaching:join_code", args=[invitation.code]))
    assert page.status_code == 200
    assert "Share your log with Cora Coach?" in page.text
    assert not CoachLink.objects.exists()  # a GET (a link preview, a prefetch) accepts nothing
    response = client.post(reverse("coaching:join_code", args=[invitation.code]))
    assert response.url == reverse("coaching:coaches")
    assert CoachLink.objects.get().athlete == athlete


def test_a_typed_code_leads_to_the_same_question(coach, athlete):
    invitation = services.invitation_create(coach=coach)
    response = signed_in(athlete).post(reverse("coaching:join"), {"code": invitation.code.lower()})
    assert response.url == reverse("coaching:join_code", args=[invitation.code])


@pytest.mark.parametrize("code", ["", "ABC", "ABCDEFGHJK"])
def test_a_malformed_typed_code_is_a_form_error(athlete, code):
    response = signed_in(athlete).post(reverse("coaching:join"), {"code": code})
    assert response.status_code == 400


def test_an_unknown_join_link_says_so(athlete):
    response = signed_in(athlete).get(reverse("coaching:join_code", args=["NOPE2345"]))
    assert response.status_code == 404
    assert "Invitation not found" in response.text


def test_a_refused_acceptance_tells_the_athlete_why(athlete):
    response = signed_in(athlete).post(
        reverse("coaching:join_code", args=["NOPE2345"]), follow=True
    )
    assert "not valid" in response.text
    assert not CoachLink.objects.exists()


def test_a_coach_can_withdraw_an_open_invitation(coach):
    invitation = services.invitation_create(coach=coach)
    signed_in(coach).post(reverse("coaching:invitation_cancel", args=[invitation.pk]))
    assert not Invitation.objects.exists()


def test_another_coachs_invitation_is_not_found(coach, outsider):
    invitation = services.invitation_create(coach=coach)
    client = signed_in(outsider)
    assert client.get(reverse("coaching:invitation", args=[invitation.pk])).status_code == 404
    cancel = client.post(reverse("coaching:invitation_cancel", args=[invitation.pk]))
    assert cancel.status_code == 404
    assert Invitation.objects.exists()


def test_the_roster_lists_open_invitations_only(coach, athlete):
    used = services.invitation_create(coach=coach)
    services.invitation_accept(athlete=athlete, code=used.code)
    waiting = services.invitation_create(coach=coach)
    InvitationFactory(coach=coach, expires_at=timezone.now() - timedelta(days=1))
    assert list(queries.open_invitations(coach)) == [waiting]


def test_an_invitation_is_named_for_whom_it_is_and_listed_as_waiting(athlete):
    client = signed_in(athlete)
    client.post(reverse("coaching:invitation_create"), {"name": "  Ada Lovelace "})
    invitation = Invitation.objects.get(coach=athlete)
    assert invitation.name == "Ada Lovelace"
    assert (
        "Invitation for Ada Lovelace"
        in client.get(reverse("coaching:invitation", args=[invitation.pk])).text
    )
    roster = client.get(reverse("coaching:roster")).text
    assert "Waiting for an answer" in roster
    assert "Ada Lovelace" in roster


def test_a_name_too_long_still_makes_an_invitation_without_it(athlete):
    signed_in(athlete).post(reverse("coaching:invitation_create"), {"name": "x" * 101})
    assert Invitation.objects.get(coach=athlete).name == ""


def test_the_invitation_page_draws_the_links_qr_code_on_the_server(athlete):
    client = signed_in(athlete)
    response = client.post(reverse("coaching:invitation_create"))
    page = client.get(response.url).text
    assert '<svg width="185" height="185" class="qr">' in page
    assert "<title>QR code of the link</title>" in page
    assert 'id="share-invitation"' in page  # shown by share.js where the phone can share


def test_the_qr_code_is_the_links_matrix_and_holds_none_of_its_text():
    """What the page marks safe is segno's drawing of the link (nothing of the URL's text
    can break out of the markup)."""
    url = "https://thrustlog.example/coach/join/ABCDEFGH/<script>"
    drawn = str(qr_svg(url))
    assert drawn == segno.make(url, error="m").svg_inline(
        scale=5, dark="#000", light="#fff", svgclass="qr", title="QR code of the link"
    )
    assert "<script>" not in drawn


def test_the_roster_lists_waiting_invitations_with_expiry_and_a_withdraw_button(coach):
    waiting = services.invitation_create(coach=coach, name="Grace Hopper")
    expired = services.invitation_create(coach=coach, name="Old Friend")
    Invitation.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(days=1))
    client = signed_in(coach)

    page = client.get(reverse("coaching:roster")).text

    assert "Grace Hopper" in page
    assert f"valid until {waiting.expires_at:%-d %b}" in page
    assert "Old Friend" not in page  # expired: no longer waiting
    withdraw = reverse("coaching:invitation_cancel", args=[waiting.pk])
    assert f'action="{withdraw}"' in page
    client.post(withdraw)
    assert "Grace Hopper" not in client.get(reverse("coaching:roster")).text
