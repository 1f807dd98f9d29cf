"""What the audit keeps of a large inventory: one Python string per distinct text in its long-lived columns, the
findings' few distinct texts as categoricals, the 2027 share's list built from masks (effaudit.target_share), and the
large stages worked a block of items at a time."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from effaudit import findings
from effaudit.engine import audit
from effaudit.inventory import read_inventory
from effaudit.io.values import factorize, texts_select, texts_where
from effaudit.report import json_report
from effaudit.savings.profile import load_profile
from effaudit.standards.rulebook import Rulebook
from effaudit.target_share import target_share

AS_OF = dt.date(2026, 11, 22)
ROOT = Path(__file__).resolve().parents[2]
EXAMPLE, PROFILE = ROOT / "examples" / "inventory.xlsx", ROOT / "examples" / "operating-profile.yaml"


def _objects(values: object) -> int:
    return len({id(value) for value in np.asarray(values, dtype=object) if isinstance(value, str)})


def test_texts_where_and_select_hold_one_string_per_text() -> None:
    """np.where would make a new Python string per row of an object array; these hold the given ones."""
    condition = np.array([True, False, True, True, False])
    picked = texts_where(condition, "advisory", texts_where(~condition, "violation", None))
    assert picked.tolist() == ["advisory", "violation", "advisory", "advisory", "violation"]
    assert picked.dtype == object and _objects(picked) == 2
    assert _objects(np.where(condition, "advisory", None)) == 3  # what it avoids
    chosen = texts_select([condition, ~condition], ["no_hours", "no_measured"], None)
    assert chosen.tolist() == ["no_hours", "no_measured", "no_hours", "no_hours", "no_measured"]
    assert _objects(chosen) == 2


def test_an_audit_keeps_one_string_per_distinct_severity_history_and_reason(tmp_path: Path) -> None:
    """Motors below today's minimum (severity and history set per row by the history check) and without operating
    hours (the savings' reason and load source set per row): each distinct text is one object."""
    path = tmp_path / "motors.csv"
    rows = [f"M-{n},电动机,电动机,YE3-160M-4,11,4,{efficiency},1,{made}"
            for n, (efficiency, made) in enumerate([(80.0, "2009-05"), (80.0, "2023-05"), (85.0, "2010-01"),
                                                     (80.0, ""), (91.0, "2023-05"), (80.0, "2023-06")] * 3)]
    path.write_text("设备编号,设备名称,设备类别,型号规格,额定功率(kW),极数,效率(%),数量,出厂日期\n" + "\n".join(rows) + "\n",
                    encoding="utf-8")
    result = audit(read_inventory(path, today=AS_OF), Rulebook.load(), AS_OF)
    found, savings = result.findings, result.savings.items
    assert set(found["severity"]) >= {"violation", "advisory"} and found["history"].nunique() >= 2
    for column in (found["severity"], found["history"], savings["reason"], savings["load_source"]):
        assert len(column.dropna()) > column.nunique() > 0
        assert _objects(column.to_numpy(dtype=object)) == column.nunique()


def test_target_share_lists_the_items_below_the_level_worst_first_by_power() -> None:
    """Shares by units and by power over the graded key items; the list by power (kW × quantity) descending, then by
    row; an item without power last; units default to one."""
    items = pd.DataFrame({
        "sheet": "设备", "row": [2, 3, 4, 5, 6, 7], "equipment_id": ["a", "b", "c", "d", "e", "f"],
        "name": "电动机", "family": ["motor_lv", "motor_lv", "motor_lv", "motor_lv", "fan", "vehicle"],
        "model": None, "verdict": ["below_minimum", "energy_saving", "below_energy_saving", "below_minimum",
                                   "not_assessable", "phase_out"],
        "quantity": [2.0, 1.0, None, 1.0, 1.0, 1.0], "rated_power_kw": [5.0, 10.0, 10.0, None, 3.0, 100.0]})
    share = target_share(items.astype({"sheet": "string", "equipment_id": "string", "name": "string",
                                       "family": "string", "model": "string"}))
    assert share.below_target["equipment_id"].tolist() == ["a", "c", "d"]  # 10 kW (2 × 5) before 10 kW: by row
    assert share.below_target["units"].tolist() == [2.0, 1.0, 1.0]
    assert share.below_target["rated_power_kw"].fillna(-1).tolist() == [10.0, 10.0, -1]
    assert share.below_target["item"].tolist() == [0, 2, 3]
    assert (share.assessed.lines, share.assessed.quantity, share.assessed.rated_power_kw) == (4, 5.0, 30.0)
    assert (share.at_target.lines, share.at_target.quantity) == (1, 1.0)
    assert (share.not_assessed.lines, share.not_assessed.quantity) == (1, 1.0)
    assert share.assessed_without_power == 1 and share.share_by_count == 0.2


def test_checks_and_savings_a_block_of_items_at_a_time_give_the_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    """The efficiency check and the savings estimate work a block of items at a time (findings.ITEMS_PER_BLOCK):
    blocks of three items give the same findings, savings and renewal list, byte for byte, as one block."""
    profile = load_profile(PROFILE)

    def document() -> str:
        result = audit(read_inventory(EXAMPLE, today=AS_OF), Rulebook.load(), AS_OF, profile=profile)
        return "".join(json_report.chunks(result, "en"))

    whole = document()
    monkeypatch.setattr(findings, "ITEMS_PER_BLOCK", 3)
    assert len(findings.item_blocks(20)) == 7
    assert document() == whole
    assert whole.count('"saving": {"estimated": true') >= 6 and whole.count('"code": "EF10') >= 10


def test_the_findings_hold_their_few_distinct_texts_as_categoricals_of_sorted_categories() -> None:
    """A finding's code, severity, standard, units … are one small integer each (not a reference to a Python
    string, 8 bytes), the categories sorted; the messages stay text. factorize reads them in order of appearance,
    as it reads text."""
    result = audit(read_inventory(EXAMPLE, today=AS_OF), Rulebook.load(), AS_OF, profile=load_profile(PROFILE))
    found = result.findings
    for name in findings.COMPACT_COLUMNS:
        column = found[name]
        assert isinstance(column.dtype, pd.CategoricalDtype), name
        assert column.cat.codes.dtype == np.int8 and list(column.cat.categories) == sorted(column.cat.categories)  # 1 byte
    assert isinstance(found["message_zh"].dtype, pd.StringDtype) and isinstance(found["part_en"].dtype, pd.StringDtype)
    assert found["code"].nunique() >= 10 and found["standard"].notna().sum() > 50
    codes, distinct = factorize(found["severity"])
    text_codes, text_distinct = factorize(found["severity"].astype("string"))
    assert distinct.tolist() == text_distinct.tolist() and (codes == text_codes).all()
    assert isinstance(findings.empty_findings()["code"].dtype, pd.CategoricalDtype)


def test_joining_findings_in_any_split_gives_the_same_frame() -> None:
    """Frames whose texts appear in different orders (text columns, or categoricals of an earlier join) join to the
    same categories and codes, sorted by item and code."""
    first = findings.findings_frame([2, 0], code=["EF103", "DQ101"], severity=["advisory", "violation"],
                                    standard=["GB 18613-2020", None], message_zh=["甲", "乙"])
    second = findings.findings_frame([1, 3], code=["EF101", "EF120"], severity="violation",
                                     standard=["GB 18613-2020", "GB 18613-2020"], message_zh=["丙", "丁"])
    one_way = findings.joined([first.copy(), second.copy()], sort=True)
    other_way = findings.joined([findings.joined([second.copy()]), first.copy()], sort=True)
    pd.testing.assert_frame_equal(one_way, other_way)
    assert one_way["item"].tolist() == [0, 1, 2, 3]
    assert one_way["code"].tolist() == ["DQ101", "EF101", "EF103", "EF120"]
    assert list(one_way["severity"].cat.categories) == ["advisory", "violation"]
    assert one_way["standard"].isna().tolist() == [True, False, False, False]
    assert one_way["deadline"].isna().all() and isinstance(one_way["deadline"].dtype, pd.CategoricalDtype)


def test_blocks_of_items_join_to_the_frame_of_one_block(monkeypatch: pytest.MonkeyPatch) -> None:
    """The findings of blocks of three items are the whole's frame: the same categories, codes and order."""
    profile = load_profile(PROFILE)
    whole = audit(read_inventory(EXAMPLE, today=AS_OF), Rulebook.load(), AS_OF, profile=profile).findings
    monkeypatch.setattr(findings, "ITEMS_PER_BLOCK", 3)
    blocks = audit(read_inventory(EXAMPLE, today=AS_OF), Rulebook.load(), AS_OF, profile=profile).findings
    pd.testing.assert_frame_equal(blocks, whole)
    for name in findings.COMPACT_COLUMNS:
        assert list(blocks[name].cat.categories) == list(whole[name].cat.categories), name
