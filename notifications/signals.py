"""Reminders follow the athlete's clock: a new time zone moves the next ones at once.

The stored next moments are instants; left alone after a move from UTC to Berlin, the next
reminder would still come at the old zone's 07:30.
"""

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone

from notifications import queries, services
from tracker.models import Profile


@receiver(post_save, sender=Profile, dispatch_uid="notifications.retime_on_time_zone")
def retime_on_time_zone(
    sender: type[Profile], instance: Profile, update_fields: frozenset[str] | None, **_: Any
) -> None:
    if update_fields is not None and "time_zone" not in update_fields:
        return
    preference = queries.preference_of_id(instance.user_id)
    if preference is None:
        return
    services.reschedule(preference, now=timezone.now(), zone_name=instance.time_zone)
    preference.save(update_fields=["next_check_in_at", "next_summary_at"])
