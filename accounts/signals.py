"""A changed password ends every API token of the account (shared/contract.md section 2).

Every way Django changes a password (the change and reset forms, the admin, `changepassword`)
goes through `set_password`, which keeps the raw password on the instance until the save is
done: a save that carries one is a password change. Sessions elsewhere end by themselves
(Django checks a session against the password hash).
"""

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models.signals import post_save
from django.dispatch import receiver

from accounts import services


@receiver(post_save, sender=get_user_model())
def revoke_tokens_on_password_change(
    sender: Any, instance: Any, created: bool, **kwargs: Any
) -> None:
    if not created and getattr(instance, "_password", None) is not None:
        services.tokens_revoke_all(user=instance)
