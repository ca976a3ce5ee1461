"""The engine's specification is generated from the rules and kept in docs/advice-spec.md."""

from io import StringIO
from pathlib import Path

from django.core.management import call_command

from advice.causes import CATALOGUE_ONLY, CAUSES
from advice.spec import render, triggers

SPEC_FILE = Path(__file__).resolve().parents[2] / "docs" / "advice-spec.md"


def test_every_cause_but_the_catalogue_only_one_has_at_least_one_trigger():
    assert {t.cause for t in triggers()} == set(CAUSES) - CATALOGUE_ONLY


def test_every_cause_has_a_section_in_the_page():
    page = render()
    for cause_id in CAUSES:
        assert f"### `{cause_id}`" in page


def test_the_page_states_the_thresholds_the_rules_use():
    page = render()
    assert "4/10 or more in a region, at any timing" in page  # persistent pain
    assert "more than 10% above the best" in page  # load jump
    assert "nearest 2.5 kg" in page


def test_the_command_prints_the_page():
    out = StringIO()
    call_command("advice_spec", stdout=out)
    assert out.getvalue().strip() == render().strip()


def test_the_committed_page_is_the_generated_one():
    # Regenerate with: python manage.py advice_spec --write
    assert SPEC_FILE.read_text(encoding="utf-8").strip() == render().strip()


def test_the_page_holds_no_unfilled_placeholder():
    page = render()
    assert "{" not in page
    assert "}" not in page


def test_the_page_says_what_the_engine_reads_and_where_the_source_contradicts_itself():
    page = render()
    assert "pain logged on another exercise counts toward the referrals" in page
    assert "The source contradicts itself on hamstrings" in page
    assert "up to 1 day ahead of the athlete's today" in page
