"""The athlete's settings: display unit, bodyweight, time zone."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from thrustlog.http import AuthenticatedHttpRequest
from tracker import forms, services
from tracker.preferences import remember


@require_http_methods(["GET", "POST"])
def settings_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    profile = services.profile_for(request.user)
    form = forms.SettingsForm(request.POST if request.method == "POST" else None, instance=profile)
    if request.method == "POST" and form.is_valid():
        remember(request, services.profile_update(athlete=request.user, **form.changes()))
        messages.success(request, "Settings saved.")
        return redirect("tracker:settings")
    status = 400 if form.is_bound else 200
    return render(request, "tracker/settings.html", {"form": form}, status=status)


@require_POST
def first_run(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The set-up card on Today: unit, bar and plates (or "Not now": the usual ones)."""
    profile = services.profile_for(request.user)
    if request.POST.get("action") == "later":
        remember(request, services.profile_update(athlete=request.user, plates_unit=profile.unit))
        return redirect("tracker:today")
    form = forms.FirstRunForm(request.POST, instance=profile)
    if form.is_valid():
        remember(request, services.profile_update(athlete=request.user, **form.changes()))
        messages.success(request, "All set. Start a session when you are at the bench.")
        return redirect("tracker:today")
    return render(request, "tracker/first_run.html", {"form": form}, status=400)
