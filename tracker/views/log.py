"""The athlete's own log: today, history, a session."""

from uuid import uuid4

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from tracker import forms, queries, services


@require_GET
def today(request: HttpRequest) -> HttpResponse:
    local_today = timezone.localdate()
    current = queries.latest_session(request.user, on=local_today)
    recent = queries.history(request.user)[:5]
    context = {"today": local_today, "current": current, "recent": recent, "client_id": uuid4()}
    return render(request, "tracker/today.html", context)


@require_POST
def session_start(request: HttpRequest) -> HttpResponse:
    """Start today's session; the form's client id makes a double tap start only one."""
    session, _ = services.session_start(
        athlete=request.user,
        date=timezone.localdate(),
        client_id=forms.client_id_from(request.POST),
    )
    return redirect("tracker:session", pk=session.pk)


@require_GET
def history(request: HttpRequest) -> HttpResponse:
    page = Paginator(queries.history(request.user), 20).get_page(request.GET.get("page"))
    return render(request, "tracker/history.html", {"page": page})


@require_GET
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = queries.session_with_log(request.user, pk)
    return render(request, "tracker/session_detail.html", {"session": session})
