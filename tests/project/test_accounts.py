"""Signing up, in and out, and changing or resetting a password."""

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_signing_up_creates_an_athlete_with_a_profile_and_signs_them_in(client):
    response = client.post(
        reverse("signup"),
        {
            "username": "newbie",
            "password1": "gluteus-maximus-42",
            "password2": "gluteus-maximus-42",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="newbie")
    assert user.profile.unit == "kg"
    assert client.get(reverse("tracker:today")).status_code == 200


def test_a_weak_password_is_refused_with_a_message(client):
    response = client.post(
        reverse("signup"), {"username": "newbie", "password1": "123", "password2": "123"}
    )
    assert response.status_code == 200
    assert "too short" in response.content.decode()
    assert not User.objects.filter(username="newbie").exists()


def test_a_taken_username_is_refused(client):
    UserFactory(username="taken")
    response = client.post(
        reverse("signup"),
        {"username": "taken", "password1": "gluteus-maximus-42", "password2": "gluteus-maximus-42"},
    )
    assert "already exists" in response.content.decode()
    assert User.objects.filter(username="taken").count() == 1


def test_logging_in_with_the_right_password_opens_today(client):
    UserFactory(username="lifter")
    response = client.post(reverse("login"), {"username": "lifter", "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("tracker:today")


def test_logging_out_ends_the_session(athlete_client):
    athlete_client.post(reverse("logout"))
    assert athlete_client.get(reverse("tracker:today")).status_code == 302


def test_a_password_can_be_changed(athlete_client, athlete):
    response = athlete_client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "hinge-and-squeeze-7",
            "new_password2": "hinge-and-squeeze-7",
        },
    )
    assert response.status_code == 302
    athlete.refresh_from_db()
    assert athlete.check_password("hinge-and-squeeze-7")


def test_a_password_reset_mails_a_link(client, athlete):
    client.post(reverse("password_reset"), {"email": athlete.email})
    assert len(mail.outbox) == 1
    assert "/accounts/reset/" in mail.outbox[0].body


def test_repeated_wrong_passwords_lock_the_username_even_for_the_right_one(client):
    UserFactory(username="lifter")
    for _ in range(10):
        client.post(reverse("login"), {"username": "lifter", "password": "guess"})
    response = client.post(reverse("login"), {"username": "lifter", "password": PASSWORD})
    assert response.status_code == 429
    assert "Too many failed sign-ins" in response.content.decode()


def test_successful_log_ins_are_never_counted(client):
    UserFactory(username="lifter")
    for _ in range(15):
        response = client.post(reverse("login"), {"username": "lifter", "password": PASSWORD})
        assert response.status_code == 302
        client.post(reverse("logout"))
