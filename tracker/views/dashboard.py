"""The charts page: weekly load, pain, load against pain, setup and consistency, on a phone.

Coaches get the same page for a linked athlete (/charts/<id>/): `whose_charts` is the one place
that decides whose log is drawn.
"""

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from accounts.services import access_record
from coaching.queries import coached_athlete_or_none
from thrustlog.http import AuthenticatedHttpRequest
from tracker import aggregates, charts, queries
from tracker.preferences import unit_of

# dashboard.js asks for the charts alone (no page around them) when a switch changes. A query
# parameter rather than a header: caches (the service worker's too) key on the URL.
PARTIAL = "partial"


def whose_charts(request: AuthenticatedHttpRequest, athlete: int | None) -> User:
    """The athlete whose log the page draws: yourself, or an athlete you coach through an active
    link. Anyone else (unlinked, ended, unknown) is as good as absent: 404."""
    if athlete is None or athlete == request.user.pk:
        return request.user
    coached = coached_athlete_or_none(request.user, athlete)
    if coached is None:
        raise Http404("No such athlete.")
    access_record(viewer=request.user, athlete_ids=[coached.pk], what="charts")
    return coached


@login_required
@require_GET
def dashboard(request: AuthenticatedHttpRequest, athlete: int | None = None) -> HttpResponse:
    whose = whose_charts(request, athlete)
    options = charts.Options.from_query(request.GET)
    # The athlete's own today: the page runs in the viewer's zone, a coach's may differ.
    today = timezone.localdate() if whose == request.user else queries.today_for(whose)
    rows = aggregates.chart_rows(
        whose, load_since=options.load_since(today), since=options.since(today)
    )
    page = charts.build(charts.Rows(**rows), options, unit=unit_of(request), today=today)
    partial = request.GET.get(PARTIAL) == "1"
    template = "tracker/partials/charts.html" if partial else "tracker/dashboard.html"
    return render(request, template, {"page": page, "athlete": whose})
