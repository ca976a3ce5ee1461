"""A changed password ends every API token of the account (shared/contract.md section 2), and
no cached copy of a token outlives a change to it or to its user (accounts/authentication.py).

Every way Django changes a password (the change and reset forms, the admin, `changepassword`)
goes through `set_password`, which keeps the raw password on the instance until the save is
done: a save that carries one is a password change. Sessions elsewhere end by themselves
(Django checks a session against the password hash).
"""

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from accounts import authentication, services
from accounts.models import ApiToken


@receiver(post_save, sender=get_user_model())
def revoke_tokens_on_password_change(
    sender: Any, instance: Any, created: bool, **kwargs: Any
) -> None:
    if not created and getattr(instance, "_password", None) is not None:
        services.tokens_revoke_all(user=instance)


@receiver(post_save, sender=get_user_model())
def forget_cached_tokens_of_a_changed_user(
    sender: Any, instance: Any, created: bool, **kwargs: Any
) -> None:
    # Deactivated, renamed, a new password: each request reads the user afresh.
    if not created:
        for digest in ApiToken.objects.filter(user=instance).values_list("digest", flat=True):
            authentication.forget(digest)


@receiver(post_delete, sender=ApiToken)
def forget_a_deleted_token(sender: Any, instance: ApiToken, **kwargs: Any) -> None:
    authentication.forget(instance.digest)


@receiver(post_save, sender=ApiToken)
def refetch_a_changed_token(sender: Any, instance: ApiToken, **kwargs: Any) -> None:
    authentication.refetch(instance.digest)
