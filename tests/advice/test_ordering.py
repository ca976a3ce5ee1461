"""What `advise` promises about its list: one item per cause and region, most urgent first,
and the contract's JSON shape."""

import json
from datetime import date

from advice.items import AdviceItem, Evidence
from tests.advice.builders import advice_for, character, day, loads, loads_with_jump, pains, symptom

CONTRACT_KEYS = {"cause", "severity", "title", "detail", "region", "evidence", "source_section"}


def _item(cause, severity, strength, region=None):
    return AdviceItem(cause, severity, "t", "d", region, (), "s", strength)


def test_items_sort_by_severity_then_strength_then_cause_and_region():
    items = [
        _item("weak_core", "info", 9.0),
        _item("neck_position", "caution", 1.0),
        _item("persistent_pain", "see_professional", 0.5),
        _item("knee_valgus", "caution", 3.0),
        _item("weak_glutes", "info", 9.0, "lower_back"),
        _item("weak_glutes", "info", 9.0, "hamstring"),
    ]
    ordered = [(i.cause, i.region) for i in sorted(items, key=AdviceItem.sort_key)]
    assert ordered == [
        ("persistent_pain", None),
        ("knee_valgus", None),
        ("neck_position", None),
        ("weak_core", None),
        ("weak_glutes", "hamstring"),
        ("weak_glutes", "lower_back"),
    ]


def test_a_mixed_history_lists_referrals_then_cautions_then_infos():
    rows = [
        *loads([100] * 12, padding="none", pain={"hip_bone": 5}),
        *pains("hamstring", {11: 4, 12: 4}),
        symptom(day(12), "numbness"),
    ]
    found = advice_for(rows)
    ranks = [{"see_professional": 0, "caution": 1, "info": 2}[i.severity] for i in found]
    assert ranks == sorted(ranks)
    assert set(ranks) == {0, 1, 2}
    assert found == sorted(found, key=AdviceItem.sort_key)


def test_two_rules_naming_the_same_cause_and_region_give_one_item_the_more_severe():
    rows = [*loads_with_jump(10, jump_week=9), *pains("lower_back", {9: 4, 10: 5})]
    found = advice_for(rows, today_week=10)
    keys = [(i.cause, i.region) for i in found]
    assert len(keys) == len(set(keys))
    assert keys.count(("lumbar_hyperextension", "lower_back")) == 1


def test_the_same_cause_in_two_regions_gives_one_item_naming_both():
    rows = [*loads([100] * 12), *pains("lower_back", {12: 4}), *pains("hamstring", {12: 4})]
    (item,) = [i for i in advice_for(rows) if i.cause == "weak_glutes"]
    assert set(item.regions) == {"lower_back", "hamstring"}
    assert item.region in item.regions
    assert "The same shows in your" in item.detail


def test_as_dict_gives_exactly_the_contract_item_shape():
    rows = [
        *loads([100] * 12, padding="none", pain={"hip_bone": 6}),
        character(12, "hip_bone", "bruise", 6),
    ]
    item = next(i for i in advice_for(rows) if i.cause == "unpadded_bar")
    shape = item.as_dict()
    assert set(shape) == CONTRACT_KEYS | {"regions", "follow_up"}
    assert shape["cause"] == "unpadded_bar"
    assert shape["severity"] == "caution"
    assert shape["region"] == "hip_bone"
    assert shape["source_section"] == "Common Causes of Pain: Equipment and Setup"
    assert {
        "date": "2026-03-23",
        "metric": "hip bone pain with no pad",
        "value": 6,
        "kind": "pain",
    } in shape["evidence"]
    assert json.loads(json.dumps(shape)) == shape


def test_evidence_values_are_plain_numbers():
    assert Evidence(date(2026, 3, 2), "top-set load (kg)", 100.0).as_dict()["value"] == 100
    assert Evidence(date(2026, 3, 2), "ratio", 1.23456).as_dict()["value"] == 1.23
    assert isinstance(Evidence(date(2026, 3, 2), "x", 5).as_dict()["value"], int)
