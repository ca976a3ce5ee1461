"""Conversations: a thread's page (read, reply), marking it read, and the list of one's
threads. Either participant uses the same pages; coaching.queries decides who may see what
(the athlete always, the coach while the link is active), anyone else gets a 404."""

from uuid import uuid4

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.services import access_record
from coaching import queries, services
from coaching.forms import MessageForm
from coaching.models import Thread
from thrustlog.http import AuthenticatedHttpRequest


def _back(request: AuthenticatedHttpRequest, thread: Thread) -> HttpResponse:
    """To the page the form was on (Today, a session), or the thread's own page."""
    wanted = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return redirect(wanted if wanted and safe else thread_url(thread))


def thread_url(thread: Thread) -> str:
    return reverse("coaching:thread", args=[thread.pk])


@require_GET
def inbox(request: AuthenticatedHttpRequest) -> HttpResponse:
    threads = queries.inbox(request.user)
    return render(request, "coaching/inbox.html", {"threads": threads})


@require_http_methods(["GET", "POST"])
def thread(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """GET shows the thread and marks it read (the new messages stay marked on this view);
    POST adds the viewer's message."""
    current = queries.thread_of(request.user, pk)
    form = MessageForm(request.POST or None, initial={"client_id": uuid4()})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.message_post(
                    thread=current,
                    author=request.user,
                    body=form.cleaned_data["body"],
                    client_id=form.cleaned_data["client_id"],
                )
            except services.MessageError as error:
                form.add_error("body", str(error))
            except PermissionError:
                messages.error(request, "This conversation is closed: the coaching link ended.")
                return redirect(thread_url(current))
            else:
                messages.success(request, "Sent.")
                return _back(request, current)
        status = 400
    else:
        services.thread_read(thread=current, reader=request.user)
    if current.as_coach:  # type: ignore[attr-defined]
        access_record(viewer=request.user, athlete_ids=[current.athlete_id], what="conversation")
    context = {"thread": current, "form": form, "client_id": uuid4()}
    return render(request, "coaching/thread.html", context, status=status)


@require_POST
def thread_read(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    current = queries.thread_of(request.user, pk)
    services.thread_read(thread=current, reader=request.user)
    return _back(request, current)
