"""Sending one Web Push message (RFC 8030, encrypted as RFC 8291 aes128gcm, signed with VAPID
RFC 8292) through pywebpush, with the server's keys from the environment.

Runs in the task runner only (notifications.tasks): a push service may take seconds to answer.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from enum import Enum
from functools import cache
from typing import Any

from django.conf import settings
from py_vapid import Vapid, Vapid01
from pywebpush import WebPushException, webpush
from requests import RequestException

log = logging.getLogger(__name__)

TIMEOUT_S = 10
TTL_S = 24 * 60 * 60  # a phone that is off for a day still gets yesterday's note
DISABLED = (
    "Push notifications are off on this server: WEBPUSH_VAPID_PUBLIC_KEY and "
    "WEBPUSH_VAPID_PRIVATE_KEY are not set (`manage.py vapid_keys` makes a pair). "
    "E-mail is used instead."
)


class Outcome(Enum):
    SENT = "sent"
    GONE = "gone"  # 404 or 410: the browser unsubscribed; forget the endpoint
    FAILED = "failed"  # anything else: try again with the next message


@dataclass(frozen=True)
class Keys:
    public: str  # the applicationServerKey browsers subscribe with (base64url, 65 bytes)
    private: str  # raw 32-byte scalar, base64url (or a PEM)
    subject: str  # mailto: or https: where push services can reach the operator


def keys() -> Keys | None:
    """The server's VAPID keys, or None when push is not set up."""
    public = settings.WEBPUSH_VAPID_PUBLIC_KEY
    private = settings.WEBPUSH_VAPID_PRIVATE_KEY
    if not (public and private):
        return None
    return Keys(public, private, settings.WEBPUSH_VAPID_SUBJECT)


def enabled() -> bool:
    return keys() is not None


@cache
def _signer(private: str) -> Vapid01:
    return Vapid.from_string(private_key=private)


def send(subscription: dict[str, Any], payload: dict[str, Any]) -> Outcome:
    """Encrypt `payload` (as JSON) for one browser and hand it to its push service."""
    server = keys()
    if server is None:
        return Outcome.FAILED
    try:
        webpush(
            subscription_info=subscription,
            data=json.dumps(payload, separators=(",", ":")),
            vapid_private_key=_signer(server.private),
            vapid_claims={"sub": server.subject},
            content_encoding="aes128gcm",
            timeout=TIMEOUT_S,
            ttl=TTL_S,
        )
    except WebPushException as error:
        status = getattr(error.response, "status_code", None)
        if status in (404, 410):
            return Outcome.GONE
        log.warning("Push to %s failed: %s", subscription["endpoint"][:60], status or error)
        return Outcome.FAILED
    except (RequestException, ValueError, TypeError) as error:
        log.warning("Push to %s failed: %s", subscription["endpoint"][:60], error)
        return Outcome.FAILED
    return Outcome.SENT


def new_keys() -> tuple[str, str]:
    """A fresh VAPID pair: (public applicationServerKey, private key), both base64url."""
    from cryptography.hazmat.primitives import serialization
    from py_vapid.utils import b64urlencode

    vapid = Vapid()
    vapid.generate_keys()
    public = vapid.public_key.public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    private = vapid.private_key.private_numbers().private_value.to_bytes(32, "big")
    return b64urlencode(public), b64urlencode(private)
