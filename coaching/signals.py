"""Remember who coaches (for the Coach tab), and keep roster rows up to date: every change to
an athlete's log (tracker.signals.log_changed, once per transaction, after it commits)
has the task runner refresh their row (coaching.tasks, coaching.summaries)."""

from typing import Any

from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import HttpRequest

from coaching import summaries
from coaching.models import CoachLink
from coaching.tasks import refresh_roster_row
from tracker.models import Profile
from tracker.signals import log_changed

SESSION_FLAG = "is_coach"


@receiver(user_logged_in)
def remember_coach(sender: type, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    """The nav shows the Coach tab from the session, so pages need no profile query."""
    if request is not None and hasattr(request, "session"):
        is_coach = Profile.objects.filter(user=user, is_coach=True).exists()
        request.session[SESSION_FLAG] = is_coach


@receiver(post_save, sender=CoachLink)
@receiver(post_delete, sender=CoachLink)
def forget_coached(sender: type, instance: CoachLink, **kwargs: Any) -> None:
    summaries.forget_coached(instance.athlete_id)


@receiver(log_changed)
def refresh_on_log_change(sender: object, athlete_id: int, **kwargs: object) -> None:
    """The log changed: the task runner brings the athlete's roster row up to date, off the
    request (only for athletes a coach follows: one EXISTS query for the others)."""
    if summaries.is_coached(athlete_id):
        refresh_roster_row.enqueue(athlete_id)
