"""Sending notifications, in the task runner (django-tasks), never inside a web request:
`deliver` one notice to a person's browsers (e-mail when none takes it), and the periodic
`send_check_in_reminders` for the next-morning check-ins that are due."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from notifications import push, queries, services
from notifications.models import NotificationPreference
from notifications.schedule import zone_of
from notifications.services import Notice
from tracker.models import TrainingSession
from tracker.queries import check_in_due

log = logging.getLogger(__name__)


def _wanted(preference: NotificationPreference | None, kind: str) -> bool:
    if kind == "message":
        return preference is None or preference.messages
    if kind == "check_in":
        return preference is not None and preference.check_in_at is not None
    if kind == "coach_summary":
        return preference is not None and preference.coach_summary_at is not None
    return False


@task()
def deliver(user_id: int, notice: dict[str, Any]) -> dict[str, int]:
    """Push `notice` to every browser of the user; endpoints the push service calls gone are
    deleted. If none took it, e-mail it (when the user allows it and has an address)."""
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return {"sent": 0, "gone": 0, "failed": 0, "emailed": 0}
    preference = queries.preference_or_none(user)
    if not _wanted(preference, notice["kind"]):
        return {"sent": 0, "gone": 0, "failed": 0, "emailed": 0}
    counts = {"sent": 0, "gone": 0, "failed": 0, "emailed": 0}
    payload = {k: notice[k] for k in ("title", "body", "url", "tag")}
    if push.enabled():
        for subscription in queries.subscriptions_of(user):
            outcome = push.send(subscription.info(), payload)
            counts[outcome.value] += 1
            services.record_outcome(subscription, outcome)
    fallback = preference is None or preference.email_fallback
    if not counts["sent"] and fallback and user.email:
        link = settings.SITE_URL.rstrip("/") + notice["url"] if settings.SITE_URL else ""
        text = f"{notice['body']}\n\n{link}".strip()
        counts["emailed"] = send_mail(notice["title"], text, None, [user.email], fail_silently=True)
    return counts


def check_in_notice(session: TrainingSession) -> Notice:
    return Notice(
        kind="check_in",
        title="Morning check-in",
        body=f"How do you feel after yesterday's session ({session.date:%A})? It takes a minute.",
        url=reverse("tracker:next_morning", args=[session.pk]),
        tag="check-in",
    )


@task()
def send_check_in_reminders(now_iso: str = "") -> int:
    """Periodic: each reminder that is due goes out if yesterday's session (the athlete's own
    yesterday) still waits for its next-morning check-in; every due row moves on to the same
    clock time the next day."""
    now = datetime.fromisoformat(now_iso) if now_iso else timezone.now()
    sent = 0
    for preference in queries.due("check_in", now):
        if not services.take_due(preference, "check_in", now=now):
            continue
        user = preference.user
        today = now.astimezone(zone_of(services.zone_name_of(user))).date()
        waiting = check_in_due(user, today)
        if waiting is not None and waiting.date == today - timedelta(days=1):
            services.notify_later(user_id=user.pk, notice=check_in_notice(waiting))
            sent += 1
    return sent
