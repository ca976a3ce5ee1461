"""Deleting an account: what goes, and the deletion itself.

Every row an athlete logged hangs off their user with on_delete=CASCADE (sessions, sets, pain
reports, red flags, profile, API token; coach links and coaches' comments on them), so deleting
the user removes it all in one transaction. Coaches keep everything else they wrote.
"""

from django.apps import apps
from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Model, Q

from tracker.models import PainReport, Set, Symptom, TrainingSession
from tracker.portability import exporting, spool


def what_goes(user: User) -> list[tuple[str, int]]:
    """(what, how many) of everything the deletion removes, for the confirmation page."""
    items = [
        ("training sessions", TrainingSession.objects.filter(athlete=user).count()),
        ("sets", Set.objects.filter(athlete=user).count()),
        ("pain reports and check-ins", PainReport.objects.filter(athlete=user).count()),
        ("red flags", Symptom.objects.filter(session__athlete=user).count()),
    ]
    links = _model("coaching", "CoachLink")
    if links is not None:
        mine = links._default_manager.filter(Q(athlete=user) | Q(coach=user), ended_at__isnull=True)
        items.append(("active coach links", mine.count()))
    comments = _model("coaching", "Comment")
    if comments is not None:
        on_you = comments._default_manager.filter(athlete=user).count()
        items.append(("comments coaches wrote on your training", on_you))
        items.append(
            ("comments you wrote as a coach", comments._default_manager.filter(coach=user).count())
        )
    return items


def _model(app: str, name: str) -> type[Model] | None:
    if not apps.is_installed(app):
        return None
    try:
        return apps.get_model(app, name)
    except LookupError:
        return None


def delete_account(user: User) -> None:
    """Remove the user and everything they logged (the cascades do the rest), then the files
    kept for them: uploads waiting for an import, exports waiting for a download."""
    files = [*spool.waiting(user), *exporting.directory().glob(f"{user.pk}-*")]
    with transaction.atomic():
        user.delete()
    for path in files:
        path.unlink(missing_ok=True)
