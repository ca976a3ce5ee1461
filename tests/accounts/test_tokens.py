"""API tokens: one per device, listed in Settings, and they stop working (contract, section 2)
when they expire, when they are revoked and when the password changes."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import ApiToken
from accounts.services import MAX_TOKENS_PER_USER, token_issue
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

TOKEN = "/api/v1/auth/token/"
SESSIONS = "/api/v1/sessions/"
DEVICES = "/settings/devices/"


def sign_in(username: str = "athlete", **extra) -> str:
    body = {"username": username, "password": PASSWORD, **extra}
    response = APIClient().post(TOKEN, body, HTTP_USER_AGENT="ThrustlogPhone/2.1 (iPhone)")
    assert response.status_code == 200
    return response.json()["token"]


def works(key: str) -> bool:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    status = client.get(SESSIONS).status_code
    assert status in {200, 401}
    return status == 200


def test_a_token_is_named_after_the_device_that_asked(athlete):
    sign_in()
    assert ApiToken.objects.get().device == "ThrustlogPhone/2.1 (iPhone)"


def test_a_device_may_name_itself(athlete):
    sign_in(device="Ada's gym tablet")
    assert ApiToken.objects.get().device == "Ada's gym tablet"


def test_a_token_dies_when_the_password_changes_on_the_web(athlete, athlete_client):
    key = sign_in()
    response = athlete_client.post(
        "/accounts/password_change/",
        {
            "old_password": PASSWORD,
            "new_password1": "a-brand-new-passphrase",
            "new_password2": "a-brand-new-passphrase",
        },
    )
    assert response.status_code == 302
    assert not works(key)
    body = {"username": "athlete", "password": "a-brand-new-passphrase"}
    assert works(APIClient().post(TOKEN, body).json()["token"])


def test_a_token_dies_when_the_password_is_set_anywhere(athlete):
    key = sign_in()
    athlete.set_password("another-long-passphrase")
    athlete.save()
    assert not works(key)


def test_saving_the_user_without_a_new_password_keeps_the_token(athlete):
    key = sign_in()
    athlete.first_name = "Ada"
    athlete.save()
    assert works(key)


def test_a_token_dies_when_it_expires(athlete):
    key = sign_in()
    ApiToken.objects.update(expiry=timezone.now() - timedelta(seconds=1))
    assert not works(key)
    assert not ApiToken.objects.exists()


def test_a_token_used_before_it_expires_is_extended(athlete):
    key = sign_in()
    soon = timezone.now() + timedelta(hours=2)
    ApiToken.objects.update(expiry=soon)
    assert works(key)
    assert ApiToken.objects.get().expiry > soon + timedelta(days=20)


def test_a_use_is_recorded_as_the_last_use(athlete):
    key = sign_in()
    a_while_ago = timezone.now() - timedelta(hours=3)
    ApiToken.objects.update(last_used=a_while_ago)
    works(key)
    assert ApiToken.objects.get().last_used > a_while_ago + timedelta(hours=2)


def test_uses_close_together_write_the_last_use_once(athlete, django_assert_num_queries):
    key = sign_in()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    client.get(SESSIONS)
    # the count of sessions (none, so no page): the token comes from the cache, and no write
    with django_assert_num_queries(1):
        assert client.get(SESSIONS).status_code == 200


def test_settings_lists_the_devices_with_created_last_use_and_expiry(athlete, athlete_client):
    key = sign_in(device="Gym tablet")
    works(key)
    page = athlete_client.get(DEVICES)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Gym tablet" in text
    assert "last used" in text
    assert "expires" in text
    assert key not in text
    assert ApiToken.objects.get().digest not in text


def test_settings_does_not_list_another_athletes_devices(athlete_client, outsider):
    token_issue(user=outsider, device="Outsider phone")
    assert "Outsider phone" not in athlete_client.get(DEVICES).content.decode()


def test_revoking_one_device_ends_only_its_token(athlete, athlete_client):
    phone, tablet = sign_in(device="Phone"), sign_in(device="Tablet")
    token = ApiToken.objects.get(device="Phone")
    response = athlete_client.post(f"{DEVICES}{token.public_id}/revoke/")
    assert response.status_code == 302
    assert not works(phone)
    assert works(tablet)


def test_revoking_all_devices_ends_every_token(athlete, athlete_client):
    keys = [sign_in(device=name) for name in ("Phone", "Tablet", "Script")]
    athlete_client.post(f"{DEVICES}revoke-all/")
    assert not any(works(key) for key in keys)


def test_an_outsider_cannot_revoke_someone_elses_token(athlete, outsider_client):
    key = sign_in()
    token = ApiToken.objects.get()
    assert outsider_client.post(f"{DEVICES}{token.public_id}/revoke/").status_code == 404
    assert works(key)


def test_revoking_takes_a_post(athlete, athlete_client):
    key = sign_in()
    token = ApiToken.objects.get()
    assert athlete_client.get(f"{DEVICES}{token.public_id}/revoke/").status_code == 405
    assert works(key)


def test_the_devices_page_needs_a_signed_in_user(db):
    response = Client().get(DEVICES)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_deleting_the_account_ends_its_tokens(athlete, athlete_client):
    key = sign_in()
    athlete_client.post("/settings/delete-account/", {"confirm": "athlete", "password": PASSWORD})
    assert not User.objects.filter(username="athlete").exists()
    assert not works(key)


def test_tokens_beyond_the_limit_drop_the_least_recently_used(athlete):
    first = sign_in(device="Oldest")
    keys = [sign_in(device=f"Device {n}") for n in range(MAX_TOKENS_PER_USER)]
    assert ApiToken.objects.filter(user=athlete).count() == MAX_TOKENS_PER_USER
    assert not works(first)
    assert all(works(key) for key in keys[-3:])


def test_tokens_of_other_users_are_untouched_by_a_password_change(athlete, outsider):
    mine = sign_in()
    theirs = sign_in("outsider")
    athlete.set_password("another-long-passphrase")
    athlete.save()
    assert works(theirs)
    assert not works(mine)
