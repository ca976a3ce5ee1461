"""The advice item the rules produce, and its public JSON shape (contract, section 3)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

# Rising urgency, as in the contract.
SEVERITIES = ("info", "caution", "see_professional")
SEVERITY_RANK = {severity: rank for rank, severity in enumerate(SEVERITIES)}

ITEM_KEYS = ("cause", "severity", "title", "detail", "region", "evidence", "source_section")
# Added after v1 (clients ignore what they do not know): every supporting region, and
# whether the item asks the athlete a question rather than reporting a finding.
EXTRA_KEYS = ("regions", "follow_up")


def as_number(value: float | int | Decimal) -> float | int:
    """A JSON-friendly number: whole values as int, others rounded to 2 decimals."""
    number = float(value)
    if number.is_integer():
        return int(number)
    return round(number, 2)


# What an evidence value measures, for showing it: a pain score out of 10, a load in
# kilograms (shown in the reader's unit), a ratio, a count, or a flag (the value is 1).
EVIDENCE_KINDS = ("pain", "kg", "ratio", "count", "flag")


@dataclass(frozen=True)
class Evidence:
    """One observation behind an item: which week or day, what was measured, the number.

    `metric` is plain words ("hip bone pain after the session"), never a machine value.
    """

    date: date
    metric: str
    value: float | int
    kind: str = "pain"

    def as_dict(self) -> dict[str, object]:
        return {
            "date": self.date.isoformat(),
            "metric": self.metric,
            "value": as_number(self.value),
            "kind": self.kind,
        }


@dataclass(frozen=True)
class AdviceItem:
    """One piece of advice. `strength` orders items of equal severity (higher first)."""

    cause: str
    severity: str
    title: str
    detail: str
    region: str | None
    evidence: tuple[Evidence, ...]
    source_section: str
    strength: float = 0.0
    # Every region that supports the cause (the item appears once for all of them);
    # `region` is the strongest of them.
    regions: tuple[str, ...] = ()
    # A question back to the athlete ("how is it now?") rather than a finding.
    follow_up: bool = False

    def sort_key(self) -> tuple[int, float, str, str]:
        """Most urgent first, then strongest evidence, then cause id and region."""
        return (-SEVERITY_RANK[self.severity], -self.strength, self.cause, self.region or "")

    def as_dict(self) -> dict[str, object]:
        """The contract's keys and EXTRA_KEYS; dates as ISO strings, evidence values as numbers."""
        return {
            "cause": self.cause,
            "severity": self.severity,
            "title": self.title,
            "detail": self.detail,
            "region": self.region,
            "evidence": [entry.as_dict() for entry in self.evidence],
            "source_section": self.source_section,
            "regions": list(self.regions or ((self.region,) if self.region else ())),
            "follow_up": self.follow_up,
        }
