"""Saying a red flag is gone: the form shown on the morning check-in and the advice page.

A red-flag symptom keeps its referral until the athlete says it is gone; this is the one
form that says so on the web (the API has /api/v1/red-flags/).
"""

from datetime import date
from typing import Any

from django import forms
from django.utils.formats import date_format

from tracker.choices import RedFlag


class GoneForm(forms.Form):
    """Tick the open red flags that are gone now. Only open ones can be ticked."""

    gone = forms.MultipleChoiceField(
        label="Gone now?", required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, open_flags: dict[str, date], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        gone = self.fields["gone"]
        assert isinstance(gone, forms.MultipleChoiceField)
        gone.choices = [
            (kind, f"{RedFlag(kind).label} (last reported {date_format(day, 'j M Y')})")
            for kind, day in open_flags.items()
        ]

    @property
    def has_flags(self) -> bool:
        gone = self.fields["gone"]
        return isinstance(gone, forms.MultipleChoiceField) and bool(gone.choices)
