from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

from django import forms

from advice.causes import CAUSES
from coaching.models import CODE_LENGTH
from coaching.roster import DEFAULT_SORT, FLAGS, SORTS
from coaching.services import normalize_code
from tracker.choices import PainRegion

FLAG_LABELS = {
    "referral": "See a professional",
    "caution": "Worth changing",
    "red_flags": "Red flags",
    "rising_pain": "Pain rising",
    "unread_reply": "Unread reply",
    "load_spike": "Load change",
    "check_in_missing": "No check-in",
    "logging_dropped": "Logging dropped",
    "stopped_logging": "Stopped logging",
}


def roster_query(*, search: str = "", flag: str = "", sort: str = DEFAULT_SORT) -> str:
    """The roster's query string for a search, a filter and an order (the default left out)."""
    given = (("q", search), ("flag", flag), ("sort", "" if sort == DEFAULT_SORT else sort))
    return urlencode({k: v for k, v in given if v})


class RosterFilterForm(forms.Form):
    """The roster's search box, flag filter and order (GET); bad values simply filter
    nothing and keep the default order."""

    q = forms.CharField(
        label="Search by name",
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": "Search by name", "type": "search"}),
    )
    flag = forms.ChoiceField(
        label="Show",
        required=False,
        choices=[("", "Everyone"), *((f, FLAG_LABELS[f]) for f in FLAGS)],
    )
    sort = forms.ChoiceField(label="Sort", required=False, choices=list(SORTS.items()))

    def values(self) -> tuple[str, str, str]:
        """(search, flag, sort); a bad value falls back alone, the others still apply."""
        self.is_valid()  # cleaned_data keeps the fields that are valid
        data = self.cleaned_data
        return data.get("q", ""), data.get("flag", ""), data.get("sort") or DEFAULT_SORT

    @staticmethod
    def chips(
        counts: Mapping[str, int], *, total: int, search: str, current: str, sort: str
    ) -> list[tuple[str, str, bool]]:
        """One link per filter that has athletes (and the one in use): (label, query
        string, current). Links, so they work with one tap and without JavaScript; each
        keeps the search and the order."""
        found = [("Everyone", total, "", not current)]
        found += [
            (FLAG_LABELS[f], counts.get(f, 0), f, f == current)
            for f in FLAGS
            if counts.get(f) or f == current
        ]
        return [
            (f"{label} ({count})", "?" + roster_query(search=search, flag=flag, sort=sort), on)
            for label, count, flag, on in found
        ]

    @staticmethod
    def sorts(*, search: str, flag: str, current: str) -> list[tuple[str, str, bool]]:
        """One link per order, (label, query string, current), each keeping the search and
        the filter."""
        return [
            (label, "?" + roster_query(search=search, flag=flag, sort=sort), sort == current)
            for sort, label in SORTS.items()
        ]


class InvitationForm(forms.Form):
    name = forms.CharField(
        label="Who is it for?",
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": "e.g. Ada Lovelace", "autocomplete": "off"}),
        help_text="Only you see it: the list of waiting invitations says whom you invited.",
    )


class JoinForm(forms.Form):
    code = forms.CharField(
        label="Invitation code",
        max_length=40,
        help_text="8 letters and digits, from your coach.",
        widget=forms.TextInput(
            attrs={"autocapitalize": "characters", "autocomplete": "off", "spellcheck": "false"}
        ),
    )

    def clean_code(self) -> str:
        code = normalize_code(self.cleaned_data["code"])
        if len(code) != CODE_LENGTH:
            raise forms.ValidationError(f"A code has {CODE_LENGTH} letters and digits.")
        return code


class MessageForm(forms.Form):
    """A message in a thread: a reply (the athlete) or a further note (the coach). The page
    draws a fresh client id, so posting the same form twice stores one message."""

    body = forms.CharField(
        label="Your reply",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    client_id = forms.UUIDField(required=False, widget=forms.HiddenInput)


class CommentForm(forms.Form):
    """A note on a session (`session` set) or on a piece of advice (`cause`, maybe `region`)."""

    body = forms.CharField(
        label="Your note",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    client_id = forms.UUIDField(required=False, widget=forms.HiddenInput)
    session = forms.IntegerField(
        required=False, min_value=1, max_value=2**63 - 1, widget=forms.HiddenInput
    )
    cause = forms.ChoiceField(
        required=False, choices=[("", ""), *((c, c) for c in CAUSES)], widget=forms.HiddenInput
    )
    region = forms.ChoiceField(
        required=False, choices=[("", ""), *PainRegion.choices], widget=forms.HiddenInput
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        on_session = data.get("session") is not None
        on_advice = bool(data.get("cause"))
        if on_session == on_advice:
            raise forms.ValidationError("A note goes on one session or one piece of advice.")
        if on_session and data.get("region"):
            raise forms.ValidationError("A session note has no region.")
        return data
