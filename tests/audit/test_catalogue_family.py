"""Catalogue entries that name a kind of equipment with a threshold (`match: family`), not models."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

from effaudit.engine import audit
from effaudit.inventory import read_inventory
from effaudit.standards.rulebook import Rulebook

CATALOGUE = """
kind: phase_out_catalogue
id: TEST-CATALOGUE
title: {zh: 测试目录, en: test catalogue}
edition: "2024"
effective: 2024-02-01
confidence: provisional
entries:
  - serial: "1"
    family: boiler
    match: family
    category_zh: 锅炉
    product_zh: 10蒸吨/小时及以下燃煤锅炉（测试用）
    models: []
    series: []
    requirement_zh: 测试
    confidence: provisional
    outcomes:
      - when: [{field: capacity_t_h_equiv, max: 10}, {field: fuel, equals: bituminous}]
        action: stop_use
        deadline: null
"""


def test_family_entry_applies_by_conditions(tmp_path: Path) -> None:
    rulebook_dir = tmp_path / "rulebook"
    rulebook_dir.mkdir()
    (rulebook_dir / "test.yaml").write_text(textwrap.dedent(CATALOGUE), encoding="utf-8")
    inventory = tmp_path / "boilers.csv"
    inventory.write_text("设备编号,设备名称,额定蒸发量(t/h),燃料\n"
                         "B1,蒸汽锅炉,10,烟煤\n"      # at the threshold: listed
                         "B2,蒸汽锅炉,10.5,烟煤\n"    # above it: not listed
                         "B3,蒸汽锅炉,4,天然气\n"     # not coal: not listed
                         "B4,蒸汽锅炉,,烟煤\n"        # capacity unknown: not cleared silently
                         "M1,电动机,,\n", encoding="utf-8")
    result = audit(read_inventory(inventory), Rulebook.load(rulebook_dir), dt.date(2026, 11, 22))
    catalogue = result.findings[result.findings["code"].str.startswith("PO")]  # no boiler standard in this rulebook
    codes = catalogue.groupby("item")["code"].apply(list).to_dict()
    assert codes.get(0) == ["PO101"] and result.items.loc[0, "verdict"] == "phase_out"
    assert 1 not in codes and 2 not in codes and 4 not in codes
    assert codes.get(3) == ["PO103"]
    message = catalogue.loc[catalogue["item"] == 3, "message_en"].iloc[0]
    assert "supply rated steam capacity (t/h) or thermal power (MW)" in message  # named as a reader knows it
    assert "capacity_t_h_equiv" not in message
