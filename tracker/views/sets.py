"""Changing or removing a set or a pain report that was logged by mistake."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from thrustlog.http import AuthenticatedHttpRequest
from tracker import forms, queries, services
from tracker.models import PainReport, Set
from tracker.preferences import kit_of, unit_of


@require_http_methods(["GET", "POST"])
def set_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    logged = queries.set_of(request.user, pk)
    unit = unit_of(request)
    initial = {
        **forms.initial_for_set(logged, unit),
        "rir": "" if logged.rir is None else logged.rir,
        **forms.initial_pain(logged.pain_reports.all()),
    }
    form = forms.SetForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        unit=unit,
        stored_load_kg=logged.load_kg,
        kit=kit_of(request),
    )
    if request.method == "POST" and form.is_valid():
        services.set_update(athlete=request.user, logged_set=logged, **form.set_fields())
        messages.success(request, f"Set {logged.position} changed.")
        return redirect("tracker:session", pk=logged.session_id)
    status = 400 if form.is_bound else 200
    return render(request, "tracker/set_edit.html", {"form": form, "set": logged}, status=status)


def _delete_once_confirmed(
    request: AuthenticatedHttpRequest, row: Set | PainReport, *, what: str, detail: str, done: str
) -> HttpResponse:
    """GET asks (the confirmation page), POST deletes and returns to the row's session."""
    if request.method == "POST":
        services.log_row_delete(athlete=request.user, row=row)
        messages.success(request, done)
        return redirect("tracker:session", pk=row.session_id)
    context = {"what": what, "detail": detail, "cancel": row.session}
    return render(request, "tracker/confirm_delete.html", context)


@require_http_methods(["GET", "POST"])
def set_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    logged = queries.set_of(request.user, pk)
    return _delete_once_confirmed(
        request,
        logged,
        what=f"set {logged.position} of {logged.session.date:%a %-d %b}",
        detail="Its in-set pain reports go with it.",
        done=f"Set {logged.position} deleted, with its pain reports.",
    )


@require_http_methods(["GET", "POST"])
def pain_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    report = queries.pain_report_of(request.user, pk)
    region, timing = report.get_region_display(), report.get_timing_display().lower()
    return _delete_once_confirmed(
        request,
        report,
        what=f"{region.lower()} pain {report.score}/10 ({timing})",
        detail="",
        done=f"{region} pain report deleted.",
    )
