"""Settings, Apps and devices: the API tokens of the account, each revocable."""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.views import PasswordResetView
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST
from knox.settings import knox_settings

from accounts import limits, queries, services
from accounts.signin import client_address
from thrustlog.http import AuthenticatedHttpRequest


@require_GET
def devices(request: AuthenticatedHttpRequest) -> HttpResponse:
    ttl = knox_settings.TOKEN_TTL
    context = {"tokens": queries.live_tokens(request.user), "ttl_days": ttl.days if ttl else None}
    return render(request, "accounts/devices.html", context)


@require_POST
def device_revoke(request: AuthenticatedHttpRequest, public_id: UUID) -> HttpResponse:
    if not services.token_revoke(user=request.user, public_id=public_id):
        raise Http404
    messages.success(request, "That device is signed out.")
    return redirect("accounts:devices")


@require_POST
def devices_revoke_all(request: AuthenticatedHttpRequest) -> HttpResponse:
    count = services.tokens_revoke_all(user=request.user)
    messages.success(request, f"Signed out {count} device{'s' if count != 1 else ''}.")
    return redirect("accounts:devices")


class LimitedPasswordResetView(PasswordResetView):
    """Django's reset view, sending at most a few e-mails per address asked for and per network.

    Over the per-e-mail limit the answer is the usual "check your inbox" page, sent or not: it
    must never tell whether an address has an account.
    """

    def form_valid(self, form):
        address = client_address(self.request) or "unknown"
        if limits.Limit("password_reset_per_address", address).hit():
            return limits.too_many(
                self.request, "Too many password resets from this network: try again later."
            )
        email = form.cleaned_data["email"].strip().casefold()
        if limits.Limit("password_reset_per_email", email).hit():
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)


ACCESS_PAGE_SIZE = 50


@require_GET
def access_log(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Settings, Who opened your log: every visit of a coach to the athlete's data."""
    page = Paginator(queries.accesses_of(request.user), ACCESS_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "accounts/access_log.html", {"page": page})
