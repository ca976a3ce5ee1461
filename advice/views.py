"""The athlete's advice page, and saying a red flag is gone from it."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from advice.causes import CAUSES
from advice.services import advice_for
from reports.services import experiments_sync
from thrustlog.http import AuthenticatedHttpRequest
from tracker import queries, services
from tracker.choices import RedFlag
from tracker.red_flags import GoneForm


@require_GET
def advice_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    today = timezone.localdate()  # the athlete's zone, from the session (no query)
    # Changes the log shows become experiments before the advice is read: their "what helped"
    # notes are part of it (reports.services, reports.detect).
    experiments_sync(athlete=request.user, today=today)
    items = advice_for(request.user)
    open_flags = queries.open_red_flags(request.user)
    cards = [
        (item, [(k, RedFlag(k).label) for k in CAUSES[item.cause].symptoms if k in open_flags])
        for item in items
    ]
    context = {
        "cards": cards,
        "chart_url": reverse("tracker:dashboard"),
        "check_in_url": reverse("tracker:today"),
        "today": today,
    }
    return render(request, "advice/advice.html", context)


@require_POST
def resolve(request: AuthenticatedHttpRequest) -> HttpResponse:
    """A red flag the athlete says is gone (only an open one can be): its referral ends."""
    form = GoneForm(request.POST, open_flags=queries.open_red_flags(request.user), prefix="flags")
    if form.is_valid() and form.cleaned_data["gone"]:
        kinds = form.cleaned_data["gone"]
        services.symptoms_resolve(
            athlete=request.user, kinds=kinds, on=queries.today_for(request.user)
        )
        names = ", ".join(RedFlag(k).label.lower() for k in kinds)
        messages.success(request, f"Noted: {names} gone. Report it again if it comes back.")
    else:
        messages.error(request, "That red flag is not open any more.")
    return redirect("advice:advice")
