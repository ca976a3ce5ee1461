"""The report (page and PDF), share links (Settings, and the pages they open for someone
without an account), and experiments recorded from the advice page."""

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts import limits
from accounts.signin import client_address
from advice.causes import CAUSES
from reports import queries, services
from reports.forms import ExperimentForm, PeriodForm, ShareLinkForm
from reports.models import ShareLink
from reports.pdf import render_pdf
from reports.report import Period, Report
from thrustlog.http import AuthenticatedHttpRequest
from tracker import aggregates, charts
from tracker import queries as log

NEW_LINK = "reports:new-link"  # the session key holding a new link's URL until it is shown
TOO_MANY_GUESSES = "Too many unknown links from this network: try again in an hour."


def _report_from(request: AuthenticatedHttpRequest) -> tuple[PeriodForm, Report]:
    today = log.today_for(request.user)
    default = Period.last_weeks(8, today)
    form = PeriodForm(
        request.GET or None,
        today=today,
        coach_notes=queries.coach_notes_in(request.user, default),
    )
    report = queries.report_for(
        request.user,
        form.period(),
        include_notes=form.include_notes(),
        coach_note_ids=form.coach_note_ids(),
    )
    return form, report


@require_GET
def report_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    services.experiments_sync(athlete=request.user, today=log.today_for(request.user))
    form, report = _report_from(request)
    context = {"form": form, "report": report, "query": request.GET.urlencode()}
    return render(request, "reports/report_page.html", context, status=400 if form.errors else 200)


def _pdf_response(request: HttpRequest, report: Report, filename: str) -> HttpResponse:
    html = render_to_string("reports/document.html", {"report": report}, request=request)
    response = HttpResponse(render_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_GET
def report_pdf(request: AuthenticatedHttpRequest) -> HttpResponse:
    form, report = _report_from(request)
    if form.errors:
        context = {"form": form, "report": report}
        return render(request, "reports/report_page.html", context, status=400)
    name = f"thrustlog-report-{report.period.start:%Y-%m-%d}-{report.period.end:%Y-%m-%d}.pdf"
    return _pdf_response(request, report, name)


# --- share links, the athlete's side --------------------------------------------------------


@require_http_methods(["GET", "POST"])
def share_links(request: AuthenticatedHttpRequest) -> HttpResponse:
    today = log.today_for(request.user)
    notes = queries.coach_notes_in(request.user, Period.last_weeks(26, today))
    form = ShareLinkForm(request.POST or None, coach_notes=notes)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            new = services.share_link_create(
                athlete=request.user,
                label=data["label"],
                days=data["days"],
                weeks=data["weeks"],
                include_charts=data["include_charts"] == "1",
                include_notes=data["include_notes"] != "0",
                coach_note_ids=data.get("coach_notes") or (),
            )
        except services.ShareLinkError as error:
            form.add_error(None, str(error))
        else:
            url = reverse("reports:shared_report", args=[new.token])
            request.session[NEW_LINK] = [request.build_absolute_uri(url), new.link.label]
            return redirect("reports:share_links")
    new_url, new_label = request.session.pop(NEW_LINK, [None, None])
    context = {
        "form": form,
        "links": queries.share_links_of(request.user),
        "now": timezone.now(),
        "new_url": new_url,
        "new_label": new_label,
    }
    return render(request, "reports/share_links.html", context, status=400 if form.errors else 200)


@require_POST
def share_link_revoke(request: AuthenticatedHttpRequest, public_id: UUID) -> HttpResponse:
    if not services.share_link_revoke(athlete=request.user, public_id=public_id):
        raise Http404
    messages.success(request, "The link is revoked: it opens nothing any more.")
    return redirect("reports:share_links")


# --- what a share link opens, for someone without an account ---------------------------------


def _shared(request: HttpRequest, token: str) -> ShareLink:
    """The live link behind the token, or a 404 for unknown, expired and revoked alike.

    Unknown tokens are counted per address: past the limit every token answers 429, so
    guessing learns nothing (a 256-bit token is not guessed anyway; this keeps the log quiet).
    """
    guard = limits.Limit("share_link_failures_per_address", client_address(request) or "unknown")
    if guard.reached():
        raise _TooMany
    link = queries.open_share_link(token)
    if link is None:
        guard.hit()
        raise Http404("No such link.")
    return link


class _TooMany(Exception):
    pass


def _private(response: HttpResponse) -> HttpResponse:
    """Health data behind a secret URL: never cached, never indexed, never sent as a referrer."""
    patch_cache_control(response, private=True, no_store=True)
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def shared_view(view: Any) -> Any:
    """A page a share link opens: no account needed, 404 or 429 as `_shared` says, private."""

    @login_not_required
    @require_GET
    def wrapped(request: HttpRequest, token: str) -> HttpResponse:
        try:
            link = _shared(request, token)
        except _TooMany:
            return _private(limits.too_many(request, TOO_MANY_GUESSES))
        return _private(view(request, link, token))

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def _shared_report(link: ShareLink) -> Report:
    today = log.today_for(link.athlete)
    return queries.report_for(
        link.athlete,
        Period.last_weeks(link.weeks, today),
        include_notes=link.include_notes,
        coach_note_ids=[n.pk for n in link.coach_notes.all()],
    )


@shared_view
def shared_report(request: HttpRequest, link: ShareLink, token: str) -> HttpResponse:
    services.share_link_opened(link=link, what="report (shared link)")
    context = {"report": _shared_report(link), "link": link, "token": token}
    return render(request, "reports/shared_report.html", context)


@shared_view
def shared_pdf(request: HttpRequest, link: ShareLink, token: str) -> HttpResponse:
    services.share_link_opened(link=link, what="report PDF (shared link)")
    report = _shared_report(link)
    return _pdf_response(request, report, f"thrustlog-report-{report.period.end:%Y-%m-%d}.pdf")


@shared_view
def shared_charts(request: HttpRequest, link: ShareLink, token: str) -> HttpResponse:
    if not link.include_charts:
        raise Http404("No such link.")
    services.share_link_opened(link=link, what="charts (shared link)")
    athlete, options = link.athlete, charts.Options.from_query(request.GET)
    today, unit = log.calendar_of(athlete)
    rows = aggregates.chart_rows(
        athlete, load_since=options.load_since(today), since=options.since(today)
    )
    page = charts.build(charts.Rows(**rows), options, unit=unit, today=today)
    context = {"page": page, "link": link, "token": token, "unit": unit}
    if request.GET.get("partial") == "1":
        return render(request, "tracker/partials/charts.html", context)
    return render(request, "reports/shared_charts.html", context)


# --- experiments ----------------------------------------------------------------------------


def _experiment_prefix(request: AuthenticatedHttpRequest) -> str | None:
    prefix = request.POST.get("form", "")
    cause = prefix.removeprefix("try-")
    return prefix if prefix.startswith("try-") and cause in CAUSES else None


@require_POST
def experiment_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    prefix = _experiment_prefix(request)
    form = ExperimentForm(request.POST, today=log.today_for(request.user), prefix=prefix)
    if prefix is None or not form.is_valid():
        errors = "; ".join(str(e) for errors in form.errors.values() for e in errors)
        messages.error(request, f"The experiment was not recorded: {errors or 'try again'}.")
        return redirect("advice:advice")
    data = form.cleaned_data
    services.experiment_record(
        athlete=request.user,
        started_on=data["started_on"],
        field=data["field"],
        value=data["value"],
        regions=data["regions"],
        description=data["description"],
        cause=data["cause"],
    )
    messages.success(
        request, "Recorded. Keep logging pain: in two to four weeks this says whether it helped."
    )
    return redirect(reverse("advice:advice") + "#experiments-title")


@require_POST
def experiment_remove(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    experiment = queries.experiment_of(request.user, pk)
    services.experiment_remove(athlete=request.user, experiment=experiment)
    messages.success(request, "The experiment is removed.")
    return redirect("advice:advice")
