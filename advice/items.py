"""The advice item the rules produce, and its public JSON shape (contract, section 3)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

# Rising urgency, as in the contract.
SEVERITIES = ("info", "caution", "see_professional")
SEVERITY_RANK = {severity: rank for rank, severity in enumerate(SEVERITIES)}

ITEM_KEYS = ("cause", "severity", "title", "detail", "region", "evidence", "source_section")


def as_number(value: float | int | Decimal) -> float | int:
    """A JSON-friendly number: whole values as int, others rounded to 2 decimals."""
    number = float(value)
    if number.is_integer():
        return int(number)
    return round(number, 2)


@dataclass(frozen=True)
class Evidence:
    """One observation behind an item: which week or day, what was measured, the number."""

    date: date
    metric: str
    value: float | int

    def as_dict(self) -> dict[str, object]:
        return {
            "date": self.date.isoformat(),
            "metric": self.metric,
            "value": as_number(self.value),
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

    def sort_key(self) -> tuple[int, float, str, str]:
        """Most urgent first, then strongest evidence, then cause id and region."""
        return (-SEVERITY_RANK[self.severity], -self.strength, self.cause, self.region or "")

    def as_dict(self) -> dict[str, object]:
        """Exactly the contract's keys; dates as ISO strings, evidence values as numbers."""
        return {
            "cause": self.cause,
            "severity": self.severity,
            "title": self.title,
            "detail": self.detail,
            "region": self.region,
            "evidence": [entry.as_dict() for entry in self.evidence],
            "source_section": self.source_section,
        }
