"""Hand-built aggregate rows, shaped like tracker.aggregates answers them (no database)."""

from datetime import date, timedelta
from decimal import Decimal

MONDAY = date(2026, 3, 2)
TODAY = date(2026, 3, 25)  # a Wednesday, four weeks after MONDAY's week


def week(n: int) -> date:
    """The Monday `n` weeks after MONDAY."""
    return MONDAY + timedelta(weeks=n)


def load(n: int, top: str, *, volume: str = "3000", e1rm: float | None = None) -> dict:
    return {
        "week": week(n),
        "top_load_kg": Decimal(top),
        "volume_kg": Decimal(volume),
        "sets": 3,
        "sessions": 2,
        "e1rm_kg": e1rm,
    }


def pain(n: int, region: str, score: int, timing: str = "after", character: str = "") -> dict:
    return {
        "week": week(n),
        "region": region,
        "timing": timing,
        "character": character,
        "max_score": score,
        "score_sum": score,
        "reports": 1,
    }


def setup_set(padding: str, sets: int, *, feet: str = "shins_vertical", stance: str = "hip_width"):
    return {"padding": padding, "foot_distance": feet, "stance_width": stance, "sets": sets}


def setup_pain(padding: str, region: str, *, worst: int, total: int, reports: int) -> dict:
    return {
        "region": region,
        "set__padding": padding,
        "set__foot_distance": "shins_vertical",
        "set__stance_width": "hip_width",
        "max_score": worst,
        "score_sum": total,
        "reports": reports,
    }


WEEKS = [week(n) for n in range(4)]
