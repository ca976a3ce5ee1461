"""Coaching pages: the roster, invitations, links, and a read-only view of a linked athlete.

Every page about an athlete starts with `queries.coached_athlete(request.user, athlete_id)`
(404 without an active link) and then reads the log through tracker.queries with that athlete
as argument: the same reads the athlete's own pages make, and none of their forms.
"""

from collections import Counter
from uuid import uuid4

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts import limits, two_step
from accounts.services import access_record
from accounts.signin import client_address
from advice.services import advice_in_unit
from coaching import queries, services
from coaching.forms import CommentForm, InvitationForm, JoinForm, RosterFilterForm, roster_query
from coaching.models import AthleteSummary
from coaching.qr import qr_svg
from coaching.roster import ordered, roster_row
from coaching.signals import SESSION_FLAG
from thrustlog.http import AuthenticatedHttpRequest
from tracker import queries as log

TOO_MANY_CODES = "Too many wrong invitation codes: try again in an hour, or ask your coach."


ROSTER_PAGE = 50  # rows drawn per page; the chips still count everyone


@require_GET
def roster(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = RosterFilterForm(request.GET)
    search, flag, sort = form.values()
    everyone = queries.roster(request.user, today=timezone.localdate(), search=search)
    rows = [row for row in everyone if flag in row.flags] if flag else everyone
    counts = Counter(f for row in everyone for f in row.flags)
    page = Paginator(ordered(rows, sort), ROSTER_PAGE).get_page(request.GET.get("page"))
    context = {
        "rows": page.object_list,
        "page": page,
        "page_query": roster_query(search=search, flag=flag, sort=sort),
        "chips": form.chips(counts, total=len(everyone), search=search, current=flag, sort=sort),
        "sorts": form.sorts(search=search, flag=flag, current=sort),
        "sort": sort,
        "filtered": bool(search or flag),
        "form": form,
        "invitations": list(queries.open_invitations(request.user)),
        "invitation_form": InvitationForm(),
        # Coaches first: they see other people's health data.
        "offer_two_step": not two_step.is_on(request.user),
    }
    access_record(
        viewer=request.user,
        athlete_ids=[row.athlete_id for row in page.object_list],
        what="roster summary",
    )
    return render(request, "coaching/roster.html", context)


@require_POST
def invitation_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = InvitationForm(request.POST)
    name = form.cleaned_data["name"] if form.is_valid() else ""
    invitation = services.invitation_create(coach=request.user, name=name)
    request.session[SESSION_FLAG] = True  # the Coach tab, from now on
    return redirect("coaching:invitation", pk=invitation.pk)


@require_GET
def invitation_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    invitation = queries.invitation_of(request.user, pk)
    join_url = request.build_absolute_uri(reverse("coaching:join_code", args=[invitation.code]))
    context = {
        "invitation": invitation,
        "join_url": join_url,
        "qr": qr_svg(join_url),
        "now": timezone.now(),
    }
    return render(request, "coaching/invitation.html", context)


@require_POST
def invitation_cancel(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    services.invitation_cancel(
        coach=request.user, invitation=queries.invitation_of(request.user, pk)
    )
    messages.success(request, "Invitation withdrawn.")
    return redirect("coaching:roster")


@require_http_methods(["GET", "POST"])
def join(request: AuthenticatedHttpRequest) -> HttpResponse:
    """An athlete types a code; the next page says whose it is before anything is shared."""
    form = JoinForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        return redirect("coaching:join_code", code=form.cleaned_data["code"])
    status = 400 if form.is_bound else 200
    return render(request, "coaching/join.html", {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
def join_code(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """GET asks (whose invitation, what they will see), POST accepts.

    Wrong codes are counted per account and per address: once either has failed too often,
    every code, right or wrong, answers the same 429, so guessing learns nothing.
    """
    guard = _code_limits(request)
    if limits.reached_any(*guard):
        return limits.too_many(request, TOO_MANY_CODES)
    if request.method == "POST":
        try:
            link = services.invitation_accept(athlete=request.user, code=code)
        except services.InvitationError as error:
            limits.over_any(*guard)
            messages.error(request, str(error))
            return redirect("coaching:coaches")
        messages.success(request, f"{link.coach.get_username()} now coaches you.")
        return redirect("coaching:coaches")
    invitation = queries.invitation_to_accept(services.normalize_code(code))
    if invitation is None:
        limits.over_any(*guard)
    own = invitation is not None and invitation.coach_id == request.user.pk
    context = {"invitation": invitation, "own": own, "form": JoinForm()}
    return render(request, "coaching/join_code.html", context, status=200 if invitation else 404)


@require_GET
def coaches(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The athlete's side: who coaches me, end a link, join with a code."""
    context = {"links": list(queries.coaches_of(request.user)), "form": JoinForm()}
    return render(request, "coaching/coaches.html", context)


@require_http_methods(["GET", "POST"])
def link_end(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    link = queries.active_link_of(request.user, pk)
    as_coach = link.coach_id == request.user.pk
    if request.method == "POST":
        services.link_end(link=link, by=request.user)
        if as_coach:
            messages.success(request, f"You no longer coach {link.athlete.get_username()}.")
            return redirect("coaching:roster")
        messages.success(request, f"{link.coach.get_username()} no longer sees your log.")
        return redirect("coaching:coaches")
    return render(request, "coaching/link_end.html", {"link": link, "as_coach": as_coach})


# --- a linked athlete, read-only -----------------------------------------------------------


@require_GET
def athlete_detail(request: AuthenticatedHttpRequest, athlete_id: int) -> HttpResponse:
    athlete = queries.coached_athlete(request.user, athlete_id)
    access_record(viewer=request.user, athlete_ids=[athlete.pk], what="history")
    summary = AthleteSummary.objects.filter(athlete=athlete).first()
    unread = queries.unread_replies(request.user, athlete=athlete)
    page = Paginator(log.history(athlete), 20).get_page(request.GET.get("page"))
    context = {
        "athlete": athlete,
        "row": roster_row(athlete, summary, timezone.localdate(), unread.get(athlete.pk)),
        "threads": queries.threads_between(request.user, athlete),
        "link": queries.link_between(request.user, athlete),
        "page": page,
    }
    return render(request, "coaching/athlete.html", context)


@require_GET
def athlete_session(request: AuthenticatedHttpRequest, athlete_id: int, pk: int) -> HttpResponse:
    athlete = queries.coached_athlete(request.user, athlete_id)
    session = log.session_with_log(athlete, pk)
    threads = queries.threads_on_session(session, request.user)
    for thread in threads:  # the coach has now seen the athlete's replies
        services.thread_read(thread=thread, reader=request.user)
    context = {
        "athlete": athlete,
        "session": session,
        "threads": threads,
        "client_id": uuid4(),
    }
    access_record(
        viewer=request.user, athlete_ids=[athlete.pk], what=f"session of {session.date.isoformat()}"
    )
    return render(request, "coaching/session.html", context)


@require_GET
def athlete_advice(request: AuthenticatedHttpRequest, athlete_id: int) -> HttpResponse:
    athlete = queries.coached_athlete(request.user, athlete_id)
    access_record(viewer=request.user, athlete_ids=[athlete.pk], what="advice")
    threads = queries.threads_on_advice(athlete, request.user)
    for shown in threads.values():
        for thread in shown:
            services.thread_read(thread=thread, reader=request.user)
    advice, unit = advice_in_unit(athlete, coach=True)
    items = [(item, threads.get((item.cause, item.region or ""), [])) for item in advice]
    context = {"athlete": athlete, "items": items, "unit": unit, "client_id": uuid4()}
    return render(request, "coaching/advice.html", context)


@require_POST
def note_create(request: AuthenticatedHttpRequest, athlete_id: int) -> HttpResponse:
    athlete = queries.coached_athlete(request.user, athlete_id)
    form = CommentForm(request.POST)
    if not form.is_valid():
        messages.error(request, "The note was not saved: write 1 to 1000 characters.")
        return redirect("coaching:athlete", athlete_id=athlete.pk)
    data = form.cleaned_data
    session = None
    if data["session"] is not None:
        session = get_object_or_404(log.sessions_of(athlete), pk=data["session"])
    try:
        services.comment_add(
            coach=request.user,
            athlete=athlete,
            body=data["body"],
            session=session,
            cause=data["cause"],
            region=data["region"],
            client_id=data["client_id"],
        )
    except services.MessageError as error:
        messages.error(request, f"The note was not saved: {error}")
        return redirect("coaching:athlete", athlete_id=athlete.pk)
    messages.success(request, "Note saved: the athlete sees it next to what it is about.")
    if session is not None:
        return redirect("coaching:athlete_session", athlete_id=athlete.pk, pk=session.pk)
    return redirect("coaching:athlete_advice", athlete_id=athlete.pk)


def _code_limits(request: AuthenticatedHttpRequest) -> tuple[limits.Limit, ...]:
    address = client_address(request) or "unknown"
    return (
        limits.Limit("invitation_failures_per_account", str(request.user.pk)),
        limits.Limit("invitation_failures_per_address", address),
    )
