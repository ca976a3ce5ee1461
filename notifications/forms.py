from typing import Any

from django import forms

from notifications.models import NotificationPreference
from tracker.forms.widgets import Chips

ON_OFF = [("1", "Yes"), ("0", "No")]


def _on_off(label: str) -> forms.TypedChoiceField:
    # Chips, not a checkbox: a thumb-sized target (as elsewhere in the app).
    return forms.TypedChoiceField(
        label=label, choices=ON_OFF, coerce=lambda v: v == "1", widget=Chips, required=True
    )


class PreferenceForm(forms.ModelForm):
    """What to be told of, and when (clock times in the person's own time zone)."""

    messages = _on_off("A new note from a coach, or a reply from an athlete")
    email_fallback = _on_off("E-mail me what no phone or browser of mine could receive")

    class Meta:
        model = NotificationPreference
        fields = ["messages", "check_in_at", "coach_summary_at", "email_fallback"]
        labels = {
            "check_in_at": "Remind me of the next-morning check-in at",
            "coach_summary_at": "Each day, tell me which athletes need a look at",
        }
        help_texts = {
            "check_in_at": "Your local time, the morning after a session. Empty: no reminder.",
            "coach_summary_at": "Your local time; only on days when someone needs a look. "
            "Empty: no summary.",
        }
        widgets = {
            "check_in_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "coach_summary_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }

    def __init__(self, *args: Any, coach: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("messages", "email_fallback"):
            self.initial[name] = "1" if getattr(self.instance, name) else "0"
        if not coach:
            del self.fields["coach_summary_at"]
