"""The second step of signing in, and Settings, Two-step sign-in."""

import time
from base64 import b32encode
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import get_user_model, login
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login

from accounts import limits, two_step
from accounts.signin import client_address
from coaching.queries import coaches_anyone
from thrustlog.http import AuthenticatedHttpRequest

PENDING = "two_step_pending"
# The second step must follow the first within this many seconds.
PENDING_SECONDS = 5 * 60


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=20,
        help_text="6 digits from your authenticator app, or one of your recovery codes.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "text"}),
    )


class TwoStepLoginView(LoginView):
    """Django's log-in; an account with two-step sign-in is only signed in after its code."""

    def form_valid(self, form):
        user = form.get_user()
        self.signing_in = user
        if not two_step.is_on(user):
            return super().form_valid(form)
        self.request.session.cycle_key()
        self.request.session[PENDING] = {
            "user": user.pk,
            "backend": user.backend,
            "next": self.get_success_url(),
            "at": time.time(),
        }
        return redirect("two_step_verify")

    def get_default_redirect_url(self) -> str:
        # A coach's day starts with who needs attention; the Today tab is one tap away for
        # a coach who also trains.
        user = getattr(self, "signing_in", None)
        if user is not None and coaches_anyone(user):
            return reverse("coaching:roster")
        return super().get_default_redirect_url()


def _pending_user(request: HttpRequest) -> tuple[Any, Any]:
    pending = request.session.get(PENDING)
    if not pending or time.time() - pending.get("at", 0) > PENDING_SECONDS:
        return None, None
    user = get_user_model().objects.filter(pk=pending["user"], is_active=True).first()
    return user, pending


@login_not_required
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    user, pending = _pending_user(request)
    if user is None:
        request.session.pop(PENDING, None)
        messages.error(request, "Sign in again: the two-step sign-in took too long.")
        return redirect("login")
    form = CodeForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        guard = (
            limits.Limit("two_step_failures_per_account", str(user.pk)),
            limits.Limit("two_step_failures_per_address", client_address(request) or "unknown"),
        )
        if limits.reached_any(*guard):
            request.session.pop(PENDING, None)
            return limits.too_many(request, "Too many wrong codes: sign in again later.")
        device = two_step.verify(user=user, code=form.cleaned_data["code"])
        if device is not None:
            request.session.pop(PENDING, None)
            login(request, user, backend=pending["backend"])
            otp_login(request, device)
            safe = url_has_allowed_host_and_scheme(
                pending["next"], allowed_hosts={request.get_host()}, require_https=False
            )
            return redirect(pending["next"] if safe else "tracker:today")
        limits.over_any(*guard)
        form.add_error("code", "That code is not right (or was already used).")
    status = 400 if form.is_bound else 200
    return render(request, "accounts/two_step_verify.html", {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
def settings_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Turn two-step sign-in on (scan, confirm with a code, keep the recovery codes) or off."""
    user = request.user
    action = request.POST.get("action") if request.method == "POST" else None
    form = CodeForm(request.POST if action in {"confirm", "off", "renew"} else None)
    context: dict = {"on": two_step.is_on(user), "form": form}
    if action == "start":
        context["app"] = two_step.app_start(user=user)
    elif action == "confirm" and form.is_valid():
        codes = two_step.app_confirm(user=user, code=form.cleaned_data["code"])
        if codes is None:
            form.add_error("code", "That code is not right: try the newest one.")
            context["app"] = two_step.pending_app(user)
        else:
            context.update(on=True, codes=codes, form=CodeForm())
    elif action in {"off", "renew"} and form.is_valid():
        if two_step.verify(user=user, code=form.cleaned_data["code"]) is None:
            form.add_error("code", "That code is not right (or was already used).")
        elif action == "off":
            two_step.turn_off(user=user)
            messages.success(request, "Two-step sign-in is off.")
            return redirect("two_step_settings")
        else:
            context.update(codes=two_step.recovery_codes_renew(user=user), form=CodeForm())
    elif action == "confirm":
        context["app"] = two_step.pending_app(user)
    if context.get("app") is not None:
        context["secret"] = b32encode(context["app"].bin_key).decode()
    if context["on"]:
        context["left"] = two_step.recovery_codes_left(user)
    status = 400 if form.errors else 200
    return render(request, "accounts/two_step.html", context, status=status)


class AdminLoginForm(AdminAuthenticationForm):
    """The admin's log-in takes a password only: accounts with two steps sign in on the site."""

    def confirm_login_allowed(self, user) -> None:
        super().confirm_login_allowed(user)
        if two_step.is_on(user):
            raise forms.ValidationError(
                "This account signs in in two steps: sign in on the site, then open the admin.",
                code="two_step",
            )
