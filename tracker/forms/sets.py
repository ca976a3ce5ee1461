"""A set with its in-set pain: the load in the athlete's unit (handed on in kilograms), reps,
reps in reserve, setup as chips, and a pain picker per region."""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django import forms

from tracker import plates, units
from tracker.choices import (
    Equipment,
    Exercise,
    FootDistance,
    Padding,
    PainCharacter,
    PainRegion,
    PainSide,
    StanceWidth,
    Unit,
)
from tracker.fields import DecimalCommaField, DecimalTextInput
from tracker.forms.widgets import HURT_SCORES, RIR_CHOICES, Chips
from tracker.models import MAX_LOAD_KG, MAX_REPS
from tracker.services import PainInput


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
    side: forms.BoundField | None


def _optional_chips(choices: list[tuple[str, str]], label: str) -> forms.ChoiceField:
    field = forms.ChoiceField(choices=choices, required=False, widget=Chips, label=label)
    field.hide_optional = True  # type: ignore[attr-defined]  # the label says "(optional)"
    return field


class PainPickerMixin:
    """Per region: 'it hurt', a 1-10 score, and optionally its character and side. Nothing
    ticked: no pain."""

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
                self.fields[f"character_{region}"] = _optional_chips(
                    PainCharacter.choices, f"{region.label}: what kind (optional)"
                )
                self.fields[f"side_{region}"] = _optional_chips(
                    PainSide.choices, f"{region.label}: which side (optional)"
                )

    def pickers(self) -> Iterator[RegionPicker]:
        for region in PainRegion:
            yield RegionPicker(
                region=region.value,
                label=region.label,
                hurt=self[f"hurt_{region}"],  # type: ignore[index]
                score=self[f"score_{region}"],  # type: ignore[index]
                character=self._optional(f"character_{region}"),
                side=self._optional(f"side_{region}"),
            )

    def _optional(self, name: str) -> forms.BoundField | None:
        return self[name] if name in self.fields else None  # type: ignore[index]

    def clean_pain(self) -> list[PainInput]:
        pain = []
        for region in PainRegion:
            if not self.cleaned_data.get(f"hurt_{region}"):
                continue
            score = self.cleaned_data.get(f"score_{region}")
            if f"score_{region}" in self.errors:  # type: ignore[attr-defined]
                continue  # already explained ("not a valid choice")
            if not isinstance(score, int):  # not given ("" or None)
                self.add_error(  # type: ignore[attr-defined]
                    f"score_{region}", f"Give {region.label.lower()} a score from 1 to 10."
                )
                continue
            character = self.cleaned_data.get(f"character_{region}") or ""
            side = self.cleaned_data.get(f"side_{region}") or ""
            pain.append(PainInput(region.value, score, character=character, side=side))
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
        cleaned = super().clean() or {}
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
        initial[f"side_{report.region}"] = report.side
    return initial
