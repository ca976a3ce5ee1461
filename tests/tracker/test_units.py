"""Kilograms are stored, pounds are shown: what an athlete types comes back exactly as typed."""

from decimal import Decimal

import pytest

from tracker import units
from tracker.models import MAX_LOAD_KG

TENTH = Decimal("0.1")
HUNDREDTH = Decimal("0.01")


def test_one_pound_is_exactly_0_45359237_kg():
    assert units.to_kg(Decimal("100"), "lb") == Decimal("45.36")
    assert units.to_kg(Decimal("1000000"), "lb") == Decimal("453592.37")


def test_every_pound_value_with_one_decimal_comes_back_as_typed():
    # Every load an lb athlete can type, 0 to the heaviest allowed (2204.6 lb), stored in kg.
    top = units.from_kg(MAX_LOAD_KG, "lb")
    typed = [TENTH * n for n in range(int(top / TENTH) + 1)]
    wrong = [lb for lb in typed if units.from_kg(units.to_kg(lb, "lb"), "lb") != lb]
    assert wrong == []
    assert typed[-1] == Decimal("2204.6")


def test_every_kilogram_value_with_two_decimals_comes_back_as_typed():
    typed = (HUNDREDTH * n for n in range(int(MAX_LOAD_KG / HUNDREDTH) + 1))
    wrong = [kg for kg in typed if units.from_kg(units.to_kg(kg, "kg"), "kg") != kg]
    assert wrong == []


def test_a_kilogram_load_shown_in_pounds_and_typed_back_moves_at_most_0_03_kg():
    # 0.05 lb (half the shown precision) is 0.0227 kg, plus 0.005 kg of storage rounding.
    typed = (HUNDREDTH * n for n in range(0, int(MAX_LOAD_KG / HUNDREDTH) + 1, 7))
    worst = max(abs(units.to_kg(units.from_kg(kg, "lb"), "lb") - kg) for kg in typed)
    assert worst <= Decimal("0.03")


def test_kilograms_are_stored_to_two_decimals_rounding_half_up():
    assert units.to_kg(Decimal("100.125"), "kg") == Decimal("100.13")
    assert units.to_kg(Decimal("225"), "lb") == Decimal("102.06")


def test_pounds_are_shown_to_one_decimal():
    assert units.from_kg(Decimal("60"), "lb") == Decimal("132.3")


@pytest.mark.parametrize(
    ("kg", "unit", "shown"),
    [
        (Decimal("60"), "lb", "132.3 lb"),
        (Decimal("102.06"), "lb", "225 lb"),
        (Decimal("100.00"), "kg", "100 kg"),
        (Decimal("102.50"), "kg", "102.5 kg"),
        (Decimal("0"), "kg", "0 kg"),
        (Decimal("1000"), "lb", "2204.6 lb"),
    ],
)
def test_a_load_is_shown_without_trailing_zeros_or_exponents(kg, unit, shown):
    assert units.display(kg, unit) == shown


def test_no_load_is_shown_as_nothing():
    assert units.display(None, "lb") == ""
