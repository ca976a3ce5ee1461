"""Request types for the type checker.

Every page is behind the log-in wall (LoginRequiredMiddleware) unless marked
`login_not_required`, so a page's `request.user` is a signed-in `User`, never anonymous: its
views take an `AuthenticatedHttpRequest` (as healthchecks does). The API's views read the
caller through `signed_in` (DRF's permission has already refused anonymous callers).
"""

from django.contrib.auth.models import User
from django.http import HttpRequest
from rest_framework.request import Request


class AuthenticatedHttpRequest(HttpRequest):
    user: User


def signed_in(request: Request) -> User:
    """The API caller (IsAuthenticated has run: anything else is a bug, not a 500 to hide)."""
    user = request.user
    if not isinstance(user, User):
        raise TypeError("An API view ran for a caller who is not signed in.")
    return user
