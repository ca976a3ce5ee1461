"""`manage.py refresh_roster`: rows computed on an earlier day are recomputed (run it daily)."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from coaching.models import AthleteSummary
from tests.coaching.builders import roster_of
from tests.coaching.conftest import signed_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_stale_rows_are_recomputed_fresh_ones_left_alone(coach, capsys):
    stale, fresh = roster_of(coach, 2)
    yesterday = timezone.localdate() - timedelta(days=1)
    AthleteSummary.objects.filter(athlete=stale).update(computed_on=yesterday)
    call_command("refresh_roster")
    assert "Refreshed 1 roster row(s)." in capsys.readouterr().out
    # Recomputed from the (empty) log: the builder's made-up facts are gone.
    assert AthleteSummary.objects.get(athlete=stale).last_session_date is None
    assert AthleteSummary.objects.get(athlete=fresh).last_session_date is not None


def test_all_recomputes_every_coached_athlete(coach, capsys):
    roster_of(coach, 3)
    call_command("refresh_roster", "--all")
    assert "Refreshed 3 roster row(s)." in capsys.readouterr().out


@pytest.mark.parametrize("model", ["invitation", "coachlink", "comment", "athletesummary"])
def test_the_admin_lists_coaching_rows(coach, model):
    roster_of(coach, 2)
    admin = UserFactory(username="admin", is_staff=True, is_superuser=True)
    response = signed_in(admin).get(reverse(f"admin:coaching_{model}_changelist"))
    assert response.status_code == 200
