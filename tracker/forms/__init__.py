"""Forms for the phone pages, one module per job. Loads are typed in the athlete's unit and
handed on in kilograms. Pages import them from here: `from tracker import forms`."""

from tracker.forms.accounts import SignUpForm
from tracker.forms.check_ins import FinishForm, RegionScoresForm, session_date_in_bounds
from tracker.forms.preferences import FirstRunForm, SettingsForm
from tracker.forms.sets import (
    NewSetForm,
    PainPickerMixin,
    RegionPicker,
    SetForm,
    initial_for_set,
    initial_pain,
)
from tracker.forms.widgets import HURT_SCORES, RIR_CHOICES, SCORES, ChipBoxes, Chips, client_id_from

__all__ = [
    "HURT_SCORES", "RIR_CHOICES", "SCORES", "ChipBoxes", "Chips", "FinishForm", "FirstRunForm",
    "NewSetForm", "PainPickerMixin", "RegionPicker", "RegionScoresForm", "SetForm", "SettingsForm",
    "SignUpForm", "client_id_from", "initial_for_set", "initial_pain", "session_date_in_bounds",
]  # fmt: skip
