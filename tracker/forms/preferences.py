"""The athlete's settings and the first-run card: unit, bodyweight, bar and plates, rest, zone."""

from decimal import Decimal
from typing import Any

from django import forms

from tracker import plates, units, zones
from tracker.fields import DecimalCommaField, ZoneListInput
from tracker.forms.widgets import Chips
from tracker.models import Profile


class PlatesMixin:
    """The plates field of both forms: "25 20 10" read as sizes, stored normalised."""

    cleaned_data: dict[str, Any]

    def clean_plates(self) -> str:
        if not self.cleaned_data.get("plates"):
            return ""  # the usual plates for the unit
        try:
            owned = plates.parse_plates(self.cleaned_data["plates"])
        except ValueError:
            raise forms.ValidationError(
                "List your plates as numbers with spaces between, e.g. 25 20 10 5 2.5."
            ) from None
        return " ".join(f"{p.normalize():f}" for p in owned)


class SettingsForm(PlatesMixin, forms.ModelForm):
    bodyweight = DecimalCommaField(
        label="Bodyweight",
        required=False,
        min_value=Decimal("20"),
        max_value=Decimal("900"),
        decimal_places=2,
        help_text="Optional.",
    )
    time_zone = forms.CharField(
        max_length=64,
        widget=ZoneListInput,
        help_text="Decides what counts as today. Type a city to search: Berlin, New York.",
        error_messages={"required": "Pick your time zone from the list."},
    )

    bar_weight = DecimalCommaField(
        label="Bar",
        required=False,
        min_value=Decimal("0"),
        max_value=Decimal("100"),
        decimal_places=2,
        help_text="What your barbell weighs empty.",
    )
    plates = forms.CharField(
        label="Plates you have",
        required=False,
        max_length=120,
        help_text="One of each size, with spaces between: 25 20 15 10 5 2.5 1.25. "
        "Steppers move by a pair of the lightest.",
    )

    class Meta:
        model = Profile
        fields = ["unit", "time_zone", "rest_seconds"]
        widgets = {"unit": Chips}

    rest_seconds = forms.IntegerField(
        label="Rest timer (seconds)",
        required=False,
        min_value=0,
        max_value=900,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        help_text="Starts when you log a set. 0 turns it off.",
    )

    field_order = ["unit", "bodyweight", "bar_weight", "plates", "rest_seconds", "time_zone"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Loads are read in the unit the page was shown in, even if the unit changes now.
        self.shown_unit = self.instance.unit
        self.fields["bodyweight"].label = f"Bodyweight ({self.shown_unit})"
        self.fields["bar_weight"].label = f"Bar ({self.shown_unit})"
        self.fields["plates"].label = f"Plates you have ({self.shown_unit})"
        if self.instance.bodyweight_kg is not None:
            self.initial["bodyweight"] = units.plain(self.instance.bodyweight_kg, self.shown_unit)
        kit = plates.kit_for(
            self.shown_unit,
            self.instance.bar_weight,
            self.instance.plates,
            self.instance.plates_unit,
        )
        self.initial["bar_weight"] = Decimal(f"{kit.bar.normalize():f}")  # 20, never 2E+1
        self.initial["plates"] = " ".join(f"{p.normalize():f}" for p in kit.plates)

    def clean_rest_seconds(self) -> int:
        rest = self.cleaned_data.get("rest_seconds")
        return self.instance.rest_seconds if rest is None else rest

    def clean_time_zone(self) -> str:
        zone = zones.real_zone(self.cleaned_data["time_zone"])
        if zone is None:
            raise forms.ValidationError(
                "Pick a time zone from the list: a region and a city, e.g. Europe/Berlin."
            )
        return zone

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        bodyweight, unit = cleaned.get("bodyweight"), self.shown_unit
        if "bodyweight" not in self.changed_data:
            # Untouched: keep the stored kilograms rather than the rounded value shown.
            cleaned["bodyweight_kg"] = self.instance.bodyweight_kg
        elif bodyweight is not None:
            kg = units.to_kg(bodyweight, unit)
            if not Decimal("20") <= kg <= Decimal("400"):
                self.add_error("bodyweight", "That bodyweight looks wrong: check the unit.")
            cleaned["bodyweight_kg"] = kg
        else:
            cleaned["bodyweight_kg"] = None
        return cleaned

    def changes(self) -> dict[str, Any]:
        """What to write (tracker.services.profile_update): bar and plates were read in the
        unit the page was shown in."""
        data = self.cleaned_data
        return {
            "unit": data["unit"],
            "time_zone": data["time_zone"],
            "rest_seconds": data["rest_seconds"],
            "bodyweight_kg": data["bodyweight_kg"],
            "bar_weight": data["bar_weight"],
            "plates": data["plates"],
            "plates_unit": self.shown_unit,
        }


class FirstRunForm(PlatesMixin, forms.ModelForm):
    """Right after sign-up: the unit, and the bar and plates the athlete has (blank: the usual
    ones for that unit)."""

    bar_weight = DecimalCommaField(
        label="Bar", required=False, min_value=Decimal("0"), max_value=Decimal("100"),
        decimal_places=2, help_text="Blank: 20 kg or 45 lb.",
    )  # fmt: skip
    plates = forms.CharField(
        label="Plates you have",
        required=False,
        max_length=120,
        help_text="One of each size, e.g. 25 20 15 10 5 2.5 1.25. Blank: the usual set.",
    )

    class Meta:
        model = Profile
        fields = ["unit"]
        widgets = {"unit": Chips}

    def changes(self) -> dict[str, Any]:
        # Bar and plates are read in the unit chosen on this same form.
        data = self.cleaned_data
        return {
            "unit": data["unit"],
            "bar_weight": data["bar_weight"],
            "plates": data["plates"],
            "plates_unit": data["unit"],
        }
