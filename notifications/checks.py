"""A system check: VAPID keys that are set must be a pair the server can sign with."""

from typing import Any

from django.conf import settings
from django.core.checks import Error, Warning, register


@register()
def vapid_keys(app_configs: Any = None, **kwargs: Any) -> list[Warning | Error]:
    public = settings.WEBPUSH_VAPID_PUBLIC_KEY
    private = settings.WEBPUSH_VAPID_PRIVATE_KEY
    if not public and not private:
        return []
    if not (public and private):
        return [
            Error(
                "Set both WEBPUSH_VAPID_PUBLIC_KEY and WEBPUSH_VAPID_PRIVATE_KEY, or neither.",
                id="notifications.E001",
            )
        ]
    from cryptography.hazmat.primitives import serialization
    from py_vapid import Vapid
    from py_vapid.utils import b64urlencode

    try:
        signer = Vapid.from_string(private_key=private)
    except Exception as error:  # py_vapid raises several kinds for a bad key
        return [
            Error(f"WEBPUSH_VAPID_PRIVATE_KEY cannot be read: {error}", id="notifications.E002")
        ]
    derived = b64urlencode(
        signer.public_key.public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
    )
    if derived != public.rstrip("="):
        return [
            Error(
                "WEBPUSH_VAPID_PUBLIC_KEY is not the public half of WEBPUSH_VAPID_PRIVATE_KEY.",
                id="notifications.E003",
            )
        ]
    if not settings.WEBPUSH_VAPID_SUBJECT.startswith(("mailto:", "https:")):
        return [
            Warning(
                "WEBPUSH_VAPID_SUBJECT should be a mailto: or https: address push services can "
                "use to reach you.",
                id="notifications.W001",
            )
        ]
    return []
