"""Sign-up. Log-in, log-out and passwords are Django's own views (see thrustlog/urls.py)."""

from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from accounts import limits
from accounts.signin import client_address
from tracker.forms import SignUpForm
from tracker.services import athlete_register


@login_not_required
@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("tracker:today")
    form = SignUpForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and limits.over_any(*_signup_limits(request)):
        return limits.too_many(request, "Too many sign-ups from this network: try again later.")
    if request.method == "POST" and form.is_valid():
        try:
            user = athlete_register(
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password1"],
                email=form.cleaned_data.get("email") or "",
                time_zone=form.cleaned_data["time_zone"],
            )
        except IntegrityError:  # the name was taken between the check and the write
            form.add_error("username", "A user with that username already exists.")
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            return redirect("tracker:today")
    return render(request, "registration/signup.html", {"form": form})


def _signup_limits(request: HttpRequest) -> tuple[limits.Limit, ...]:
    # Per address only: the account does not exist yet. Generous: a gym signs up together.
    address = client_address(request) or "unknown"
    return (
        limits.Limit("signup_per_address", address),
        limits.Limit("signup_per_address_daily", address),
    )
