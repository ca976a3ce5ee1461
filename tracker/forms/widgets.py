"""What the log's forms share: chip widgets, score choices, the per-render client id."""

from collections.abc import Mapping
from uuid import UUID

from django import forms

SCORES = [(str(n), str(n)) for n in range(11)]
HURT_SCORES = SCORES[1:]  # "it hurt" starts at 1; 0 is the default of not ticking the region
RIR_CHOICES = [("", "Not sure"), *SCORES]


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
