"""Settings, Apps and devices: the API tokens of the account, each revocable."""

from uuid import UUID

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST
from knox.settings import knox_settings

from accounts import queries, services


@require_GET
def devices(request: HttpRequest) -> HttpResponse:
    ttl = knox_settings.TOKEN_TTL
    context = {"tokens": queries.live_tokens(request.user), "ttl_days": ttl.days if ttl else None}
    return render(request, "accounts/devices.html", context)


@require_POST
def device_revoke(request: HttpRequest, public_id: UUID) -> HttpResponse:
    if not services.token_revoke(user=request.user, public_id=public_id):
        raise Http404
    messages.success(request, "That device is signed out.")
    return redirect("accounts:devices")


@require_POST
def devices_revoke_all(request: HttpRequest) -> HttpResponse:
    count = services.tokens_revoke_all(user=request.user)
    messages.success(request, f"Signed out {count} device{'s' if count != 1 else ''}.")
    return redirect("accounts:devices")
