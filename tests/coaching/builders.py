"""A coach's roster of any size, built fast: users, active links and stored summaries in bulk."""

from datetime import timedelta

from django.contrib.auth.models import User
from django.utils import timezone

from coaching.models import AthleteSummary, CoachLink
from tracker.models import Profile

# Cycled over the athletes so every kind of row is drawn: a referral with red flags, a
# caution, a load spike, rising pain, one who stopped logging, one with nothing to say.
KINDS = ("referral", "caution", "spike", "rising", "stopped", "quiet")


def _facts(kind: str, today) -> dict:
    monday = today - timedelta(days=today.weekday())
    volumes = {(monday - timedelta(weeks=n)).isoformat(): "2000.00" for n in range(1, 5)}
    facts = {
        "computed_on": today,
        "last_session_date": today - timedelta(days=1),
        "weekly_volume": {**volumes, monday.isoformat(): "2100.00"},
        "daily_pain": [[(today - timedelta(days=20)).isoformat(), "knee", 1]],
    }
    if kind == "referral":
        facts |= {
            "advice_cause": "sharp_acute_pain", "advice_severity": "see_professional",
            "advice_title": "A sudden, sharp pain", "advice_region": "hip_bone",
            "red_flags": [[today.isoformat(), "numbness"]],
            "daily_pain": [[today.isoformat(), "hip_bone", 7]],
            "reasons": [["referral", "See a professional: A sudden, sharp pain", today.isoformat()],
                        ["pain_rising", "Hip bone pain rising: 1 to 7/10", monday.isoformat()]],
        }  # fmt: skip
    elif kind == "caution":
        facts |= {"advice_cause": "unpadded_bar", "advice_severity": "caution",
                  "advice_title": "Pad the bar"}  # fmt: skip
    elif kind == "spike":
        facts["weekly_volume"] = {**volumes, monday.isoformat(): "3000.00"}
        facts["reasons"] = [["load_change", "Volume up: ×1.5 the usual week", monday.isoformat()]]
    elif kind == "rising":
        facts["daily_pain"] = [[(today - timedelta(days=2)).isoformat(), "lower_back", 5]]
        facts["reasons"] = [
            ["pain_rising", "Lower back pain rising: 2 to 5/10", monday.isoformat()]
        ]
    elif kind == "stopped":
        facts["last_session_date"] = today - timedelta(days=30)
    return facts


def roster_of(coach, count: int, *, start: int = 0) -> list[User]:
    """`count` athletes linked to `coach`, each with a stored roster row of a known kind."""
    today = timezone.localdate()
    athletes = User.objects.bulk_create(
        User(username=f"r{start + i:03d}-{KINDS[(start + i) % len(KINDS)]}",
             first_name=f"Athlete{start + i:03d}")
        for i in range(count)
    )  # fmt: skip
    Profile.objects.bulk_create(Profile(user=a) for a in athletes)
    CoachLink.objects.bulk_create(CoachLink(coach=coach, athlete=a) for a in athletes)
    AthleteSummary.objects.bulk_create(
        AthleteSummary(athlete=a, **_facts(KINDS[(start + i) % len(KINDS)], today))
        for i, a in enumerate(athletes)
    )
    return athletes
