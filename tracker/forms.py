from collections.abc import Mapping
from uuid import UUID

from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.contrib.auth.models import User


class SignUpForm(UserCreationForm):
    email = forms.EmailField(
        required=False, help_text="Optional: only used to reset a forgotten password."
    )

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "email")


def client_id_from(data: Mapping[str, str]) -> UUID | None:
    """The hidden per-render id a form carries, so a resubmitted form is recognised."""
    try:
        return UUID(data.get("client_id", ""))
    except ValueError:
        return None
