from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest

from tracker.services import profile_for


@receiver(user_logged_in)
def remember_time_zone(sender: object, request: HttpRequest, user: object, **kwargs: object) -> None:
    # Kept in the session so each request can know "today" without a profile query.
    if request is not None and hasattr(request, "session"):
        request.session["time_zone"] = profile_for(user).time_zone  # type: ignore[arg-type]
