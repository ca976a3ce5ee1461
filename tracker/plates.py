"""Plate math: what goes on each side of the bar, with the athlete's own bar and plates.

Bar and plates are in the athlete's unit (20 kg with 25 ... 1.25 kg plates, or 45 lb with
45 ... 2.5 lb plates by default). A load the plates cannot make is said so, with the nearest
ones they can, never shown as if it could be loaded.
"""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from tracker.choices import Unit


def _plates(*sizes: str) -> tuple[Decimal, ...]:
    return tuple(Decimal(size) for size in sizes)


DEFAULTS: dict[str, tuple[Decimal, tuple[Decimal, ...]]] = {
    Unit.KG: (Decimal("20"), _plates("25", "20", "15", "10", "5", "2.5", "1.25")),
    Unit.LB: (Decimal("45"), _plates("45", "35", "25", "10", "5", "2.5")),
}
MAX_PLATES = 12


@dataclass(frozen=True)
class Kit:
    """A bar and the plates owned (each in pairs, as many as needed), in one unit."""

    unit: str
    bar: Decimal
    plates: tuple[Decimal, ...]  # heaviest first

    @property
    def step(self) -> Decimal:
        """The smallest change the plates allow: one pair of the lightest."""
        return 2 * self.plates[-1] if self.plates else Decimal(1)


@dataclass(frozen=True)
class Loading:
    per_side: tuple[Decimal, ...]
    exact: bool
    below: Decimal | None = None  # the nearest loads the plates make, when not exact
    above: Decimal | None = None


def parse_plates(text: str) -> tuple[Decimal, ...]:
    """ "25, 20, 2,5" is ambiguous; plates are written with spaces or semicolons between:
    "25 20 15 10 5 2.5 1.25" or "25; 20; 2,5". Raises ValueError on anything else."""
    parts = text.replace(";", " ").split()
    if "," in text and ";" not in text and len(parts) == 1:
        parts = text.split(",")
    try:
        plates = {Decimal(p.strip().replace(",", ".")) for p in parts if p.strip()}
    except InvalidOperation:
        raise ValueError(text) from None
    if not plates or any(p <= 0 or p > 100 or p != p.quantize(Decimal("0.01")) for p in plates):
        raise ValueError(text)
    return tuple(sorted(plates, reverse=True))[:MAX_PLATES]


def kit_for(unit: str, bar: Decimal | None = None, plates: str = "", plates_unit: str = "") -> Kit:
    """The athlete's kit in `unit`; what was set for another unit falls back to the defaults."""
    default_bar, default_plates = DEFAULTS[Unit(unit)]
    if plates_unit and plates_unit != unit:
        return Kit(unit, default_bar, default_plates)
    try:
        owned = parse_plates(plates) if plates else default_plates
    except ValueError:
        owned = default_plates
    return Kit(unit, bar if bar is not None else default_bar, owned)


def _fill(side: Decimal, plates: tuple[Decimal, ...]) -> tuple[list[Decimal], Decimal]:
    loaded: list[Decimal] = []
    for plate in plates:
        while side >= plate and len(loaded) < 20:
            loaded.append(plate)
            side -= plate
    return loaded, side


def load_up(load: Decimal, kit: Kit) -> Loading:
    """The plates per side for `load` (in the kit's unit), heaviest first."""
    if load < kit.bar:
        return Loading((), False, None, kit.bar)
    loaded, left = _fill((load - kit.bar) / 2, kit.plates)
    if left == 0:
        return Loading(tuple(loaded), True)
    below = load - 2 * left
    above = next(
        (
            c
            for c in (below + k * kit.step for k in range(1, 9))
            if _fill((c - kit.bar) / 2, kit.plates)[1] == 0
        ),
        None,
    )
    return Loading(tuple(loaded), False, below, above)


def _n(value: Decimal) -> str:
    return f"{value.normalize():f}"


def describe(load: Decimal, kit: Kit) -> str:
    """The plate line under the load: "Per side: 25 + 10 + 2.5 (bar 20 kg)"."""
    loading = load_up(load, kit)
    if loading.exact and not loading.per_side:
        return f"Just the bar ({_n(kit.bar)} {kit.unit})"
    if loading.exact:
        plates = " + ".join(_n(p) for p in loading.per_side)
        return f"Per side: {plates} (bar {_n(kit.bar)} {kit.unit})"
    if load < kit.bar:
        return f"Lighter than your bar ({_n(kit.bar)} {kit.unit})"
    options = " or ".join(_n(x) for x in (loading.below, loading.above) if x is not None)
    return f"Your plates cannot make {_n(load)} {kit.unit}: {options} {kit.unit}"
