"""Remember who coaches (for the Coach tab). Roster rows follow tracker.signals.log_changed:
see coaching.summaries.
"""

from typing import Any

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest

from coaching import summaries  # noqa: F401  (connects its log_changed receiver)
from tracker.models import Profile

SESSION_FLAG = "is_coach"


@receiver(user_logged_in)
def remember_coach(sender: type, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    """The nav shows the Coach tab from the session, so pages need no profile query."""
    if request is not None and hasattr(request, "session"):
        is_coach = Profile.objects.filter(user=user, is_coach=True).exists()
        request.session[SESSION_FLAG] = is_coach
