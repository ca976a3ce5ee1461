"""The athlete's settings: display unit, bodyweight, time zone."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from tracker import forms, services
from tracker.preferences import remember


@require_http_methods(["GET", "POST"])
def settings_page(request: HttpRequest) -> HttpResponse:
    profile = services.profile_for(request.user)
    form = forms.SettingsForm(request.POST if request.method == "POST" else None, instance=profile)
    if request.method == "POST" and form.is_valid():
        remember(request, form.save())
        messages.success(request, "Settings saved.")
        return redirect("tracker:settings")
    status = 400 if form.is_bound else 200
    return render(request, "tracker/settings.html", {"form": form}, status=status)
