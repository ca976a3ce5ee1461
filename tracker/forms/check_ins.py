"""How each region feels after the session (the finish form) and the next morning."""

from collections.abc import Iterable
from datetime import date
from typing import Any

from django import forms
from django.utils import timezone

from tracker.choices import (
    PainRegion,
    RedFlag,
)
from tracker.fields import IsoDateField
from tracker.forms.widgets import SCORES, ChipBoxes, Chips
from tracker.validators import validate_session_date


class RegionScoresForm(forms.Form):
    """A 0-10 score per region for a check-in. A region left unanswered is not recorded."""

    def __init__(self, *args: Any, regions: Iterable[str] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.first_regions = [r for r in PainRegion if r in set(regions)]
        for region in PainRegion:
            self.fields[f"score_{region}"] = forms.TypedChoiceField(
                label=region.label, choices=SCORES, coerce=int, required=False, widget=Chips
            )

    def region_fields_first(self) -> list[forms.BoundField]:
        """The regions that hurt in the session: asked about first."""
        return [self[f"score_{r}"] for r in PainRegion if r in self.first_regions]

    def region_fields_rest(self) -> list[forms.BoundField]:
        return [self[f"score_{r}"] for r in PainRegion if r not in self.first_regions]

    def scores(self) -> dict[str, int]:
        return {
            region.value: self.cleaned_data[f"score_{region}"]
            for region in PainRegion
            if self.cleaned_data.get(f"score_{region}") not in (None, "")
        }


def session_date_in_bounds(value: date) -> None:
    # The active time zone is the athlete's (AthleteTimezoneMiddleware): their today.
    validate_session_date(value, today=timezone.localdate())


class FinishForm(RegionScoresForm):
    """The end of a session: how each region feels now, the bench, notes and red flags."""

    date = IsoDateField(
        validators=[session_date_in_bounds],
        error_messages={"invalid": "Enter a date like 2026-03-02."},
    )
    bench_height_cm = forms.IntegerField(
        label="Bench height (cm)",
        min_value=10,
        max_value=120,
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    bench_stable = forms.TypedChoiceField(
        label="Was the bench steady?",
        required=False,
        widget=Chips,
        empty_value=None,
        choices=[("yes", "Steady"), ("no", "Wobbly"), ("", "Didn't notice")],
        coerce=lambda v: {"yes": True, "no": False}.get(v),
    )
    notes = forms.CharField(
        required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    symptoms = forms.MultipleChoiceField(
        label="Anything of these today?", choices=RedFlag.choices, required=False, widget=ChipBoxes
    )
