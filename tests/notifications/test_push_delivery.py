"""Web Push end to end on this machine: the task encrypts a notice for one push_keys
(RFC 8291, aes128gcm), signs it (VAPID, RFC 8292) and posts it to the push_keys's push service
(a local server here); the test decrypts what arrived with the push_keys's private key, as a
browser does (tests/notifications/rfc8291.py: the RFCs with `cryptography`, not http_ece,
which pywebpush encrypts with)."""

import base64
import json

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from django.core import mail

from notifications.models import PushSubscription
from notifications.services import Notice
from notifications.tasks import deliver
from tests.factories import UserFactory
from tests.notifications import rfc8291

pytestmark = pytest.mark.django_db

NOTICE = Notice(
    kind="message",
    title="Note from Cora Coach",
    body="Drop 10 kg and film a set.",
    url="/coach/threads/7/",
    tag="thread-7",
)


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@pytest.fixture
def subscribed(push_service, push_keys):
    """An athlete with an e-mail address and one push_keys subscribed at the local service."""
    user = UserFactory(username="ada", email="ada@example.com")
    PushSubscription.objects.create(
        user=user,
        endpoint=f"{push_service.url}/push/ada-phone",
        p256dh=push_keys.p256dh,
        auth=base64.urlsafe_b64encode(push_keys.auth).rstrip(b"=").decode(),
    )
    return user


def test_the_browser_decrypts_the_notice_it_was_sent(vapid, push_service, push_keys, subscribed):
    counts = deliver.call(subscribed.pk, NOTICE.__dict__)

    assert counts["sent"] == 1
    [arrived] = push_service.received
    assert arrived.path == "/push/ada-phone"
    assert arrived.headers["content-encoding"] == "aes128gcm"
    clear = rfc8291.decrypt(arrived.body, push_keys.private_key, push_keys.auth)
    assert json.loads(clear) == {
        "title": "Note from Cora Coach",
        "body": "Drop 10 kg and film a set.",
        "url": "/coach/threads/7/",
        "tag": "thread-7",
    }
    assert not mail.outbox  # pushed, so no e-mail


def test_the_message_is_signed_with_the_servers_vapid_key(
    vapid, push_service, push_keys, subscribed
):
    deliver.call(subscribed.pk, NOTICE.__dict__)

    authorization = push_service.received[0].headers["authorization"]
    scheme, params = authorization.split(" ", 1)
    fields = dict(part.strip().split("=", 1) for part in params.split(","))
    assert scheme == "vapid"
    assert fields["k"] == vapid  # the key browsers subscribed with
    header, claims, signature = fields["t"].split(".")
    assert json.loads(_unb64(claims))["aud"] == push_service.url
    assert json.loads(_unb64(claims))["sub"] == "mailto:ops@thrustlog.test"
    raw = _unb64(signature)
    der = encode_dss_signature(int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big"))
    server_key = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), _unb64(vapid))
    server_key.verify(der, f"{header}.{claims}".encode(), ec.ECDSA(hashes.SHA256()))  # raises


@pytest.mark.parametrize("gone", [404, 410])
def test_an_endpoint_the_push_service_calls_gone_is_forgotten(
    vapid, push_service, subscribed, gone
):
    push_service.answer = gone

    counts = deliver.call(subscribed.pk, NOTICE.__dict__)

    assert counts["gone"] == 1
    assert not PushSubscription.objects.exists()
    assert [m.to for m in mail.outbox] == [["ada@example.com"]]  # nothing took it: e-mail


def test_a_push_service_error_keeps_the_endpoint_and_falls_back_to_e_mail(
    vapid, push_service, subscribed
):
    push_service.answer = 500

    deliver.call(subscribed.pk, NOTICE.__dict__)

    assert PushSubscription.objects.get().failures == 1
    [sent] = mail.outbox
    assert sent.subject == "Note from Cora Coach"
    assert "Drop 10 kg and film a set." in sent.body


def test_without_vapid_keys_nothing_is_pushed_and_e_mail_carries_it(push_service, subscribed):
    counts = deliver.call(subscribed.pk, NOTICE.__dict__)

    assert counts == {"sent": 0, "gone": 0, "failed": 0, "emailed": 1}
    assert not push_service.received


def test_no_e_mail_for_someone_who_turned_the_fallback_off(push_service, subscribed):
    from notifications.services import preference_update

    preference_update(user=subscribed, email_fallback=False)

    deliver.call(subscribed.pk, NOTICE.__dict__)

    assert not mail.outbox


def test_someone_who_turned_message_notifications_off_hears_nothing(
    vapid, push_service, subscribed
):
    from notifications.services import preference_update

    preference_update(user=subscribed, messages=False)

    deliver.call(subscribed.pk, NOTICE.__dict__)

    assert not push_service.received
    assert not mail.outbox
