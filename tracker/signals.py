from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest

from tracker.preferences import remember
from tracker.services import profile_for


@receiver(user_logged_in)
def remember_preferences(
    sender: object, request: HttpRequest | None, user: object, **kwargs: object
) -> None:
    if request is not None and hasattr(request, "session"):
        remember(request, profile_for(user))  # type: ignore[arg-type]
