"""The athlete's own log: today, history, a session and the set form on it."""

from decimal import Decimal
from uuid import uuid4

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from advice.services import advice_for
from thrustlog.http import AuthenticatedHttpRequest
from tracker import forms, queries, records, rows, services, summary, units
from tracker.choices import Exercise
from tracker.models import Set, TrainingSession
from tracker.preferences import kit_of, needs_first_run, rest_of, unit_of


@require_GET
def today(request: AuthenticatedHttpRequest) -> HttpResponse:
    local_today = timezone.localdate()
    recent = list(queries.history(request.user)[:5])
    context = {
        "today": local_today,
        "current": next((s for s in recent if s.date == local_today), None),
        "last": next((s for s in recent if s.date != local_today), None),
        "recent": recent,
        "check_in_due": queries.check_in_due(request.user, local_today),
        "headline": next(iter(advice_for(request.user)), None),
        "client_id": uuid4(),
        "first_run": forms.FirstRunForm(initial={"unit": unit_of(request)})
        if needs_first_run(request)
        else None,
    }
    return render(request, "tracker/today.html", context)


@require_POST
def session_start(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Start today's session; the form's client id makes a double tap start only one."""
    session, _ = services.session_start(
        athlete=request.user,
        date=timezone.localdate(),
        client_id=forms.client_id_from(request.POST),
    )
    return redirect("tracker:session", pk=session.pk)


@require_GET
def history(request: AuthenticatedHttpRequest) -> HttpResponse:
    page = Paginator(queries.history(request.user), 20).get_page(request.GET.get("page"))
    return render(request, "tracker/history.html", {"page": page})


def _session_page(
    request: AuthenticatedHttpRequest,
    session: TrainingSession,
    form: forms.SetForm,
    status: int = 200,
) -> HttpResponse:
    reports = session.pain_reports.all()
    exercise = form["exercise"].value() or Exercise.HIP_THRUST
    name = form["exercise_name"].value() or ""
    context = {
        "last_time": queries.last_time(
            request.user, session, exercise=exercise, exercise_name=name
        ),
        "best": queries.best_set(request.user, exercise=exercise, exercise_name=name),
        # What a set kept offline must beat to be marked a record on the phone (records.js).
        "baseline": queries.record_baseline(
            request.user, exercise=exercise, exercise_name=name, load_kg=Decimal(0)
        ),
        "session": session,
        "form": form,
        "step": kit_of(request).step,
        "rest_seconds": rest_of(request),
        "set_rows": rows.set_rows(session.sets.all(), reports),
        "check_in_pain": [r for r in reports if r.set_id is None],
        "summary": summary.summarise(
            list(session.sets.all()),
            list(reports),
            queries.previous_session_sets(request.user, session),
        )
        if session.finished_at
        else None,
    }
    return render(request, "tracker/session_detail.html", context, status=status)


def _say_logged(request: AuthenticatedHttpRequest, logged: Set) -> None:
    weight = units.display(logged.load_kg, unit_of(request))
    said = f"Set {logged.position} logged: {weight} × {logged.reps}."
    if logged.is_record:
        said += f" ★ New record: {records.describe(logged, weight)}!"
    # "set-logged" starts the rest timer on the page (static/js/rest.js), unless the phone
    # already started it for this set (data-client-id).
    messages.success(request, said, extra_tags=f"set-logged client-{logged.client_id}")


@require_GET
def session_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    session = queries.session_with_log(request.user, pk)
    # The phone sent a set from its outbox and asks for the server's word on it.
    logged = queries.logged_set(session, forms.client_id_from(request.GET, "logged"))
    if logged is not None:
        _say_logged(request, logged)
    unit = unit_of(request)
    previous = queries.previous_set(request.user, session)
    initial = {**forms.initial_for_set(previous, unit), "client_id": uuid4()}
    return _session_page(
        request, session, forms.NewSetForm(initial=initial, unit=unit, kit=kit_of(request))
    )


@require_GET
def records_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    page = Paginator(queries.records_of(request.user), 30).get_page(request.GET.get("page"))
    return render(request, "tracker/records.html", {"page": page})


@require_POST
def set_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    session = queries.session_with_log(request.user, pk)
    form = forms.NewSetForm(request.POST, unit=unit_of(request), kit=kit_of(request))
    if not form.is_valid():
        return _session_page(request, session, form, status=400)
    logged, created = services.set_log(
        athlete=request.user,
        session=session,
        client_id=form.cleaned_data["client_id"],
        **form.set_fields(),
    )
    if created:
        _say_logged(request, logged)
    return redirect(reverse("tracker:session", args=[session.pk]) + "#log")
