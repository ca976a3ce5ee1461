"""The forms of the import and account pages."""

from typing import Any

from django import forms
from django.contrib.auth.models import User
from django.utils.datastructures import MultiValueDict

from tracker.choices import Unit
from tracker.forms import Chips
from tracker.portability.reading import MAX_UPLOAD_BYTES, too_large_message

UNIT_HELP = "Strong's current export does not say: pick the unit your Strong app showed."


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Export file",
        help_text=(
            f"A CSV from Strong, Hevy or FitNotes, or the ZIP they gave you (at most "
            f"{MAX_UPLOAD_BYTES // (1024 * 1024)} MB). A Thrustlog export works too."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.zip,.json,.txt,text/csv"}),
    )
    unit = forms.ChoiceField(
        label="Weights in the file are in", choices=Unit, widget=Chips, help_text=UNIT_HELP
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(too_large_message(upload.size))
        return upload


def import_form_refusing(message: str, *, unit: str) -> ImportForm:
    """The upload form again, showing why the file was refused (the file is gone by now)."""
    form = ImportForm(data={"unit": unit}, files=MultiValueDict())
    form.errors["file"] = form.error_class([message])
    return form


class ConfirmImportForm(forms.Form):
    """The preview's form: the unit confirmed, the waiting file's token."""

    token = forms.CharField(widget=forms.HiddenInput, max_length=40)
    unit = forms.ChoiceField(
        label="Weights in the file are in", choices=Unit, widget=Chips, help_text=UNIT_HELP
    )


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("That is not your password.")
        return password
