"""Settings > Delete my account: password, what goes, then everything goes, signed out."""

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db.models import ForeignKey, OneToOneField

from tests.factories import PASSWORD, CommentFactory, SetFactory, UserFactory
from tests.portability.history import rich_history

pytestmark = pytest.mark.django_db
URL = "/settings/delete-account/"
User = get_user_model()


def owned_rows(user) -> dict[str, int]:
    """Rows of every model (tracker, coaching, tokens... whatever exists) pointing at the user."""
    counts = {}
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, ForeignKey | OneToOneField) and field.related_model is User:
                name = f"{model._meta.label}.{field.name}"
                counts[name] = model._default_manager.filter(**{field.name: user.pk}).count()
    return counts


@pytest.fixture
def coach(db):
    return UserFactory(username="coach")


@pytest.fixture
def history(athlete, coach):
    rich_history(athlete, coach=coach)
    SetFactory(session__athlete=coach)  # the coach's own training
    other = UserFactory(username="other-athlete")
    CommentFactory(coach=coach, session__athlete=other, body="For someone else.")


def test_the_page_says_what_will_be_removed(athlete_client, history):
    page = athlete_client.get(URL).content.decode()
    for line in ("3 training sessions", "7 sets", "4 pain reports and check-ins", "2 red flags",
                 "1 active coach links", "2 comments coaches wrote on your training"):  # fmt: skip
        assert line in page, line
    assert 'type="password"' in page


@pytest.mark.parametrize("password", ["", "not-my-password"])
def test_without_the_right_password_nothing_is_removed(athlete_client, athlete, history, password):
    before = owned_rows(athlete)
    response = athlete_client.post(URL, {"password": password})
    assert response.status_code == 400
    assert User.objects.filter(pk=athlete.pk).exists()
    assert owned_rows(athlete) == before


def test_the_account_and_everything_logged_goes_and_the_athlete_is_signed_out(
    athlete_client, athlete, history
):
    assert sum(owned_rows(athlete).values()) > 10
    response = athlete_client.post(URL, {"password": PASSWORD}, follow=True)
    assert response.redirect_chain[0][0] == "/accounts/login/"
    assert b"Your account and everything you logged have been deleted." in response.content
    assert not User.objects.filter(pk=athlete.pk).exists()
    assert set(owned_rows(athlete).values()) == {0}
    assert athlete_client.get("/").status_code == 302  # signed out


def test_coaches_keep_their_own_training_and_other_athletes_notes(
    athlete_client, athlete, coach, history
):
    coach_before = owned_rows(coach)
    athlete_client.post(URL, {"password": PASSWORD})
    coach_after = owned_rows(coach)
    assert coach_after["tracker.Set.athlete"] == coach_before["tracker.Set.athlete"] == 1
    # The comments the coach wrote on the deleted athlete went with them; the rest stay.
    assert coach_after["coaching.Comment.coach"] == 1
    assert coach_after["coaching.CoachLink.coach"] == 0


def test_an_api_token_stops_working(athlete, athlete_client, history):
    from tests.conftest import token_client

    api = token_client(athlete)
    assert api.get("/api/v1/export/").status_code == 200
    athlete_client.post(URL, {"password": PASSWORD})
    assert api.get("/api/v1/export/").status_code == 401


def test_the_files_kept_for_the_account_go_too(athlete, outsider):
    from tracker.portability import account, spool

    spool.keep(athlete, b"mine")
    theirs = spool.keep(outsider, b"theirs")
    [waiting] = spool.waiting(athlete)
    account.delete_account(athlete)
    assert not waiting.exists()
    assert spool.load(outsider, theirs) == b"theirs"
