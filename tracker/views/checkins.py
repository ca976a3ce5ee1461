"""How it feels afterwards: finishing a session, and the next-morning check-in."""

from django.contrib import messages
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from thrustlog.http import AuthenticatedHttpRequest
from tracker import forms, queries, services
from tracker.choices import PainTiming
from tracker.models import TrainingSession
from tracker.red_flags import GoneForm


def _wants_json(request: AuthenticatedHttpRequest) -> bool:
    # The phone's outbox (static/js/offline/sync.js) posts the form and asks for JSON: it needs
    # "stored" or "refused, because..." for the entry it sent, not a page.
    return request.headers.get("Accept", "").startswith("application/json")


def _saved(request: AuthenticatedHttpRequest, next_url: str, said: str) -> HttpResponse:
    if _wants_json(request):
        return JsonResponse({"client_id": request.headers.get("X-Client-Id", ""), "next": next_url})
    messages.success(request, said)
    return redirect(next_url)


def _refused(request: AuthenticatedHttpRequest, *forms_: object) -> JsonResponse | None:
    if not _wants_json(request):
        return None
    errors: dict[str, list[str]] = {}
    for form in forms_:
        for field, messages_ in form.errors.items():  # type: ignore[attr-defined]
            errors.setdefault(field, []).extend(messages_)
    return JsonResponse(errors, status=400)


def _scores(session: TrainingSession, timing: str) -> dict[str, int]:
    return {
        f"score_{r.region}": r.score
        for r in session.pain_reports.all()
        if r.timing == timing and r.set_id is None
    }


@require_http_methods(["GET", "POST"])
def session_finish(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    session = queries.session_with_log(request.user, pk)
    initial = {
        "date": session.date,
        "bench_height_cm": session.bench_height_cm,
        "bench_stable": {True: "yes", False: "no", None: ""}[session.bench_stable],
        "notes": session.notes,
        "symptoms": [s.kind for s in session.symptoms.all()],
        **_scores(session, PainTiming.AFTER),
    }
    hurt = queries.regions_that_hurt(session)
    form = forms.FinishForm(
        request.POST if request.method == "POST" else None, initial=initial, regions=hurt
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.session_finish(
            athlete=request.user,
            session=session,
            bench_height_cm=data["bench_height_cm"],
            bench_stable=data["bench_stable"],
            notes=data["notes"],
            symptoms=data["symptoms"],
            after_pain=form.scores(),
            on=data["date"],
        )
        next_url = reverse("tracker:session", args=[session.pk]) + "#summary"
        return _saved(request, next_url, "Session finished. Well done.")
    if form.is_bound and (refused := _refused(request, form)):
        return refused
    status = 400 if form.is_bound else 200
    context = {"session": session, "form": form}
    return render(request, "tracker/session_finish.html", context, status=status)


@require_http_methods(["GET", "POST"])
def next_morning(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    session = queries.session_with_log(request.user, pk)
    hurt = queries.regions_that_hurt(session)
    data = request.POST if request.method == "POST" else None
    form = forms.RegionScoresForm(data, initial=_scores(session, PainTiming.NEXT_DAY), regions=hurt)
    # Open red flags are asked about here too: a red flag stays until the athlete says so.
    gone = GoneForm(data, open_flags=queries.open_red_flags(request.user), prefix="flags")
    if request.method == "POST" and form.is_valid() and gone.is_valid():
        services.check_in(
            athlete=request.user, session=session, timing=PainTiming.NEXT_DAY, scores=form.scores()
        )
        services.symptoms_resolve(
            athlete=request.user,
            kinds=gone.cleaned_data["gone"],
            on=queries.today_for(request.user),
        )
        return _saved(request, reverse("tracker:today"), "Morning check-in saved.")
    if form.is_bound and (refused := _refused(request, form, gone)):
        return refused
    status = 400 if form.is_bound else 200
    context = {"session": session, "form": form, "gone": gone}
    return render(request, "tracker/check_in.html", context, status=status)
