"""Signing up (log-in and passwords are Django's own forms)."""

from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.contrib.auth.models import User

from tracker import zones


class SignUpForm(UserCreationForm):
    email = forms.EmailField(
        required=False, help_text="Optional: only used to reset a forgotten password."
    )
    # Filled by static/js/timezone.js from the phone's own setting (Intl). Without script, or
    # with a name that is no real place ("Factory", "localtime"), the athlete starts on UTC
    # and can pick a zone in Settings: sign-up never fails for it.
    time_zone = forms.CharField(required=False, widget=forms.HiddenInput)

    class Meta(UserCreationForm.Meta):  # type: ignore[name-defined]
        model = User
        fields = ("username", "email")

    def clean_time_zone(self) -> str:
        return zones.real_zone(self.cleaned_data.get("time_zone")) or zones.DEFAULT
