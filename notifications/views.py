"""Settings > Notifications: what to be told of and when, and push on this browser
(static/js/push.js subscribes through the service worker and the API)."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from notifications import push, queries, services
from notifications.forms import PreferenceForm
from notifications.models import NotificationPreference
from thrustlog.http import AuthenticatedHttpRequest
from tracker.models import Profile


@require_http_methods(["GET", "POST"])
def settings_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    coach = Profile.objects.filter(user=request.user, is_coach=True).exists()
    preference = queries.preference_or_none(request.user) or NotificationPreference(
        user=request.user
    )
    form = PreferenceForm(
        request.POST if request.method == "POST" else None, instance=preference, coach=coach
    )
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form.fields}
        services.preference_update(user=request.user, **changes)
        messages.success(request, "Notification settings saved.")
        return redirect("notifications:settings")
    server = push.keys()
    context = {
        "form": form,
        "push_key": server.public if server else "",
        "push_off": push.DISABLED if server is None else "",
        "browsers": queries.subscriptions_of(request.user).count(),
        "has_email": bool(request.user.email),
    }
    return render(
        request, "notifications/settings.html", context, status=400 if form.errors else 200
    )
