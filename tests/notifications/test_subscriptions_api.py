"""Push subscriptions and notification settings over the API (and the Settings page)."""

import base64
from datetime import time

import pytest
from django.urls import reverse

from notifications.models import NotificationPreference, PushSubscription

pytestmark = pytest.mark.django_db

FCM = "https://fcm.googleapis.com/fcm/send/abc123"


def subscription(push_keys, endpoint: str = FCM) -> dict:
    auth = base64.urlsafe_b64encode(push_keys.auth).rstrip(b"=").decode()
    return {"endpoint": endpoint, "keys": {"p256dh": push_keys.p256dh, "auth": auth},
            "expirationTime": None}  # fmt: skip


def test_a_browser_subscribes_once_however_often_it_says_so(athlete_api, push_keys):
    first = athlete_api.post(
        reverse("api-push-subscriptions"), subscription(push_keys), format="json"
    )
    again = athlete_api.post(
        reverse("api-push-subscriptions"), subscription(push_keys), format="json"
    )
    assert (first.status_code, again.status_code) == (201, 200)
    assert PushSubscription.objects.count() == 1


@pytest.mark.parametrize(
    "endpoint",
    [
        "http://fcm.googleapis.com/fcm/send/abc",  # not https
        "https://127.0.0.1/push",  # not a push service: the server would post there
        "https://fcm.googleapis.com.evil.example/x",
        "https://user:pw@fcm.googleapis.com/x",
    ],
)
def test_an_endpoint_that_is_not_a_push_service_is_refused(athlete_api, push_keys, endpoint):
    answer = athlete_api.post(
        reverse("api-push-subscriptions"), subscription(push_keys, endpoint), format="json"
    )
    assert answer.status_code == 400
    assert "endpoint" in answer.json()
    assert not PushSubscription.objects.exists()


def test_a_key_that_is_not_a_p256_point_is_refused(athlete_api, push_keys):
    body = subscription(push_keys)
    body["keys"]["p256dh"] = "A" * 87
    assert (
        athlete_api.post(reverse("api-push-subscriptions"), body, format="json").status_code == 400
    )


def test_another_users_subscription_is_404_and_stays(athlete_api, outsider_api, push_keys):
    athlete_api.post(reverse("api-push-subscriptions"), subscription(push_keys), format="json")
    mine = PushSubscription.objects.get()
    assert outsider_api.get(reverse("api-push-subscriptions")).json() == []
    url = reverse("api-push-subscription", args=[mine.pk])
    assert outsider_api.delete(url).status_code == 404
    assert athlete_api.delete(url).status_code == 204
    assert not PushSubscription.objects.exists()


def test_the_push_key_says_when_push_is_off(athlete_api):
    answer = athlete_api.get(reverse("api-push")).json()
    assert answer["enabled"] is False
    assert "WEBPUSH_VAPID_PUBLIC_KEY" in answer["message"]


def test_the_push_key_is_given_when_set(athlete_api, vapid):
    assert athlete_api.get(reverse("api-push")).json() == {
        "enabled": True, "public_key": vapid, "message": ""
    }  # fmt: skip


def test_settings_take_a_local_time_and_schedule_the_next(athlete_api):
    answer = athlete_api.patch(
        reverse("api-notification-settings"), {"check_in_at": "07:30"}, format="json"
    )
    assert answer.status_code == 200
    assert answer.json()["check_in_at"] == "07:30"
    assert NotificationPreference.objects.get().next_check_in_at is not None


@pytest.mark.parametrize("bad", ["7:30", "24:00", "07:30:00Z", 730, True])
def test_a_time_that_is_not_hh_mm_is_refused(athlete_api, bad):
    answer = athlete_api.patch(
        reverse("api-notification-settings"), {"check_in_at": bad}, format="json"
    )
    assert answer.status_code == 400
    assert not NotificationPreference.objects.exists()


def test_the_settings_page_saves_a_reminder_time(athlete_client):
    page = athlete_client.get(reverse("notifications:settings"))
    assert "Push notifications are off on this server" in page.text
    athlete_client.post(
        reverse("notifications:settings"),
        {"messages": "1", "check_in_at": "06:45", "email_fallback": "1"},
    )
    assert NotificationPreference.objects.get().check_in_at == time(6, 45)


def test_the_settings_page_offers_push_when_keys_are_set(athlete_client, vapid):
    page = athlete_client.get(reverse("notifications:settings")).text
    assert f'data-key="{vapid}"' in page
    assert "js/push.js" in page
