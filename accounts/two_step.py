"""Two-step sign-in (django-otp): a time-based code from an authenticator app (TOTP), or one of
ten single-use recovery codes (django-otp's static tokens). Optional; offered first to coaches,
who see other people's health data.
"""

from django.contrib.auth.models import User
from django.db import transaction
from django_otp import match_token
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODES = 10
APP_DEVICE = "Authenticator app"
RECOVERY_DEVICE = "Recovery codes"


def is_on(user: User) -> bool:
    """True when the user signs in with a second step (a confirmed authenticator app)."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def pending_app(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=False).first()


@transaction.atomic
def app_start(*, user: User) -> TOTPDevice:
    """A new, unconfirmed authenticator for the user (a previous unconfirmed one is dropped)."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name=APP_DEVICE, confirmed=False)


@transaction.atomic
def app_confirm(*, user: User, code: str) -> list[str] | None:
    """Turn two-step sign-in on if `code` comes from the pending app; returns the recovery codes
    (shown once), or None for a wrong code (nothing changes)."""
    device = pending_app(user)
    if device is None or not device.verify_token(code.strip()):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return recovery_codes_renew(user=user)


@transaction.atomic
def recovery_codes_renew(*, user: User) -> list[str]:
    """Ten new single-use recovery codes; the old ones stop working."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def recovery_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user).count()


def verify(*, user: User, code: str) -> Device | None:
    """The device that accepts `code` (an app code or an unused recovery code), else None.

    A recovery code is used up. django-otp slows repeated failures down per device.
    """
    code = "".join(code.split()).lower()
    if not code or len(code) > 16:
        return None
    return match_token(user, code)


@transaction.atomic
def turn_off(*, user: User) -> None:
    """Back to one step: every app and recovery code of the user is removed."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
