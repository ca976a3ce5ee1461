"""Forms for the phone pages. Loads are typed in the athlete's unit and handed on in kilograms."""

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any
from uuid import UUID

from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.contrib.auth.models import User
from django.utils import timezone

from tracker import plates, units, zones
from tracker.choices import (
    Equipment,
    Exercise,
    FootDistance,
    Padding,
    PainCharacter,
    PainRegion,
    RedFlag,
    StanceWidth,
    Unit,
)
from tracker.fields import DecimalCommaField, DecimalTextInput, IsoDateField, ZoneListInput
from tracker.models import MAX_LOAD_KG, MAX_REPS, Profile
from tracker.services import PainInput
from tracker.validators import validate_session_date

SCORES = [(str(n), str(n)) for n in range(11)]
HURT_SCORES = SCORES[1:]  # "it hurt" starts at 1; 0 is the default of not ticking the region
RIR_CHOICES = [("", "Not sure"), *SCORES]


class SignUpForm(UserCreationForm):
    email = forms.EmailField(
        required=False, help_text="Optional: only used to reset a forgotten password."
    )
    # Filled by static/js/timezone.js from the phone's own setting (Intl). Without script, or
    # with a name that is no real place ("Factory", "localtime"), the athlete starts on UTC
    # and can pick a zone in Settings: sign-up never fails for it.
    time_zone = forms.CharField(required=False, widget=forms.HiddenInput)

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "email")

    def clean_time_zone(self) -> str:
        return zones.real_zone(self.cleaned_data.get("time_zone")) or zones.DEFAULT


def client_id_from(data: Mapping[str, str], name: str = "client_id") -> UUID | None:
    """The hidden per-render id a form carries, so a resubmitted form is recognised."""
    try:
        return UUID(data.get(name, ""))
    except (ValueError, TypeError):
        return None


class Chips(forms.RadioSelect):
    """Radio buttons drawn as large tap targets (see partials/chips.html)."""

    template_name = "partials/chips_widget.html"


class ChipBoxes(forms.CheckboxSelectMultiple):
    template_name = "partials/chips_widget.html"


def _load_field(unit: str, kit: plates.Kit | None = None, **kwargs: Any) -> forms.DecimalField:
    kit = kit or plates.kit_for(unit)
    step = kit.step
    places = 2 if unit == Unit.KG else 1
    return DecimalCommaField(
        label=f"Load ({unit})",
        min_value=Decimal("0"),
        max_value=units.plain(MAX_LOAD_KG, unit),
        decimal_places=places,
        max_digits=7,
        widget=DecimalTextInput(
            attrs={
                "data-step": f"{step.normalize():f}",
                "data-bar": f"{kit.bar.normalize():f}",
                "data-plates": " ".join(f"{p.normalize():f}" for p in kit.plates),
                "data-unit": unit,
                "aria-describedby": "plates-line",
            }
        ),
        error_messages={
            "min_value": "The load cannot be negative.",
            "max_value": f"That is more than anyone lifts: at most %(limit_value)s {unit}.",
            "max_decimal_places": f"Use at most {places} decimal place(s) in {unit}.",
            "invalid": "Enter the load as a number, e.g. 102.5 or 102,5.",
        },
        **kwargs,
    )


@dataclass(frozen=True)
class RegionPicker:
    """One region's controls in a pain picker, for the template."""

    region: str
    label: str
    hurt: forms.BoundField
    score: forms.BoundField
    character: forms.BoundField | None


class PainPickerMixin:
    """Per region: 'it hurt', a 1-10 score and an optional character. Nothing ticked: no pain."""

    cleaned_data: dict[str, Any]
    fields: dict[str, forms.Field]

    def add_pain_fields(self, *, with_character: bool) -> None:
        for region in PainRegion:
            self.fields[f"hurt_{region}"] = forms.BooleanField(required=False, label=region.label)
            self.fields[f"score_{region}"] = forms.TypedChoiceField(
                choices=HURT_SCORES,
                coerce=int,
                required=False,
                widget=Chips,
                label=f"{region.label}: how much, 1 to 10",
            )
            # The picker itself says nothing needs filling in: "(optional)" would be noise.
            self.fields[f"score_{region}"].hide_optional = True  # type: ignore[attr-defined]
            if with_character:
                self.fields[f"character_{region}"] = forms.ChoiceField(
                    choices=PainCharacter.choices,
                    required=False,
                    widget=Chips,
                    label=f"{region.label}: what kind (optional)",
                )
                self.fields[f"character_{region}"].hide_optional = True  # type: ignore[attr-defined]

    def pickers(self) -> Iterator[RegionPicker]:
        for region in PainRegion:
            yield RegionPicker(
                region=region.value,
                label=region.label,
                hurt=self[f"hurt_{region}"],  # type: ignore[index]
                score=self[f"score_{region}"],  # type: ignore[index]
                character=self[f"character_{region}"]  # type: ignore[index]
                if f"character_{region}" in self.fields
                else None,
            )

    def clean_pain(self) -> list[PainInput]:
        pain = []
        for region in PainRegion:
            if not self.cleaned_data.get(f"hurt_{region}"):
                continue
            score = self.cleaned_data.get(f"score_{region}")
            if f"score_{region}" in self.errors:  # type: ignore[attr-defined]
                continue  # already explained ("not a valid choice")
            if score in (None, ""):
                self.add_error(  # type: ignore[attr-defined]
                    f"score_{region}", f"Give {region.label.lower()} a score from 1 to 10."
                )
                continue
            character = self.cleaned_data.get(f"character_{region}", "")
            pain.append(PainInput(region=region.value, score=score, character=character or ""))
        return pain


class SetForm(PainPickerMixin, forms.Form):
    """One set: load in the athlete's unit, reps, RIR, setup as chips, and optional pain."""

    reps = forms.IntegerField(
        min_value=1,
        max_value=MAX_REPS,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "data-step": "1"}),
        error_messages={
            "min_value": "A set has at least 1 rep.",
            "max_value": f"At most {MAX_REPS} reps in one set.",
        },
    )
    rir = forms.TypedChoiceField(
        label="Reps in reserve",
        choices=RIR_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
        widget=Chips,
    )
    exercise = forms.ChoiceField(choices=Exercise.choices, initial=Exercise.HIP_THRUST)
    exercise_name = forms.CharField(
        label="Name of the other exercise", max_length=100, required=False
    )
    foot_distance = forms.ChoiceField(label="Feet", choices=FootDistance.choices, widget=Chips)
    stance_width = forms.ChoiceField(label="Stance", choices=StanceWidth.choices, widget=Chips)
    padding = forms.ChoiceField(label="Bar padding", choices=Padding.choices, widget=Chips)
    equipment = forms.ChoiceField(label="Equipment", choices=Equipment.choices, widget=Chips)

    field_order = ["load", "reps", "rir"]

    def __init__(
        self,
        *args: Any,
        unit: str,
        stored_load_kg: Decimal | None = None,
        kit: plates.Kit | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.unit = unit
        self.kit = kit or plates.kit_for(unit)
        # Editing a set: an untouched load keeps its stored kilograms, not the rounded
        # display value read back (80 kg shown as 176.4 lb must not become 80.01 kg).
        self.stored_load_kg = stored_load_kg
        self.fields["load"] = _load_field(unit, self.kit)
        self.order_fields(self.field_order)
        self.add_pain_fields(with_character=True)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("exercise") == Exercise.OTHER and not cleaned.get("exercise_name"):
            self.add_error("exercise_name", "Name the exercise.")
        cleaned["pain"] = self.clean_pain()
        if self.stored_load_kg is not None and "load" not in self.changed_data:
            cleaned["load_kg"] = self.stored_load_kg
        elif cleaned.get("load") is not None:
            cleaned["load_kg"] = units.to_kg(cleaned["load"], self.unit)
        return cleaned

    def plate_line(self) -> str:
        """Plates per side for a barbell load (static/js/plates.js redraws it as it changes)."""
        if self["equipment"].value() != Equipment.BARBELL:
            return ""
        try:
            load = Decimal(str(self["load"].value()).strip().replace(",", "."))
        except ArithmeticError:
            return ""
        return plates.describe(load, self.kit) if load.is_finite() and load >= 0 else ""

    def folded_summary(self) -> str:
        """The folded fields' choices in words: "Hip width · Barbell · Hip thrust"."""
        labels = []
        for name in ("stance_width", "equipment", "exercise"):
            value = self[name].value()
            labels.append(dict(self.fields[name].choices).get(value, "not set"))  # type: ignore[attr-defined]
        return " · ".join(str(label) for label in labels)

    def set_fields(self) -> dict[str, Any]:
        """What tracker.services.set_log takes."""
        data = self.cleaned_data
        names = (
            "reps",
            "rir",
            "exercise",
            "exercise_name",
            "foot_distance",
            "stance_width",
            "padding",
            "equipment",
            "load_kg",
            "pain",
        )
        return {name: data[name] for name in names}


class NewSetForm(SetForm):
    """A set to log. Each render carries a fresh id, so a resubmitted form logs it once."""

    client_id = forms.UUIDField(widget=forms.HiddenInput)


def initial_for_set(previous: Any, unit: str) -> dict[str, Any]:
    """The set form prefilled from the previous set, so repeating it is one tap.

    Reps in reserve start at "Not sure": each set's effort is chosen, not carried over.
    """
    if previous is None:
        return {
            "exercise": Exercise.HIP_THRUST,
            "foot_distance": FootDistance.SHINS_VERTICAL,
            "stance_width": StanceWidth.HIP_WIDTH,
            "padding": Padding.THICK,
            "equipment": Equipment.BARBELL,
            "reps": 10,
        }
    return {
        "load": units.plain(previous.load_kg, unit),
        "reps": previous.reps,
        # No "rir": how hard the next set was is the athlete's to say, never copied.
        "exercise": previous.exercise,
        "exercise_name": previous.exercise_name,
        "foot_distance": previous.foot_distance,
        "stance_width": previous.stance_width,
        "padding": previous.padding,
        "equipment": previous.equipment,
    }


def initial_pain(reports: Iterable[Any]) -> dict[str, Any]:
    initial: dict[str, Any] = {}
    for report in reports:
        initial[f"hurt_{report.region}"] = True
        initial[f"score_{report.region}"] = report.score
        initial[f"character_{report.region}"] = report.character
    return initial


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


class SettingsForm(forms.ModelForm):
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

    def clean_plates(self) -> str:
        if not self.cleaned_data.get("plates"):
            return ""  # the defaults for the unit
        try:
            owned = plates.parse_plates(self.cleaned_data["plates"])
        except ValueError:
            raise forms.ValidationError(
                "List your plates as numbers with spaces between, e.g. 25 20 10 5 2.5."
            ) from None
        return " ".join(f"{p.normalize():f}" for p in owned)

    def clean_time_zone(self) -> str:
        zone = zones.real_zone(self.cleaned_data["time_zone"])
        if zone is None:
            raise forms.ValidationError(
                "Pick a time zone from the list: a region and a city, e.g. Europe/Berlin."
            )
        return zone

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
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

    def save(self, commit: bool = True) -> Profile:
        self.instance.bodyweight_kg = self.cleaned_data["bodyweight_kg"]
        self.instance.bar_weight = self.cleaned_data["bar_weight"]
        self.instance.plates = self.cleaned_data["plates"]
        self.instance.plates_unit = self.shown_unit
        return super().save(commit=commit)


class FirstRunForm(forms.ModelForm):
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

    def clean_plates(self) -> str:
        if not self.cleaned_data.get("plates"):
            return ""
        try:
            owned = plates.parse_plates(self.cleaned_data["plates"])
        except ValueError:
            raise forms.ValidationError(
                "List your plates as numbers with spaces between, e.g. 25 20 10 5 2.5."
            ) from None
        return " ".join(f"{p.normalize():f}" for p in owned)

    def save(self, commit: bool = True) -> Profile:
        # Bar and plates are read in the unit chosen on this same form.
        self.instance.bar_weight = self.cleaned_data["bar_weight"]
        self.instance.plates = self.cleaned_data["plates"]
        self.instance.plates_unit = self.cleaned_data["unit"]
        return super().save(commit=commit)
