"""Forms of the reports app: the report's period and notes, a share link, an experiment."""

from datetime import date, timedelta
from typing import Any, cast

from django import forms
from django.db import models

from advice.causes import CAUSES
from reports.models import ChangeField, LoadChange
from reports.report import DEFAULT_WEEKS, MAX_WEEKS, Period
from reports.services import LINK_DAYS
from tracker.choices import Equipment, FootDistance, Padding, PainRegion, StanceWidth
from tracker.fields import IsoDateField
from tracker.forms.widgets import ChipBoxes, Chips
from tracker.validators import EARLIEST_SESSION_DATE

WEEK_CHOICES = [(4, "4 weeks"), (8, "8 weeks"), (12, "12 weeks"), (26, "6 months")]
VALUES: dict[str, type[models.TextChoices]] = {
    ChangeField.PADDING: Padding,
    ChangeField.FOOT_DISTANCE: FootDistance,
    ChangeField.STANCE_WIDTH: StanceWidth,
    ChangeField.EQUIPMENT: Equipment,
    ChangeField.LOAD: LoadChange,
}
YES_NO = [("1", "Include"), ("0", "Leave out")]


class PeriodForm(forms.Form):
    """GET parameters of the report: the last N weeks, or a start (and end) date."""

    weeks = forms.TypedChoiceField(
        label="Period", choices=WEEK_CHOICES, coerce=int, required=False, widget=Chips
    )
    start = IsoDateField(label="Or from", required=False)
    end = IsoDateField(label="To", required=False, help_text="Empty: today.")
    my_notes = forms.ChoiceField(
        label="Your session notes", choices=YES_NO, required=False, widget=Chips
    )
    coach_note = forms.TypedMultipleChoiceField(
        label="Your coach's notes to include", coerce=int, required=False, widget=ChipBoxes
    )

    def __init__(self, *args: Any, today: date, coach_notes: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        choices = [(n.pk, f"{n.coach.get_username()}: {n.body[:60]}") for n in coach_notes]
        cast(forms.ChoiceField, self.fields["coach_note"]).choices = choices
        if not choices:
            del self.fields["coach_note"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        end, start = data.get("end") or self.today, data.get("start")
        if end > self.today + timedelta(days=1) or end < EARLIEST_SESSION_DATE:
            self.add_error("end", f"A date up to {self.today.isoformat()}.")
        elif start is not None and not (EARLIEST_SESSION_DATE <= start <= end):
            self.add_error("start", "A date before the end of the period.")
        elif start is not None and (end - start).days > MAX_WEEKS * 7:
            self.add_error("start", "A period of at most a year.")
        return data

    def period(self) -> Period:
        """The period asked for, or the default (the last 8 weeks) when the form is not valid."""
        if not self.is_bound or not self.is_valid():
            return Period.last_weeks(DEFAULT_WEEKS, self.today)
        end = self.cleaned_data.get("end") or self.today
        if self.cleaned_data.get("start"):
            return Period(self.cleaned_data["start"], end)
        return Period.last_weeks(self.cleaned_data.get("weeks") or DEFAULT_WEEKS, end)

    def include_notes(self) -> bool:
        return not (self.is_bound and self.is_valid() and self.cleaned_data["my_notes"] == "0")

    def coach_note_ids(self) -> list[int]:
        if not (self.is_bound and self.is_valid()):
            return []
        return list(self.cleaned_data.get("coach_note") or [])


class ShareLinkForm(forms.Form):
    label = forms.CharField(
        label="Who it is for",
        max_length=80,
        help_text="Shown to you only, beside the link and in Who opened your log.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "placeholder": "Physio, Dr Ng"}),
    )
    days = forms.TypedChoiceField(
        label="Works for",
        choices=[(d, f"{d} days") for d in LINK_DAYS],
        coerce=int,
        initial=LINK_DAYS[0],
        widget=Chips,
    )
    weeks = forms.TypedChoiceField(
        label="Report period",
        choices=WEEK_CHOICES,
        coerce=int,
        initial=DEFAULT_WEEKS,
        widget=Chips,
        help_text="The weeks up to the day the link is opened.",
    )
    # Chips, not a checkbox: a thumb-sized target. Empty (an old form, a script) is the default.
    include_charts = forms.ChoiceField(
        label="Charts",
        choices=[("0", "Report only"), ("1", "Report and charts")],
        initial="0",
        required=False,
        widget=Chips,
    )
    include_notes = forms.ChoiceField(
        label="Your session notes", choices=YES_NO, initial="1", required=False, widget=Chips
    )
    coach_notes = forms.TypedMultipleChoiceField(
        label="Your coach's notes to include", coerce=int, required=False, widget=ChipBoxes
    )

    def __init__(self, *args: Any, coach_notes: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(n.pk, f"{n.coach.get_username()}: {n.body[:60]}") for n in coach_notes]
        cast(forms.ChoiceField, self.fields["coach_notes"]).choices = choices
        if not choices:
            del self.fields["coach_notes"]


class ExperimentForm(forms.Form):
    """ "I'm trying this": a change, its day and the regions it is meant to help."""

    field = forms.ChoiceField(choices=ChangeField.choices, widget=forms.HiddenInput)
    value = forms.CharField(required=False, max_length=16, label="Change to")
    description = forms.CharField(required=False, max_length=200, label="In your words (optional)")
    started_on = IsoDateField(label="From")
    regions = forms.MultipleChoiceField(
        choices=PainRegion.choices, label="For the pain in", widget=ChipBoxes
    )
    cause = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)

    def __init__(self, *args: Any, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["started_on"].initial = today

    def clean_started_on(self) -> date:
        day = self.cleaned_data["started_on"]
        if not EARLIEST_SESSION_DATE <= day <= self.today + timedelta(days=1):
            raise forms.ValidationError(f"A date up to {self.today.isoformat()}.")
        return day

    def clean_cause(self) -> str:
        cause = self.cleaned_data.get("cause", "")
        if cause and cause not in CAUSES:
            raise forms.ValidationError("Not a cause of the advice.")
        return cause

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        field, value = data.get("field"), data.get("value", "")
        if field in VALUES and value not in VALUES[field].values:
            self.add_error("value", "Pick one of the choices.")
        if field == ChangeField.OTHER:
            data["value"] = ""
            if not data.get("description", "").strip():
                self.add_error("description", "Say what you changed.")
        return data
