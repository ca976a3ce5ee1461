"""Writes of the accounts app: API tokens issued and revoked, accesses recorded."""

import hashlib
from collections.abc import Iterable
from datetime import timedelta
from uuid import UUID

from django.contrib.auth.models import User
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from accounts.models import DEVICE_MAX_LENGTH, AccessRecord, ApiToken

# Enough for every phone, tablet and script one athlete has; a script that signs in on every
# run must not grow the table without end.
MAX_TOKENS_PER_USER = 20
# Seconds between two writes of a token's last use: a phone sending sets must not write twice.
LAST_USE_RESOLUTION = timedelta(minutes=5)


def device_name(*, given: str | None, user_agent: str) -> str:
    """The name a token is listed under: what the client called itself, else its User-Agent."""
    name = " ".join((given or user_agent or "").split())
    return name[:DEVICE_MAX_LENGTH]


@transaction.atomic
def token_issue(*, user: User, device: str) -> tuple[ApiToken, str]:
    """A new token for one device, expiring after REST_KNOX["TOKEN_TTL"]; returns (row, key).

    Only the key's hash is stored: the key is returned once. Expired tokens of the user are
    dropped, and beyond MAX_TOKENS_PER_USER the least recently used ones.
    """
    now = timezone.now()
    ApiToken.objects.filter(user=user, expiry__lt=now).delete()
    # Signing in is the first use: the device shows as active from the start.
    token, key = ApiToken.objects.create(user=user, device=device, last_used=now)
    stale = ApiToken.objects.filter(user=user).order_by("-last_used", "-created")[
        MAX_TOKENS_PER_USER:
    ]
    ApiToken.objects.filter(pk__in=list(stale.values_list("pk", flat=True))).delete()
    return token, key


def token_revoke(*, user: User, public_id: UUID) -> bool:
    """Revoke one of the user's tokens; False if it is not theirs (or already gone)."""
    deleted, _ = ApiToken.objects.filter(user=user, public_id=public_id).delete()
    return deleted > 0


def tokens_revoke_all(*, user: User) -> int:
    """Revoke every token of the user (a password change, "sign out everywhere")."""
    deleted, _ = ApiToken.objects.filter(user=user).delete()
    return deleted


def token_touch(*, token: ApiToken) -> bool:
    """Record a use of the token, at most once per LAST_USE_RESOLUTION; whether it wrote."""
    now = timezone.now()
    if token.last_used is None or now - token.last_used >= LAST_USE_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used=now)
        token.last_used = now
        return True
    return False


# The same viewer opening the same view of the same athlete again within this many seconds
# adds no row: a coach paging through a history is one visit, not twenty.
ACCESS_REPEAT_SECONDS = 10 * 60


def access_record(*, viewer: User, athlete_ids: Iterable[int], what: str) -> int:
    """Record that `viewer` opened `what` of each athlete (never of themselves); rows added.

    One insert for all athletes. A repeat within ACCESS_REPEAT_SECONDS (known from the shared
    cache) is not recorded again.
    """
    rows = []
    for athlete_id in athlete_ids:
        if athlete_id == viewer.pk:
            continue
        digest = hashlib.sha256(f"{viewer.pk}:{athlete_id}:{what}".encode()).hexdigest()[:32]
        if cache.add(f"access:{digest}", 1, timeout=ACCESS_REPEAT_SECONDS):
            rows.append(
                AccessRecord(
                    athlete_id=athlete_id,
                    viewer=viewer,
                    viewer_name=viewer.get_username(),
                    what=what[:120],
                )
            )
    AccessRecord.objects.bulk_create(rows)
    return len(rows)


def access_record_by_link(
    *, athlete_id: int, viewer_name: str, what: str, link_key: str
) -> AccessRecord | None:
    """Record that someone without an account opened `what` of the athlete through a link
    (`link_key` names the link, never its token); the row, or None for a repeat within
    ACCESS_REPEAT_SECONDS of the same view through the same link (as for coaches)."""
    digest = hashlib.sha256(f"link:{link_key}:{athlete_id}:{what}".encode()).hexdigest()[:32]
    if not cache.add(f"access:{digest}", 1, timeout=ACCESS_REPEAT_SECONDS):
        return None
    return AccessRecord.objects.create(
        athlete_id=athlete_id, viewer=None, viewer_name=viewer_name[:150], what=what[:120]
    )
