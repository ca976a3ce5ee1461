"""Form fields that read the same whatever the browser's language.

A phone in Germany writes "82,5" and a date input only understands ISO dates (YYYY-MM-DD),
while Django formats a date for the active language (30.11.2026), which leaves the input empty.
"""

from decimal import Decimal
from typing import Any

from django import forms

from tracker import zones

ISO_DATE = "%Y-%m-%d"


class IsoDateInput(forms.DateInput):
    """`<input type=date>`: its value is always ISO, whatever language Django has active."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format=ISO_DATE)


class IsoDateField(forms.DateField):
    """A date read as ISO first (what date inputs send), then the language's own formats."""

    widget = IsoDateInput
    input_formats = [ISO_DATE]


class DecimalTextInput(forms.TextInput):
    """A decimal keyboard that lets the athlete type a comma (type=number would drop "82,5")."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs={"inputmode": "decimal", "autocomplete": "off", **(attrs or {})})


class DecimalCommaField(forms.DecimalField):
    """A decimal that accepts one decimal comma ("82,5") as well as a point ("82.5").

    No thousands separators are guessed: "1,000" reads as 1.000 and fails the decimal places.
    """

    widget = DecimalTextInput

    # The stubs derive forms.DecimalField from IntegerField; Django's own answers a Decimal.
    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        if isinstance(value, str):
            value = value.strip().replace(" ", "")
            if value.count(",") == 1 and "." not in value:
                value = value.replace(",", ".")
        return super().to_python(value)

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        # DecimalField adds min/max/step for type=number; a text input has no use for them.
        attrs = super().widget_attrs(widget)
        if not isinstance(widget, forms.NumberInput):
            for name in ("min", "max", "step"):
                attrs.pop(name, None)
        return attrs


class ZoneListInput(forms.TextInput):
    """A text input with the real zones as suggestions: the phone's own search, no script."""

    template_name = "partials/datalist_widget.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        base = {"list": "time-zones", "autocomplete": "off", "spellcheck": "false"}
        super().__init__(attrs={**base, **(attrs or {})})

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["widget"]["options"] = zones.choices()
        return context
