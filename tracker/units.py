"""Kilograms are stored; pounds are a way of showing them. One pound is exactly 0.45359237 kg."""

from decimal import ROUND_HALF_UP, Decimal

from tracker.choices import Unit

KG_PER_LB = Decimal("0.45359237")
STORED = Decimal("0.01")  # the database keeps loads to 2 decimals of a kilogram
# What each unit shows and accepts: kg to 2 decimals, lb to 1 (0.01 kg < 0.05 lb, so an
# entered pound value always comes back exactly as typed).
PRECISION = {Unit.KG: Decimal("0.01"), Unit.LB: Decimal("0.1")}
STEP = {Unit.KG: Decimal("2.5"), Unit.LB: Decimal("5")}


def to_kg(value: Decimal, unit: str) -> Decimal:
    kg = value * KG_PER_LB if unit == Unit.LB else value
    return kg.quantize(STORED, rounding=ROUND_HALF_UP)


def from_kg(kg: Decimal, unit: str) -> Decimal:
    value = kg / KG_PER_LB if unit == Unit.LB else kg
    return value.quantize(PRECISION[Unit(unit)], rounding=ROUND_HALF_UP)


def plain(kg: Decimal, unit: str) -> Decimal:
    """A stored load as the athlete types it: 100, 137.8 (no trailing zeros, never 1E+2)."""
    return Decimal(f"{from_kg(Decimal(kg), unit).normalize():f}")


def display(kg: Decimal | None, unit: str) -> str:
    """`102.06` kg shown as "225 lb" or "102.06 kg"."""
    return "" if kg is None else f"{plain(kg, unit)} {unit}"
